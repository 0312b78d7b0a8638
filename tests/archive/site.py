"""A varied site to archive, and what "the same site" means when comparing two."""

import datetime as dt
import io
import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from archive.contents import PARTS
from editorial import people_services as participant_services
from editorial import revisions, services, sharing
from participants.models import ConsentWording, Erasure, Participant
from stories.models import SearchDocument, Story
from tests.factories import (
    make_cohort,
    make_organisation,
    make_outcome,
    make_participant,
    make_partner,
    make_programme,
    make_staff,
    make_story,
    make_theme,
)
from tests.images.pictures import image_bytes, upload


def run(command: str, *args) -> str:
    """What a management command prints."""
    out = io.StringIO()
    call_command(command, *map(str, args), stdout=out)
    return out.getvalue()


def add_image(obj, field: str, name: str, content: bytes) -> None:
    getattr(obj, field).save(name, upload(content=content), save=False)
    obj.save()
    obj.refresh_from_db()


def build_site() -> dict:
    """People, organisations, stories in every state, history and uploads, much of it Welsh."""
    editor = make_staff("erin-editor", "Editors")
    contributor = make_staff("casey-contributor", "Contributors")
    council = make_organisation(
        name="Cyngor Sir Ceredigion",
        slug="cyngor-sir-ceredigion",
        kind="local_authority",
        website="https://www.ceredigion.gov.uk/",
        description="Awdurdod lleol yng Ngorllewin Cymru.",
    )
    university = make_organisation(
        name="Prifysgol Aberystwyth", slug="prifysgol-aberystwyth", kind="education"
    )
    university.logo_alt = "Prifysgol Aberystwyth"
    logo = image_bytes("PNG", size=(300, 120), mode="RGBA", colour=(0, 80, 160, 200))
    add_image(university, "logo", "prifysgol.png", logo)
    charity = make_organisation(name="Mind Aberystwyth", slug="mind-aberystwyth", kind="vcs")
    cohort = make_cohort(
        programme=make_programme(name="Arwain Cymru", slug="arwain-cymru"),
        name="Mawrth 2020",
        slug="arwain-cymru-mawrth-2020",
    )
    siobhan = make_participant(
        name="Siobhán Ní Bhriain",
        slug="siobhan-ni-bhriain",
        job_title="Rheolwr Gweithrediadau, Chwaraeon a Hamdden",
        organisation=council,
        bio="Siobhán runs the county’s leisure centres.",  # noqa: RUF001
        consent_given_at=dt.date(2021, 5, 4),
        consent_expires_on=dt.date(2031, 5, 4),
        consent_scope=Participant.ConsentScope.WEB,
        photo_alt="Siobhán outside Canolfan Hamdden Plascrug",
    )
    siobhan.cohorts.add(cohort)
    add_image(siobhan, "photo", "siobhan.jpg", image_bytes(size=(400, 500)))
    rhodri = make_participant(
        name="Rhodri ap Dafydd",
        slug="rhodri-ap-dafydd",
        organisation=charity,
        consent_withdrawn_at=timezone.now() - dt.timedelta(days=2),
    )
    # Consent history and the erasure log travel with the site.
    rhodri.consent_wording = ConsentWording.objects.get(version=1)
    rhodri.consent_scope = Participant.ConsentScope.WEB
    participant_services.save_participant(participant=rhodri, by=editor, note="Wedi'i gofnodi")
    Erasure.objects.create(participant_id=9999, by=editor)
    story = make_story(
        title="O ganolfannau hamdden i iechyd cymunedol",
        slug="o-ganolfannau-hamdden",
        participant=siobhan,
        status=Story.Status.DRAFT,
        published_at=None,
        summary="Sut adeiladodd cyngor ac elusen ymddiriedaeth.",
        pull_quote="Nid gwyddoniaeth roced yw hi, sgwrs yw hi",
        body="<h2>Y dechrau</h2><p>Café, ‘quotes’ and a walk in Parc y Llyn.</p>",  # noqa: RUF001
        hero_image_alt="Grŵp cerdded ym Mharc y Llyn",
        featured=True,
    )
    add_image(story, "hero_image", "taith-gerdded.jpg", image_bytes(size=(1300, 900)))
    story.themes.add(
        make_theme(name="Anghydraddoldebau iechyd", slug="anghydraddoldebau-iechyd"),
        make_theme(name="Co-design and co-production", slug="co-production"),
    )
    story.tags.add("covid-19", "Iechyd a lles", "Café culture")
    make_partner(story, university, role="Gwerthuso")
    make_partner(story, charity, role="Delivery partner")
    make_outcome(story, description="Section 75 funding award", value=Decimal("250000.00"))
    make_outcome(story, description="New engagement officers", value=Decimal("3"), unit="posts")
    make_outcome(story, description="A health and wellbeing programme")
    services.send_for_review(story=story, by=contributor)
    services.publish_story(story=story, by=editor)

    draft = make_story(
        title="Drafft: sgwrs gyda’r gymuned",  # noqa: RUF001
        slug="drafft-sgwrs",
        participant=rhodri,
        status=Story.Status.DRAFT,
        published_at=None,
    )
    draft.tags.add("covid-19")
    link = sharing.create_share_link(story=draft, by=editor, label="Rhodri, i gymeradwyo")
    sharing.record_sign_off(link=link, decision="changes", comment="Newidiwch y teitl, os gwelwch")
    gone = make_story(title="A story since deleted", participant=siobhan)
    revisions.save_revision(gone, by=editor, comment="Saved")
    gone.delete()
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Story),
        object_id=str(story.pk),
        object_repr=str(story),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Title"]}}]',
    )
    return {"story": Story.objects.get(pk=story.pk), "draft": draft, "editor": editor}


def rows() -> dict:
    """Every row of every archived model, the many-to-many links, tags and search text."""
    data = {part.label: list(part.model._base_manager.order_by("pk").values()) for part in PARTS}
    data["story themes"] = sorted(Story.themes.through.objects.values_list("story", "theme"))
    data["cohorts"] = sorted(
        Participant.cohorts.through.objects.values_list("participant", "cohort")
    )
    data["groups"] = sorted(User.groups.through.objects.values_list("user", "group__name"))
    data["permissions"] = sorted(
        Group.permissions.through.objects.values_list("group__name", "permission__codename")
    )
    data["tags"] = {story.slug: sorted(story.tags.names()) for story in Story.objects.all()}
    data["search"] = list(SearchDocument.objects.order_by("pk").values())
    return data


def media_tree() -> dict | None:
    """Everything in the media folder: each file's bytes, each folder as None."""
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return None
    return {
        str(path.relative_to(root)): path.read_bytes() if path.is_file() else None
        for path in sorted(root.rglob("*"))
    }


def wipe_site() -> None:
    """Leave the database as migrate does, and no media folder."""
    for part in reversed(PARTS):
        if part.label != "auth.group":
            part.model._base_manager.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def rewritten(source: Path, target: Path, *, replace=None, add=None) -> Path:
    """A copy of the archive `source` with some entries replaced or added."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            content = replace[name](old.read(name)) if name in replace else old.read(name)
            new.writestr(name, content)
        for name, content in add.items():
            new.writestr(zipfile.ZipInfo(name), content)
    return target


def archived_rows(path: Path, label: str) -> list[dict]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(f"data/{label}.json"))
