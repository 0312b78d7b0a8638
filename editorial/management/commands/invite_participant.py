from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from editorial.invitations import DEFAULT_DAYS, invitation_url, invite
from participants.models import Participant

MOST_DAYS = 90


class Command(BaseCommand):
    help = (
        "Invite a participant to their own page (/my/): a new link, emailed to the address "
        "on their record. Earlier links of theirs never opened stop working."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The participant's slug, as in /participants/<slug>/.")
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"How many days the link works (default {DEFAULT_DAYS}, at most {MOST_DAYS}).",
        )

    def handle(self, *args, slug, days, **options):
        if not 1 <= days <= MOST_DAYS:
            raise CommandError(f"--days must be between 1 and {MOST_DAYS}.")
        participant = Participant.objects.filter(slug=slug).first()
        if participant is None:
            raise CommandError(f"No participant has the slug “{slug}”.")
        try:
            invitation, token = invite(participant=participant, by=None, days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Link for {participant.name}: {invitation_url(token)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"The invitation email to {invitation.sent_to} is queued. "
                f"The link works until {invitation.expires_at:%-d %B %Y}."
            )
        )
