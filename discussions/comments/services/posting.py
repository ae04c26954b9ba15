"""Posting a comment (registered, or anonymous with email confirmation): the text
checks, the form's timing trap, the initial status, the place in the tree."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from forum_site.accounts.permissions import is_moderator, verified_asn_profile
from forum_site.core import ratelimit
from forum_site.core.text import has_visible_text

from ...models import (
    AuthorKind,
    Comment,
    CommentEmailKind,
    CommentStatus,
    ItemKind,
    ModerationAction,
    ModerationLedgerEntry,
)
from ...permissions import (
    check_can_comment,
    is_trusted_author,
)
from ...redaction import redact
from ...text import normalise_text, normalise_title, render_markdown
from .emails import queue_comment_email
from .targets import Target, check_open
from .tree import place_in_tree, refresh_tree

FORM_STARTED_SALT = "discussions.comments.form-started"


def clean_body(body: str | None) -> str:
    """Normalised comment text within the configured length (ValidationError)."""
    body = normalise_text(body)
    if not has_visible_text(body):
        raise ValidationError(
            {"comment": ValidationError(_("Write a comment with letters or digits; spaces, "
                                          "marks and invisible characters alone are not "
                                          "enough."), code="blank")}
        )
    minimum, maximum = settings.SERAMBI_COMMENT_MIN_LENGTH, settings.SERAMBI_COMMENT_MAX_LENGTH
    if len(body) < minimum:
        raise ValidationError({"comment": ValidationError(
            _("Write at least %(min)s characters.") % {"min": minimum}, code="min_length")})
    if len(body) > maximum:
        raise ValidationError({"comment": ValidationError(
            _("Keep the comment under %(max)s characters (it has %(n)s).")
            % {"max": maximum, "n": len(body)}, code="max_length")})
    return body


def _clean_name(name: str | None) -> str:
    name = redact(normalise_title(name))[0]
    if len(name) < 2 or not has_visible_text(name):
        raise ValidationError({"name": ValidationError(
            _("Give the name to show with your comment."), code="required")})
    if len(name) > 50:
        raise ValidationError({"name": ValidationError(
            _("Keep the name under 50 characters."), code="max_length")})
    return name


def _clean_email(email: str | None) -> str:
    email = normalise_title(email).lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": ValidationError(
            _("Give a valid email address; we send the confirmation link there."),
            code="invalid")}) from exc
    return email


def form_started_token() -> str:
    """A signed time stamp for the anonymous form (minimum fill time)."""
    return signing.TimestampSigner(salt=FORM_STARTED_SALT).sign("form")


def check_form_timing(*, started: str | None, honeypot: str | None) -> None:
    """Refuse bots: a filled honeypot, a missing or forged time stamp, or a form sent
    faster than SERAMBI_COMMENT_MIN_FILL_SECONDS."""
    if honeypot:
        raise ValidationError(_("The form could not be accepted. Please try again."),
                              code="honeypot")
    signer = signing.TimestampSigner(salt=FORM_STARTED_SALT)
    try:
        signer.unsign(started or "", max_age=dt.timedelta(days=1))
    except signing.BadSignature as exc:
        raise ValidationError(_("The form expired. Please send it again."),
                              code="form_expired") from exc
    try:
        signer.unsign(started, max_age=settings.SERAMBI_COMMENT_MIN_FILL_SECONDS)
    except signing.SignatureExpired:
        return
    raise ValidationError(_("That was very fast. Please check your comment and send it again."),
                          code="too_fast")


def _author_kind(user) -> str:
    if user is None or not user.is_authenticated:
        return AuthorKind.ANONYMOUS
    if is_moderator(user):
        return AuthorKind.MODERATOR
    if verified_asn_profile(user) is not None:
        return AuthorKind.ASN
    return AuthorKind.CITIZEN


def _initial_status(user, author_kind: str) -> str:
    """Anonymous → waits for confirmation (then moderation); trusted authors (ASN,
    moderators, established accounts: `permissions.is_trusted_author`, the rule threads
    follow too) are post-moderated; everyone else pre-moderated."""
    if author_kind == AuthorKind.ANONYMOUS:
        return CommentStatus.UNCONFIRMED
    if is_trusted_author(user):
        return CommentStatus.APPROVED
    return CommentStatus.PENDING


def _check_duplicate(*, user, email: str, body: str) -> None:
    since = timezone.now() - dt.timedelta(seconds=settings.SERAMBI_COMMENT_DUPLICATE_WINDOW)
    same = Comment.objects.filter(submit_date__gte=since)
    same = same.filter(user=user) if user is not None else same.filter(
        user__isnull=True, user_email=email
    )
    # Compare the text as it would be stored (after masking).
    if same.filter(comment=redact(body)[0]).exists():
        raise ValidationError({"comment": ValidationError(
            _("You posted the same text a moment ago. Wait for it to appear, or write "
              "something new."), code="duplicate")})


@transaction.atomic
def comment_create(
    *,
    target: Target,
    user=None,
    body: str,
    name: str | None = None,
    email: str | None = None,
    parent: Comment | None = None,
    ip: str | None = None,
    language: str = "",
    consent: bool = False,
) -> Comment:
    """Post a comment. Registered users post under their display name; anonymous
    visitors give a name and an email, agree to the privacy notice (`consent`; the
    version is recorded on the comment) and must confirm through the link we send.
    Raises ValidationError (bad input, duplicate, closed target) or RateLimited."""
    user = user if user is not None and user.is_authenticated else None
    check_can_comment(user=user)
    check_open(target)
    body = clean_body(body)
    if user is None:
        name, email = _clean_visitor(name=name, email=email, consent=consent)
    ratelimit.hit("comment_create", user=user, ip=ip)
    if user is None:
        ratelimit.hit("confirmation_email", ip=ip, key=email)
    _check_parent(parent, target)
    _check_duplicate(user=user, email=email or "", body=body)
    comment = _new_comment(target=target, user=user, name=name, email=email, body=body)
    _save_in_tree(comment, parent)
    if comment.redactions:
        ModerationLedgerEntry.objects.create(
            action=ModerationAction.REDACT, item_kind=ItemKind.COMMENT, item_id=comment.pk,
            area=comment.area, rule="personal_data", automatic=True,
            note=", ".join(comment.redactions),
        )
    if user is None:
        queue_comment_email(comment=comment, kind=CommentEmailKind.CONFIRMATION,
                            language=language)
    refresh_tree(thread_id=comment.thread_id)
    comment.refresh_from_db(fields=["is_public"])
    return comment


def _clean_visitor(*, name: str | None, email: str | None, consent: bool) -> tuple[str, str]:
    """An anonymous visitor's shown name and email, and their consent (required)."""
    name, email = _clean_name(name), _clean_email(email)
    if not consent:
        raise ValidationError({"consent": ValidationError(
            _("Agree to the privacy notice: your email address is used only for the "
              "confirmation link and the moderators' decision."), code="required")})
    return name, email


def _check_parent(parent: Comment | None, target: Target) -> None:
    """A reply answers a published comment on the same page."""
    if parent is not None and (
        parent.content_type_id != target.content_type.pk
        or str(parent.object_pk) != str(target.obj.pk)
        or not parent.is_public or parent.is_removed
    ):
        raise ValidationError(_("You can only reply to a published comment here."),
                              code="invalid_parent")


def _new_comment(*, target: Target, user, name: str | None, email: str | None,
                 body: str) -> Comment:
    """The comment as it will be stored (masked text, its first status), not saved."""
    text, kinds = redact(body)
    author_kind = _author_kind(user)
    status = _initial_status(user, author_kind)
    anonymous = user is None
    return Comment(
        content_type=target.content_type,
        object_pk=str(target.obj.pk),
        site_id=settings.SITE_ID,
        user=user,
        user_name=(name if anonymous else user.public_name)[:50],
        user_email=(email if anonymous else user.email) or "",
        comment=text,
        body_html=render_markdown(text),
        redactions=kinds,
        submit_date=timezone.now().replace(microsecond=0),
        is_public=False,
        status=status,
        area=target.area,
        author_kind=author_kind,
        needs_review=status == CommentStatus.PENDING or bool(kinds),
        confirmation_nonce=secrets.token_hex(16) if anonymous else "",
        consent_version=settings.PRIVACY_NOTICE_VERSION if anonymous else "",
        consent_given_at=timezone.now() if anonymous else None,
    )


def _save_in_tree(comment: Comment, parent: Comment | None) -> None:
    """Save the comment under `parent`; a top-level comment is its own tree's root."""
    place_in_tree(comment, parent)
    comment.full_clean(exclude=["thread_id", "parent_id", "user_email", "user_url"])
    comment.save()
    if parent is None:
        XtdComment.norel_objects.filter(pk=comment.pk).update(
            thread_id=comment.pk, parent_id=comment.pk
        )
        comment.thread_id = comment.parent_id = comment.pk


@dataclass(frozen=True)
class CommentMaskingPreview:
    text: str
    name: str
    kinds: list[str]


def comment_masking_preview(*, body: str, name: str | None = None) -> CommentMaskingPreview:
    """How `comment_create` will store this text (and a visitor's shown name): the
    author sees it before posting when personal data would be masked (nothing stored)."""
    text, kinds = redact(normalise_text(body))
    shown, name_kinds = redact(normalise_title(name or ""))
    return CommentMaskingPreview(text=text, name=shown, kinds=sorted({*kinds, *name_kinds}))
