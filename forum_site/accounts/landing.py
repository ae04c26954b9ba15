"""Where a person lands after signing in: the page of their daily work (issue 17).

Feature apps register a resolver in their AppConfig.ready(): a function of the user that
returns a URL, or None when the person has no work there. The lowest `order` that answers
wins; nobody answers → the account page (LOGIN_REDIRECT_URL). Accounts stays the ground
floor: it never imports the apps that register here. A `next` address in the sign-in
link still wins over all of this (allauth asks the adapter only without one)."""

from collections.abc import Callable

_RESOLVERS: list[tuple[int, Callable, str]] = []


def register_landing(resolver: Callable, *, order: int, label: str) -> None:
    if not any(existing is resolver for _order, existing, _label in _RESOLVERS):
        _RESOLVERS.append((order, resolver, label))
        _RESOLVERS.sort(key=lambda item: item[0])


def landing_url(user) -> str | None:
    """The first registered landing page this user has work on, or None."""
    for _order, resolver, _label in _RESOLVERS:
        url = resolver(user)
        if url:
            return url
    return None


def work_links(user) -> list[tuple[str, str]]:
    """(label, url) of every work page this user has, for the account page."""
    links = []
    for _order, resolver, label in _RESOLVERS:
        url = resolver(user)
        if url:
            links.append((label, url))
    return links
