"""A small archive whose funder's figures are counted by hand, shared by the funder tests.

Alpha Programme's pathway has four steps. Pat's story (Housing) and Sam's (Health) are
public; four more stories, each with an outcome that would fill the last step, are not
(a draft, one to come, one expired, one whose teller withdrew consent).

    outcome              story  level        verification   intended   step  evidence
    Pools grant          Pat    results      independent    yes        3     public item
    Council changed      Pat    behaviour    corroborated   no         2     -
    Learnt budgeting     Pat    learning     self-reported  yes        2     link
    Enjoyed the day      Pat    reaction     self-reported  no         1     item not public
    Ward rounds changed  Sam    behaviour    self-reported  not known  -     -
    Discharge funded     Sam    results      corroborated   yes        3     -

Whole archive: 6 outcomes, 4 beyond the room (67%), 1 independently verified (17%) and
2 corroborated, 2 unexpected, 2 with public evidence, 1 on no step. Steps: 1 has one
self-reported outcome with no public evidence (a gap); 2 has two (1 corroborated, 1
self-reported, 1 evidenced); 3 has two (1 independent, 1 corroborated, 1 evidenced);
4 has none (a gap).
"""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    make_cohort,
    make_evidence,
    make_outcome,
    make_participant,
    make_pathway_step,
    make_programme,
    make_story,
    make_theme,
)

CHECKER = {"verified_by": "Jo Bloggs, finance lead", "verified_on": dt.date(2024, 1, 5)}


def outcome(story, description, level, verification, intended, step, **fields):
    checked = CHECKER if verification != "self_reported" else {}
    return make_outcome(
        story,
        description=description,
        level=level,
        verification=verification,
        intended=intended,
        pathway_step=step,
        **checked,
        **fields,
    )


@pytest.fixture
def funder_world():
    housing = make_theme(name="Housing", slug="housing", order=1)
    health = make_theme(name="Health", slug="health", order=2)
    alpha = make_programme(name="Alpha Programme", slug="alpha")
    cohort = make_cohort(name="March 2020", slug="alpha-march", programme=alpha)
    steps = [
        make_pathway_step(alpha, stage="activities", title="Leaders meet as peers", order=1),
        make_pathway_step(alpha, stage="short_term", title="Leaders act together", order=2),
        make_pathway_step(alpha, stage="long_term", title="Services change", order=3),
        make_pathway_step(alpha, stage="impact", title="Residents are better off", order=4),
    ]
    # Another programme with a pathway and a public story, in another cohort.
    beta = make_programme(name="Beta Programme", slug="beta")
    beta_cohort = make_cohort(name="May 2021", slug="beta-may", programme=beta)
    beta_step = make_pathway_step(beta, stage="outputs", title="Toolkits written", order=1)

    pat = make_participant(name="Pat")
    pat.cohorts.add(cohort)
    sam = make_participant(name="Sam")
    sam.cohorts.add(cohort)
    pools = make_story(title="Leisure centres", participant=pat)
    pools.themes.add(housing)
    grant = outcome(
        pools,
        "Pools grant",
        "results",
        "independent",
        "yes",
        steps[2],
        achieved_on=dt.date(2024, 6, 1),
    )
    make_evidence(grant)
    outcome(pools, "Council changed", "behaviour", "corroborated", "no", steps[1])
    outcome(
        pools,
        "Learnt budgeting",
        "learning",
        "self_reported",
        "yes",
        steps[1],
        evidence_url="https://example.org/course",
    )
    enjoyed = outcome(pools, "Enjoyed the day", "reaction", "self_reported", "no", steps[0])
    make_evidence(enjoyed, public=False)

    wards = make_story(title="Hospital discharge", participant=sam)
    wards.themes.add(health)
    outcome(wards, "Ward rounds changed", "behaviour", "self_reported", "not_known", None)
    outcome(wards, "Discharge funded", "results", "corroborated", "yes", steps[2])

    # Kept out: not public, so none of their outcomes count anywhere.
    gone = make_participant(name="Withdrawn", consent_withdrawn_at=timezone.now())
    gone.cohorts.add(cohort)
    hidden = [
        make_story(title="A draft", status="draft"),
        make_story(title="To come", published_at=timezone.now() + dt.timedelta(days=3)),
        make_story(
            title="Expired",
            published_at=timezone.now() - dt.timedelta(days=9),
            expires_at=timezone.now() - dt.timedelta(days=1),
        ),
        make_story(title="Withdrawn", participant=gone),
    ]
    for story in hidden:
        story.themes.add(housing)
        story.participant.cohorts.add(cohort)
        hidden_outcome = outcome(
            story, f"Hidden: {story.title}", "results", "independent", "no", steps[3]
        )
        make_evidence(hidden_outcome)

    toolkit_author = make_participant(name="Kim")
    toolkit_author.cohorts.add(beta_cohort)
    toolkits = make_story(title="Toolkits", participant=toolkit_author)
    toolkits.themes.add(health)
    return {
        "housing": housing,
        "health": health,
        "alpha": alpha,
        "beta": beta,
        "cohort": cohort,
        "steps": steps,
        "beta_step": beta_step,
        "pat": pat,
        "pools": pools,
        "wards": wards,
        "grant": grant,
        "enjoyed": enjoyed,
    }
