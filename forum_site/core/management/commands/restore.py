from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from forum_site.core.backup import (
    BackupError,
    PgTarget,
    read_manifest,
    restore_media,
    restore_postgres,
    restore_sqlite,
)


class Command(BaseCommand):
    help = (
        "Restore a backup folder made by `manage.py backup` into a database (by default an "
        "EMPTY one: createdb first) and MEDIA_ROOT, after checking its checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="The backup folder (serambi-YYYYmmdd-HHMMSS).")
        parser.add_argument(
            "--database-url", default=None,
            help="Target database (default: DATABASE_URL of these settings).",
        )
        parser.add_argument("--media-root", default=None, help="Default: MEDIA_ROOT.")
        parser.add_argument("--no-media", action="store_true", help="Database only.")
        parser.add_argument(
            "--clean", action="store_true",
            help="Replace what the target database already holds (drops its objects first).",
        )

    def handle(self, *args, folder, database_url, media_root, no_media, clean, **options):
        folder = Path(folder)
        try:
            manifest = read_manifest(folder)
            db = (dj_database_url.parse(database_url) if database_url
                  else settings.DATABASES["default"])
            engine = db["ENGINE"].rsplit(".", 1)[-1]
            if manifest["engine"] == "postgresql" and engine == "postgresql":
                restore_postgres(folder, PgTarget.from_settings(db), clean=clean)
            elif manifest["engine"] == "sqlite" and engine == "sqlite3":
                restore_sqlite(folder, Path(db["NAME"]), clean=clean)
            else:
                raise BackupError(
                    f"a {manifest['engine']} backup cannot be restored into {engine}"
                )
            self.stdout.write(f"database restored into {db['NAME']}")
            if not no_media:
                count = restore_media(folder, Path(media_root or settings.MEDIA_ROOT))
                self.stdout.write(f"{count} media files restored")
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
