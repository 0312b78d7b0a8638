"""`make editing-day`: what readers get while the site is being edited.

The same site, server and pages as `make load` (bench.load), in three phases of
the same length, one after the other:

1. readers alone: the baseline;
2. readers while contributors save drafts through the admin (nothing public
   changes: the readers should be served from the cache as in phase 1);
3. readers while editors save published stories (each save renews the pages
   showing that story, and only those).

For each phase: the readers' requests, p50 and p99, the share served from the
page cache (the `X-Page-Cache: hit` header), 5xx; then every save must be in the
database (bench.load_data.verify). Goals (issue 24): phase 3's p50 at most twice
phase 1's; at least 90% of phase 2's answers from the cache; no 5xx; every save
found.

Results: bench/results/editing-day-latest.json and .md (a dated copy in
bench/results/runs/). Run it as `python -m bench.editing_day` (`make editing-day`).
"""

import argparse
import datetime as dt
import sys

from bench import harness, load, load_data

EDITORS = 4
# Each person's pause between saves: an editor reads what they saved before the next
# (`make load` saves without pause, as a stress test).
PAUSE_SECONDS = 2.0
P50_AT_MOST = 2.0
CACHED_AT_LEAST = 0.9


def log(message: str) -> None:
    print(f"[editing day {dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def phase(name: str, readers: dict, shifts: list, seconds: int) -> dict:
    # Of the answers the page cache gives (pictures and deliberate 404s are not pages).
    pages = (readers.get("cached", 0) + readers.get("made", 0)) or 1
    return {
        "phase": name,
        "requests": readers["requests"],
        "rps": round(readers["requests"] / seconds, 1),
        "p50_ms": readers["p50_ms"],
        "p99_ms": readers["p99_ms"],
        "cached_share": round(readers.get("cached", 0) / pages, 3),
        "5xx": readers["5xx"],
        "unexpected_4xx": readers["unexpected_4xx"],
        "saves": sum(len(shift.edits) for shift in shifts),
        "editor_errors": sum(len(shift.errors) for shift in shifts),
    }


def goals(report: dict) -> list[str]:
    alone, drafts, published = report["phases"]
    found = list(report["preflight"]) + report["check"]["problems"]
    ratio = published["p50_ms"] / alone["p50_ms"] if alone["p50_ms"] else None
    report["p50_over_alone"] = round(ratio, 2) if ratio else None
    if ratio is None or ratio > P50_AT_MOST:
        found.append(f"readers' p50 while editors publish is {ratio} times alone (goal ≤ 2)")
    if drafts["cached_share"] < CACHED_AT_LEAST:
        found.append(f"{drafts['cached_share']:.0%} from the cache while drafts are saved")
    for each in report["phases"]:
        if each["5xx"] or each["editor_errors"]:
            found.append(f"{each['phase']}: {each['5xx']} 5xx, {each['editor_errors']} errors")
    if not drafts["saves"] or not published["saves"]:
        found.append("a phase made no save")
    return found


def markdown(report: dict) -> str:
    lines = [
        f"# Editing day, {report['finished']}",
        "",
        f"{report['database']}, {report['stories']:,} stories (and the demo content). gunicorn, "
        f"{harness.WORKERS} workers, DEBUG off, page cache on; {report['readers_count']} wrk "
        f"readers walking {report['pages']} pages; three phases of {report['seconds']} s; "
        f"{EDITORS} people saving through the admin in phases 2 and 3, each pausing "
        f'{report["pause"]} s between saves. Times in ms; "from the cache" counts pages.',
        "",
        "| phase | reader requests | req/s | p50 | p99 | from the cache | 5xx | saves |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for each in report["phases"]:
        lines.append(
            f"| {each['phase']} | {each['requests']:,} | {each['rps']} | {each['p50_ms']} | "
            f"{each['p99_ms']} | {each['cached_share']:.1%} | {each['5xx']} | {each['saves']} |"
        )
    check = report["check"]
    lines += [
        "",
        f"Readers' p50 while published stories are saved: {report['p50_over_alone']} times their "
        f"p50 alone (goal ≤ {P50_AT_MOST}). Saves found in the database: {check['verified']} "
        f"of {check['edits']}.",
        "",
        "Result: " + ("PASSED" if report["passed"] else "FAILED"),
    ]
    lines += [f"- {problem}" for problem in report["failures"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 stories, 15 s a phase")
    parser.add_argument("--seconds", type=int, help="each phase's length (default 60)")
    parser.add_argument("--stories", type=int, help="stories to generate (default 5,000)")
    parser.add_argument("--readers", type=int, default=load.READERS, help="wrk connections")
    parser.add_argument(
        "--pause", type=float, default=PAUSE_SECONDS, help="seconds between one person's saves"
    )
    args = parser.parse_args()
    size = args.stories or (1_000 if args.quick else 5_000)
    seconds = args.seconds or (15 if args.quick else 60)

    wrk = harness.ensure_wrk()
    harness.WORK.mkdir(parents=True, exist_ok=True)
    label, url = load.database(size)
    env = load.app_env(url)
    log(f"{label}: building {size:,} stories")
    generation = load.build(env, size)
    load_data.setup(env)
    prepared = load.prepare(EDITORS)
    statuses = prepared["before"]["statuses"]
    drafts = {
        name: [pk for pk in pks if statuses.get(str(pk)) == "draft"]
        for name, pks in prepared["shares"].items()
    }
    published = {
        name: [pk for pk in pks if statuses.get(str(pk)) != "draft"]
        for name, pks in prepared["shares"].items()
    }
    server, base = harness.serve(env, log=load.SERVER_LOG)
    phases, edits = [], []
    try:
        pages, problems, _ = load.preflight(base, prepared["pages"])
        prepared["pages"] = pages
        for name, shares, publish in (
            ("readers alone", {}, False),
            ("contributors save drafts", drafts, False),
            ("editors save published stories", published, True),
        ):
            load.preflight(base, pages)  # every page cached as the phase starts
            log(f"{name}: {seconds} s")
            readers, shifts = load.load(
                base,
                wrk,
                prepared,
                args.readers,
                seconds,
                shares=shares,
                publish=publish,
                pause=args.pause,
            )
            phases.append(phase(name, readers, shifts, seconds))
            edits += [edit for shift in shifts for edit in shift.edits]
    finally:
        server.terminate()
        server.wait(timeout=30)
    report = {
        "finished": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "database": label,
        "stories": size,
        "generate": generation,
        "seconds": seconds,
        "readers_count": args.readers,
        "pause": args.pause,
        "pages": len(prepared["pages"]),
        "preflight": problems,
        "phases": phases,
        "check": load_data.verify(edits, prepared["before"]),
    }
    report["failures"] = goals(report)
    report["passed"] = not report["failures"]
    harness.write_results(
        report,
        markdown(report),
        dated=f"editing-day-{harness.stamp()}",
        latest="editing-day-latest",
    )
    print(markdown(report))
    sys.exit(0 if report["passed"] else 1)


if __name__ == "__main__":
    main()
