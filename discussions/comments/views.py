"""Comments on threads, programs and outcomes: posting (with the reply form on its own
page, so everything works without JavaScript), email confirmation, likes, flags, edits,
deletion. Reports (flags) and the public moderation ledger are in
`discussions.moderation.views`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forum_site.accounts.decorators import consent_required
from forum_site.core.ratelimit import client_ip

from ..forms import errors_from
from ..models import (
    Comment,
    CommentStatus,
)
from ..permissions import can_view_comment_place, check_can_view_comment, check_is_comment_author
from ..threads import selectors as thread_selectors
from ..threads import services
from . import selectors
from . import services as comment_services
from .forms import CommentEditForm, new_comment_form
from .own import remember_own_comment
from .services import can_still_edit, check_form_timing


def _target_from(value: str):
    """"thread:5" or "page:12" → a comment Target (404 if not found or not open)."""
    kind, _sep, pk = (value or "").partition(":")
    if not pk.isdigit():
        raise Http404
    if kind == "thread":
        obj = thread_selectors.threads_public().filter(pk=int(pk)).first()
    elif kind == "page":
        obj = thread_selectors.linkable_page(pk=pk)
    else:
        obj = None
    if obj is None:
        raise Http404
    try:
        return comment_services.target_for(obj)
    except ValidationError as exc:
        raise Http404 from exc


def comment_or_404(pk: int) -> Comment:
    try:
        return selectors.comment_detail(pk=pk)
    except Comment.DoesNotExist as exc:
        raise Http404 from exc


@consent_required
def comment_post(request):
    """POST a comment or reply; GET ?target=… (or errors) shows the form on its own page."""
    if request.method != "POST":
        target = _target_from(request.GET.get("target", ""))
        form = new_comment_form(user=request.user, obj=target.obj)
        return _form_page(request, form, target=target, parent=None)
    target = _target_from(request.POST.get("target", ""))
    parent = _parent(request, request.POST.get("parent"), target=target)
    form = new_comment_form(user=request.user, obj=target.obj, parent=parent, data=request.POST)
    if form.is_valid() and "preview" in request.POST:
        return _form_page(request, form, target=target, parent=parent,
                          text=services.text_preview(body=form.cleaned_data["comment"]))
    if form.is_valid():
        data = form.cleaned_data
        preview = None if data["masking_seen"] else comment_services.comment_masking_preview(
            body=data["comment"], name=data.get("name"))
        if preview is not None and preview.kinds:
            # Shown as it will be published before it goes out; the next submit posts.
            seen = request.POST.copy()
            seen["masking_seen"] = "on"
            form = new_comment_form(user=request.user, obj=target.obj, parent=parent,
                                    data=seen)
            form.is_valid()
            return _form_page(request, form, target=target, parent=parent, preview=preview)
        try:
            if form.anonymous:
                check_form_timing(started=data["started"], honeypot=data["website"])
            comment = comment_services.comment_create(
                target=target, user=request.user, body=data["comment"], name=data.get("name"),
                email=data.get("email"), parent=parent, ip=client_ip(request),
                language=get_language() or "", consent=bool(data.get("consent")),
            )
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            if form.anonymous:
                remember_own_comment(request, comment)
            messages.success(request, _posted_message(comment))
            if comment.is_public:
                return redirect(_comment_url(comment, target))
            return redirect(target.url + "#komentar")
    return _form_page(request, form, target=target, parent=parent)


def comment_reply(request, pk: int):
    """The reply form for one comment (no JavaScript needed)."""
    parent = comment_or_404(pk)
    obj = selectors.comment_target_object(parent)
    check_can_view_comment(user=request.user, comment=parent, target=obj)
    target = comment_services.target_for(obj)
    form = new_comment_form(user=request.user, obj=obj, parent=parent)
    return _form_page(request, form, target=target, parent=parent)


def _parent(request, value, *, target) -> Comment | None:
    """The comment replied to: one the visitor may see, on this very target (404
    otherwise: the form page quotes it, so anything else would publish it)."""
    if not value:
        return None
    if not str(value).isdigit():
        raise Http404
    parent = comment_or_404(int(value))
    if (parent.content_type_id != target.content_type.pk
            or str(parent.object_pk) != str(target.obj.pk)):
        raise Http404
    check_can_view_comment(user=request.user, comment=parent, target=target.obj)
    return parent


def _form_page(request, form, *, target, parent, preview=None, text=None):
    return render(request, "discussions/comment_form.html", {
        "form": form, "target": target, "target_title": str(getattr(target.obj, "title", "")),
        "parent": parent, "preview": preview, "text_preview": text,
    })


def _posted_message(comment: Comment) -> str:
    if comment.status == CommentStatus.UNCONFIRMED:
        return _("Almost done: we sent a link to your email address. Your comment goes to "
                 "the moderators once you confirm it.")
    if comment.status == CommentStatus.PENDING:
        return _("Thank you. Your comment awaits moderation and appears once a moderator "
                 "approves it.")
    return _("Your comment is published.")


def comment_confirm(request, token: str):
    """GET shows what is being confirmed; POST confirms (so a mail scanner opening the
    link does not confirm it). A forged, used or expired link gets a 400 page."""
    try:
        if request.method == "POST":
            comment = comment_services.comment_confirm(token=token)
            messages.success(request, _("Thank you. Your comment is confirmed and awaits "
                                        "moderation."))
            obj = selectors.comment_target_object(comment)
            return redirect((comment_services.target_for(obj).url if obj else "/") + "#komentar")
        comment = comment_services.confirmation_check(token=token)
    except comment_services.ConfirmationError as exc:
        return render(request, "discussions/comment_confirm_invalid.html",
                      {"reason": exc.reason}, status=400)
    return render(request, "discussions/comment_confirm.html", {"comment": comment})


@login_required
@require_POST
def comment_like(request, pk: int):
    comment = comment_or_404(pk)
    check_can_view_comment(user=request.user, comment=comment)
    try:
        if request.POST.get("undo"):
            comment_services.comment_unlike(user=request.user, comment=comment)
        else:
            comment_services.comment_like(user=request.user, comment=comment, ip=client_ip(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return back_to_comment(comment)


def back_to_comment(comment: Comment):
    obj = selectors.comment_target_object(comment)
    if obj is None:
        raise Http404
    return redirect(_comment_url(comment, comment_services.target_for(obj)))


def _comment_url(comment: Comment, target) -> str:
    """The address of the page of comments that holds `comment` (threads and pages show
    `SERAMBI_COMMENTS_PER_PAGE` comments a page), at the comment."""
    page = selectors.comment_page_of(comment) if comment.is_public else 1
    query = f"?page={page}" if page > 1 else ""
    return f"{target.url}{query}#{comment.anchor}"


def comment_permalink(request, pk: int):
    """/forum/komentar/<id>/: the lasting address of a published comment, sent on to the
    page of comments that shows it now (emails, search results, feeds)."""
    comment = comment_or_404(pk)
    obj = selectors.comment_target_object(comment)
    if not can_view_comment_place(request.user, comment, target=obj):
        raise Http404
    return redirect(_comment_url(comment, comment_services.target_for(obj)))


@login_required
@consent_required
def comment_edit(request, pk: int):
    comment = comment_or_404(pk)
    check_is_comment_author(user=request.user, comment=comment)
    form = CommentEditForm(request.POST or None, initial={"comment": comment.comment})
    if not can_still_edit(comment):
        form.add_error(None, _("The time to edit this comment has passed."))
    elif request.method == "POST" and form.is_valid():
        try:
            comment_services.comment_edit(user=request.user, comment=comment,
                                          body=form.cleaned_data["comment"])
        except ValidationError as exc:
            errors_from(exc, form)
        else:
            messages.success(request, _("Your comment was changed."))
            return back_to_comment(comment)
    return render(request, "discussions/comment_edit.html", {"form": form, "comment": comment})


@login_required
def comment_delete(request, pk: int):
    comment = comment_or_404(pk)
    check_is_comment_author(user=request.user, comment=comment)
    if request.method == "POST":
        comment_services.comment_delete(user=request.user, comment=comment)
        messages.success(request, _("Your comment was removed."))
        return back_to_comment(comment)
    return render(request, "discussions/comment_delete.html", {"comment": comment})
