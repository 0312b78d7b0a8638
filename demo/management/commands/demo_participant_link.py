from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from demo.loader import seed_participant
from editorial.invitations import create_invitation, invitation_url


class Command(BaseCommand):
    help = (
        "Print a fresh link to the demo participant's page (the seed story's participant), "
        "to try the participant's side. No email is sent."
    )

    def handle(self, *args, **options):
        participant = seed_participant()
        if participant is None:
            raise CommandError("No demo participant: run `manage.py load_demo` first.")
        # Landing on their page, as a plain invitation does; a link with somewhere to
        # land is not counted against the participant's own invitations (rate limit),
        # so running this at every `make run` never blocks inviting them.
        _, token = create_invitation(
            participant=participant, by=None, lands_on=reverse("portal:home")
        )
        self.stdout.write(f"Try the participant's side: {invitation_url(token)}")
