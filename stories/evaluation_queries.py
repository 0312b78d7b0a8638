"""What may be read of the evaluation: the one place that says what of it is public."""

import datetime as dt

from django.db import models
from django.db.models import Exists, Min, OuterRef
from django.utils import timezone


def _public_stories(model, path: str):
    """The public stories, as an EXISTS probe on `path` (the story's id from this row)."""
    story = model._meta.apps.get_model("stories", "Story")
    return Exists(story.objects.public().filter(pk=OuterRef(path)))


class EvidenceQuerySet(models.QuerySet):
    def marked_public(self):
        """Evidence its editors mark public, whatever its story's state: what a story's
        page lists under each outcome, once the page may be seen (or in a preview)."""
        return self.filter(public=True)

    def public(self):
        """Evidence marked public, of an outcome of a public story."""
        return self.marked_public().filter(_public_stories(self.model, "outcome__story_id"))


class PathwayStepQuerySet(models.QuerySet):
    def of_programmes(self, programme_ids):
        return self.filter(programme_id__in=programme_ids)

    def of_participant(self, participant_id):
        """The steps of the programmes of the participant's cohorts, by programme, in order."""
        return (
            self.filter(programme__cohorts__participants=participant_id)
            .select_related("programme")
            .distinct()
            .order_by("programme__name", "programme_id", "order", "id")
        )


class SelectionRoundQuerySet(models.QuerySet):
    def decided(self):
        """Rounds whose panel has chosen, as of today: their choices may be shown."""
        return self.filter(decided_on__isnull=False, decided_on__lte=timezone.localdate())

    def next_decision(self, now):
        """The moment the next round's choices appear (the midnight its decision day
        begins), for the page cache's schedule; None when no round waits for its day."""
        day = self.filter(
            decided_on__gt=timezone.localdate(now), considerations__chosen=True
        ).aggregate(first=Min("decided_on"))["first"]
        if day is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, dt.time()))


class ConsiderationQuerySet(models.QuerySet):
    def public_choices(self):
        """The stories a decided round chose, while the story is public."""
        rounds = self.model.selection_round.field.related_model.objects.decided()
        return self.filter(
            _public_stories(self.model, "story_id"),
            chosen=True,
            selection_round__in=rounds,
        )

    def chosen_story(self):
        """EXISTS: the story of the row outside (a story's `pk`) is a public choice."""
        return Exists(self.public_choices().filter(story=OuterRef("pk")))

    def with_round(self):
        return self.select_related("selection_round", "theme")

    def with_stories(self):
        """A round's choices with what a list of them shows: the round, theme, story
        and its participant; the latest decision first."""
        return (
            self.with_round()
            .select_related("story__participant")
            .order_by("-selection_round__decided_on", "-selection_round_id", "theme__order", "pk")
        )
