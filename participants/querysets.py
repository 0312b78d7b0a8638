import datetime as dt

from django.db import models
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

# A story's status when published (stories.Story.Status.PUBLISHED): the rule of what
# is public lives here, beside consent, since stories stand above participants.
PUBLISHED = "published"

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


def public_story(prefix: str = "") -> Q:
    """The condition under which a story is public, through a relation named by `prefix`.

    `Story.objects.public()` applies it directly; a related model asks "is there
    a public story" with `Exists(...filter(public_story("story__"), ...))`, a
    probe per row rather than a list of every public story (which SQLite would
    build in full before answering a question about one organisation).
    """
    now = timezone.now()
    return (
        consent_stands(f"{prefix}participant__")
        & (Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now}))
        & Q(**{f"{prefix}status": PUBLISHED, f"{prefix}published_at__lte": now})
    )


def _stories_of(participant_model):
    """The Story model, reached through the relation its participant field makes:
    stories are defined above this app, which never imports them."""
    return participant_model.stories.rel.related_model


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
        # Consent to the calendar's last day (which a date field takes) never runs out.
        if last_day is None or last_day >= dt.date.max:
            return None
        midnight = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time())
        return timezone.make_aware(midnight)

    def consent_ending(self, today, *, within_days: int = 30):
        """People whose consent stands today and runs out within `within_days`, soonest first:
        their stories leave the public site then unless consent is renewed."""
        last_day = today + dt.timedelta(days=within_days)
        return (
            self.with_consent()
            .filter(consent_expires_on__range=(today, last_day))
            .order_by("consent_expires_on", "name", "pk")
        )

    def public(self):
        """Participants the public may see: consent stands and a story is public.

        A probe per participant (EXISTS), so looking up one person costs the
        same at any size of archive.
        """
        stories = _stories_of(self.model).objects.filter(public_story())
        return self.with_consent().filter(Exists(stories.filter(participant=OuterRef("pk"))))

    def with_public_story_counts(self):
        return self.annotate(story_count=Count("stories", filter=public_story("stories__")))


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Organisations named on a public story, as a participant's employer or a partner."""
        stories = _stories_of(self.model.participants.rel.related_model).objects
        partnerships = self.model.partnerships.rel.related_model.objects
        return self.filter(
            Exists(stories.filter(public_story(), participant__organisation=OuterRef("pk")))
            | Exists(partnerships.filter(public_story("story__"), organisation=OuterRef("pk")))
        )

    def with_public_story_counts(self):
        return self.annotate(
            story_count=Count(
                "participants__stories",
                filter=public_story("participants__stories__"),
                distinct=True,
            ),
            partnership_count=Count(
                "partnerships",
                filter=public_story("partnerships__story__"),
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
