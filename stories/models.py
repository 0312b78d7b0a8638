from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from common.addresses import slug_address
from common.dates import local_datetime
from images.fields import CleanImageField
from images.models import HasImages, ImageUse
from images.names import RandomName
from participants.models import Organisation, Participant
from stories.fields import SanitizedBodyField
from stories.lookups import Fts5Match
from stories.querysets import OutcomeQuerySet, StoryQuerySet, ThemeQuerySet


def validate_plausible_date(value):
    """Refuse dates no story has (year 1 or 9999), which also break date navigation."""
    if not 1990 <= value.year <= 2100:
        raise ValidationError("Enter a date between 1990 and 2100.")


class Theme(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_address("stories:theme", self.slug)


class TaggedStory(TaggedItemBase):
    """Tags through a real foreign key, so tag filters are plain joins."""

    content_object = models.ForeignKey("Story", on_delete=models.CASCADE)

    class Meta:
        verbose_name = "tagged story"
        verbose_name_plural = "tagged stories"
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_story_unique"),
        ]


class StoryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    ARCHIVED = "archived", "Archived"


class Story(HasImages, models.Model):
    Status = StoryStatus
    IMAGES = {
        "hero_image": ImageUse(
            kind="hero", alt="hero_image_alt", decorative="hero_image_decorative"
        )
    }

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stories",
        help_text="Required before the story can be published.",
    )
    summary = models.TextField(
        max_length=400, blank=True, help_text="One or two sentences for cards and search results."
    )
    pull_quote = models.TextField(
        blank=True, help_text="The participant's own words. Leave out the quotation marks."
    )
    body = SanitizedBodyField(blank=True)
    hero_image = CleanImageField(upload_to=RandomName("stories"), blank=True)
    hero_image_alt = models.CharField("hero image alt text", max_length=250, blank=True)
    hero_image_decorative = models.BooleanField("hero image is decorative", default=False)
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    themes = models.ManyToManyField(Theme, blank=True, related_name="stories")
    tags = TaggableManager(through=TaggedStory, blank=True)
    partners = models.ManyToManyField(
        Organisation, through="StoryPartner", blank=True, related_name="partnered_stories"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text="When the story goes live. A future time schedules it.",
    )
    expires_at = models.DateTimeField(
        "unpublish at",
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text="Optional. At this time the story leaves the public site; it stays "
        "here to edit or republish.",
    )
    featured = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Counts saves, so an editor saving a form opened before someone else's save is told.
    edit_version = models.PositiveIntegerField(default=0, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-published_at", "-id"]
        permissions = [("publish_story", "Can publish, schedule, unpublish and archive stories")]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="story_public_order"),
            models.Index(fields=["featured", "status", "-published_at"], name="story_featured"),
            # The sitemap's last change: the newest first, until one is public.
            models.Index(fields=["-updated_at"], name="story_last_changed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=StoryStatus.values),
                name="story_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=StoryStatus.PUBLISHED)
                | models.Q(participant__isnull=False, published_at__isnull=False),
                name="story_published_has_participant_and_date",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__isnull=True)
                | models.Q(published_at__isnull=True)
                | models.Q(expires_at__gt=models.F("published_at")),
                name="story_expires_after_publication",
            ),
        ]

    def __str__(self):
        return self.title

    # Set on the stories of some listings only: a search snippet, an organisation's
    # role as partner. None elsewhere, because the template engine meets a missing
    # attribute with dir() on the whole model (0.1 ms, twice a card).
    snippet = None
    partner_role = None

    def get_absolute_url(self):
        return slug_address("stories:detail", self.slug)

    def clean(self):
        super().clean()
        if self.published_at and self.expires_at and self.expires_at <= self.published_at:
            raise ValidationError(
                {
                    "expires_at": "The story would be unpublished before it goes live: choose a "
                    "time after the publication time, or leave this empty."
                }
            )

    @property
    def public_state(self) -> str:
        """Where the story stands for readers right now, in an editor's words."""
        now = timezone.now()
        if self.status != StoryStatus.PUBLISHED:
            return self.get_status_display()
        if self.published_at and self.published_at > now:
            return f"Scheduled for {local_datetime(self.published_at)}"
        if self.expires_at and self.expires_at <= now:
            return f"Expired {local_datetime(self.expires_at)}"
        if self.participant_id and not self.participant.consent_stands:
            return "Hidden: consent does not stand"
        return "Live"


class StoryPartner(models.Model):
    """An organisation that took part in a story, and what it did."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partnerships"
    )
    role = models.CharField(
        max_length=120, blank=True, help_text='For example "Section 75 funder".'
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["story", "organisation"], name="story_partner_unique"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.role})" if self.role else str(self.organisation)


class OutcomeKind(models.TextChoices):
    FUNDING = "funding", "Funding secured"
    SERVICE_CHANGE = "service_change", "Service change"
    PARTNERSHIP = "partnership", "Partnership formed"
    PEOPLE_REACHED = "people_reached", "People reached"
    STAFF_SKILLS = "staff_skills", "Staff and skills"
    OTHER = "other", "Other"


# What editors type for pounds, all read as the one unit that totals add up.
POUNDS = {"£", "gbp", "pound", "pounds", "pounds sterling", "£s", "sterling"}


def normalise_unit(unit: str) -> str:
    unit = " ".join(unit.split())
    return "GBP" if unit.lower() in POUNDS else unit


class OutcomeLevel(models.TextChoices):
    """Kirkpatrick's four levels: how far the change reached."""

    NOT_ASSESSED = "not_assessed", "Not yet assessed"
    REACTION = "reaction", "Reaction"
    LEARNING = "learning", "Learning"
    BEHAVIOUR = "behaviour", "Behaviour"
    RESULTS = "results", "Results"


# The levels a funder counts as change beyond the room: what people did, and what it achieved.
BEYOND_THE_ROOM = (OutcomeLevel.BEHAVIOUR, OutcomeLevel.RESULTS)


class WhoChanged(models.TextChoices):
    """Outcome harvesting's social actor: who changed."""

    NOT_SAID = "", "Not said"
    PARTICIPANT = "participant", "The participant"
    TEAM = "team", "Their team"
    ORGANISATION = "organisation", "Their organisation"
    SYSTEM = "system", "A partnership or system"
    COMMUNITY = "community", "A community"


class ChangeKind(models.TextChoices):
    """Outcome harvesting's kind of change."""

    NOT_SAID = "", "Not said"
    BEHAVIOUR = "behaviour", "Behaviour"
    RELATIONSHIP = "relationship", "Relationship"
    PRACTICE = "practice", "Practice"
    POLICY = "policy", "Policy"
    RESOURCES = "resources", "Resources"
    OTHER = "other", "Other"


class Intended(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No (unexpected)"
    NOT_KNOWN = "not_known", "Not known"


class Verification(models.TextChoices):
    """How far a figure has been checked, weakest first."""

    SELF_REPORTED = "self_reported", "Self-reported"
    CORROBORATED = "corroborated", "Corroborated"
    INDEPENDENT = "independent", "Independently verified"


# Checked by someone other than the participant: what "count only verified figures" keeps.
CHECKED = (Verification.CORROBORATED, Verification.INDEPENDENT)


class Outcome(models.Model):
    """Something that changed because of the work a story tells, as a record that adds up,
    graded as evaluators grade it: how far it reached (Kirkpatrick's level), who changed
    and how (outcome harvesting), and how far the figure has been checked."""

    Kind = OutcomeKind
    Level = OutcomeLevel
    WhoChanged = WhoChanged
    ChangeKind = ChangeKind
    Intended = Intended
    Verification = Verification

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField("type", max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.CharField(max_length=300)
    value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Enter a number of 0 or more.")],
        help_text="A number only, without £ or commas: 250000 for £250,000.",
    )
    unit = models.CharField(
        max_length=40,
        blank=True,
        help_text='For example "GBP", "people", "posts". Funding with no unit is in pounds.',
    )
    achieved_on = models.DateField(
        "date", null=True, blank=True, validators=[validate_plausible_date]
    )
    evidence_url = models.URLField(
        "evidence link",
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="A public page that shows it: a board paper, a report, a press release.",
    )
    verified_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who checked the figure, e.g. a partner's finance lead.",
    )
    verified_on = models.DateField(null=True, blank=True, validators=[validate_plausible_date])
    level = models.CharField(
        max_length=20, choices=OutcomeLevel.choices, default=OutcomeLevel.NOT_ASSESSED
    )
    who_changed = models.CharField(
        "who changed", max_length=20, choices=WhoChanged.choices, blank=True
    )
    change_kind = models.CharField(
        "kind of change", max_length=20, choices=ChangeKind.choices, blank=True
    )
    intended = models.CharField(
        "intended by the programme",
        max_length=20,
        choices=Intended.choices,
        default=Intended.NOT_KNOWN,
    )
    contribution = models.TextField(
        blank=True, max_length=1000, help_text="What the programme did towards it."
    )
    significance = models.TextField(
        blank=True, max_length=1000, help_text="Why it matters, and to whom."
    )
    verification = models.CharField(
        max_length=20, choices=Verification.choices, default=Verification.SELF_REPORTED
    )
    verifier_organisation = models.CharField("verifier's organisation", max_length=200, blank=True)
    verifier_relationship = models.CharField(
        "verifier's relationship",
        max_length=200,
        blank=True,
        help_text="How they stand to the work, e.g. commissioner, partner, external evaluator.",
    )
    pathway_step = models.ForeignKey(
        "stories.PathwayStep",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name="step on the pathway",
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        indexes = [
            models.Index(fields=["kind", "unit"], name="outcome_kind_unit"),
            models.Index(fields=["-achieved_on", "-id"], name="outcome_ledger_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OutcomeKind.values), name="outcome_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=0),
                name="outcome_value_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=OutcomeLevel.values), name="outcome_level_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(verification__in=Verification.values),
                name="outcome_verification_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(intended__in=Intended.values), name="outcome_intended_valid"
            ),
        ]

    def __str__(self):
        return self.description

    def save(self, *args, **kwargs):
        self._normalise_unit()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._normalise_unit()
        errors = {}
        if self.unit and self.value is None:
            errors["value"] = "Enter the number the unit counts, or leave the unit empty."
        if self.verified_on and not self.verified_by:
            errors["verified_by"] = "Say who verified it, or leave the date empty."
        if self.verified_on and self.verified_on > timezone.localdate():
            errors["verified_on"] = "A check cannot be dated in the future."
        if self.verification == Verification.SELF_REPORTED and self.verified_by.strip():
            # Naming who checked a figure has meant it was corroborated since outcomes
            # had a checker (migration 0011 reads the old ones so): kept, not refused.
            self.verification = Verification.CORROBORATED
        if self.verification in CHECKED and not self.verified_by.strip():
            errors["verified_by"] = "Say who checked it (a name or a role)."
        if errors:
            raise ValidationError(errors)

    def _normalise_unit(self):
        """One spelling per unit, so totals add like with like; funding is in pounds."""
        self.unit = normalise_unit(self.unit)
        if self.kind == OutcomeKind.FUNDING and self.value is not None and not self.unit:
            self.unit = "GBP"


class StatusChange(models.Model):
    """One move of a story through the workflow: the story's status history."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=StoryStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=StoryStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        before = self.get_from_status_display() or "new"
        return f"{before} → {self.get_to_status_display()}"


class ShareLink(models.Model):
    """A revocable, expiring link that lets someone without an account read a draft.

    The URL carries a signed token naming the story and this link's secret key,
    so a tampered or invented token never finds a story.
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="share_links")
    key = models.CharField(max_length=43, unique=True, editable=False)
    label = models.CharField(
        "for", max_length=120, blank=True, help_text='Who it is for, e.g. "Andrew, to approve".'
    )
    # Who the link was made for: the story's participant then. A change of
    # participant revokes the story's links (editorial.services), and an answer
    # counts only for the participant it was given for.
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_to = models.EmailField(
        "sent to",
        blank=True,
        help_text="The email address you send the link to. An approval through it is "
        "recorded against this address.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Share link for “{self.story}”"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class SignOffDecision(models.TextChoices):
    APPROVED = "approved", "Approved"
    CHANGES = "changes", "Asked for changes"


class SignOff(models.Model):
    """The participant's answer to a draft, given through a share link."""

    Decision = SignOffDecision

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="sign_offs")
    share_link = models.ForeignKey(
        ShareLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="sign_offs"
    )
    decision = models.CharField(max_length=20, choices=SignOffDecision.choices)
    comment = models.TextField(blank=True, max_length=5000)
    edit_version = models.PositiveIntegerField(
        default=0, help_text="The version of the story that was read."
    )
    at = models.DateTimeField(auto_now_add=True)
    # Who answered, as far as a link can say: the address it was sent to, and a
    # keyed hash of the client's network address (never the address itself).
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_to = models.EmailField(blank=True)
    link_label = models.CharField(max_length=120, blank=True)
    client_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__in=SignOffDecision.values),
                name="sign_off_decision_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} on {self.at:%-d %b %Y}"


class SearchDocument(models.Model):
    """The text a story is found by, gathered from the story and what it shows.

    Kept current by `stories.search.documents.refresh_documents` whenever the
    story, its participant, organisations, themes or tags change. Indexed by a
    GIN-indexed tsvector on PostgreSQL and by an FTS5 table on SQLite (both made
    in migration 0003). Whether a story is public is decided at query time, so
    a story that stops being public drops out of results at once.
    """

    story = models.OneToOneField(
        Story, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    # Weighted groups: names rank above context, context above body.
    names = models.TextField(blank=True)
    context = models.TextField(blank=True)
    body = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)

    def __str__(self):
        return f"Search text of story {self.story_id}"


class SqliteSearchIndex(models.Model):
    """The FTS5 table that indexes SearchDocument on SQLite (none exists on PostgreSQL).

    Unmanaged: migration 0003 creates it. Mapping it lets the ORM join it, so a
    search reads the index once and ranks with its `rank` column (bm25 with
    weights set in the migration) instead of running a subquery per story.
    """

    story = models.OneToOneField(
        Story,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="sqlite_search_index",
    )
    # FTS5's hidden column named after the table: the left side of MATCH.
    query = models.TextField(db_column="story_search_fts")
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "story_search_fts"

    def __str__(self):
        return f"FTS5 row of story {self.story_id}"


SqliteSearchIndex._meta.get_field("query").register_lookup(Fts5Match)


class SearchWord(models.Model):
    """A word found in some story's search text: what a misspelt word is corrected to.

    Filled as search text is rebuilt (stories.search.documents) and never emptied: a
    word that is gone, or only in a draft, is harmless, since a correction is offered
    only once a search of the public stories for it finds something
    (stories.search.spelling). Looked up by first letter and length, so finding the
    words near a typo reads a few hundred rows, whatever the archive's size.
    """

    word = models.CharField(max_length=40, primary_key=True)
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["word"]
        indexes = [models.Index(fields=["initial", "length"], name="search_word_near")]

    def __str__(self):
        return self.word


class Tally(models.Model):
    """How many public stories one thing has, kept as stories change (stories.tallies).

    Keys: `stories` (all), `participants` (people with a public story), `theme:7`,
    `themes:7:9` (stories with both, kept both ways round), `tag:12`,
    `participant:4`, `cohort:2`, `programme:1`, `theme-tag:7:12` and
    `theme-programme:7:1` (a theme's stories with a tag, in a programme), `grid:7:2`
    (in a cohort), and `outcome-stories|theme:7`
    (stories with an outcome). A page reads its counts here in
    one query, whatever the archive's size, instead of counting every story.
    """

    key = models.CharField(max_length=160, primary_key=True)
    count = models.IntegerField(default=0)
    # For the outcomes of public stories (`outcomes|theme:7|funding|GBP`): how many of
    # them have a figure, and the sum of those figures. `count` says how many outcomes.
    with_figure = models.IntegerField(default=0)
    # In hundredths (pence), whole numbers: a decimal sum moved many times would drift
    # on SQLite, which adds decimals as floating point.
    hundredths = models.BigIntegerField(default=0)
    # What the key counts (`organisation`), or the totals of one scope (`outcomes|theme:7`):
    # read together, the largest first (ties by id, `ref`), by an index.
    group = models.CharField(max_length=80, blank=True)
    ref = models.BigIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["group", "-count", "ref"], name="tally_group_largest"),
        ]

    def __str__(self):
        return f"{self.key}: {self.count}"


class TallyEntry(models.Model):
    """The keys one story is counted under now: what its next change takes off.

    Not a foreign key: a deleted story's entry must outlive it until its counts
    are taken off, as the write that deleted it ends.
    """

    story_id = models.BigIntegerField(primary_key=True)
    keys = models.JSONField(default=list)
    # What it adds to totals counted with repeats: {key: [outcomes, with a figure,
    # sum of the figures in hundredths]} (its outcomes), {key: [pairings, 0, 0]}.
    measures = models.JSONField(default=dict)

    def __str__(self):
        return f"Story {self.story_id} counted under {len(self.keys)} keys"


class TallyClock(models.Model):
    """Up to when the tallies have taken in the moments that change stories by
    themselves (a publication time reached, an end, a consent's last day)."""

    swept_until = models.DateTimeField()

    def __str__(self):
        return f"Tallies swept until {self.swept_until:%Y-%m-%d %H:%M}"


class StoryDraft(models.Model):
    """A story as its participant tells it on their own page, before an editor has it.

    The guided form's answers are kept here as they are typed (`answers`, by
    question), never on a Story: nothing the participant writes reaches a page the
    public sees until an editor publishes the story made from it on submission.
    `version` moves on with each save, so a second tab or a double submit is noticed
    rather than overwriting what was saved.
    """

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="drafts")
    answers = models.JSONField(default=dict, blank=True)
    photo = CleanImageField(upload_to=RandomName("drafts"), blank=True)
    photo_alt = models.CharField("photo description", max_length=250, blank=True)
    photo_consent = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)
    story = models.OneToOneField(
        Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="draft"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self):
        return (self.answers or {}).get("title") or f"Draft by {self.participant}"


class ApprovalRequest(models.Model):
    """An editor asked the participant to approve the story as it stood (one edit).

    Answered by the participant's SignOff for that edit; an unanswered request gets
    one reminder after 7 days (`send_reminders`).
    """

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="approval_requests")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    edit_version = models.PositiveIntegerField()
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["answered_at", "asked_at"])]

    def __str__(self):
        return f"Approval asked on {timezone.localtime(self.asked_at):%-d %b %Y}"


# Models of the evaluation (evidence, pathways, selection rounds), in a module of their
# own; imported here so Django finds them, and last, since they refer to the ones above.
from stories.evaluation import (  # noqa: E402, F401
    Consideration,
    Evidence,
    EvidenceKind,
    PanelMember,
    PathwayStage,
    PathwayStep,
    SelectionRound,
)
