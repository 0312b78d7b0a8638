"""Two editors, one on each instance: the edit-conflict rule, and a burst of saves.

Both instances lock the story's row in the one database while a save checks
the edit it was opened at (editorial.forms), so the rule holds across instances
as it does across one instance's workers.
"""

import json
from concurrent.futures import ThreadPoolExecutor

from bench import cluster_http as web
from bench import editors, load_data
from bench.cluster_http import Expect
from bench.cluster_steps import BURST, FAILURES, VISIBLE_WITHIN, Check, word

BURST_CLIENTS = 4  # editors saving at once in the burst, alternately on A and B


def conflict(bases: dict[str, str], accounts: list[tuple[str, str]], story_pk: int) -> Check:
    """Two editors, one on A and one on B, save the same story at the same instant."""
    from stories.models import Story

    browsers = {}
    for name, (username, password) in zip(("A", "B"), accounts, strict=True):
        browsers[name] = editors.Browser(bases[name])
        browsers[name].login(username, password)
    title_word, summary_word = word(), word()
    changes = {
        "A": lambda form: form.set("title", f"{form.value('title')} {title_word}"),
        "B": lambda form: form.set("summary", f"{summary_word} {form.value('summary')}"),
    }
    outcomes, problems = web.save_at_once(browsers, story_pk, changes)
    stored = Story.objects.get(pk=story_pk)
    if title_word not in stored.title or summary_word not in stored.summary:
        problems.append(f"the story kept {stored.title!r} / {stored.summary[:60]!r}: a change lost")
    reader = editors.Browser(bases["B"])
    both = Expect(stored.get_absolute_url(), shows=(title_word, summary_word))
    seen, _, _ = web.poll(
        lambda: both.problems(*_status_and_text(reader, both.path)), VISIBLE_WITHIN
    )
    problems += [f"through B after {VISIBLE_WITHIN} s: {problem}" for problem in seen]
    said = ", ".join(f"{who} {met}" for who, met in sorted(outcomes.items()))
    return Check(f"two editors, on A and on B, save one story at once ({said})", problems)


def _status_and_text(browser: editors.Browser, path: str) -> tuple[int, str]:
    answer = browser.get(path)
    return answer.status, answer.text


def burst(bases: dict[str, str], accounts: list[tuple[str, str]], stories: list[int]) -> Check:
    """BURST saves of different stories, BURST_CLIENTS at a time, alternately on A and B."""
    before = json.loads(json.dumps(load_data.snapshot(set(stories))))
    load_data.close_connections()  # not held open while the editors save

    def shift(index: int):
        instance = "AB"[index % 2]
        username, password = accounts[index]
        browser = editors.Browser(bases[instance])
        browser.login(username, password)
        edits, errors = [], []
        for pk in stories[index::BURST_CLIENTS]:
            try:
                mark = f"{instance}.{pk}"
                edits.append(
                    editors.edit_story(browser, pk, editor=username, mark=mark, publish=False)
                )
            except FAILURES as error:
                errors.append(f"on {instance}: {type(error).__name__}: {error}")
        return edits, errors

    with ThreadPoolExecutor(BURST_CLIENTS) as pool:
        shifts = list(pool.map(shift, range(BURST_CLIENTS)))
    edits = [edit for done, _ in shifts for edit in done]
    problems = [error for _, errors in shifts for error in errors]
    verified = load_data.verify(edits, before)
    problems += verified["problems"]
    if verified["verified"] != BURST:
        problems.append(f"{verified['verified']} of {BURST} saves found in the database")
    return Check(
        f"{BURST} saves alternating A and B, {BURST_CLIENTS} at once: "
        f"{len(edits)} acknowledged, {verified['verified']} found",
        problems,
    )


def run(bases: dict[str, str], logins: list[tuple[str, str]], picks) -> list[Check]:
    return [
        conflict(bases, logins[:2], picks.conflicted),
        burst(bases, logins[2 : 2 + BURST_CLIENTS], picks.burst),
    ]
