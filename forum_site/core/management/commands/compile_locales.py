"""Compile the project's .po files to .mo without needing GNU gettext installed.

`make install` runs this so a fresh laptop without `msgfmt` still gets translations.
Only Serambi's own locale folders are compiled; packages ship their own .mo files.
"""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile Serambi's .po translation catalogues to .mo files."

    def handle(self, *args, **options):
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        # Every Serambi app's own catalogue (apps installed from packages live elsewhere).
        base = Path(settings.BASE_DIR).resolve()
        roots += [
            Path(config.path) / "locale" for config in apps.get_app_configs()
            if Path(config.path).resolve().is_relative_to(base)
            and ".venv" not in Path(config.path).parts
            and (Path(config.path) / "locale") not in roots
        ]
        count = 0
        for root in roots:
            for po_path in sorted(root.glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)} "
                                  f"({catalogue.percent_translated()}% translated)")
        self.stdout.write(self.style.SUCCESS(f"{count} catalogue(s) compiled."))
