"""What `make cluster-test` checks: changes made through instance A, read through B.

Each step is an admin save through A, as an editor's browser makes it, and the
public pages through B that must show it. Every expectation must be false
before the change (else it would prove nothing) and true within VISIBLE_WITHIN
seconds after it. B has cached its pages just before (one Redis, shared), so a
pass means B's processes heard of the change, not that they had nothing kept.
"""

import datetime as dt
import secrets
import string
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import quote_plus

from bench import cluster_http as web
from bench import editors, load_data
from bench.cluster_http import Expect

# Instance A's commit sends NOTIFY, but PostgreSQL delivers it to B's listening
# connections just after the commit, not together with A's answer to the editor:
# B's very next request can come first and still serve the page it kept. So B is
# polled for a bounded time. 2 s is far above that delivery (milliseconds here)
# and far below the 10 s after which every process reads the version again anyway
# (pagecache.versions.TRUST_KEPT_FOR): a pass cannot be that fallback hiding a lost
# notification.
VISIBLE_WITHIN = 2.0
WARM_FETCHES = 4  # B's pages fetched before each change: cached, and read by its workers
BURST = 20  # stories kept aside for bench.cluster_concurrent
FAILURES = (*editors.FAILURES, web.Refused)


@dataclass
class Check:
    name: str
    problems: list[str] = field(default_factory=list)
    waited: float | None = None  # seconds until B showed the change
    looks: int | None = None  # rounds of B's pages fetched until then

    @property
    def passed(self) -> bool:
        return not self.problems


def disconnect() -> None:
    """Close this process's connections, so its database can be dropped."""
    from pagecache import changes

    load_data.close_connections()
    changes.stop_listening()


def word() -> str:
    """A word in no story, for search to find and pages to show."""
    return "zq" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))


# --- The stories and people the steps change ----------------------------------------------


@dataclass
class Picks:
    draft: object  # a draft that may be published
    edited: object  # on the first page of /stories/, with an outcome
    withdrawn: object  # a participant whose story is on the first page
    withdrawn_story: object  # on the first page; gets a new hero image before the withdrawal
    conflicted: object
    burst: list[int]


def pick() -> Picks:
    from editorial.workflow import publication_problem
    from stories.models import Story

    public = list(Story.objects.public().latest_first().select_related("participant")[:200])
    first_page = public[:11]  # still the first page (12) once the draft is published
    drafts = Story.objects.filter(status=Story.Status.DRAFT).select_related("participant")
    draft = next(story for story in drafts if publication_problem(story) is None)
    edited = next(
        story
        for story in first_page
        if story.outcomes.exists() and story.participant_id != draft.participant_id
    )
    taken = {draft.participant_id, edited.participant_id}
    withdrawn_story = next(story for story in first_page if story.participant_id not in taken)
    person = withdrawn_story.participant
    used = {edited.pk, withdrawn_story.pk}
    rest = [s.pk for s in public if s.participant_id != person.pk and s.pk not in used]
    if len(rest) < BURST + 1:
        raise SystemExit(f"{len(rest)} public stories to edit, {BURST + 1} needed")
    return Picks(draft, edited, person, withdrawn_story, rest[0], rest[1 : BURST + 1])


# --- The steps ------------------------------------------------------------------------------


def href(story) -> str:
    return f'href="/stories/{story.slug}/"'


def search(words: str) -> str:
    return f"/search/?q={quote_plus(words)}"


def feed_link(story) -> str:
    return f"/stories/{story.slug}/</link>"


class Walk:
    """An editor through A, a reader through B."""

    def __init__(self, bases: dict[str, str], editor: tuple[str, str]):
        self.bases = bases
        self.editor = editors.Browser(bases["A"])
        self.editor.login(*editor)
        self.reader = editors.Browser(bases["B"])

    def problems(self, expectations: list[Expect]) -> list[str]:
        found = []
        for expect in expectations:
            answer = self.reader.get(expect.path)
            found += expect.problems(answer.status, answer.text)
        return found

    def step(self, name: str, change, expectations: list[Expect]) -> Check:
        """Warm B, check each expectation is false yet, change through A, poll B."""
        for _ in range(WARM_FETCHES - 1):
            self.problems(expectations)  # B caches the pages, its workers read the version
        already = [e for e in expectations if not self.problems([e])]
        if already:
            return Check(name, [f"true before the change, so it proves nothing: {already}"])
        try:
            change()
        except FAILURES as error:
            return Check(name, [f"through A: {type(error).__name__}: {error}"])
        problems, waited, looks = web.poll(lambda: self.problems(expectations), VISIBLE_WITHIN)
        if problems:
            return Check(name, [f"through B after {VISIBLE_WITHIN} s: {p}" for p in problems])
        return Check(name, waited=waited, looks=looks)

    def edit(self, path: str, form_id: str, change, uploads=None) -> None:
        form = web.open_form(self.editor, path, form_id)
        change(form)
        web.save(self.editor, path, form, uploads)


def publish(walk: Walk, story) -> tuple[Check, str]:
    marker = word()

    def change(form):
        form.set("title", f"{form.value('title')} {marker}")
        form.set("status", "published")
        form.set("published_at_0", "")  # published now: the newest story
        form.set("published_at_1", "")

    check = walk.step(
        "publish a draft through A: its page, /stories/, the feed and search through B",
        lambda: walk.edit(editors.change_url(story.pk), "story_form", change),
        [
            Expect(story.get_absolute_url(), shows=(marker,)),
            Expect("/stories/", shows=(href(story),)),
            Expect("/feeds/stories/", shows=(feed_link(story),)),
            Expect(search(marker), shows=(href(story),)),
        ],
    )
    return check, marker


def edit_title_and_outcome(walk: Walk, story) -> tuple[Check, str, str]:
    title_word, outcome_word = word(), word()
    today = dt.date.today().isoformat()

    def change(form):
        form.set("title", f"{form.value('title')} {title_word}")
        form.set("outcomes-0-description", f"{form.value('outcomes-0-description')} {outcome_word}")
        form.set("outcomes-0-achieved_on", today)  # the newest outcome: first in the ledger

    check = walk.step(
        "edit a title and an outcome through A: page, list, feed, search, /impact/ through B",
        lambda: walk.edit(editors.change_url(story.pk), "story_form", change),
        [
            Expect(story.get_absolute_url(), shows=(title_word, outcome_word)),
            Expect("/stories/", shows=(title_word,)),
            Expect("/feeds/stories/", shows=(title_word,)),
            Expect(search(title_word), shows=(href(story),)),
            Expect("/impact/", shows=(outcome_word,)),
        ],
    )
    return check, title_word, outcome_word


def pictures_gone(walk: Walk, *pages: str, owners: tuple) -> list[Expect]:
    """The pictures of `owners` (a story, a person) the pages show through B now: each
    address a 404 once they stop being public. Other stories' cards on the same pages
    (related stories) stay public, and so do their pictures."""
    folders = tuple(f"/renditions/{owner._meta.label_lower}/{owner.pk}/" for owner in owners)
    shown = [address for page in pages for address in web.picture_urls(walk.reader.get(page).text)]
    theirs = [address for address in shown if any(folder in address for folder in folders)]
    return [Expect(address, status=404) for address in dict.fromkeys(theirs)]


def unpublish(walk: Walk, story, title_word: str, outcome_word: str) -> Check:
    def change(form):
        form.set("status", "draft")

    return walk.step(
        "unpublish through A: a 404 through B, gone from list, feed, search, /impact/; "
        "its pictures' addresses 404",
        lambda: walk.edit(editors.change_url(story.pk), "story_form", change),
        [
            Expect(story.get_absolute_url(), status=404),
            Expect("/stories/", hides=(href(story),)),
            Expect("/feeds/stories/", hides=(feed_link(story),)),
            Expect(search(title_word), hides=(href(story),)),
            Expect("/impact/", hides=(outcome_word,)),
            *pictures_gone(walk, story.get_absolute_url(), owners=(story,)),
        ],
    )


def withdraw_consent(walk: Walk, person, story) -> Check:
    from django.utils import timezone

    now = timezone.localtime() - dt.timedelta(minutes=1)

    def change(form):
        form.set("consent_withdrawn_at_0", f"{now:%Y-%m-%d}")
        form.set("consent_withdrawn_at_1", f"{now:%H:%M:%S}")

    name = "withdraw consent through A: the person, their story and its pictures gone through B"
    pictures = pictures_gone(
        walk, story.get_absolute_url(), person.get_absolute_url(), owners=(story, person)
    )
    if not pictures:
        return Check(name, ["B's pages showed no picture of theirs before the change"])
    return walk.step(
        name,
        lambda: walk.edit(
            f"/admin/participants/participant/{person.pk}/change/", "participant_form", change
        ),
        [
            Expect(person.get_absolute_url(), status=404),
            Expect(story.get_absolute_url(), status=404),
            Expect("/stories/", hides=(href(story),)),
            Expect("/feeds/stories/", hides=(feed_link(story),)),
            Expect(search(person.name), hides=(href(story),)),
            *pictures,
        ],
    )


def upload_picture(walk: Walk, story, bucket: str) -> list[Check]:
    alt = f"A picture uploaded through A, {word()}"
    picture = web.Upload("cluster.jpg", "image/jpeg", web.jpeg())

    def change(form):
        form.set("hero_image_alt", alt)

    path = editors.change_url(story.pk)
    shown = walk.step(
        "upload a hero image through A: B's story page shows it",
        lambda: walk.edit(path, "story_form", change, {"hero_image": picture}),
        [Expect(story.get_absolute_url(), shows=(f'alt="{alt}"',))],
    )
    if not shown.passed:
        return [shown]
    served = _served(walk, story, bucket)
    name = "B serves its renditions from the private bucket: real JPEG and WebP"
    return [shown, Check(name, served)]


def _served(walk: Walk, story, bucket: str) -> list[str]:
    """B's page links its own /pictures/ addresses; B streams them from the bucket, which
    itself refuses anyone without the app's credentials."""
    url = walk.bases["B"] + story.get_absolute_url()
    with urllib.request.urlopen(url, timeout=10) as answer:
        page = answer.read().decode()
        policy = answer.headers.get("Content-Security-Policy", "")
    addresses = web.picture_urls(page)
    problems = [] if addresses else ["B's story page links no picture"]
    img_src = next((d for d in policy.split(";") if d.strip().startswith("img-src")), "")
    if img_src.split() != ["img-src", "'self'", "data:"]:
        problems.append(f"B's img-src names more than the site: {img_src.strip()!r}")
    kinds = set()
    for address in addresses:
        if not address.startswith("/pictures/renditions/"):
            problems.append(f"{address} is not one of the app's own picture addresses")
            continue
        try:
            with urllib.request.urlopen(walk.bases["B"] + address, timeout=10) as answer:
                status, data = answer.status, answer.read()
                caching = answer.headers.get("Cache-Control")
        except urllib.error.HTTPError as error:
            status, data, caching = error.code, b"", None
        kinds.add(web.image_kind(data) if status == 200 else None)
        if status != 200 or web.image_kind(data) is None:
            problems.append(f"{address} answered {status}, {len(data)} bytes, not an image")
        elif caching != "no-cache":
            problems.append(f"{address} is not revalidated on each use: {caching!r}")
        at_bucket, _ = web.fetch(f"{bucket}/{address.removeprefix('/pictures/')}")
        if at_bucket != 403:
            problems.append(f"the bucket answered {at_bucket} to anyone for {address}, not 403")
    if addresses and not {"jpeg", "webp"} <= kinds:
        problems.append(f"the renditions fetched were {sorted(map(str, kinds))}, not JPEG and WebP")
    return problems


def share_link_on_b(walk: Walk, story, title_word: str) -> Check:
    """Signed through A (its SECRET_KEY), opened through B: one key for both."""
    path = editors.change_url(story.pk)
    form = web.open_form(walk.editor, path, "story_form")
    body = f"csrfmiddlewaretoken={form.value('csrfmiddlewaretoken')}&label=cluster".encode()
    made = walk.editor.post(
        f"/admin/stories/story/{story.pk}/share-links/", body, "application/x-www-form-urlencoded"
    )
    page = walk.editor.get(path).text
    link = next(iter(web.SHARE_URL.findall(page)), None)
    if made.status != 302 or link is None:
        return Check("a share link made through A opens through B", [f"no link: {made.status}"])
    answer = walk.reader.get(link)
    problems = Expect(link, shows=(title_word,)).problems(answer.status, answer.text)
    # The editor's session, signed in through A, is good on B too.
    on_b = editors.Browser(walk.bases["B"])
    on_b.cookies = dict(walk.editor.cookies)
    admin = on_b.get("/admin/stories/story/")
    if admin.status != 200:
        problems.append(f"A's session cookie on B's admin answered {admin.status}")
    return Check("a share link and a session made through A work through B", problems)


def run(bases: dict[str, str], login: tuple[str, str], picks: Picks, bucket: str) -> list[Check]:
    walk = Walk(bases, login)
    checks = []
    published, _ = publish(walk, picks.draft)
    checks.append(published)
    edited, title_word, outcome_word = edit_title_and_outcome(walk, picks.edited)
    checks.append(edited)
    checks.append(unpublish(walk, picks.edited, title_word, outcome_word))
    checks.append(share_link_on_b(walk, picks.edited, title_word))
    # The picture uploaded and served first, so that the withdrawal has one to take down.
    checks += upload_picture(walk, picks.withdrawn_story, bucket)
    checks.append(withdraw_consent(walk, picks.withdrawn, picks.withdrawn_story))
    return checks
