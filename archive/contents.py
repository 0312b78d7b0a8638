"""What a site archive holds, in the order it loads: each model after those it points at."""

from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Part:
    """One model in the archive, and how `--merge` treats its rows."""

    label: str  # app_label.model_name, as Django's serializers write it
    # Serialize foreign keys by natural key: only for models that point at content
    # types, permissions or groups, whose primary keys differ between databases.
    natural: bool = False
    # --merge: "match" (an object here with the same value of any of `match`'s
    # field groups is kept, and the archive's is skipped), "child" (added only
    # with the row it belongs to: its story, or the foreign key `owner` names)
    # or "skip" (never merged).
    merge: str = "match"
    match: tuple[tuple[str, ...], ...] = ()
    owner: str = ""
    # Rows carry their primary key, rising through the file; False for groups, which
    # are named by natural key alone.
    numbered: bool = True
    # Migrate makes default rows (the site pages): an exact restore of an archive holding
    # rows of this model replaces them, whatever keys they were made under.
    replaces_defaults: bool = False

    @property
    def model(self):
        return apps.get_model(self.label)


SLUG = (("slug",),)

# Made by migrate: present in a database that is otherwise empty.
MADE_BY_MIGRATE = (
    "auth.group",
    "auth.user",
    "participants.consentwording",
    "sitepages.sitepage",
)

PARTS = [
    Part("auth.group", natural=True, merge="skip", numbered=False),
    Part("auth.user", natural=True, match=(("username",),)),
    Part("participants.programme", match=SLUG),
    Part("participants.cohort", match=(("slug",), ("programme", "name"))),
    Part("participants.organisation", match=SLUG),
    # The consent wordings come before the people who agreed to them; migrate makes the
    # first, so a restore writes over it rather than refusing a "non-empty" database.
    Part("participants.consentwording", match=(("version",),)),
    Part("participants.participant", match=SLUG),
    # Consent history and the erasure log are records of what happened here: restored
    # exactly, never merged into another site's.
    Part("participants.consentchange", merge="skip"),
    Part("participants.erasure", merge="skip"),
    Part("stories.theme", match=(("slug",), ("name",))),
    Part("taggit.tag", match=(("name",), ("slug",))),
    Part("stories.story", match=SLUG),
    Part("stories.taggedstory", merge="child"),
    Part("taggit.taggeditem", natural=True, merge="skip"),
    Part("stories.storypartner", merge="child"),
    # A programme's pathway, before the outcomes that sit on its steps: a step of the
    # same title in the same programme is the same step.
    Part("stories.pathwaystep", match=(("programme", "title"),)),
    Part("stories.outcome", merge="child"),
    Part("stories.evidence", merge="child", owner="outcome"),
    # A round here already keeps its own panel and readings; one added brings its own
    # (a reading of a story here points at that story).
    Part("stories.selectionround", match=(("programme", "title"),)),
    Part("stories.panelmember", merge="child", owner="selection_round"),
    Part("stories.consideration", merge="child", owner="selection_round"),
    Part("stories.statuschange", merge="child"),
    # A share link opens a draft to whoever holds it: one made for another site's
    # story must not open this one's, so --merge leaves them (and sign-offs keep
    # their answer, without the link).
    Part("stories.sharelink", merge="skip"),
    Part("stories.signoff", merge="child"),
    Part("stories.approvalrequest", merge="child"),
    # What a participant is still writing on their page: restored exactly, never
    # merged into another site's (its participant there is another person).
    Part("stories.storydraft", merge="skip"),
    # The accessibility statement, privacy notice and contact page as the editors wrote
    # them: a restore puts them in place of the defaults migrate made; --merge keeps this
    # site's own (matched by slug), never another site's promises.
    Part("sitepages.sitepage", match=SLUG, replaces_defaults=True),
    # History refers to objects by their primary keys inside its own data, so it
    # is restored exactly or not at all (see merge.py).
    Part("reversion.revision", merge="skip"),
    Part("reversion.version", natural=True, merge="skip"),
    Part("admin.logentry", natural=True, merge="skip"),
]

# Models of the apps an archive covers that it leaves out on purpose, and why.
EXCLUDED = {
    "contenttypes.contenttype": "made by migrate; referred to by natural key",
    "auth.permission": "made by migrate; referred to by natural key",
    "sessions.session": "logins: after a restore everyone signs in again",
    "participants.invitation": "sign-in links are for this site's database: invite again",
    "stories.searchdocument": "derived from the stories; rebuilt after an import",
    "stories.sqlitesearchindex": "SQLite's FTS5 index of the search documents; rebuilt with them",
    "stories.searchword": "derived: the words of the search text, made again as it is rebuilt",
    "stories.tally": "derived: the public counts, made again from the stories after an import",
    "stories.tallyentry": "derived: what each story is counted under, made again with them",
    "stories.tallyclock": "derived: set when the counts are made again",
    "pagecache.contentversion": "derived; replaced after an import so no cached page survives",
    "pagecache.dependency": "derived: tokens of narrower renewals, left behind with the version",
}

# Apps whose every model must be in PARTS or EXCLUDED (tests check it).
COVERED_APPS = [
    "participants",
    "stories",
    "sitepages",
    "images",
    "pagecache",
    "taggit",
    "reversion",
]


def part_for(label: str) -> Part:
    return next(part for part in PARTS if part.label == label)


def owner_of(part: Part):
    """The foreign key to the row a "child" row belongs to: `owner`, or its story."""
    if part.owner:
        return part.model._meta.get_field(part.owner)
    story = apps.get_model("stories.story")
    return next(f for f in part.model._meta.concrete_fields if f.related_model is story)
