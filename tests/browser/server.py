"""Serve Serambi for real on 127.0.0.1: gunicorn, DEBUG off, whitenoise, demo data.

Used by the browser gate's fixture (tests/browser/conftest.py) and by bench/lighthouse.sh:

    .venv/bin/python -m tests.browser.server            # prints the base URL, serves until ^C

Everything lives in a temporary folder: a SQLite file migrated and filled by
`manage.py seed_demo`, and a STATIC_ROOT filled by `collectstatic` (hashed names, .gz and
.br siblings). Settings: forum_site.settings.browser.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SETTINGS = "forum_site.settings.browser"
STARTUP_TIMEOUT = 60


class ServerError(RuntimeError):
    pass


def site_env(workdir: Path, *, base_url: str = "http://127.0.0.1:8000") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        TASK_BACKEND="immediate",
        SERAMBI_BASE_URL=base_url,  # the address served: emails, Site, sitemap
        PYTHONUNBUFFERED="1",
    )
    # The gate serves no Redis or Elasticsearch: local-memory cache, database search.
    for name in ("REDIS_URL", "ELASTICSEARCH_URL"):
        env.pop(name, None)
    return env


def _manage(env: dict[str, str], *args: str, log: Path) -> None:
    with log.open("ab") as out:
        out.write(f"\n$ manage.py {' '.join(args)}\n".encode())
        out.flush()
        done = subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
            [sys.executable, "manage.py", *args], cwd=REPO, env=env,
            stdout=out, stderr=subprocess.STDOUT, check=False,
        )
    if done.returncode != 0:
        raise ServerError(f"manage.py {' '.join(args)} failed:\n{_tail(log)}")


def prepare(workdir: Path, *, compile_locales: bool = False,
            base_url: str = "http://127.0.0.1:8000",
            migrated: Path | None = None) -> dict[str, str]:
    """Migrate a fresh database, collect static files and load the demo data.

    `migrated`: a SQLite file already migrated (the test run's own test database, copied
    the moment its migrations were done): the site starts from a copy of it, and
    `migrate` only checks that nothing is left to apply and runs its post-migrate steps
    (the Site rows follow this site's base URL)."""
    env = site_env(workdir, base_url=base_url)
    if migrated is not None:
        shutil.copyfile(migrated, workdir / "db.sqlite3")
    log = workdir / "prepare.log"
    if compile_locales:
        _manage(env, "compile_locales", "--verbosity", "0", log=log)
    # collectstatic (compressing ~1,300 files, Wagtail's admin included) needs no database:
    # it runs beside migrate, on the other core.
    static_log = workdir / "collectstatic.log"
    with static_log.open("wb") as out:
        collect = subprocess.Popen(  # noqa: S603 - fixed argv
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        _manage(env, "migrate", "--noinput", "--verbosity", "0", log=log)
        _manage(env, "seed_demo", log=log)
    finally:
        if collect.wait() != 0:
            raise ServerError(f"manage.py collectstatic failed:\n{_tail(static_log)}")
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start(env: dict[str, str], workdir: Path, port: int) -> subprocess.Popen:
    log = workdir / "gunicorn.log"
    out = log.open("ab")
    proc = subprocess.Popen(  # noqa: S603 - fixed argv
        [
            sys.executable, "-m", "gunicorn", "forum_site.wsgi:application",
            "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--worker-class", "gthread", "--threads", "4",
            "--env", f"DJANGO_SETTINGS_MODULE={SETTINGS}",
            "--graceful-timeout", "5",
            "--error-logfile", "-", "--log-level", "warning",
        ],
        cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
    )
    out.close()
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(f"gunicorn exited with {proc.returncode}:\n{_tail(log)}")
        try:
            urllib.request.urlopen(base_url + "/robots.txt", timeout=2).close()  # noqa: S310
            return proc
        except urllib.error.HTTPError:
            return proc  # it answers; what it answers is the gate's business
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise ServerError(f"gunicorn did not answer on {base_url} in {STARTUP_TIMEOUT}s:\n{_tail(log)}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        # SIGINT: gunicorn's quick shutdown. A graceful one (SIGTERM) would wait for the
        # browser's idle keep-alive connections.
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@contextlib.contextmanager
def serve_site(*, port: int | None = None, compile_locales: bool = False,
               keep: bool = False, migrated: Path | None = None) -> Iterator[str]:
    """Prepare and serve the site; yields its base URL (no trailing slash). `migrated`:
    see `prepare`."""
    workdir = Path(tempfile.mkdtemp(prefix="serambi-browser-"))
    try:
        port = port or free_port()
        env = prepare(workdir, compile_locales=compile_locales,
                      base_url=f"http://127.0.0.1:{port}", migrated=migrated)
        proc = start(env, workdir, port)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(proc)
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args()
    # SIGTERM (bench/lighthouse.sh's clean-up) unwinds like ^C: gunicorn is stopped, a
    # half-done manage.py is killed, and the temporary folder is removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with serve_site(port=args.port or None, compile_locales=True) as base_url:
            print(base_url, flush=True)
            while True:
                time.sleep(3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
