"""Compile the project's .po files to .mo without needing GNU gettext installed.

`make install` runs this so a fresh laptop without `msgfmt` still gets translations.
Only Serambi's own locale folders are compiled; packages ship their own .mo files.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile Serambi's .po translation catalogues to .mo files."

    def handle(self, *args, **options):
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        roots += [Path(settings.BASE_DIR) / app / "locale"
                  for app in ("discussions", "publications", "search")]
        count = 0
        for root in roots:
            for po_path in sorted(root.glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)} "
                                  f"({catalogue.percent_translated()}% translated)")
        self.stdout.write(self.style.SUCCESS(f"{count} catalogue(s) compiled."))
