"""Where a person lands after signing in: the page of their daily work (issue 17).

Feature apps register a resolver in their AppConfig.ready(): a function of the user that
returns a URL, or None when the person has no work there. The lowest `order` that answers
wins; nobody answers → the account page (LOGIN_REDIRECT_URL). Accounts stays the ground
floor: it never imports the apps that register here. A `next` address in the sign-in
link still wins over all of this (allauth asks the adapter only without one)."""

from collections.abc import Callable

_RESOLVERS: list[tuple[int, Callable]] = []


def register_landing(resolver: Callable, *, order: int) -> None:
    if not any(existing is resolver for _order, existing in _RESOLVERS):
        _RESOLVERS.append((order, resolver))
        _RESOLVERS.sort(key=lambda item: item[0])


def landing_url(user) -> str | None:
    """The first registered landing page this user has work on, or None."""
    for _order, resolver in _RESOLVERS:
        url = resolver(user)
        if url:
            return url
    return None
