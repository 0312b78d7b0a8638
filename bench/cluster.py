"""`make cluster-test`: two app servers sharing one PostgreSQL, one Redis and one bucket.

It builds a fresh PostgreSQL database beside the one DATABASE_URL names (or the
machine's, postgres@127.0.0.1:5432) with the demo content, starts moto's S3
server on loopback with a bucket for the uploads, and serves the site twice
with gunicorn (production settings, the same SECRET_KEY, database, Redis
database and bucket; each with a MEDIA_ROOT of its own that must stay empty)
on two loopback ports, A and B. An editor then works through A only, and every
change must show through B within VISIBLE_WITHIN seconds (bench.cluster_steps);
two editors, one on each, save the same story at once; a burst of saves
alternates between them.

--measure adds requests per second for one instance alone and both at once
(bench.cluster_measure), written to bench/results/cluster-latest.{json,md}.

Run it as `python -m bench.cluster` (`make cluster-test`; `make cluster-bench` adds
--measure). The exit status is 1 on any failure. The servers, the database, the
bucket and the Redis database's keys are removed however it ends.
"""

import argparse
import contextlib
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import cluster_concurrent, cluster_measure, cluster_steps, harness, load, load_data

DATABASE = "impactcms_cluster"
MACHINE_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/5"  # a database number nothing else here uses
BUCKET = "impactcms-cluster"
REGION = "eu-west-2"
EDITORS = 7  # one walks through A, two save at once, four make the burst
# Beside the demo content: enough public stories for the burst (and a fuller list to measure).
STORIES, MEASURED_STORIES = 100, 1_000
# Dummy credentials and no instance metadata or ~/.aws files: boto3 never looks elsewhere.
OFFLINE_AWS = {
    "AWS_ACCESS_KEY_ID": "cluster-test",
    "AWS_SECRET_ACCESS_KEY": "cluster-test",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}


def log(message: str) -> None:
    print(f"[cluster {dt.datetime.now():%H:%M:%S}] {message}", flush=True)


# --- The shared services ------------------------------------------------------------------


def postgres_base() -> str:
    base = os.environ.get("DATABASE_URL", "")
    return base if base.startswith(("postgres://", "postgresql://")) else MACHINE_POSTGRES


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres")).replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


@contextlib.contextmanager
def redis_database(url: str):
    """The Redis database both instances cache in, empty at the start and at the end."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError as error:
        sys.exit(f"Redis is not answering at {url} ({error}): start redis-server (.ci/run does).")
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()


def s3_client(endpoint: str):
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=OFFLINE_AWS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=OFFLINE_AWS["AWS_SECRET_ACCESS_KEY"],
        config=Config(s3={"addressing_style": "path"}),
    )


@contextlib.contextmanager
def object_store(log_path: Path):
    """moto's S3 server on a free loopback port, with a private bucket (no policy)."""
    port = harness.free_port()
    endpoint = f"http://127.0.0.1:{port}"
    with log_path.open("w") as output:
        server = subprocess.Popen(
            [harness.PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            env=os.environ | OFFLINE_AWS,
            stdout=output,
            stderr=output,
        )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit("moto's S3 server did not start (is moto[server] installed?)")
        client = s3_client(endpoint)
        # Private: only the app's credentials read it; browsers get pictures from the app.
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        yield endpoint
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            for item in page.get("Contents", []):
                client.delete_object(Bucket=BUCKET, Key=item["Key"])
        client.delete_bucket(Bucket=BUCKET)
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- The app --------------------------------------------------------------------------------


def app_env(database_url: str, redis_url: str, endpoint: str) -> dict[str, str]:
    """Production settings shared by both instances: one SECRET_KEY (sessions and signed
    share links work on either), one database, one Redis database, one bucket."""
    return harness.app_env(
        database_url,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        REDIS_URL=redis_url,
        STATIC_ROOT=str(harness.WORK / "cluster-static"),
        MEDIA_ROOT=str(local_media("build")),
        MEDIA_BUCKET=BUCKET,
        MEDIA_S3_ENDPOINT_URL=endpoint,
        MEDIA_S3_REGION=REGION,
        MEDIA_S3_ADDRESSING_STYLE="path",
        **OFFLINE_AWS,
    )


def local_media(name: str) -> Path:
    """A MEDIA_ROOT that must stay empty: with a bucket, nothing is written to local disk."""
    return harness.WORK / f"cluster-media-{name}"


def build(env: dict, stories: int) -> None:
    for name in ("build", "A", "B"):
        shutil.rmtree(local_media(name), ignore_errors=True)
    harness.manage(env, "migrate", "--noinput", "-v", "0")
    harness.manage(env, "load_demo")  # with its pictures: into the bucket
    harness.generate(env, stories)
    harness.manage(env, "collectstatic", "--noinput", "-v", "0")


@contextlib.contextmanager
def instances(env: dict, **extra: str):
    """A and B: gunicorn twice, on two free loopback ports. Yields {name: base URL}."""
    running = {}
    try:
        for name in ("A", "B"):
            own = env | {"MEDIA_ROOT": str(local_media(name)), **extra}
            running[name] = harness.serve(own, log=server_log(name))
        yield {name: base for name, (_, base) in running.items()}
    finally:
        for server, _ in running.values():
            server.terminate()
        for server, _ in running.values():
            server.wait(timeout=30)


def server_log(name: str) -> Path:
    return harness.WORK / f"cluster-{name}.log"


def server_trouble() -> list[str]:
    """Errors either instance logged (the lines `make load` looks for)."""
    found = []
    for name in ("A", "B"):
        lines = server_log(name).read_text(errors="replace").splitlines()
        found += [
            f"instance {name} logged: {line}" for line in lines if load.SERVER_TROUBLE.search(line)
        ]
    return found[:10]


def local_writes() -> list[str]:
    written = [
        str(path.relative_to(harness.WORK))
        for name in ("build", "A", "B")
        if local_media(name).exists()
        for path in local_media(name).rglob("*")
        if path.is_file()
    ]
    return [f"written to local disk, not the bucket: {', '.join(written[:5])}"] if written else []


# --- The run ----------------------------------------------------------------------------------


def summary(checks: list[cluster_steps.Check], seconds: float) -> bool:
    width = max(len(check.name) for check in checks)
    print()
    for check in checks:
        waited = ""
        if check.waited is not None:
            waited = f"  (B showed it on look {check.looks}, {check.waited * 1000:.0f} ms)"
        print(f"{'PASS' if check.passed else 'FAIL'}  {check.name:{width}}{waited}")
        for problem in check.problems:
            print(f"      - {problem}")
    failed = [check for check in checks if not check.passed]
    verdict = "FAIL" if failed else "PASS"
    passed = len(checks) - len(failed)
    print(f"\n{verdict}: {passed} of {len(checks)} checks passed in {seconds:.0f} s")
    return not failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--measure", action="store_true", help="also requests per second, two instances vs one"
    )
    parser.add_argument("--seconds", type=int, default=8, help="wrk time a measure (--measure)")
    parser.add_argument("--redis-url", default=REDIS_URL, help=f"default {REDIS_URL}")
    args = parser.parse_args()
    started = time.monotonic()
    harness.WORK.mkdir(parents=True, exist_ok=True)
    wrk = harness.ensure_wrk() if args.measure else None
    checks: list[cluster_steps.Check] = []
    with contextlib.ExitStack() as stack:
        redis_url = stack.enter_context(redis_database(args.redis_url))
        endpoint = stack.enter_context(object_store(harness.WORK / "cluster-moto.log"))
        url = harness.fresh_postgres(postgres_base(), DATABASE)
        stack.callback(drop_database, url)
        env = app_env(url, redis_url, endpoint)
        stories = MEASURED_STORIES if args.measure else STORIES
        log(f"building {DATABASE}: the demo content with its pictures, {stories:,} stories more")
        build(env, stories)
        load_data.setup(env)  # the ORM in this process: picking stories, checking saves
        stack.callback(cluster_steps.disconnect)
        logins = list(load_data.make_editors(EDITORS).items())
        picks = cluster_steps.pick()
        with instances(env) as bases:
            log(f"A on {bases['A']}, B on {bases['B']}; bucket {BUCKET} on {endpoint}")
            checks += cluster_steps.run(bases, logins[0], picks, f"{endpoint}/{BUCKET}")
            checks += cluster_concurrent.run(bases, logins[1:], picks)
        checks.append(cluster_steps.Check("no server errors logged", server_trouble()))
        checks.append(cluster_steps.Check("nothing written beside the code", local_writes()))
        if args.measure:
            cluster_measure.run(wrk, env, instances, args.seconds, log)
    sys.exit(0 if summary(checks, time.monotonic() - started) else 1)


if __name__ == "__main__":
    main()
