"""One way to plug in (issue 21 §3): every registry is a `core.plugins.Registry`, filled
from the apps' `AppConfig.ready()`, the main menu included."""

import pathlib
import re

from django.apps import apps

from forum_site.core import plugins

ROOT = pathlib.Path(__file__).resolve().parents[2]

EXPECTED = {
    "demo seeders": 13,
    "email kinds (outbox)": 6,
    "main menu sections": 6,
    "open data: datasets": None,
    "open data: feeds": None,
    "periodic jobs": 10,
    "personal data: erasers": None,
    "personal data: exporters": None,
    "personal data: IP retention": 1,
    "search projections": 9,
    "sign-in landing pages": 3,
    "statistics sections": 8,
}


def _snapshot():
    return {name: [(e.key, e.order) for e in registry.entries()]
            for name, registry in plugins.registries().items()}


def test_every_registry_of_the_site_is_one_kind_and_filled():
    registries = plugins.registries()
    assert set(registries) == set(EXPECTED)
    for name, size in EXPECTED.items():
        assert len(registries[name]) == size if size else len(registries[name]) > 0, name


def test_ready_fills_them_and_running_it_again_changes_nothing():
    before = _snapshot()
    for config in apps.get_app_configs():
        if config.name.startswith(("forum_site.", "discussions", "publications", "search")):
            config.ready()
    assert _snapshot() == before


def test_app_code_registers_only_from_ready():
    """No decorator or module-level call registers anything when a module is imported.
    Django's system checks (`@register` in checks.py) and Wagtail's admin hooks
    (wagtail_hooks.py) are the frameworks' own mechanisms, not the site's registries."""
    pattern = re.compile(r"^@(demo_seeder|statistics_section|register)\b|^register\w*\(",
                         re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("forum_site", "discussions", "publications", "search")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts and "templatetags" not in path.parts
        and path.name not in ("checks.py", "wagtail_hooks.py")
        and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_menu_comes_from_the_apps_in_order(client, db):
    from forum_site.core import menu

    assert [section.key for section in menu.sections()] == [
        "home", "programs", "outcomes", "forum", "statistics", "search"]
    core = (ROOT / "forum_site/core/templatetags/serambi.py").read_text(encoding="utf-8")
    assert "/forum/" not in core and "available" not in core  # no feature URL, no dead flag
    nav = client.get("/forum/").content.decode().split('class="primary-nav"', 1)[1]
    nav = nav.split("</nav>", 1)[0]
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs[1:] == ["/program/", "/capaian/", "/forum/", "/statistik/", "/cari/"]
