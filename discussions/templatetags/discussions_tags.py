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

from ..comments import selectors as comment_selectors
from ..models import ThreadStatus
from ..notifications import selectors as notification_selectors
from ..threads import selectors as thread_selectors

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
    threads, total = thread_selectors.page_threads(page=page, limit=limit)
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
    return {"threads": list(thread_selectors.thread_list_public()[:limit])}


@register.inclusion_tag("discussions/includes/comments.html", takes_context=True)
def comment_section(context, obj):
    """One page of the comments of a thread or a program/outcome page (`?page=N`,
    `SERAMBI_COMMENTS_PER_PAGE` comments in reading order: each top-level comment with
    its replies, indented up to three levels; a page that starts inside a reply tree links
    to the comment those replies answer), the viewer's waiting
    comments, and the form. A fixed number of queries whatever the number of comments;
    a page number that is not one (`?page=x`, `0`) is a 404, one past the last shows the
    last.

    What each comment shows that is the same code for every comment (its URLs, the
    plural "N likes" label, the two date formats) is computed here once per page and per
    distinct value rather than by template tags per comment: on a page of 500 comments
    those tags were most of the rendering time (issue 20)."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import ValidationError
    from django.http import Http404

    from ..comments.forms import new_comment_form, target_key
    from ..comments.own import own_comment_ids
    from ..comments.services import target_for

    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    try:
        target = target_for(obj)
    except ValidationError:  # a page type that takes no comments
        return {"section": None}
    page = comment_selectors.comment_page_number(request.GET.get("page") if request else None)
    if page is None:
        raise Http404("no such page of comments")
    own_ids = [] if user.is_authenticated else own_comment_ids(request)
    section = comment_selectors.comment_section(obj=obj, user=user, page=page, own_ids=own_ids)
    if section.own_waiting and request is not None:
        request.serambi_personal = True  # CachePolicyMiddleware: never a shared cache
    can_comment = _takes_comments(target)  # closed threads show them without a form
    # Visitors get a link to the form on its own page, not the form: a page without a
    # CSRF token sets no cookie, so shared caches may keep it (the busiest pages).
    form = new_comment_form(user=user, obj=obj) if can_comment and user.is_authenticated else None
    form_url = f"{reverse('discussions:comment_post')}?target={target_key(obj)}"
    base = request.path if request else ""
    _prepare_comments(section, page_url=_page_url(base, section.number), user=user,
                      can_comment=can_comment)
    continues_url = ""
    if section.continues_from:
        continues_url = reverse("discussions:comment_permalink", args=[section.continues_from])
    return {
        "request": request,
        "user": user,
        "section": section,
        "continues_url": continues_url,
        "pages": _page_links(section, base),
        "form": form,
        "can_comment": can_comment,
        "form_url": form_url,
        "obj": obj,
    }


def _takes_comments(target) -> bool:
    from django.core.exceptions import ValidationError

    from ..comments.services import check_open

    try:
        check_open(target)
    except ValidationError:
        return False
    return True


def _page_url(base: str, number: int) -> str:
    return base if number == 1 else f"{base}?page={number}"


def _page_links(section, base: str) -> dict | None:
    """First, last, previous and next page of the comments (None: one page only)."""
    if not section.has_other_pages:
        return None
    return {
        "first": _page_url(base, 1), "last": _page_url(base, section.num_pages),
        "previous": _page_url(base, section.number - 1) if section.has_previous else "",
        "next": _page_url(base, section.number + 1) if section.has_next else "",
    }


def _url_maker(name: str):
    """`pk → URL` for a `<int:pk>` route, reversed once (one reversal per page, not one
    per comment)."""
    marker = 987654321
    prefix, _sep, suffix = reverse(name, args=[marker]).partition(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _prepare_comments(section, *, page_url: str, user, can_comment: bool) -> None:
    from django.utils import timezone
    from django.utils.dates import MONTHS
    from django.utils.translation import get_language, ngettext

    signed_in = user.is_authenticated
    reply_url = _url_maker("discussions:comment_reply") if can_comment else None
    if signed_in:
        like_url = _url_maker("discussions:comment_like")
        flag_url = _url_maker("discussions:comment_flag")
        edit_url = _url_maker("discussions:comment_edit")
        delete_url = _url_maker("discussions:comment_delete")
    likes_labels: dict[int, str] = {}
    months = {number: str(name) for number, name in MONTHS.items()}
    zone = timezone.get_current_timezone()
    clock = "." if (get_language() or "id").split("-")[0] == "id" else ":"
    for comment in section.comments:
        comment.permalink = f"{page_url}#komentar-{comment.pk}"
        if comment.is_removed:
            continue
        when = comment.submit_date.astimezone(zone)
        comment.iso_date = when.isoformat()
        # As serambi_time's datetime_local writes it (13.06 WITA in Indonesian, 13:06 WITA
        # in English), without the date filter's per-call format parsing.
        comment.display_date = (
            f"{when.day} {months[when.month]} {when.year}, "
            f"{when.hour:02d}{clock}{when.minute:02d} {when.tzname()}"
        )
        likes = comment.likes_count
        if likes not in likes_labels:
            likes_labels[likes] = ngettext("%(counter)s like", "%(counter)s likes", likes) % {
                "counter": likes
            }
        comment.likes_label = likes_labels[likes]
        comment.reply_url = reply_url(comment.pk) if reply_url and comment.level < 2 else ""
        comment.own = signed_in and comment.user_id == user.pk
        if signed_in:
            comment.like_url = "" if comment.own else like_url(comment.pk)
            comment.liked = comment.pk in section.liked
            if comment.own:
                comment.edit_url, comment.delete_url = edit_url(comment.pk), delete_url(comment.pk)
            else:
                comment.flag_url = flag_url(comment.pk)


@register.filter
def skm_element_label(name):
    """The label of a satisfaction survey element from its field name."""
    from ..survey.models import ELEMENTS

    return next((label for field, label, _question in ELEMENTS if field == name), name)


@register.filter
def close_reason_label(value):
    """The label of a closing reason code (the timeline shows why a thread closed)."""
    from ..models import CloseReason

    return CloseReason(value).label if value in CloseReason.values else value


@register.simple_tag
def unread_notifications(user) -> int:
    """The header's count for a signed-in user; anonymous visitors cost no query (their
    pages stay cacheable)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return notification_selectors.unread_notification_count(user=user)


@register.simple_tag
def unit_overdue(user) -> int | None:
    """The header's overdue count of a verified ASN's unit (one query); None, and no
    query, for anyone else. Only signed-in pages ask, so anonymous pages stay cacheable."""
    if not getattr(user, "is_authenticated", False):
        return None
    return thread_selectors.unit_overdue_count(user=user)
