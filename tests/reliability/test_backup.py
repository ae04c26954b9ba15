"""`manage.py backup` and `manage.py restore`: a backup restored into an empty database
(its own name) has the data; damaged backups and non-empty targets are refused."""

from __future__ import annotations

import json
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from tests.discussions.factories import ThreadFactory

# PostgreSQL: real commits, since pg_dump reads through its own connection (the migration
# data is restored for the tests that follow). SQLite: the online backup copies through
# Django's own connection, so the usual rolled-back test transaction is enough and no
# other test loses the migration data to a flush.
POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
pytestmark = pytest.mark.django_db(transaction=POSTGRES, serialized_rollback=POSTGRES)

TITLE = "Cadangan: kapan hasil seleksi PPPK diumumkan?"


def _skip_on_in_memory_sqlite():
    """The SQLite test database is in memory with a shared cache: inside the test's open
    transaction, the online backup through the same connection waits for its lock
    forever (it hung CI). The SQLite path is for a file database outside any transaction
    (the management command); the PostgreSQL run covers backup, damage and restore."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("SQLite online backup cannot run inside the in-memory test "
                    "database's transaction; covered on PostgreSQL")


@pytest.fixture
def media(tmp_path, settings):
    root = tmp_path / "media"
    (root / "documents").mkdir(parents=True)
    (root / "documents" / "laporan-2026.pdf").write_bytes(b"%PDF-1.7 laporan tahunan")
    settings.MEDIA_ROOT = root
    return root


def _backup(tmp_path) -> Path:
    out = StringIO()
    call_command("backup", "--output", str(tmp_path / "backups"), stdout=out)
    folder = Path(out.getvalue().strip())
    assert folder.parent == tmp_path / "backups" and folder.name.startswith("serambi-")
    return folder


def _restore(folder, *args):
    out = StringIO()
    call_command("restore", str(folder), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def empty_pg_database():
    """An empty database next to the test database, dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL restore: run with DATABASE_URL=postgres://…")
    import psycopg

    settings_dict = connection.settings_dict
    name = f"{settings_dict['NAME']}_restore"
    params = {"host": settings_dict.get("HOST") or None, "port": settings_dict.get("PORT") or None,
              "user": settings_dict.get("USER") or None,
              "password": settings_dict.get("PASSWORD") or None}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    auth = f"{params['user'] or 'postgres'}"
    if params["password"]:
        auth += f":{params['password']}"
    url = f"postgres://{auth}@{params['host'] or '127.0.0.1'}:{params['port'] or 5432}/{name}"
    yield name, url, params
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_postgres_backup_restores_into_an_empty_database(tmp_path, media, empty_pg_database):
    import psycopg

    thread = ThreadFactory(title=TITLE)
    folder = _backup(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["engine"] == "postgresql"
    assert set(manifest["files"]) == {"database.dump", "media.tar.gz"}

    name, url, params = empty_pg_database
    restored_media = tmp_path / "restored-media"
    output = _restore(folder, "--database-url", url, "--media-root", str(restored_media))
    assert name in output
    with psycopg.connect(dbname=name, **params) as conn:
        row = conn.execute("SELECT title FROM discussions_thread WHERE id = %s",
                           [thread.pk]).fetchone()
        users = conn.execute("SELECT count(*) FROM accounts_user").fetchone()[0]
    assert row == (TITLE,)
    assert users >= 1
    assert (restored_media / "documents" / "laporan-2026.pdf").read_bytes().startswith(b"%PDF")

    # Restoring again into the now non-empty database is refused without --clean.
    with pytest.raises(CommandError, match="not empty"):
        _restore(folder, "--database-url", url, "--no-media")
    _restore(folder, "--database-url", url, "--no-media", "--clean")


def test_sqlite_backup_restores_into_a_new_file(tmp_path, media):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite backup: the default test database")
    _skip_on_in_memory_sqlite()
    thread = ThreadFactory(title=TITLE)
    folder = _backup(tmp_path)
    target = tmp_path / "restored.sqlite3"
    _restore(folder, "--database-url", f"sqlite:///{target}",
             "--media-root", str(tmp_path / "restored-media"))
    with sqlite3.connect(target) as conn:
        row = conn.execute("SELECT title FROM discussions_thread WHERE id = ?",
                           [thread.pk]).fetchone()
    assert row == (TITLE,)
    assert (tmp_path / "restored-media" / "documents" / "laporan-2026.pdf").exists()


def test_a_damaged_backup_is_refused(tmp_path, media):
    _skip_on_in_memory_sqlite()
    ThreadFactory(title=TITLE)
    folder = _backup(tmp_path)
    archive = folder / "media.tar.gz"
    archive.write_bytes(archive.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CommandError, match="checksum"):
        _restore(folder, "--database-url", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    sums = (folder / "SHA256SUMS").read_text()
    assert "database." in sums and "media.tar.gz" in sums


def test_sqlite_copy_and_restore_round_trip_on_a_file_database(tmp_path):
    """The SQLite code path of backup and restore (`sqlite_copy`, `restore_sqlite`) on a
    real file database with a second connection writing — what the in-memory test
    database cannot show (see _skip_on_in_memory_sqlite)."""
    from forum_site.core.backup import DUMP_SQLITE, BackupError, restore_sqlite, sqlite_copy

    live = tmp_path / "live.sqlite3"
    writer = sqlite3.connect(live)
    writer.execute("CREATE TABLE thread (id INTEGER PRIMARY KEY, title TEXT)")
    writer.execute("INSERT INTO thread (title) VALUES (?)", [TITLE])
    writer.commit()
    writer.execute("INSERT INTO thread (title) VALUES ('belum disimpan')")  # uncommitted
    folder = tmp_path / "serambi-backup"
    folder.mkdir()
    source = sqlite3.connect(live)
    try:
        sqlite_copy(source, folder / DUMP_SQLITE)
    finally:
        source.close()
        writer.rollback()
        writer.close()
    target = tmp_path / "restored.sqlite3"
    restore_sqlite(folder, target)
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT title FROM thread").fetchall() == [(TITLE,)]
    target.write_bytes(b"not empty")
    with pytest.raises(BackupError, match="--clean"):
        restore_sqlite(folder, target)
