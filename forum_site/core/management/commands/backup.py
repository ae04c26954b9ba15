from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from forum_site.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or SQLite's online backup) and "
        "MEDIA_ROOT into a new timestamped folder with checksums. See docs/operations.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default=str(settings.SERAMBI_BACKUP_ROOT),
            help="Folder that receives the new backup folder (default SERAMBI_BACKUP_ROOT).",
        )

    def handle(self, *args, **options):
        try:
            folder = create_backup(root=Path(options["output"]), media_root=settings.MEDIA_ROOT)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(folder))
