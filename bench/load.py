"""`make load`: readers and editors on the site at once, then a check that no edit was lost.

It builds a fresh database (migrate, the demo content with its pictures, and
`generate_stories`: 10,000 stories, 1,000 with --quick) on SQLite, or on
PostgreSQL beside the database DATABASE_URL names. gunicorn serves it with
production settings over plain http on 127.0.0.1. For a fixed time, wrk walks
every kind of public page (the images they show and some deliberate 404s
included) while editor clients log in to the admin and save their own stories
through the change form, publishing the drafts. Then the database must hold
every save the admin acknowledged, and nothing else may have changed.

Results: bench/results/load-latest.json and load-latest.md, and a dated copy of
each in bench/results/runs/ (not committed). The exit status is 1 on any 5xx,
unexpected 4xx, editor error or lost edit. Run it as `python -m bench.load` (`make load`).
"""

import argparse
import collections
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from bench import editors, harness, load_data

READERS = 4  # wrk threads, one connection each
EDITORS = 4
DRAFTS, PUBLISHED = 2, 4  # each editor's own stories
MEDIA_PAGES = 12  # images the pages show, requested as pages are
PAGES_FILE = harness.WORK / "load-pages.tsv"
SERVER_LOG = harness.WORK / "load-gunicorn.log"
PICTURE_URL = re.compile(r"""/pictures/[^"'\s,)<>]+""")


def log(message: str) -> None:
    print(f"[load {dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def database(size: int) -> tuple[str, str]:
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")):
        return "PostgreSQL", harness.fresh_postgres(base, f"impactcms_load_{size}")
    return "SQLite", harness.fresh_sqlite(f"load-{size}")


def app_env(database_url: str) -> dict[str, str]:
    """Production settings, over plain http on loopback."""
    media = harness.WORK / "load-media"
    shutil.rmtree(media, ignore_errors=True)
    return harness.app_env(
        database_url,
        ALLOWED_HOSTS="127.0.0.1",
        MEDIA_ROOT=str(media),
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
    )


def build(env: dict, size: int) -> dict:
    harness.manage(env, "migrate", "--noinput", "-v", "0")
    harness.manage(env, "load_demo")
    generation = harness.generate(env, size)
    harness.manage(env, "collectstatic", "--noinput", "-v", "0")
    return generation


# --- Before the load -------------------------------------------------------------------


def prepare(editor_count: int) -> dict:
    accounts = load_data.make_editors(editor_count)
    shares = load_data.stories_for(list(accounts), drafts=DRAFTS, published=PUBLISHED)
    edited = {pk for pks in shares.values() for pk in pks}
    pages = load_data.reader_pages(avoid=edited)
    before = json.loads(json.dumps(load_data.snapshot(edited)))
    load_data.close_connections()
    return {"accounts": accounts, "shares": shares, "pages": pages, "before": before}


def preflight(base: str, pages: list) -> tuple[list, list[str], dict]:
    """Fetch each page once, timing it: its status must be the one expected. The images
    the pages show join the walk."""
    browser = editors.Browser(base)
    problems, images, times = [], {}, {}

    def fetch(name, expected, path):
        answer = browser.get(path)
        times[name] = round(answer.seconds * 1000, 1)
        if answer.status != expected:
            problems.append(f"{name} ({path}) answered {answer.status}, not {expected}")
        return answer

    for name, expected, path in pages:
        answer = fetch(name, expected, path)
        for image in PICTURE_URL.findall(answer.text) if answer.status == 200 else ():
            images.setdefault(image, f"image {image.rsplit('/', 2)[-2]}/{image.rsplit('/')[-1]}")
    shown = [(name, 200, path) for path, name in list(images.items())[:MEDIA_PAGES]]
    for page in shown:
        fetch(*page)
    if not shown:
        problems.append("no page showed an image from /pictures/")
    return pages + shown, problems, times


# --- The load --------------------------------------------------------------------------


def read(wrk: str, base: str, pages: list, readers: int, seconds: int) -> subprocess.Popen:
    PAGES_FILE.write_text("".join(f"{name}\t{status}\t{path}\n" for name, status, path in pages))
    return subprocess.Popen(
        [
            wrk,
            "--threads",
            str(readers),
            "--connections",
            str(readers),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--script",
            str(harness.HERE / "readers.lua"),
            base,
            "--",
            str(PAGES_FILE),
            str(readers),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def load(
    base: str,
    wrk: str,
    prepared: dict,
    readers: int,
    seconds: int,
    *,
    shares=None,
    publish=True,
    pause=0.0,
) -> tuple[dict, list]:
    """Readers for `seconds`, and each editor saving their `shares` meanwhile (none: readers
    alone)."""
    shares = prepared["shares"] if shares is None else shares
    until = time.monotonic() + seconds
    reading = read(wrk, base, prepared["pages"], readers, seconds)
    shifts = []
    working = {name: stories for name, stories in shares.items() if stories}
    if working:
        with ProcessPoolExecutor(len(working)) as pool:
            shifts = [
                pool.submit(
                    editors.work_shift,
                    base,
                    name,
                    prepared["accounts"][name],
                    stories,
                    until,
                    publish=publish,
                    pause=pause,
                )
                for name, stories in working.items()
            ]
            shifts = [shift.result() for shift in shifts]
    out, _ = reading.communicate(timeout=seconds + 60)
    if reading.returncode:
        sys.exit(f"wrk failed ({reading.returncode})")
    return json.loads(out.strip().splitlines()[-1]), shifts


def percentiles(seconds: list[float]) -> dict:
    if not seconds:
        return {"requests": 0}
    ordered = sorted(seconds)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)

    return {
        "requests": len(ordered),
        "p50_ms": at(0.5),
        "p90_ms": at(0.9),
        "p99_ms": at(0.99),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def editor_summary(shifts: list) -> dict:
    timings = [timing for shift in shifts for timing in shift.timings]
    errors = [f"{shift.editor}: {error}" for shift in shifts for error in shift.errors]
    return {
        "editors": len(shifts),
        "all": percentiles([seconds for _, _, seconds in timings]),
        "GET (forms)": percentiles([s for method, _, s in timings if method == "GET"]),
        "POST (saves)": percentiles([s for method, _, s in timings if method == "POST"]),
        "4xx": sum(400 <= status < 500 for _, status, _ in timings),
        "5xx": sum(status >= 500 for _, status, _ in timings),
        "edits": sum(len(shift.edits) for shift in shifts),
        "errors": len(errors),
        "first_errors": errors[:10],
    }


SERVER_TROUBLE = re.compile(
    r"^Internal Server Error: |^[\w.]+(Error|Exception): |WORKER TIMEOUT|\[ERROR\]|\[CRITICAL\]"
)


def server_errors() -> dict[str, int]:
    """What gunicorn and Django logged as going wrong (errors, their exceptions, worker
    timeouts), each line with how often; an exception's chained cause counts too."""
    log_lines = SERVER_LOG.read_text(errors="replace").splitlines()
    found = collections.Counter(line for line in log_lines if SERVER_TROUBLE.search(line))
    # One address a line would drown the exceptions: the addresses are counted together.
    paths = sum(n for line, n in found.items() if line.startswith("Internal Server Error"))
    counts = {line: n for line, n in found.items() if not line.startswith("Internal Server")}
    return {"Internal Server Error (requests)": paths} | counts if paths else counts


# --- The report --------------------------------------------------------------------------


def failures(report: dict) -> list[str]:
    readers, editors_, check = report["readers"], report["editors"], report["check"]
    found = list(report["preflight"])
    if readers["5xx"]:
        found.append(f"readers got {readers['5xx']} 5xx answers")
    if readers["unexpected_4xx"] or readers["other_surprises"]:
        found.append(
            f"readers got {readers['unexpected_4xx']} unexpected 4xx answers, "
            f"{readers['other_surprises']} other surprises"
        )
    if readers["socket_errors"]["timeout"]:
        found.append(f"readers had {readers['socket_errors']['timeout']} timeouts")
    if editors_["errors"] or editors_["5xx"]:
        first = editors_["first_errors"][0] if editors_["first_errors"] else "-"
        found.append(
            f"editors had {editors_['errors']} errors ({editors_['5xx']} 5xx); first: {first}"
        )
    if not editors_["edits"] and editors_["editors"]:
        found.append("the editors made no edit")
    found += check["problems"]
    found += [f"server log: {line} ({n} times)" for line, n in report["server_errors"].items()]
    return found


def markdown(report: dict) -> str:
    readers, eds, check = report["readers"], report["editors"], report["check"]
    rows = [
        (
            "readers (wrk)",
            readers,
            readers["expected_4xx"],
            readers["unexpected_4xx"],
            readers["5xx"],
        ),
        *(
            (f"editors, {kind}", eds[kind], "-", "-", "-")
            for kind in ("GET (forms)", "POST (saves)")
        ),
        ("editors, all", eds["all"], "-", eds["4xx"], eds["5xx"]),
    ]
    lines = [
        f"# Load run, {report['finished']}",
        "",
        f"{report['database']}, {report['stories']:,} stories (and the demo content). gunicorn, "
        f"{harness.WORKERS} workers, DEBUG off, page cache on; {report['seconds']} s; "
        f"{report['readers_count']} wrk readers (one connection each) walking "
        f"{report['pages']} pages; {eds['editors']} editors saving through the admin at once. "
        "Times in ms.",
        "",
        "| who | requests | req/s | 4xx (deliberate) | 4xx (other) | 5xx | p50 | p90 | p99 | max |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, stats, deliberate, other, server in rows:
        rate = stats["requests"] / report["seconds"]
        cells = [name, f"{stats['requests']:,}", f"{rate:.1f}", deliberate, other, server]
        cells += [stats.get(key, "-") for key in ("p50_ms", "p90_ms", "p99_ms", "max_ms")]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    lines += [
        "",
        f"Edits acknowledged: {eds['edits']}, on {check['stories']} stories "
        f"({check['published']} drafts published); found in the database: {check['verified']}. "
        f"Editor errors: {eds['errors']}.",
        "",
        "Slowest pages, one request each before the load: "
        + ", ".join(f"{name} {ms}" for name, ms in list(report["first_request_ms"].items())[:5])
        + ".",
        "",
        "Result: " + ("PASSED" if report["passed"] else "FAILED"),
    ]
    lines += [f"- {problem}" for problem in report["failures"]]
    return "\n".join(lines) + "\n"


def write(report: dict) -> None:
    harness.write_results(
        report, markdown(report), dated=f"load-{harness.stamp()}", latest="load-latest"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 stories for 15 s")
    parser.add_argument("--seconds", type=int, help="how long the load lasts (default 60)")
    parser.add_argument("--stories", type=int, help="stories to generate (default 10,000)")
    parser.add_argument("--readers", type=int, default=READERS, help="wrk connections")
    parser.add_argument("--editors", type=int, default=EDITORS, help="editor clients")
    args = parser.parse_args()
    size = args.stories or (1_000 if args.quick else 10_000)
    seconds = args.seconds or (15 if args.quick else 60)

    wrk = harness.ensure_wrk()
    harness.WORK.mkdir(parents=True, exist_ok=True)
    label, url = database(size)
    env = app_env(url)
    log(f"{label}: building {size:,} stories")
    generation = build(env, size)
    load_data.setup(env)
    prepared = prepare(args.editors)
    server, base = harness.serve(env, log=SERVER_LOG)
    try:
        pages, problems, first_times = preflight(base, prepared["pages"])
        prepared["pages"] = pages
        log(f"{len(pages)} pages, {args.readers} readers, {args.editors} editors, {seconds} s")
        readers, shifts = load(base, wrk, prepared, args.readers, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    log("checking the edits")
    edits = [edit for shift in shifts for edit in shift.edits]
    report = {
        "finished": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "database": label,
        "stories": size,
        "generate": generation,
        "seconds": seconds,
        "readers_count": args.readers,
        "pages": len(pages),
        "preflight": problems,
        "first_request_ms": dict(sorted(first_times.items(), key=lambda item: -item[1])),
        "readers": readers,
        "editors": editor_summary(shifts),
        "check": load_data.verify(edits, prepared["before"]),
        "server_errors": server_errors(),
        "edits": [
            {key: getattr(edit, key) for key in ("story", "editor", "title", "status")}
            for edit in edits
        ],
    }
    report["failures"] = failures(report)
    report["passed"] = not report["failures"]
    write(report)
    sys.exit(0 if report["passed"] else 1)


if __name__ == "__main__":
    main()
