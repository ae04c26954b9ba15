"""English says "program", never "programme" (issue 17: both appeared on the site). The
msgids of our catalogues are the English interface, so they are checked all at once,
with the English demo text the home page shows."""

import re
from pathlib import Path

import polib

from publications.demo import HOME_EN

REPO = Path(__file__).resolve().parents[2]


def _catalogues():
    return [p for p in REPO.glob("**/locale/id/LC_MESSAGES/django.po")
            if ".venv" not in p.parts and "node_modules" not in p.parts]


def test_no_english_interface_string_says_programme():
    catalogues = _catalogues()
    assert len(catalogues) >= 4
    offending = [f"{path.relative_to(REPO)}: {entry.msgid}"
                 for path in catalogues for entry in polib.pofile(str(path))
                 if not entry.obsolete
                 and re.search(r"programme", entry.msgid + (entry.msgid_plural or ""), re.I)]
    assert offending == []


def test_the_english_demo_home_says_program():
    assert not re.search(r"programme", " ".join(HOME_EN.values()), re.I)
