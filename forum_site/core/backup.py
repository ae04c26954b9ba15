"""Backups and restores: the database and MEDIA_ROOT, into one timestamped folder with a
checksum manifest. Used by `manage.py backup` and `manage.py restore`; see
docs/operations.md.

A backup folder holds:

- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3``
  (SQLite, the sqlite3 online-backup API: a consistent copy while the site runs);
- ``media.tar.gz``: everything under MEDIA_ROOT (uploaded images and documents);
- ``manifest.json``: engine, time, Django version and the SHA-256 of each file;
- ``SHA256SUMS``: the same checksums for ``sha256sum -c``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import django
from django.db import connections

DUMP_PG = "database.dump"
DUMP_SQLITE = "database.sqlite3"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"


class BackupError(Exception):
    pass


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class PgTarget:
    name: str
    host: str = ""
    port: str = ""
    user: str = ""
    password: str = ""

    @classmethod
    def from_settings(cls, db: dict) -> PgTarget:
        return cls(name=db["NAME"], host=str(db.get("HOST") or ""), port=str(db.get("PORT") or ""),
                   user=str(db.get("USER") or ""), password=str(db.get("PASSWORD") or ""))

    def args(self) -> list[str]:
        args = []
        if self.host:
            args += ["--host", self.host]
        if self.port:
            args += ["--port", self.port]
        if self.user:
            args += ["--username", self.user]
        return args

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password  # never on the command line (ps shows it)
        return env


def _run(argv: list[str], env: dict[str, str]) -> None:
    tool = shutil.which(argv[0])
    if tool is None:
        raise BackupError(f"{argv[0]} is not installed (apt-get install postgresql-client)")
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        [tool, *argv[1:]], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{argv[0]} failed: {result.stderr.strip()[:2000]}")


# --- backup ------------------------------------------------------------------------------


def create_backup(*, root: Path, media_root: Path, alias: str = "default",
                  now: dt.datetime | None = None) -> Path:
    """Write a new backup folder under `root` and return it."""
    now = now or dt.datetime.now(dt.UTC)
    folder = Path(root) / f"serambi-{now:%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=False)
    connection = connections[alias]
    vendor = connection.vendor
    if vendor == "postgresql":
        target = PgTarget.from_settings(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(folder / DUMP_PG), *target.args(), target.name], target.env())
        files = [DUMP_PG]
    elif vendor == "sqlite":
        connection.ensure_connection()
        sqlite_copy(connection.connection, folder / DUMP_SQLITE)
        files = [DUMP_SQLITE]
    else:
        raise BackupError(f"backups of {vendor} databases are not supported")

    with tarfile.open(folder / MEDIA, "w:gz") as archive:
        if Path(media_root).is_dir():
            archive.add(str(media_root), arcname="media")
    files.append(MEDIA)

    checksums = {name: sha256(folder / name) for name in files}
    (folder / MANIFEST).write_text(json.dumps({
        "format": 1, "created_at": now.isoformat(), "engine": vendor,
        "django": django.get_version(), "files": checksums,
    }, indent=2) + "\n")
    (folder / SUMS).write_text("".join(f"{digest}  {name}\n" for name, digest in checksums.items()))
    return folder


# --- restore ------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict:
    """The manifest, after checking every file's checksum."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} has no {MANIFEST}: not a Serambi backup")
    manifest = json.loads(path.read_text())
    for name, digest in manifest["files"].items():
        file = Path(folder) / name
        if not file.is_file():
            raise BackupError(f"{name} is missing from the backup")
        if sha256(file) != digest:
            raise BackupError(f"{name} does not match its checksum: the backup is damaged")
    return manifest


def restore_postgres(folder: Path, target: PgTarget, *, clean: bool = False) -> None:
    if not clean and _pg_has_tables(target):
        raise BackupError(
            f"database {target.name} is not empty; restore into an empty database "
            "(createdb) or pass --clean to replace what is there"
        )
    argv = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
            "--single-transaction", *target.args(), "--dbname", target.name]
    if clean:
        argv[1:1] = ["--clean", "--if-exists"]
    _run([*argv, str(Path(folder) / DUMP_PG)], target.env())


def _pg_has_tables(target: PgTarget) -> bool:
    import psycopg

    with psycopg.connect(dbname=target.name, host=target.host or None,
                         port=target.port or None, user=target.user or None,
                         password=target.password or None) as conn:
        row = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    return bool(row and row[0])


def restore_sqlite(folder: Path, path: Path, *, clean: bool = False) -> None:
    path = Path(path)
    if path.exists() and path.stat().st_size and not clean:
        raise BackupError(f"{path} exists; pass --clean to replace it")
    source = sqlite3.connect(Path(folder) / DUMP_SQLITE)
    try:
        sqlite_copy(source, path)
    finally:
        source.close()


def sqlite_copy(source: sqlite3.Connection, path: Path) -> None:
    """A consistent copy of an open SQLite database into the file `path`, with SQLite's
    online-backup API (writers may go on meanwhile). Used by backup and by restore.
    `source` must not be inside a transaction of its own holding a shared-cache lock
    (the management commands run in autocommit)."""
    destination = sqlite3.connect(path)
    try:
        source.backup(destination)
    finally:
        destination.close()


def restore_media(folder: Path, media_root: Path) -> int:
    """Unpack media into `media_root` (files already there are overwritten). Returns the
    number of files. Members that would land outside media_root are refused."""
    media_root = Path(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    count = 0
    with tarfile.open(Path(folder) / MEDIA, "r:gz") as archive:
        for member in archive.getmembers():
            if not (member.isfile() or member.isdir()):
                continue
            relative = Path(member.name).relative_to("media") if member.name != "media" else None
            if relative is None:
                continue
            destination = (media_root / relative).resolve()
            if not destination.is_relative_to(media_root.resolve()):
                raise BackupError(f"unsafe path in media archive: {member.name}")
            if member.isdir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.extractfile(member) as source, destination.open("wb") as out:
                shutil.copyfileobj(source, out)
            count += 1
    return count
