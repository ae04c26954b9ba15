"""Template helpers for the forum (`{% load discussions_tags %}`).

`{% page_discussions page %}` fills the "Diskusikan" slot of publication pages: the
threads about a program or outcome and a "start a discussion" link. Publications never
import discussions; their slot includes discussions/includes/page_discussion.html,
which calls this tag."""

from __future__ import annotations

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import selectors
from ..models import ThreadStatus

register = template.Library()

# As django.utils.html.json_script: nothing in the data can end the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

_STATUS_MODIFIERS = {
    ThreadStatus.OPEN: "tag--open",
    ThreadStatus.ANSWERED: "tag--answered",
    ThreadStatus.RESOLVED: "tag--resolved",
    ThreadStatus.REOPENED: "tag--reopened",
    ThreadStatus.CLOSED: "tag--closed",
}


@register.inclusion_tag("discussions/includes/status_tags.html")
def thread_status(thread):
    """The status as a text tag, plus "Overdue" when a deadline passed."""
    return {"thread": thread, "modifier": _STATUS_MODIFIERS.get(thread.status, "")}


@register.simple_tag
def json_ld(data):
    """A schema.org JSON-LD block, escaped so citizen text cannot close the element.
    A data block is never executed, so the strict CSP allows it."""
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _JSON_ESCAPES
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.inclusion_tag("discussions/includes/page_threads.html", takes_context=True)
def page_discussions(context, page, limit: int = 5):
    """Threads about a publication page and a link to start one about it."""
    threads, total = selectors.page_threads(page=page, limit=limit)
    return {
        "page": page,
        "threads": threads,
        "total": total,
        "new_thread_url": f"{reverse('discussions:thread_create')}?about={page.pk}",
        "request": context.get("request"),
    }


@register.simple_tag
def forum_can_view_queue(user) -> bool:
    from ..permissions import can_view_queue

    return can_view_queue(user)


@register.filter
def masked(value):
    """Personal data masked, for append-only rows stored before masking covered them
    (timeline reasons in emails); everything else is masked before it is stored."""
    from ..redaction import redact_text

    return redact_text(str(value or ""))


@register.filter
def isodate(value):
    """"2026-11-27" → a date, for the |date filter; anything else → None."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


@register.inclusion_tag("discussions/includes/latest_threads.html")
def latest_threads(limit: int = 5):
    """The newest threads with their status, for the home page's forum slot."""
    return {"threads": list(selectors.thread_list_public()[:limit])}


@register.inclusion_tag("discussions/includes/comments.html", takes_context=True)
def comment_section(context, obj):
    """The comments of a thread or a program/outcome page: the published tree (server
    rendered, replies indented up to three levels), the viewer's waiting comments, and
    the form. A fixed number of queries whatever the number of comments."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import ValidationError

    from ..comment_forms import new_comment_form, target_key
    from ..services.comments import check_open, target_for

    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    try:
        target = target_for(obj)
    except ValidationError:  # a page type that takes no comments
        return {"section": None}
    section = selectors.comment_section(obj=obj, user=user)
    try:
        check_open(target)
    except ValidationError:  # closed threads show the comments without a form
        can_comment = False
    else:
        can_comment = True
    # Visitors get a link to the form on its own page, not the form: a page without a
    # CSRF token sets no cookie, so shared caches may keep it (the busiest pages).
    form = new_comment_form(user=user, obj=obj) if can_comment and user.is_authenticated else None
    form_url = f"{reverse('discussions:comment_post')}?target={target_key(obj)}"
    return {
        "request": request,
        "user": user,
        "section": section,
        "form": form,
        "can_comment": can_comment,
        "form_url": form_url,
        "obj": obj,
    }


@register.simple_tag
def unread_notifications(user) -> int:
    """The header's count for a signed-in user; anonymous visitors cost no query (their
    pages stay cacheable)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return selectors.unread_notification_count(user=user)
