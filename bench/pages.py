# ruff: noqa: S603, S607, S108 - a benchmark that runs its own tools on loopback
"""Pages as fast as the framework allows (issue 20): Serambi's public pages against a bare
Django "hello" view and a bare Wagtail page, served the same way, measured interleaved.

    .venv/bin/python bench/pages.py                  # build once (reused), serve, measure
    .venv/bin/python bench/pages.py --rounds 3 --seconds 10 --connections 8
    BENCH_FRESH=1 .venv/bin/python bench/pages.py    # drop and rebuild the data set

What it does:
- **Data** (PostgreSQL `serambi_pages_bench`, built once and reused): migrate, `seed_demo`
  (home, programmes, outcomes, accounts), then 20 categories, 5,000 threads, 50,000
  approved comments (trees of 10: two top-level comments with replies two levels deep),
  one thread with 500 comments and one with 10, copied in the database.
  The bare peers get their own database (`serambi_pages_bare`: Wagtail's own migrations,
  its welcome page).
- **Servers** (gunicorn, 2 sync workers each, persistent database connections, Redis db
  11): Serambi with `bench/bench_settings.py` (production settings over plain HTTP) and its
  anonymous page cache on (port 8111) and off (`SERAMBI_PAGE_CACHE_SECONDS=0`, port 8112),
  and the bare project `bench/bare_settings.py` (port 8113: `/hello/` and the Wagtail page
  at `/`).
- **Load**: `wrk` (Debian package `wrk`), `-c` connections, 2 threads; each URL gets an
  unmeasured warm-up of 2 s right before its measured run, so one endpoint's queue does not
  spill into the next; rounds go through every URL in turn (interleaved) and the table
  shows the median of the rounds for requests/s, p50 and p99. Queries are counted in
  process with Django's test client on the same database (uncached, settings as served);
  HTML is the uncompressed body, gz its gzip size as served.
- Signed-in rows send the session cookie of the demo citizen (`warga@serambi.localhost`).

The machine is shared: figures move with whatever else runs; compare ratios within one run.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).parent]
sys.path.insert(0, str(ROOT))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB, BARE_DB = "serambi_pages_bench", "serambi_pages_bare"
PY = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")
OUT = Path(os.environ.get("BENCH_OUT", "/tmp/serambi-bench-pages"))
PORTS = {"cached": 8111, "uncached": 8112, "bare": 8113}


def psql(sql: str, db: str = "postgres"):
    import psycopg

    with psycopg.connect(f"{PG}/{db}", autocommit=True) as conn:
        return conn.execute(sql).fetchall() if sql.lstrip().upper().startswith("SELECT") \
            else conn.execute(sql)


def exists(db: str) -> bool:
    return bool(psql(f"SELECT 1 FROM pg_database WHERE datname = '{db}'"))  # noqa: S608


def env_for(kind: str) -> dict:
    env = dict(os.environ)
    # bench/ is not put on the path: its search.py and statistics.py would shadow the
    # search app and the standard library; settings are imported as bench.<module>.
    env.update({"PYTHONPATH": str(ROOT), "DATABASE_CONN_MAX_AGE": "600"})
    if kind == "bare":
        env.update({"DJANGO_SETTINGS_MODULE": "bench.bare_settings",
                    "DATABASE_URL": f"{PG}/{BARE_DB}"})
    else:
        env.update({
            "DJANGO_SETTINGS_MODULE": "bench.bench_settings", "DATABASE_URL": f"{PG}/{DB}",
            "REDIS_URL": "redis://127.0.0.1:6379/11", "STATIC_ROOT": str(OUT / "static"),
            "SERAMBI_BASE_URL": "https://serambi.bench.go.id",
            "SERAMBI_PAGE_CACHE_SECONDS": "300" if kind == "cached" else "0",
        })
    return env


def build() -> None:
    fresh = os.environ.get("BENCH_FRESH") == "1"
    if fresh or not exists(BARE_DB):
        psql(f'DROP DATABASE IF EXISTS "{BARE_DB}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{BARE_DB}"')
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT,
                       env=env_for("bare"), check=True)
    if fresh or not exists(DB):
        psql(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{DB}"')
    dev = {**env_for("uncached"), "DJANGO_SETTINGS_MODULE": "forum_site.settings.dev",
           "TASK_BACKEND": "immediate", "SERAMBI_RATE_LIMITS_ENABLED": "0"}
    dev.pop("REDIS_URL")
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=dev,
                   check=True)
    subprocess.run([PY, __file__, "--seed"], cwd=ROOT, env=dev, check=True)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env=env_for("uncached"), check=True)
    # As docs/operations.md asks of a production database on SSD storage, and with the
    # planner's statistics of the rows just copied in.
    psql(f'ALTER DATABASE "{DB}" SET random_page_cost = 1.1')
    psql("ANALYZE", DB)


def seed() -> None:
    """Runs inside the dev settings (immediate tasks) on the bench database."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from discussions.comments import services as comment_services
    from discussions.models import Category, Comment, Thread, ThreadStatus
    from forum_site.accounts.models import Unit, User
    from tests.bulk import copy_comment_trees

    if not User.objects.filter(email="warga@serambi.localhost").exists():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    if Thread.objects.filter(title__startswith="Diskusi bench").count() >= 5000:
        print("data: already built")
        return
    started = time.perf_counter()
    units = list(Unit.objects.all())
    for n in range(Category.objects.count(), 20):
        Category.objects.create(name=f"Topik bench {n}", slug=f"topik-bench-{n}",
                                default_unit=units[n % len(units)])
    categories = list(Category.objects.all())
    author = User.objects.get(email="warga@serambi.localhost")
    asn = next(u for u in User.objects.filter(asn_profile__status="verified"))
    now = timezone.now()
    threads = [Thread(
        kind="question", title=f"Diskusi bench nomor {n} tentang layanan kepegawaian",
        body="Bagaimana jadwal pelatihan dasar untuk CPNS tahun ini?",
        body_html="<p>Bagaimana jadwal pelatihan dasar untuk CPNS tahun ini?</p>",
        author=author, unit=categories[n % 20].default_unit, category=categories[n % 20],
        status=ThreadStatus.OPEN, created_at=now - timezone.timedelta(minutes=n),
        updated_at=now - timezone.timedelta(minutes=n),
        first_response_due=(now + timezone.timedelta(days=5)).date(),
        answer_due=(now + timezone.timedelta(days=7)).date(),
    ) for n in range(5000)]
    Thread.objects.bulk_create(threads, batch_size=1000)
    threads = list(Thread.objects.filter(title__startswith="Diskusi bench").order_by("pk"))
    seed_thread = threads[0]
    target = comment_services.target_for(seed_thread)
    made = []
    for n in range(2):
        root = comment_services.comment_create(target=target, user=asn, body=f"Komentar utama {n}: "
                                               "jadwal dibuka bulan depan, cek laman BKPSDM.")
        made.append(root)
        reply = comment_services.comment_create(target=target, user=asn, parent=root,
                                                body=f"Balasan {n}: terima kasih atas infonya.")
        made += [reply, comment_services.comment_create(target=target, user=asn, parent=reply,
                                                        body=f"Balasan dalam {n}: sama-sama.")]
        made += [comment_services.comment_create(target=target, user=asn, parent=root,
                                                 body=f"Balasan {n}-{k}: apakah untuk PPPK juga?")
                 for k in range(2)]
    assert all(c.is_public for c in made), "the seed comments must be published"
    big = threads[1]
    copy_comment_trees(made, copies=50, object_pk=big.pk)
    for thread in threads[2:4952]:  # 4,950 × 10 + 500 = 50,000 comments
        copy_comment_trees(made, copies=1, object_pk=thread.pk)
    with connection.cursor() as cursor:
        cursor.execute("""UPDATE discussions_thread t SET comments_count = c.n FROM (
            SELECT object_pk::int AS pk, count(*) AS n FROM django_comments
            GROUP BY object_pk) c WHERE c.pk = t.id AND t.title LIKE 'Diskusi bench%%'""")
        cursor.execute("ANALYZE")
    print(f"data: {len(threads)} threads, {Comment.objects.count()} comments in "
          f"{time.perf_counter() - started:.0f} s (big thread {big.pk}, "
          f"10-comment thread {seed_thread.pk})")


def serve(kind: str):
    OUT.mkdir(parents=True, exist_ok=True)
    app = "bench.bare_wsgi:application" if kind == "bare" else "forum_site.wsgi:application"
    return subprocess.Popen(
        [GUNICORN, app, "--bind", f"127.0.0.1:{PORTS[kind]}", "--workers", "2",
         "--access-logfile", "/dev/null", "--error-logfile", str(OUT / f"{kind}.log")],
        cwd=ROOT, env=env_for(kind),
    )


def wait_up(port: int, path: str = "/") -> None:
    import http.client

    for _ in range(120):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server on {port} did not start")


def check_answers(targets: list[dict], cookie: str) -> None:
    """Every row must be a 200 before it is measured: a 404 served fast is no figure."""
    import http.client

    for target in targets:
        conn = http.client.HTTPConnection("127.0.0.1", PORTS[target["server"]], timeout=30)
        headers = {"Cookie": cookie} if target["who"] == "citizen" and cookie else {}
        conn.request("GET", target["path"], headers=headers)
        status = conn.getresponse().status
        if status != 200:
            raise SystemExit(f"{target['label']}: {target['path']} answered {status}")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, *, seconds: int, connections: int, cookie: str = "") -> dict:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
            "-H", "Accept-Encoding: gzip"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = {}
    for pct in ("50", "99"):
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)\b", out).groups()
        latency[pct] = float(value) * _UNITS[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": latency["50"], "p99": latency["99"],
            "non2xx": int(errors.group(1)) if errors else 0}


def session_cookie() -> str:
    """A signed-in session of the demo citizen (as the production settings name it)."""
    code = (
        "import django; django.setup();"
        "from django.conf import settings;"
        "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY;"
        "from importlib import import_module;"
        "from forum_site.accounts.models import User;"
        "u = User.objects.get(email='warga@serambi.localhost');"
        "s = import_module(settings.SESSION_ENGINE).SessionStore();"
        "s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0];"
        "s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create();"
        "print(settings.SESSION_COOKIE_NAME + '=' + s.session_key)"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env_for("uncached"),
                         capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def probe(targets, cookie: str) -> dict:
    """Queries (in process, without the page cache; signed-in rows of the cached server
    with what it keeps besides pages), HTML bytes and gzip bytes of each target."""
    code = r"""
import json, sys, gzip
import django; django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]; settings.SERAMBI_PAGE_CACHE_SECONDS = 0
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
result = {}
for label, path, who, server in json.loads(sys.argv[1]):
    # Signed in on the cached server: no cached page, but what until_public_change keeps.
    settings.SERAMBI_PAGE_CACHE_SECONDS = 300 if (server, who) == ("cached", "citizen") else 0
    client = Client()
    if who == "citizen":
        name, value = sys.argv[2].split("=", 1)
        client.cookies[name] = value
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    body = response.content
    result[label] = [len(queries), len(body), len(gzip.compress(body, 6)), response.status_code]
print(json.dumps(result))
"""
    import json

    rows = [[t["label"], t["path"], t["who"], t["server"]] for t in targets
            if t["server"] != "bare"]
    out = subprocess.run([PY, "-c", code, json.dumps(rows), cookie], cwd=ROOT,
                         env=env_for("uncached"), capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def targets_for(big: int, small: int, program: str, outcome: str) -> list[dict]:
    def row(label, server, path, who="anonymous"):
        return {"label": label, "server": server, "path": path, "who": who}

    return [
        row("bare Django hello", "bare", "/hello/"),
        row("bare Wagtail page", "bare", "/"),
        row("home (cached)", "cached", "/"),
        row("home (uncached)", "uncached", "/"),
        # Never a cached page, but the home page's lists and figures from the cache.
        row("home, signed in", "cached", "/", "citizen"),
        row("forum list (cached)", "cached", "/forum/"),
        row("forum list (uncached)", "uncached", "/forum/"),
        row("thread, 10 comments (cached)", "cached", f"/forum/{small}/"),
        row("thread, 10 comments (uncached)", "uncached", f"/forum/{small}/"),
        row("thread, 500 comments, page 1 (uncached)", "uncached", f"/forum/{big}/"),
        # A page number past the last shows the last, whatever SERAMBI_COMMENTS_PER_PAGE is.
        row("thread, 500 comments, last page (uncached)", "uncached", f"/forum/{big}/?page=999"),
        row("thread, 500 comments, page 1 (cached)", "cached", f"/forum/{big}/"),
        row("thread, 10 comments, signed in", "uncached", f"/forum/{small}/", "citizen"),
        row("thread, 500 comments, page 1, signed in", "uncached", f"/forum/{big}/", "citizen"),
        row("programme (uncached)", "uncached", program),
        row("outcome (uncached)", "uncached", outcome),
        row("statistics (cached)", "cached", "/statistik/"),
        row("statistics, signed in", "uncached", "/statistik/", "citizen"),
        row("search (uncached)", "uncached", "/cari/?q=pelatihan"),
    ]


def main() -> None:
    import statistics as stats  # the standard library's (bench/ left sys.path above)

    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--only", default="", help="run only rows whose label has this text")
    options = parser.parse_args()
    if options.seed:
        seed()
        return
    build()
    ids = psql("SELECT (SELECT id FROM discussions_thread WHERE title LIKE 'Diskusi bench%%' "
               "ORDER BY id OFFSET 1 LIMIT 1), (SELECT id FROM discussions_thread WHERE "
               "title LIKE 'Diskusi bench%%' ORDER BY id LIMIT 1)", DB)[0]
    pages = dict(psql(
        "SELECT ct.model, p.url_path FROM wagtailcore_page p JOIN django_content_type ct "
        "ON ct.id = p.content_type_id JOIN wagtailcore_locale l ON l.id = p.locale_id "
        "WHERE ct.model IN ('trainingprogrampage', 'outcomepage') AND p.live "
        "AND l.language_code = 'id' ORDER BY p.id", DB))
    to_url = lambda url_path: "/" + url_path.strip("/").split("/", 1)[1] + "/"  # noqa: E731
    targets = targets_for(ids[0], ids[1], to_url(pages["trainingprogrampage"]),
                          to_url(pages["outcomepage"]))
    if options.only:
        targets = [t for t in targets if options.only in t["label"] or t["server"] == "bare"]
    # The catalogues are git-ignored: a fresh checkout has none, and without them the
    # Indonesian URL words (/cari/, /statistik/) do not exist.
    subprocess.run([PY, "manage.py", "compilemessages", "-v0", "--ignore=.venv",
                    "--ignore=node_modules"], cwd=ROOT, env=env_for("uncached"), check=True)
    cookie = session_cookie()
    facts = probe(targets, cookie)
    servers = {kind: serve(kind) for kind in PORTS}
    try:
        for kind, port in PORTS.items():
            wait_up(port, "/hello/" if kind == "bare" else "/")
        check_answers(targets, cookie)
        results: dict[str, list[dict]] = {t["label"]: [] for t in targets}
        for round_number in range(options.rounds):
            for target in targets:
                url = f"http://127.0.0.1:{PORTS[target['server']]}{target['path']}"
                use = cookie if target["who"] == "citizen" else ""
                wrk(url, seconds=options.warmup, connections=options.connections, cookie=use)
                results[target["label"]].append(
                    wrk(url, seconds=options.seconds, connections=options.connections,
                        cookie=use))
            print(f"round {round_number + 1} of {options.rounds} done", file=sys.stderr)
    finally:
        for process in servers.values():
            process.terminate()
        for process in servers.values():
            process.wait(timeout=30)
    hello = stats.median(r["rps"] for r in results["bare Django hello"])
    wagtail = stats.median(r["rps"] for r in results["bare Wagtail page"])
    print(f"\n{options.rounds} rounds, wrk -t2 -c{options.connections} -d{options.seconds}s "
          f"after {options.warmup} s warm-up; gunicorn 2 sync workers each; medians\n")
    print("| page (anonymous unless said) | requests/s | × hello | × Wagtail | p50 / p99 ms "
          "| p99÷p50 | queries | HTML / gz KB |")
    print("|---|---|---|---|---|---|---|---|")
    for target in targets:
        runs = results[target["label"]]
        rps = stats.median(r["rps"] for r in runs)
        p50 = stats.median(r["p50"] for r in runs)
        p99 = stats.median(r["p99"] for r in runs)
        bad = sum(r["non2xx"] for r in runs)
        fact = facts.get(target["label"])
        queries = str(fact[0]) if fact and "uncached" in target["label"] or (
            fact and target["who"] == "citizen") else ("–" if not fact else f"0 ({fact[0]})")
        size = f"{fact[1] / 1024:.0f} / {fact[2] / 1024:.0f}" if fact else "–"
        note = f" ({bad} non-2xx)" if bad else ""
        print(f"| {target['label']}{note} | {rps:,.0f} | {rps / hello:.1%} | "
              f"{rps / wagtail:.2f} | {p50:.0f} / {p99:.0f} | {p99 / p50:.1f} | {queries} | "
              f"{size} |")


if __name__ == "__main__":
    main()
