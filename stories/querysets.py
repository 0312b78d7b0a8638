from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from taggit.models import Tag

from participants.models import Cohort, Participant
from participants.querysets import public_story

# A story page shows at least this many related stories, when there are as many.
RELATED_AT_LEAST = 3
# Related stories are ranked among this many of the newest sharing a theme.
RELATED_POOL = 200
# The themes' index looks for each theme's picture among this many newest public stories.
COVER_POOL = 500


class StoryQuerySet(models.QuerySet):
    def public(self):
        """The one definition of a story the public may see.

        Published, with a publication time that has come and an unpublish
        time (if any) that has not, and a participant whose consent stands.
        The query decides, so schedules need no job. Every public view, feed,
        sitemap and search starts here.
        """
        return self.filter(public_story())

    def next_scheduled_change(self, now):
        """The next moment a published story goes live or is unpublished, or None."""
        published = self.filter(status=self.model.Status.PUBLISHED)
        moments = published.aggregate(
            goes_live=Min("published_at", filter=Q(published_at__gt=now)),
            ends=Min("expires_at", filter=Q(expires_at__gt=now)),
        )
        return min((m for m in moments.values() if m is not None), default=None)

    def for_theme(self, theme, *, probe: bool = False):
        """Stories with this theme.

        A subquery rather than a join, so several theme filters never duplicate
        rows. `probe` asks it story by story (EXISTS), for walking the newest
        stories of a common theme in date order: SQLite would otherwise list and
        sort every story the theme has to find the first twelve.
        """
        through = self.model.themes.through
        if probe:
            return self.filter(Exists(through.objects.filter(story=OuterRef("pk"), theme=theme)))
        return self.filter(pk__in=through.objects.filter(theme=theme).values("story_id"))

    def for_tag(self, tag, *, probe: bool = False):
        """Stories with this tag; `probe` as for `for_theme`."""
        tagged = self.model.tags.through
        if probe:
            return self.filter(
                Exists(tagged.objects.filter(content_object=OuterRef("pk"), tag=tag))
            )
        return self.filter(pk__in=tagged.objects.filter(tag=tag).values("content_object_id"))

    def for_programme(self, programme):
        return self.filter(participant__in=Participant.objects.filter(cohorts__programme=programme))

    def for_cohort(self, cohort):
        return self.filter(participant__cohorts=cohort)

    def for_organisation(self, organisation):
        """Stories whose participant works there, or that it partnered in."""
        partnered = self.model.partners.through.objects.filter(organisation=organisation)
        return self.filter(
            Q(participant__organisation=organisation) | Q(pk__in=partnered.values("story_id"))
        )

    def tags_used(self):
        """The tags on these stories, by name."""
        tagged = self.model.tags.through.objects.filter(
            content_object__in=self.order_by().values("pk")
        )
        return Tag.objects.filter(pk__in=tagged.values("tag_id")).order_by("name")

    def tag_names_by_use(self, *, limit: int) -> list[str]:
        """The names of the tags on these stories, those on the most stories first.

        One grouped query, cut at `limit`, however many stories and tags there are.
        """
        tagged = self.model.tags.through.objects.filter(
            content_object__in=self.order_by().values("pk")
        )
        return list(
            tagged.values("tag__name")
            .annotate(stories=Count("content_object", distinct=True))
            .order_by("-stories", "tag__name")
            .values_list("tag__name", flat=True)[:limit]
        )

    def latest_first(self):
        # id breaks ties so pagination never repeats or skips a story.
        return self.order_by("-published_at", "-id")

    def pictures_only(self):
        """Just what a picture of each story needs (its renditions and alt text)."""
        return self.only("pk", "renditions", "hero_image_alt", "hero_image_decorative")

    def with_cards(self):
        """What a story card shows, fetched in a fixed number of queries.

        `chosen_by_panel`: a decided selection round chose it (its card's mark), read
        with the stories themselves rather than a query per card.
        """
        themes = self.model.themes.field.related_model.objects.order_by("order", "name")
        choices = self.model.considerations.rel.related_model.objects
        return (
            self.select_related("participant", "participant__organisation")
            .prefetch_related(Prefetch("themes", queryset=themes), "tags")
            .annotate(chosen_by_panel=choices.chosen_story())
        )

    def with_details(self):
        """A card's data plus what the story page shows."""
        return self.with_cards().prefetch_related(
            Prefetch(
                "partnerships",
                queryset=self.model.partnerships.rel.related_model.objects.select_related(
                    "organisation"
                ),
            ),
            "outcomes",
            Prefetch("participant__cohorts", queryset=Cohort.objects.select_related("programme")),
        )

    def with_public_evidence(self):
        """Each outcome's evidence marked public, as `outcome.public_evidence`: one query
        for all of them, whatever the number of outcomes and items. What a story's page
        shows; the page itself is public, or a preview of what will be."""
        evidence = self.model.outcomes.rel.related_model.evidence.rel.related_model
        return self.prefetch_related(
            Prefetch(
                "outcomes__evidence",
                queryset=evidence.objects.marked_public(),
                to_attr="public_evidence",
            )
        )

    def related_to(self, story, *, limit: int = 6, minimum: int = RELATED_AT_LEAST):
        """Public stories sharing most themes with `story`, newest first among equals.

        Stories sharing no theme fill in only up to `minimum`. Ranked among the
        RELATED_POOL newest public stories sharing a theme and the newest few of any,
        found by walking the newest first, so one query reads a few hundred stories
        (of common themes), however large the archive.
        """
        theme_ids = [theme.pk for theme in story.themes.all()]
        others = self.public().exclude(pk=story.pk)
        through = self.model.themes.through
        sharing_one = through.objects.filter(story=OuterRef("pk"), theme_id__in=theme_ids)
        pool = others.filter(Exists(sharing_one)).latest_first().values("pk")[:RELATED_POOL]
        newest = others.latest_first().values("pk")[:minimum]
        ranked = list(
            others.filter(Q(pk__in=pool) | Q(pk__in=newest))
            .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True))
            .order_by("-shared", "-published_at", "-id")
            .with_cards()[:limit]
        )
        sharing = [s for s in ranked if s.shared]
        return sharing if len(sharing) >= minimum else ranked[:minimum]

    # The editors' to-do lists (the admin's dashboard and the story list's filters).

    def drafts_of(self, user):
        """Drafts this user started, or moved back to draft: theirs to finish."""
        moves = self.model.status_changes.rel.related_model.objects.filter(
            story=OuterRef("pk"), to_status=self.model.Status.DRAFT, by=user
        )
        return self.filter(status=self.model.Status.DRAFT).filter(Exists(moves))

    def _asked_and_answered(self):
        """Whether an editor asked the participant to approve the story as it stands now
        (on their own page), and whether the participant has answered it as it stands."""
        asked = self.model.approval_requests.rel.related_model.objects.filter(
            story=OuterRef("pk"), edit_version=OuterRef("edit_version")
        )
        answers = self.model.sign_offs.rel.related_model.objects.filter(
            story=OuterRef("pk"),
            participant=OuterRef("participant"),
            edit_version=OuterRef("edit_version"),
        )
        return Exists(asked), Exists(answers)

    def awaiting_sign_off(self, now):
        """Unpublished stories shared with their participant by a link still open, or sent
        to their own page for approval as they stand now, which the participant has not
        answered (approved or asked for changes) since the last edit."""
        links = self.model.share_links.rel.related_model.objects.filter(
            story=OuterRef("pk"),
            participant=OuterRef("participant"),
            revoked_at__isnull=True,
            expires_at__gt=now,
        )
        asked, answered = self._asked_and_answered()
        unpublished = [self.model.Status.DRAFT, self.model.Status.REVIEW]
        return self.filter(status__in=unpublished).filter(Exists(links) | asked).exclude(answered)

    def on_participant_page(self, participant):
        """The participant's own stories for their page, newest change first, each with
        `is_public` and `awaiting_answer` (an editor asked them to approve the story as it
        stands now, and they have not answered since)."""
        asked, answered = self._asked_and_answered()
        unpublished = [self.model.Status.DRAFT, self.model.Status.REVIEW]
        return (
            self.filter(participant=participant)
            .annotate(
                is_public=Case(
                    When(public_story(), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                ),
                awaiting_answer=Case(
                    When(
                        Q(status__in=unpublished) & asked & ~answered,
                        then=Value(True),
                    ),
                    default=Value(False),
                    output_field=BooleanField(),
                ),
            )
            .order_by("-updated_at", "-id")
        )

    def scheduled(self, now):
        """Published stories whose publication time is still to come, soonest first."""
        return self.filter(status=self.model.Status.PUBLISHED, published_at__gt=now).order_by(
            "published_at", "id"
        )

    def changed_since(self, moment):
        """Stories saved since `moment`, the latest change first."""
        return self.filter(updated_at__gte=moment).order_by("-updated_at", "-id")


def _stories(themes):
    """Story, through the relation its themes field makes (the models import this module)."""
    return themes.model.stories.rel.related_model


class ThemeQuerySet(models.QuerySet):
    def public(self):
        """Themes the public may see: those at least one public story has.

        A theme only drafts (or scheduled, expired or withdrawn stories) have stays
        unseen, as their tags do. A probe per theme (EXISTS), as
        `OrganisationQuerySet.public` asks it.
        """
        stories = _stories(self).objects.public()
        return self.filter(Exists(stories.filter(themes=OuterRef("pk"))))

    def with_story_counts(self, stories):
        """Each theme with how many of `stories` (a story queryset) have it.

        In the themes' own order: a query that counts (GROUP BY) drops Meta.ordering,
        and PostgreSQL then returns the rows in any order.
        """
        return self.annotate(
            story_count=Count(
                "stories", filter=Q(stories__in=stories.order_by().values("pk")), distinct=True
            )
        ).order_by(*self.model._meta.ordering)

    def with_public_story_counts(self):
        return self.with_story_counts(_stories(self).objects.public())

    def with_newest_picture(self, stories):
        """Each theme with `cover_id`: the newest of `stories` on it with a picture (or
        None), for the themes' index.

        Looked for among the COVER_POOL newest of `stories` only: walking them all for a
        theme none of whose stories has a picture read the whole archive per theme
        (293 ms for 7 themes at 30,000 stories). A theme with no pictured story among
        them gets its plain tile.
        """
        through = _stories(self).themes.through
        on_theme = through.objects.filter(story=OuterRef("pk"), theme=OuterRef(OuterRef("pk")))
        pool = stories.latest_first().values("pk")[:COVER_POOL]
        newest = (
            stories.filter(pk__in=pool).exclude(hero_image="").filter(Exists(on_theme))
        ).latest_first()
        return self.annotate(cover_id=Subquery(newest.values("pk")[:1]))


class OutcomeQuerySet(models.QuerySet):
    def public(self):
        """Outcomes of public stories: what the public may count.

        A probe per outcome (EXISTS), so the ledger walks its date index and
        stops at a page's worth, instead of listing every public story first.
        """
        stories = self.model.story.field.related_model.objects.public()
        return self.filter(Exists(stories.filter(pk=OuterRef("story_id"))))

    def ledger_order(self):
        """Newest first; outcomes with no date after the dated ones; id breaks ties."""
        return self.order_by(F("achieved_on").desc(nulls_last=True), "-id")

    def with_story(self):
        """What a ledger row shows of its story, in the same query."""
        return self.select_related(
            "story", "story__participant", "story__participant__organisation"
        )

    def sums_by_kind_and_unit(self):
        """One row per (type, unit): the sum of the figures, how many, how many with one.

        SQLite adds decimals as floating point: a total past about 10^13 may be a
        penny out there (PostgreSQL's are exact).
        """
        return (
            self.order_by()
            .values("kind", "unit")
            .annotate(total=Sum("value"), outcomes=Count("pk"), with_figure=Count("value"))
        )

    def _evidenced(self) -> Q:
        """Evidenced: a public evidence item, or an evidence link."""
        evidence = self.model.evidence.rel.related_model.objects.filter(
            outcome=OuterRef("pk"), public=True
        )
        return Q(Exists(evidence)) | ~Q(evidence_url="")

    def evidenced(self):
        """Those with public evidence (an item marked public, or an evidence link)."""
        return self.filter(self._evidenced())

    def with_evidenced(self):
        """Each with `is_evidenced` (as `evidenced` says), in the same query."""
        return self.annotate(
            is_evidenced=Case(
                When(self._evidenced(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )

    def grades(self):
        """One row per (level, verification, intended, pathway step): how many outcomes,
        and how many of them are evidenced (a public evidence item, or an evidence link).
        What the funder's view adds up (impact.funders), in one query."""
        return (
            self.order_by()
            .values("level", "verification", "intended", "pathway_step_id")
            .annotate(outcomes=Count("pk"), evidenced=Count("pk", filter=self._evidenced()))
        )
