"""What the open data exports hold: the public rows, read in a fixed number of
queries, and each as plain data shared by the CSV and the JSON (impact.open_data)."""

from django.db.models import Prefetch

from impact.filters import ImpactFilters
from participants.models import Organisation
from stories.filters import StoryFilters
from stories.models import Evidence, Outcome, Story, Theme

# Reads


def stories_for_export(filters: StoryFilters):
    """Public stories matching the listing filters, newest first, with all they show."""
    return filters.apply(Story.objects.public()).latest_first().with_details()


def outcomes_for_export(filters: ImpactFilters):
    """Public outcomes, with their story, pathway step, themes and public evidence."""
    themes = Theme.objects.order_by("order", "name")
    return (
        filters.apply_to_outcomes(Outcome.objects.public())
        .select_related("story__participant__organisation", "pathway_step")
        .prefetch_related(
            Prefetch("story__themes", queryset=themes),
            Prefetch("evidence", queryset=Evidence.objects.public(), to_attr="public_evidence"),
        )
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
    """An outcome's own fields, with the names the issue fixed (README, "Open data"); no
    query, so a story's outcomes carry them too."""
    return {
        "type": outcome.kind,
        "type_label": outcome.get_kind_display(),
        "description": outcome.description,
        "value": None if outcome.value is None else str(outcome.value),
        "unit": outcome.unit,
        "date": _iso(outcome.achieved_on),
        "evidence_url": outcome.evidence_url,
        "level": outcome.level,
        "who_changed": outcome.who_changed,
        "change_kind": outcome.change_kind,
        "intended": outcome.intended,
        "contribution": outcome.contribution,
        "significance": outcome.significance,
        "verification": outcome.verification,
        "verified_by": outcome.verified_by,
        "verifier_organisation": outcome.verifier_organisation,
        "verifier_relationship": outcome.verifier_relationship,
        "verified_on": _iso(outcome.verified_on),
    }


def evidence_data(evidence: Evidence, absolute) -> dict:
    """A public evidence item: a file only by its own address, served while public."""
    return {
        "kind": evidence.kind,
        "description": evidence.description,
        "url": absolute(evidence.public_address),
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
    """An outcome with its story, its pathway step and its public evidence (from
    `outcomes_for_export`). The CSV lists the evidence's addresses (open_data)."""
    story = outcome.story
    organisation = story.participant.organisation
    step = outcome.pathway_step
    return (
        {
            "story": story.title,
            "story_slug": story.slug,
            "story_url": absolute(story.get_absolute_url()),
            "published_at": _iso(story.published_at),
            "participant": story.participant.name,
            "organisation": organisation.name if organisation else None,
            "organisation_slug": organisation.slug if organisation else None,
            "organisation_kind": organisation.kind if organisation else None,
            "themes": [theme.name for theme in story.themes.all()],
        }
        | outcome_data(outcome)
        | {
            "pathway_stage": step.stage if step else None,
            "pathway_step": step.title if step else None,
            "evidence": [evidence_data(item, absolute) for item in outcome.public_evidence],
        }
    )


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
