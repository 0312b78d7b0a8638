import datetime as dt

from django.apps import apps
from django.db import models
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

# Consent scopes that allow a participant on the public website.
PUBLIC_WEB_SCOPES = ("web_and_print", "web")


def consent_stands(prefix: str = "") -> Q:
    """The condition under which a participant may appear in public.

    `prefix` lets story queries apply the same rule through their FK
    (`consent_stands("participant__")`), so there is one definition of consent.
    Consent ends at the end of its last valid day, so expiry needs no job: the
    query decides, and the participant leaves every public surface at once.
    """
    today = timezone.localdate()
    return Q(
        **{
            f"{prefix}consent_given": True,
            f"{prefix}consent_name": True,
            f"{prefix}consent_withdrawn_at__isnull": True,
            f"{prefix}consent_scope__in": PUBLIC_WEB_SCOPES,
        }
    ) & (
        Q(**{f"{prefix}consent_expires_on__isnull": True})
        | Q(**{f"{prefix}consent_expires_on__gte": today})
    )


def _public_stories():
    return apps.get_model("stories", "Story").objects.public()


def _public_partnerships():
    # stories.querysets imports this module, so it is imported when first used.
    from stories.querysets import public_story

    return apps.get_model("stories", "StoryPartner").objects.filter(public_story("story__"))


class ParticipantQuerySet(models.QuerySet):
    def with_consent(self):
        return self.filter(consent_stands())

    def next_consent_end(self, today):
        """The moment the next standing consent runs out (the midnight after its last day)."""
        last_day = (
            self.with_consent()
            .filter(consent_expires_on__gte=today)
            .aggregate(last=Min("consent_expires_on"))["last"]
        )
        if last_day is None:
            return None
        midnight = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time())
        return timezone.make_aware(midnight)

    def public(self):
        """Participants the public may see: consent stands and a story is public.

        A probe per participant (EXISTS), so looking up one person costs the
        same at any size of archive.
        """
        return self.with_consent().filter(
            Exists(_public_stories().filter(participant=OuterRef("pk")))
        )

    def with_public_story_counts(self):
        stories = apps.get_model("stories", "Story").objects.public()
        return self.annotate(
            story_count=Count("stories", filter=Q(stories__in=stories.values("pk")))
        )


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Organisations named on a public story, as a participant's employer or a partner."""
        return self.filter(
            Exists(_public_stories().filter(participant__organisation=OuterRef("pk")))
            | Exists(_public_partnerships().filter(organisation=OuterRef("pk")))
        )

    def with_public_story_counts(self):
        stories = apps.get_model("stories", "Story").objects.public()
        return self.annotate(
            story_count=Count(
                "participants__stories",
                filter=Q(participants__stories__in=stories.values("pk")),
                distinct=True,
            ),
            partnership_count=Count(
                "partnerships",
                filter=Q(partnerships__story__in=stories.values("pk")),
                distinct=True,
            ),
        )


class CohortQuerySet(models.QuerySet):
    def public(self):
        """Cohorts with at least one participant the public may see."""
        people = self.model.participants.rel.related_model.objects.public()
        return self.filter(Exists(people.filter(cohorts=OuterRef("pk"))))


class ProgrammeQuerySet(models.QuerySet):
    def public(self):
        """Programmes with at least one public cohort."""
        cohorts = self.model.cohorts.rel.related_model.objects.public()
        return self.filter(Exists(cohorts.filter(programme=OuterRef("pk"))))
