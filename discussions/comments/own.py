"""A visitor without an account sees their own waiting comments (marked as waiting) on
the page they commented on, in their browser session only. The session keeps the
comments' ids; nothing else about the visitor."""

from __future__ import annotations

OWN_COMMENTS_KEY = "serambi_own_comments"


def remember_own_comment(request, comment) -> None:
    """A visitor without an account sees their waiting comment on the page, marked as
    waiting, in this browser session only: the session keeps its id (the newest 20)."""
    own = [pk for pk in request.session.get(OWN_COMMENTS_KEY, []) if pk != comment.pk]
    request.session[OWN_COMMENTS_KEY] = [comment.pk, *own][:20]


def own_comment_ids(request) -> list[int]:
    """The ids `remember_own_comment` kept (none without a session cookie: the session
    is not even read, so anonymous pages stay cacheable)."""
    from django.conf import settings

    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    ids = request.session.get(OWN_COMMENTS_KEY, [])
    return [pk for pk in ids if isinstance(pk, int)]
