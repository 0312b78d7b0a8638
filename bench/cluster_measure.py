"""`python -m bench.cluster --measure`: requests per second, one instance alone and two at once.

The same pages through instance A alone, then through A and B at the same
time (one wrk against each, both running together; the two rates added), on
the cluster's database, Redis and bucket. Each instance is gunicorn with the
workers `make bench` uses, and wrk drives it as there (bench.harness). Two
instances on one machine share its cores with each other and with wrk, so this
shows what a second instance costs and gains here, not what a second machine would.

Results: bench/results/cluster-latest.json and cluster-latest.md (and a dated
copy in bench/results/runs/, not committed).
"""

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor

from bench import harness

# (page cache on?, name, path). The uncached list is /stories/ rendered every time.
PAGES = [
    (True, "stories list", "/stories/"),
    (False, "stories list", "/stories/"),
    (False, "search", "/search/?q=community"),
]
WARM_SECONDS = 2


def _rates(wrk: str, bases: list[str], path: str, seconds: int) -> list[dict]:
    """wrk against each base at the same time."""
    with ThreadPoolExecutor(len(bases)) as pool:
        measured = list(pool.map(lambda base: harness.load(wrk, base + path, seconds), bases))
    for base in bases:
        harness.wait_until_idle(base)
    return measured


def measure(wrk: str, bases: dict[str, str], cached: bool, name: str, path: str, seconds: int):
    _rates(wrk, list(bases.values()), path, WARM_SECONDS)  # every worker of both warmed
    (alone,) = _rates(wrk, [bases["A"]], path, seconds)
    both = _rates(wrk, list(bases.values()), path, seconds)
    total = sum(result["rps"] for result in both)
    return {
        "page": name,
        "path": path,
        "page_cache": cached,
        "one_rps": alone["rps"],
        "one_p50_ms": alone["p50_ms"],
        "one_p99_ms": alone["p99_ms"],
        "two_rps": [result["rps"] for result in both],
        "two_total_rps": round(total, 1),
        "two_p50_ms": [result["p50_ms"] for result in both],
        "two_p99_ms": [result["p99_ms"] for result in both],
        "two_over_one": round(total / alone["rps"], 2) if alone["rps"] else None,
        "errors": sum(r["errors"] + r["non2xx"] for r in [alone, *both]),
    }


def run(wrk: str, env: dict, instances, seconds: int, log) -> dict:
    # Whatever else the machine was doing shows here: the figures are only as quiet as it.
    load_before = os.getloadavg()[0]
    rows = []
    for cached in (True, False):
        with instances(env, PAGE_CACHE_SECONDS="600" if cached else "0") as bases:
            for page_cached, name, path in PAGES:
                if page_cached != cached:
                    continue
                row = measure(wrk, bases, cached, name, path, seconds)
                log(
                    f"{name} ({'cached' if cached else 'uncached'}): one {row['one_rps']:.0f} "
                    f"req/s, two {row['two_total_rps']:.0f} ({row['two_over_one']}x)"
                )
                rows.append(row)
    report = {
        "finished": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        "cores": os.cpu_count(),
        "workers_per_instance": harness.WORKERS,
        "connections_per_instance": harness.CONNECTIONS,
        "seconds": seconds,
        "load_average_before": round(load_before, 2),
        "rows": rows,
    }
    write(report)
    return report


def markdown(report: dict) -> str:
    lines = [
        f"# Two instances against one, {report['finished']}",
        "",
        f"One machine, {report['cores']} cores. Each instance: gunicorn, "
        f"{report['workers_per_instance']} workers, DEBUG off, sharing one PostgreSQL, one "
        f"Redis and one bucket. wrk: 2 threads, {report['connections_per_instance']} "
        f"connections per instance, {report['seconds']} s. Two: wrk against A and B at once, "
        f"rates added. Times in ms. Load average before: {report['load_average_before']}.",
        "",
        "| page | page cache | one: req/s | p50 | p99 | two: A + B req/s | total | p50 A / B "
        "| two ÷ one | errors |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in report["rows"]:
        cells = [
            f"{row['page']} (`{row['path']}`)",
            "on" if row["page_cache"] else "off",
            f"{row['one_rps']:.0f}",
            f"{row['one_p50_ms']:.1f}",
            f"{row['one_p99_ms']:.1f}",
            " + ".join(f"{rps:.0f}" for rps in row["two_rps"]),
            f"{row['two_total_rps']:.0f}",
            " / ".join(f"{ms:.1f}" for ms in row["two_p50_ms"]),
            row["two_over_one"],
            row["errors"],
        ]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def write(report: dict) -> None:
    harness.write_results(
        report, markdown(report), dated=f"cluster-{harness.stamp()}", latest="cluster-latest"
    )
