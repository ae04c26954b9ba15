"""The site's main sections: the primary navigation (templates/includes/primary_nav.html)
and the home page's "what you can do here" list both read them.

Each app adds its own section in its `AppConfig.ready()` (core/plugins.py), so the core
names no feature URL::

    from forum_site.core import menu

    menu.register_section("forum", _("Forum"), _("Ask a question…"),
                          paths={"id": "/forum/", "en": "/en/forum/"}, order=40)

An app that is not installed adds nothing, so the menu never links to a page that is not
there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from .plugins import Registry


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    description: str | Promise
    # Path per language code; None means "the translated home page".
    paths: dict[str, str] | None = None


SECTIONS: Registry[Section] = Registry("main menu sections", owner="forum_site/core/menu.py")


def register_section(key: str, label, description="", *, paths: dict[str, str] | None = None,
                     order: int = 100) -> None:
    """Add (or replace) a main section of the site."""
    SECTIONS.add(key, Section(key, label, description, paths), order=order)


def sections() -> list[Section]:
    return SECTIONS.items()
