"""Adding an archive's content to a site that has some already (`import_site --merge`).

- Programmes, cohorts, organisations, participants, themes, tags and stories
  that are here already (the same slug; for themes and tags the same name too;
  for cohorts the same name in the same programme) are kept as they are here,
  and the archive's copy is skipped. What the archive points at them is pointed
  at the one here.
- Everything else is added with new primary keys; links between added rows
  follow the new keys.
- A story's tags, partners, outcomes, status changes and sign-offs
  come only with a story that is added: a story kept here keeps its own. An
  outcome's evidence comes only with its outcome, a selection round's panel and
  readings only with the round; pathway steps match by programme and title.
- Share links are not merged: each opens a draft to whoever holds it, and one
  sent for the other site must not open anything here.
- Accounts match by username. An account not here is added only so the
  history can name it: inactive, not staff, with no usable password, groups or
  permissions. Merging content never lets anyone sign in.
- Revisions and the admin log are not merged: their data names the other
  site's primary keys, and restoring such a revision would write over an
  unrelated story. Each added story gets a first revision here instead.
- The original uploads of added rows (pictures, evidence files) are copied in
  (under a free name if theirs is taken here), and pictures' renditions made afresh.
"""

from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.core.files.storage import default_storage
from django.db.models import FileField

from archive.contents import PARTS, Part, owner_of
from archive.media import MediaWriter
from archive.reading import Archive, ArchiveError
from archive.restore import all_or_nothing, loaded_rows, refresh_derived, save_checked
from editorial.revisions import save_revision
from images.models import HasImages
from images.signals import refresh_renditions
from stories.models import Story


@dataclass
class MergeReport:
    added: Counter
    kept: Counter
    media_files: int


def _signed_out(record: dict) -> dict:
    """An archived account as merge adds it: a name for the history, no way in."""
    fields = {key: value for key, value in record["fields"].items()}
    fields.update(is_active=False, is_staff=False, is_superuser=False)
    fields.update(password=make_password(None), groups=[], user_permissions=[])
    return {**record, "fields": fields}


class _Keys:
    """The archive's primary keys of one model and the keys here, 16 bytes a row however many.

    The archive lists rows by rising key (reading checks it), so a lookup bisects.
    """

    def __init__(self):
        self.archived, self.here = array("q"), array("q")

    def add(self, archived: int, here: int) -> None:
        self.archived.append(archived)
        self.here.append(here)

    def get(self, archived) -> int | None:
        at = bisect_left(self.archived, archived)
        if at < len(self.archived) and self.archived[at] == archived:
            return self.here[at]
        return None


class _Merge:
    def __init__(self, archive: Archive):
        self.archive = archive
        self.keys: dict[str, _Keys] = {}  # label -> archive pk -> pk here
        self.added: dict[str, array] = defaultdict(lambda: array("q"))  # label -> pks added
        # Of the rows others belong to (stories, outcomes, rounds), those added: only their
        # children are added, as archive pk -> pk here.
        self.owners: dict[str, _Keys] = {
            owner_of(part).related_model._meta.label_lower: _Keys()
            for part in PARTS
            if part.merge == "child"
        }
        self.kept = Counter()

    def load(self, part: Part) -> None:
        model = part.model
        keys = self.keys[part.label] = _Keys()
        owner = owner_of(part) if part.merge == "child" else None
        added_owners = self.owners[owner.related_model._meta.label_lower] if owner else None
        change = _signed_out if part.label == "auth.user" else None
        for where, row in loaded_rows(self.archive, part.label, change=change):
            obj, old_pk = row.object, row.object.pk
            if owner and added_owners.get(getattr(obj, owner.attname)) is None:
                continue
            self._follow_keys(obj)
            here = self._match(part, obj)
            if here is not None:
                keys.add(old_pk, here)
                self.kept[part.label] += 1
                continue
            obj.pk = None
            if isinstance(obj, HasImages):
                obj.renditions = {}  # they name the other site's files: made again below
            links = {name: self._keys_for(model, name, pks) for name, pks in row.m2m_data.items()}
            save_checked(obj, links, where=where)
            keys.add(old_pk, obj.pk)
            if part.label in self.owners:
                self.owners[part.label].add(old_pk, obj.pk)
            self.added[part.label].append(obj.pk)

    def _key_here(self, related, old_pk, *, what: str):
        known = self.keys.get(related._meta.label_lower)
        if known is None:  # a content type or the like: already resolved by natural key
            return old_pk
        here = known.get(old_pk)
        if here is None:
            raise ArchiveError(
                f"The archive is inconsistent ({what} names a row it does not hold); "
                "nothing was changed."
            )
        return here

    def _follow_keys(self, obj) -> None:
        for field in obj._meta.concrete_fields:
            value = getattr(obj, field.attname)
            if field.is_relation and value is not None and field.null and _skipped(field):
                # A row --merge leaves out (a share link): the reference goes with it.
                setattr(obj, field.attname, None)
            elif field.is_relation and value is not None:
                what = f"{obj._meta.verbose_name} {obj.pk}"
                setattr(obj, field.attname, self._key_here(field.related_model, value, what=what))

    def _keys_for(self, model, name: str, old_pks) -> list:
        related = model._meta.get_field(name).related_model
        what = f"a {model._meta.verbose_name}'s {name}"
        return [self._key_here(related, pk, what=what) for pk in old_pks]

    def _match(self, part: Part, obj):
        for fields in part.match:
            lookup = {}
            for name in fields:
                attname = obj._meta.get_field(name).attname
                lookup[attname] = getattr(obj, attname)
            found = part.model._base_manager.filter(**lookup).values_list("pk", flat=True)
            if found := found.first():
                return found
        return None


def _skipped(field) -> bool:
    label = field.related_model._meta.label_lower
    return any(part.label == label and part.merge == "skip" for part in PARTS)


def _copy_uploads(merging: _Merge, writer: MediaWriter) -> int:
    """Copy in the uploads of added rows (pictures, evidence files) and make the pictures'
    renditions; return how many files."""
    copied, archived = 0, set(merging.archive.media)
    for part in PARTS:
        fields = _upload_fields(part.model)
        if not fields:
            continue
        for obj in _each(part.model, merging.added[part.label]):
            names = {}
            for field in fields:
                name = getattr(obj, field).name
                if name and name in archived:
                    with merging.archive.open_media(name) as handle:
                        names[field] = writer.save(name, handle, exact=False)
                    copied += 1
                elif name:
                    names[field] = ""  # the file was missing on the other site too
            if names:
                part.model._base_manager.filter(pk=obj.pk).update(**names)
            if names and isinstance(obj, HasImages):
                obj.refresh_from_db()
                refresh_renditions(part.model, obj)
                for made in obj.renditions.values():
                    writer.remember(made.get("files", []))
    return copied


def _upload_fields(model) -> tuple[str, ...]:
    if issubclass(model, HasImages):
        return tuple(model.IMAGES)
    return tuple(f.attname for f in model._meta.concrete_fields if isinstance(f, FileField))


def _each(model, pks: array):
    """The rows of `model` with these keys, from the database a few hundred at a time."""
    for start in range(0, len(pks), 500):
        yield from model._base_manager.filter(pk__in=list(pks[start : start + 500])).order_by("pk")


def merge_site(archive: Archive, *, storage=default_storage) -> MergeReport:
    """Add what the archive holds and this site lacks; see the module's docstring."""
    writer = MediaWriter(storage)
    merging = _Merge(archive)
    with all_or_nothing(writer):
        for part in PARTS:
            if part.merge != "skip":
                merging.load(part)
        copied = _copy_uploads(merging, writer)
        story_ids = merging.added["stories.story"]
        refresh_derived(story_ids)
        for story in _each(Story, story_ids):
            save_revision(story, by=None, comment="Added from a site archive")
    added = Counter({label: len(pks) for label, pks in merging.added.items() if pks})
    return MergeReport(added=added, kept=merging.kept, media_files=copied)
