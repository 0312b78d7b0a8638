from django.core.management.base import BaseCommand

from editorial.reminders import CONSENT_WARNING_DAYS, send_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders that are due: to a participant whose story has waited 7 days "
        f"for their approval (once), and to editors and a participant whose consent ends "
        f"within {CONSENT_WARNING_DAYS} days (once for each end date), and to a participant "
        "whose story a selection panel chose, once its decision day has come (once). "
        "Run it daily (cron); "
        "running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        summary = send_reminders()
        for line in [*summary.approval_reminders, *summary.consent_endings, *summary.chosen_told]:
            self.stdout.write(line)
        if summary.requeued:
            self.stdout.write(
                f"Queued again {summary.requeued} email{'s' if summary.requeued != 1 else ''} "
                "left unsent (see Notifications in the admin)."
            )
        if not summary.sent_anything:
            self.stdout.write(
                "No reminders were due."
                if summary.requeued
                else "No reminders were due: nothing was sent."
            )
            return
        approvals, endings = len(summary.approval_reminders), len(summary.consent_endings)
        chosen = len(summary.chosen_told)
        told = f", and told {chosen} participant{'s' if chosen != 1 else ''} of a panel's choice"
        self.stdout.write(
            self.style.SUCCESS(
                f"Sent {approvals} approval reminder{'s' if approvals != 1 else ''} and "
                f"{endings} consent ending notice{'s' if endings != 1 else ''}"
                f"{told if chosen else ''}."
            )
        )
