"""What the bench scripts share: fresh databases, the app's production environment,
gunicorn on a loopback port, wrk against it, and where results are written.

Results: the last run of each kind in bench/results/ (committed: `latest.*`,
`load-latest.*`, `cluster-latest.*`), and a dated copy of every run in
bench/results/runs/ (ignored by git: copy one beside them to cite it).
"""

import contextlib
import datetime as dt
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
RESULTS = HERE / "results"
RUNS = RESULTS / "runs"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
WORKERS = 3  # two cores, and wrk needs some of them too
CONNECTIONS = 8


def ensure_wrk() -> str:
    if wrk := shutil.which("wrk"):
        return wrk
    print("wrk is missing: installing it from Debian's packages", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "-q", "wrk"], check=True)
    return shutil.which("wrk") or sys.exit("wrk could not be installed; install it and rerun.")


# --- Databases ------------------------------------------------------------------


def fresh_sqlite(name: str) -> str:
    """The URL of an empty SQLite file in bench/.work (its leftovers removed)."""
    path = WORK / f"{name}.sqlite3"
    for leftover in WORK.glob(f"{name}.sqlite3*"):
        leftover.unlink()
    return f"sqlite:///{path}"


def fresh_postgres(base: str, name: str) -> str:
    """A fresh database called `name` beside the one `base` names, never that one."""
    import psycopg

    parts = urlsplit(base)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


# --- Running the app -------------------------------------------------------------


def app_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    return env | {
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain http on loopback: production would redirect it to https.
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        **extra,
    }


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def generate(env: dict, size: int) -> dict:
    """Run generate_stories, measuring its own time and peak memory (not the shell's)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [PYTHON, "manage.py", "generate_stories", str(size), "--seed", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        sys.exit(f"generate_stories {size} failed")
    return {"seconds": round(time.perf_counter() - started, 1), "peak_mb": usage.ru_maxrss // 1024}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(env: dict, log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Start gunicorn on a free loopback port; its output goes to `log`, if given."""
    port = free_port()
    with log.open("w") if log else contextlib.nullcontext(subprocess.DEVNULL) as output:
        server = subprocess.Popen(
            [GUNICORN, "impactcms.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=output,
        )
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{base}/robots.txt", timeout=2) as answer:
                if answer.status == 200:
                    return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit("gunicorn did not start")


def wait_until_idle(base: str, limit: float = 120) -> None:
    """Wait for requests wrk left queued to finish: the next page starts on idle workers."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{base}/robots.txt", timeout=limit) as answer:
                answer.read()
        except OSError:
            continue
        if time.monotonic() - started < 0.05:
            return


def load(wrk: str, url: str, seconds: float) -> dict:
    """wrk against one address for `seconds`: its rate, latencies and bytes (report.lua)."""
    done = subprocess.run(
        [
            wrk,
            "--threads",
            "2",
            "--connections",
            str(CONNECTIONS),
            "--duration",
            f"{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "--script",
            str(HERE / "report.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["bytes_per_request"] = result["bytes"] // max(result["requests"], 1)
    return result


# --- Results ------------------------------------------------------------------------


def stamp() -> str:
    return f"{dt.datetime.now(dt.UTC):%Y%m%d-%H%M}"


def write_results(report: dict, text: str, *, dated: str, latest: str | None) -> None:
    """The run as JSON and Markdown: `latest` in bench/results/ (when given), `dated` in
    bench/results/runs/; then the Markdown printed."""
    RUNS.mkdir(parents=True, exist_ok=True)
    places = [(RESULTS, latest)] if latest else []
    for folder, name in [*places, (RUNS, dated)]:
        (folder / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n")
        (folder / f"{name}.md").write_text(text)
    print(text)
