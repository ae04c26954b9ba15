"""Benchmark: the statistics page (/statistik/) over 100,000 threads on PostgreSQL.

    .venv/bin/python bench/statistics.py                 # seeds once, then measures
    BENCH_DATABASE_URL=postgres://… .venv/bin/python bench/statistics.py --threads 100000

Uses its own database (default postgres://postgres@127.0.0.1:5432/serambi_bench_stats,
created if missing, migrated, seeded with bulk inserts once and reused). Measures the page
rendered through Django's test client: uncached (the figures computed from the database
every time), cached (figures from the cache, as an anonymous visitor gets them), with a
filter, the unit page, and the threads CSV export. Prints the medians of several runs and
the number of queries. Target (issue 7): uncached under 300 ms on this machine.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file shadows the stdlib `statistics` module for anything imported from bench/.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/serambi_bench_stats"


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def seed(count: int) -> None:
    import datetime as dt

    from django.utils import timezone

    from discussions.models import AWAITING_UNIT, Category, Thread, ThreadKind, ThreadStatus
    from forum_site.accounts.models import Unit

    have = Thread.objects.count()
    if have >= count:
        print(f"seed: {have} threads already there")
        return
    units = []
    for i, (slug, name) in enumerate([
        ("bkpsdm", "BKPSDM"), ("dinkes", "Dinas Kesehatan"), ("disdukcapil", "Disdukcapil"),
        ("diskominfo", "Diskominfo"), ("dinas-pupr", "Dinas PUPR"), ("disdikbud", "Disdikbud"),
    ]):
        unit, _ = Unit.objects.get_or_create(slug=slug, defaults={"name": f"{name} Bench {i}"})
        units.append(unit)
    categories = []
    for i, unit in enumerate(units[:4]):
        category, _ = Category.objects.get_or_create(
            slug=f"bench-{i}", defaults={"name": f"Kategori Bench {i}", "default_unit": unit})
        categories.append(category)
    rng = random.Random(7)
    now = timezone.now()
    kinds = ThreadKind.values
    statuses = [ThreadStatus.OPEN, ThreadStatus.ANSWERED, ThreadStatus.RESOLVED,
                ThreadStatus.RESOLVED, ThreadStatus.RESOLVED, ThreadStatus.REOPENED,
                ThreadStatus.CLOSED]
    batch = []
    started = time.perf_counter()
    for n in range(have, count):
        created = now - dt.timedelta(days=rng.randint(0, 540), minutes=rng.randint(0, 1440))
        status = rng.choice(statuses)
        answered = status in (ThreadStatus.ANSWERED, ThreadStatus.RESOLVED,
                              ThreadStatus.REOPENED)
        answer_days = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 12, 20]) if answered else None
        resolved = status == ThreadStatus.RESOLVED
        thread = Thread(
            kind=rng.choice(kinds), title=f"Diskusi uji beban nomor {n}",
            body="Isi diskusi untuk uji beban halaman statistik.", body_html="<p>Isi</p>",
            unit=rng.choice(units), category=rng.choice(categories), status=status,
            close_reason="off_topic" if status == ThreadStatus.CLOSED else "",
            created_at=created, updated_at=created,
            first_response_due=(created + dt.timedelta(days=5)).date(),
            answer_due=(created + dt.timedelta(days=7)).date(),
            answered_at=created + dt.timedelta(days=answer_days * 1.4) if answered else None,
            first_response_at=created + dt.timedelta(days=1) if answered else None,
            resolved_at=created + dt.timedelta(days=20) if resolved else None,
            first_response_working_days=min(answer_days, 1) if answered else None,
            answer_working_days=answer_days,
            resolution_working_days=(answer_days or 0) + rng.randint(2, 14) if resolved else None,
            is_overdue=status in AWAITING_UNIT and rng.random() < 0.3,
            answers_count=1 if answered else 0,
        )
        batch.append(thread)
        if len(batch) == 5000:
            Thread.objects.bulk_create(batch)
            batch = []
    if batch:
        Thread.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE discussions_thread")
    print(f"seed: {count - have} threads in {time.perf_counter() - started:.1f} s")


def measure(label: str, fn, runs: int) -> float:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    fn()  # warm up (connection, templates, Python imports)
    times = []
    queries = 0
    for _ in range(runs):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    ordered = sorted(times)
    median = ordered[len(ordered) // 2]
    print(f"{label:<44} median {median:7.1f} ms   min {min(times):7.1f} ms   "
          f"queries {queries}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    ensure_database(url)
    setup(url)
    seed(args.threads)

    from django.core.cache import cache
    from django.test import Client

    from discussions.models import Thread

    client = Client()
    print(f"threads: {Thread.objects.count()}  database: {url.rsplit('/', 1)[1]}")

    def uncached(path="/statistik/"):
        def run():
            cache.clear()
            response = client.get(path)
            assert response.status_code == 200, response.status_code
        return run

    def cached():
        response = client.get("/statistik/")
        assert response.status_code == 200

    def csv_export():
        response = client.get("/data/threads.csv")
        for _chunk in response.streaming_content:
            pass

    target = measure("statistics page, uncached", uncached(), args.runs)
    measure("statistics page, cached (anonymous)", cached, args.runs)
    measure("statistics page, ?unit=bkpsdm uncached", uncached("/statistik/?unit=bkpsdm"),
            args.runs)
    measure("statistics page, ?year=<this year> uncached",
            uncached(f"/statistik/?year={time.localtime().tm_year}"), args.runs)
    measure("unit page /statistik/unit/bkpsdm/", uncached("/statistik/unit/bkpsdm/"),
            args.runs)
    measure("threads CSV export (all rows)", csv_export, 1)
    print(f"target: uncached statistics page < 300 ms: {'met' if target < 300 else 'NOT met'}")


if __name__ == "__main__":
    main()
