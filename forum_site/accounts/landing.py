"""Where a person lands after signing in: the page of their daily work (issue 17).

Feature apps register a resolver in their AppConfig.ready(): a function of the user that
returns a URL, or None when the person has no work there. The lowest `order` that answers
wins; nobody answers → the account page (LOGIN_REDIRECT_URL). Accounts stays the ground
floor: it never imports the apps that register here. A `next` address in the sign-in
link still wins over all of this (allauth asks the adapter only without one)."""

from collections.abc import Callable

from forum_site.core.plugins import Registry

LANDINGS: Registry[tuple[Callable, str]] = Registry("sign-in landing pages",
                                                    owner="forum_site/accounts/landing.py")


def register_landing(resolver: Callable, *, order: int, label: str) -> None:
    LANDINGS.add(f"{resolver.__module__}.{resolver.__qualname__}", (resolver, label),
                 order=order)


def landing_url(user) -> str | None:
    """The first registered landing page this user has work on, or None."""
    for resolver, _label in LANDINGS:
        url = resolver(user)
        if url:
            return url
    return None


def work_links(user) -> list[tuple[str, str]]:
    """(label, url) of every work page this user has, for the account page."""
    links = []
    for resolver, label in LANDINGS:
        url = resolver(user)
        if url:
            links.append((label, url))
    return links
