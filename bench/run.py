"""`make bench`: the public pages under load, side by side with Django's own ceiling.

For each database (SQLite; PostgreSQL too when DATABASE_URL names one) and each
size (1,000 and 100,000 stories; 1,000 and 10,000 with --quick), it builds a
fresh database with `generate_stories`, serves it with gunicorn (production
settings, DEBUG off) on 127.0.0.1, and drives each page with wrk for a fixed
time, first with the page cache off and then on. Two references run through
the same server and middleware: a bare Django view rendering a static template
as large as the story list, and that HTML as a static file (WhiteNoise).

Results: bench/results/latest.json and latest.md, and a dated copy of each in
bench/results/runs/ (not committed). Run it as `python -m bench.run` (`make bench`).
"""

import argparse
import datetime as dt
import json
import os
from pathlib import Path

from bench import harness
from bench.harness import CONNECTIONS, WORK, WORKERS

WARM_SECONDS = 2
# The three states a reader can meet: every cache empty (each page as the first request
# after an edit makes it), the page cache off with the kept figures on, and cached.
MODES = {
    "empty": {"PAGE_CACHE_SECONDS": "0", "DATA_CACHE_SECONDS": "0"},
    "uncached": {"PAGE_CACHE_SECONDS": "0"},
    "cached": {"PAGE_CACHE_SECONDS": "600"},
}
REFERENCES = {"bare Django": "/bench/bare/", "static file": "/static/bench/page.html"}
BARE_AGAIN = "bare Django, at the end"


def log(message: str) -> None:
    print(f"[bench {dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def sqlite_url(size: int) -> str:
    return harness.fresh_sqlite(f"bench-{size}")


def postgres_url(base: str, size: int) -> str:
    return harness.fresh_postgres(base, f"impactcms_bench_{size}")


def databases(args) -> list[tuple[str, callable]]:
    chosen = [("SQLite", sqlite_url)]
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")) and not args.sqlite_only:
        chosen.append(("PostgreSQL", lambda size: postgres_url(base, size)))
    return chosen


def worker_peak_rss_mb(master: int) -> int:
    """The largest resident size among gunicorn's workers."""
    largest = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master):
            largest = max(largest, int(fields["VmRSS"].split()[0]) // 1024)
    return largest


# --- One database at one size ---------------------------------------------------------


def measure(wrk: str, label: str, url_for, size: int, seconds: float, only=None) -> dict:
    log(f"{label}, {size:,} stories: building")
    env = harness.app_env(url_for(size))
    harness.manage(env, "migrate", "--noinput", "-v", "0")
    generation = harness.generate(env, size)
    harness.manage(env, "collectstatic", "--noinput", "-v", "0")
    probe = json.loads(harness.manage(env, "bench_probe"))
    if only:
        probe = {name: stats for name, stats in probe.items() if name in only}
    reference = WORK / "static" / "bench" / "page.html"
    reference.parent.mkdir(parents=True, exist_ok=True)
    reference.write_text(fetch_with_test_client(env, "/stories/"), encoding="utf-8")

    modes = {}
    for mode, caches in MODES.items():
        server, base = harness.serve(env | caches | {"BENCH_REFERENCE_HTML": str(reference)})
        try:
            # References first: a slow page's queued requests must not count against them.
            pages = REFERENCES | {name: stats["url"] for name, stats in probe.items()}
            results = {}
            for name, path in pages.items():
                # Warm every worker: each keeps its own cache, and at 100,000 stories
                # the counts and marks a listing keeps take up to a second to make.
                harness.load(wrk, base + path, WARM_SECONDS)
                harness.wait_until_idle(base)
                results[name] = harness.load(wrk, base + path, seconds)
                harness.wait_until_idle(base)
                log(f"{label} {size:,} {mode:8} {name:20} {results[name]['rps']:8.1f} req/s")
            # The bare reference once more at the end: the ratios use the mean of both.
            bare = base + REFERENCES["bare Django"]
            harness.load(wrk, bare, WARM_SECONDS)
            again = results[BARE_AGAIN] = harness.load(wrk, bare, seconds)
            log(f"{label} {size:,} {mode:8} {BARE_AGAIN:20} {again['rps']:8.1f} req/s")
            modes[mode] = {"pages": results, "worker_peak_mb": worker_peak_rss_mb(server.pid)}
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"generate": generation, "probe": probe, **modes}


def fetch_with_test_client(env: dict, path: str) -> str:
    script = (
        "from django.test import Client; from django.test.utils import override_settings\n"
        "with override_settings(ALLOWED_HOSTS=['testserver']):\n"
        f"    print(Client().get({path!r}).content.decode(), end='')"
    )
    return harness.manage(env, "shell", "-c", script)


# --- The report ------------------------------------------------------------------------


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 2) if denominator else None


def _bare_rps(pages: dict) -> float:
    measures = [pages[name]["rps"] for name in ("bare Django", BARE_AGAIN) if name in pages]
    return sum(measures) / len(measures)


def summarise(runs: dict) -> list[dict]:
    """One row per database and page, with the ratios the goals are written in."""
    rows = []
    for label, sizes in runs.items():
        small, large = sorted(sizes, key=int)
        for name in sizes[large]["uncached"]["pages"]:
            big = sizes[large]
            uncached, cached = big["uncached"]["pages"][name], big["cached"]["pages"][name]
            # Each mode's pages against the bare reference of the same server run, the mean
            # of its first and last measure: the same bare view measured twice differed by
            # up to a quarter on this machine.
            bare = _bare_rps(big["uncached"]["pages"])
            cached_bare = _bare_rps(big["cached"]["pages"])
            little = sizes[small]["uncached"]["pages"].get(name, {})
            probe = big["probe"].get(name, {})
            # Runs from before the empty state was measured have none.
            empty = big.get("empty", {}).get("pages", {}).get(name, {})
            empty_small = sizes[small].get("empty", {}).get("pages", {}).get(name, {})
            empty_bare = _bare_rps(big["empty"]["pages"]) if "empty" in big else None
            rows.append(
                {
                    "database": label,
                    "page": name,
                    "url": probe.get("url", REFERENCES.get(name)),
                    "queries": probe.get("queries"),
                    "bytes": uncached["bytes_per_request"],
                    "small_p50_ms": little.get("p50_ms"),
                    "p50_ms": uncached["p50_ms"],
                    "p95_ms": uncached["p95_ms"],
                    "p99_ms": uncached["p99_ms"],
                    "rps": uncached["rps"],
                    "cached_rps": cached["rps"],
                    "cached_p50_ms": cached["p50_ms"],
                    "large_over_small_p50": ratio(uncached["p50_ms"], little.get("p50_ms")),
                    "bare_rps": bare,
                    "over_bare_rps": ratio(uncached["rps"], bare),
                    "cached_bare_rps": cached_bare,
                    "cached_over_bare_rps": ratio(cached["rps"], cached_bare),
                    "cached_over_uncached_rps": ratio(cached["rps"], uncached["rps"]),
                    "errors": uncached["errors"] + uncached["non2xx"] + cached["errors"],
                    "empty_small_p50_ms": empty_small.get("p50_ms"),
                    "empty_p50_ms": empty.get("p50_ms"),
                    "empty_large_over_small_p50": ratio(
                        empty.get("p50_ms"), empty_small.get("p50_ms")
                    ),
                    "empty_over_bare_rps": ratio(empty.get("rps"), empty_bare),
                }
            )
    return rows


MS_COLUMNS = ("small_p50_ms", "p50_ms", "p95_ms", "p99_ms")


def markdown(report: dict) -> str:
    sizes = " and ".join(f"{size:,}" for size in report["sizes"])
    lines = [
        f"# Benchmark, {report['finished']}",
        "",
        f"Stories: {sizes}. gunicorn, {WORKERS} workers, DEBUG off; wrk, 2 threads, "
        f"{CONNECTIONS} connections, {report['seconds']} s a page; loopback. Times in ms. "
        "Ratios: large ÷ small size (p50), page ÷ bare Django (requests/s), cached ÷ bare; "
        "each mode's pages against the bare reference measured in the same server run.",
        "",
        "Kept figures on, page cache off: p50 small, p50, p95, p99, req/s, large÷small, ÷bare. "
        "Every cache empty: p50 small, p50, large÷small, ÷bare. Cached: req/s, ÷bare.",
        "",
        "| database | page | queries | KB | p50 small | p50 | p95 | p99 | req/s | "
        "large÷small | ÷bare | empty p50 small | empty p50 | empty large÷small | empty ÷bare | "
        "cached req/s | cached÷bare |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in report["rows"]:
        queries = "-" if row["queries"] is None else row["queries"]
        cells = [
            row["database"],
            row["page"],
            queries,
            f"{row['bytes'] / 1024:.1f}",
            *("-" if row[key] is None else f"{row[key]:.1f}" for key in MS_COLUMNS),
            f"{row['rps']:.0f}",
            row["large_over_small_p50"],
            row["over_bare_rps"],
            *(
                "-" if row.get(key) is None else f"{row[key]:.1f}"
                for key in ("empty_small_p50_ms", "empty_p50_ms")
            ),
            row.get("empty_large_over_small_p50") or "-",
            row.get("empty_over_bare_rps") or "-",
            f"{row['cached_rps']:.0f}",
            row["cached_over_bare_rps"],
        ]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    lines += [
        "",
        "| database | size | generate_stories | its peak memory | worker peak (cached run) |",
        "|---|--:|--:|--:|--:|",
    ]
    for label, sizes_run in report["runs"].items():
        for size, run in sorted(sizes_run.items(), key=lambda item: int(item[0])):
            lines.append(
                f"| {label} | {int(size):,} | {run['generate']['seconds']} s "
                f"| {run['generate']['peak_mb']} MB | {run['cached']['worker_peak_mb']} MB |"
            )
    return "\n".join(lines) + "\n"


def write(report: dict, dated: str, *, latest: bool = True) -> None:
    harness.write_results(
        report, markdown(report), dated=dated, latest="latest" if latest else None
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 stories, 3 s a page")
    parser.add_argument("--seconds", type=int, help="load time per page (default 8, quick 3)")
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument(
        "--pages",
        help="measure only these pages (names as in the table, comma-separated); "
        "the results go to a dated file in bench/results/runs/, not latest",
    )
    parser.add_argument(
        "--summarise", metavar="JSON", help="measure nothing: rewrite the tables of a saved run"
    )
    args = parser.parse_args()
    if args.summarise:
        report = json.loads(Path(args.summarise).read_text())
        report["rows"] = summarise(report["runs"])
        stamp = dt.datetime.strptime(report["finished"], "%Y-%m-%d %H:%M UTC")
        write(report, f"{stamp:%Y%m%d-%H%M}")
        return
    sizes = [1_000, 10_000] if args.quick else [1_000, 100_000]
    seconds = args.seconds or (3 if args.quick else 8)

    only = {name.strip() for name in args.pages.split(",")} if args.pages else None
    wrk = harness.ensure_wrk()
    WORK.mkdir(parents=True, exist_ok=True)
    runs = {
        label: {str(size): measure(wrk, label, url_for, size, seconds, only) for size in sizes}
        for label, url_for in databases(args)
    }
    report = {
        "finished": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "sizes": sizes,
        "seconds": seconds,
        "runs": runs,
        "rows": summarise(runs),
    }
    stamp = harness.stamp()
    write(report, f"{stamp}-{'-'.join(sorted(only))}" if only else stamp, latest=not only)


if __name__ == "__main__":
    main()
