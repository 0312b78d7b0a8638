from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "People and organisations"

    def ready(self):
        # Models may be imported only once every app is loaded: here, as Django asks.
        from django.utils import timezone

        from pagecache import signals as pagecache
        from pagecache.versions import add_schedule
        from participants.models import Cohort, Organisation, Participant, Programme

        # What public pages show of people, their organisations and cohorts.
        pagecache.watch(Participant, Organisation, Cohort, Programme)
        pagecache.watch_relations(Participant.cohorts.through)
        add_schedule(lambda now: Participant.objects.next_consent_end(timezone.localdate(now)))
