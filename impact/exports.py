"""What the open data exports hold: the public rows, read in a fixed number of
queries, and each as plain data shared by the CSV and the JSON (impact.open_data)."""

from django.db.models import Prefetch

from impact.filters import ImpactFilters
from participants.models import Organisation
from stories.filters import StoryFilters
from stories.models import Outcome, Story, Theme

# Reads


def stories_for_export(filters: StoryFilters):
    """Public stories matching the listing filters, newest first, with all they show."""
    return filters.apply(Story.objects.public()).latest_first().with_details()


def outcomes_for_export(filters: ImpactFilters):
    themes = Theme.objects.order_by("order", "name")
    return (
        filters.apply_to_outcomes(Outcome.objects.public())
        .select_related("story__participant__organisation")
        .prefetch_related(Prefetch("story__themes", queryset=themes))
        .order_by("-story__published_at", "-story_id", "order", "id")
    )


def organisations_for_export():
    return Organisation.objects.public().with_public_story_counts().order_by("name", "pk")


# Rows: plain data, shared by the CSV and the JSON


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _organisation(organisation, absolute) -> dict | None:
    if organisation is None:
        return None
    return {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "url": absolute(organisation.get_absolute_url()),
    }


def outcome_data(outcome: Outcome) -> dict:
    return {
        "type": outcome.kind,
        "type_label": outcome.get_kind_display(),
        "description": outcome.description,
        "value": None if outcome.value is None else str(outcome.value),
        "unit": outcome.unit,
        "date": _iso(outcome.achieved_on),
        "evidence_url": outcome.evidence_url,
        "verified_by": outcome.verified_by,
        "verified_on": _iso(outcome.verified_on),
    }


def story_data(story: Story, absolute) -> dict:
    """A story for the JSON API; `story` comes from `with_details()`."""
    person = story.participant
    data = {
        "title": story.title,
        "slug": story.slug,
        "url": absolute(story.get_absolute_url()),
        "summary": story.summary,
        "published_at": _iso(story.published_at),
        "participant": {
            "name": person.name,
            "slug": person.slug,
            "job_title": person.job_title,
            "url": absolute(person.get_absolute_url()),
            "organisation": _organisation(person.organisation, absolute),
        },
        "cohorts": [
            {
                "name": cohort.name,
                "slug": cohort.slug,
                "programme": cohort.programme.name,
                "programme_slug": cohort.programme.slug,
            }
            for cohort in person.cohorts.all()
        ],
        "themes": [{"name": theme.name, "slug": theme.slug} for theme in story.themes.all()],
        "tags": sorted(tag.name for tag in story.tags.all()),
        "partners": [
            _organisation(partner.organisation, absolute) | {"role": partner.role}
            for partner in story.partnerships.all()
        ],
        "outcomes": [outcome_data(outcome) for outcome in story.outcomes.all()],
    }
    if person.consent_quotes and story.pull_quote:
        data["pull_quote"] = story.pull_quote
    return data


def story_row(story: Story, absolute) -> dict:
    """A story as one flat CSV row; lists become "; "-separated cells."""
    person = story.participant
    organisation = person.organisation
    return {
        "title": story.title,
        "slug": story.slug,
        "url": absolute(story.get_absolute_url()),
        "summary": story.summary,
        "published_at": _iso(story.published_at),
        "participant": person.name,
        "participant_slug": person.slug,
        "job_title": person.job_title,
        "organisation": organisation.name if organisation else None,
        "organisation_slug": organisation.slug if organisation else None,
        "organisation_kind": organisation.kind if organisation else None,
        "cohorts": [str(cohort) for cohort in person.cohorts.all()],
        "themes": [theme.name for theme in story.themes.all()],
        "tags": sorted(tag.name for tag in story.tags.all()),
        "partners": [str(partner) for partner in story.partnerships.all()],
        "outcomes": len(story.outcomes.all()),
        "pull_quote": story.pull_quote if person.consent_quotes else None,
    }


def outcome_row(outcome: Outcome, absolute) -> dict:
    story = outcome.story
    organisation = story.participant.organisation
    return {
        "story": story.title,
        "story_slug": story.slug,
        "story_url": absolute(story.get_absolute_url()),
        "published_at": _iso(story.published_at),
        "participant": story.participant.name,
        "organisation": organisation.name if organisation else None,
        "organisation_slug": organisation.slug if organisation else None,
        "organisation_kind": organisation.kind if organisation else None,
        "themes": [theme.name for theme in story.themes.all()],
    } | outcome_data(outcome)


def organisation_row(organisation: Organisation, absolute) -> dict:
    return {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "kind_label": organisation.get_kind_display(),
        "url": absolute(organisation.get_absolute_url()),
        "website": organisation.website,
        "public_stories": organisation.story_count,
        "public_partnerships": organisation.partnership_count,
    }
