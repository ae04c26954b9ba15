"""Comments: posting (registered or anonymous with email confirmation), the reply tree,
editing, deleting, likes, and the one place where a comment's public visibility changes.

Public visibility (`Comment.is_public`) is derived, never set by hand: a comment is
public when it is approved and every comment above it is public (a reply under a hidden
comment is hidden with it; restoring brings it back). `refresh_tree()` recomputes it for a
whole reply tree and the target's counter, and `_visibility_changed()` is told, after
commit, about every comment whose visibility changed (the search index hooks in there).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from forum_site.accounts.permissions import is_moderator, verified_asn_profile
from forum_site.core import ratelimit
from forum_site.core.text import has_visible_text

from ..models import (
    Area,
    AuthorKind,
    Comment,
    CommentEmailKind,
    CommentReaction,
    CommentRevision,
    CommentStatus,
    ItemKind,
    ModerationAction,
    ModerationLedgerEntry,
    Thread,
    ThreadStatus,
)
from ..permissions import (
    check_can_comment,
    check_can_react_to_comment,
    check_is_comment_author,
    is_trusted_author,
)
from ..redaction import redact
from ..search_records import comments_hidden
from ..text import normalise_text, normalise_title, render_markdown
from ._common import counted_add, counted_remove

logger = logging.getLogger(__name__)

CONFIRM_SALT = "discussions.comments.confirm"
FORM_STARTED_SALT = "discussions.comments.form-started"
PAGE_AREAS = {"trainingprogrampage": Area.PROGRAM, "outcomepage": Area.OUTCOME}


# --- targets --------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a comment is about: a thread, or a program or outcome page."""

    obj: object
    area: str

    @property
    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.obj, for_concrete_model=True)

    @property
    def url(self) -> str:
        if isinstance(self.obj, Thread):
            return self.obj.get_absolute_url()
        return self.obj.url


def target_for(obj) -> Target:
    """The comment target for a thread or a live program/outcome page (ValidationError
    for anything else)."""
    if isinstance(obj, Thread):
        return Target(obj=obj, area=Area.FORUM)
    area = PAGE_AREAS.get(type(obj).__name__.lower())
    if area is None:
        raise ValidationError(_("Comments are not open on this page."), code="invalid_target")
    return Target(obj=obj, area=area)


def check_open(target: Target) -> None:
    obj = target.obj
    if isinstance(obj, Thread):
        from ..models import ThreadVisibility

        if obj.visibility != ThreadVisibility.PUBLISHED:
            raise ValidationError(_("Comments are closed on this thread."), code="closed")
        if obj.status == ThreadStatus.CLOSED:
            raise ValidationError(_("This thread is closed."), code="closed")
    elif not obj.live:
        # Only live pages get here: the posting view looks the page up with
        # live().public() (selectors.linkable_page), the page slot renders served pages.
        raise ValidationError(_("Comments are not open on this page."), code="closed")


# --- text -----------------------------------------------------------------------------


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


# --- the tree ---------------------------------------------------------------------------


def _place_in_tree(comment: Comment, parent: Comment | None) -> None:
    """Give a new reply its thread_id, level and order under a lock on the tree's root,
    so concurrent replies cannot take the same position (depth-first order, as xtd)."""
    if parent is None:
        comment.level, comment.order, comment.thread_id, comment.parent_id = 0, 1, 0, 0
        return
    # Lock the root row: every insert into this tree waits here for the previous one.
    XtdComment.norel_objects.select_for_update().filter(pk=parent.thread_id).first()
    parent_row = XtdComment.norel_objects.get(pk=parent.pk)
    if parent_row.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        raise ValidationError(_("Replies go at most three levels deep; reply higher up."),
                              code="too_deep")
    tree = XtdComment.norel_objects.filter(thread_id=parent_row.thread_id)
    next_sibling = tree.filter(level__lte=parent_row.level, order__gt=parent_row.order)
    min_order = next_sibling.aggregate(m=Min("order"))["m"]
    if min_order is not None:
        # Make room in two steps so the unique (thread_id, order) index holds after
        # every row: first to negatives, then back shifted by one.
        tree.filter(order__gte=min_order).update(order=-F("order"))
        tree.filter(order__lt=0).update(order=-F("order") + 1)
        order = min_order
    else:
        order = (tree.aggregate(m=Max("order"))["m"] or 0) + 1
    comment.thread_id = parent_row.thread_id
    comment.parent_id = parent_row.pk
    comment.level = parent_row.level + 1
    comment.order = order
    ancestors = [parent_row.pk]
    if parent_row.parent_id != parent_row.pk:
        ancestors.append(parent_row.parent_id)
    tree.filter(pk__in=ancestors).update(nested_count=F("nested_count") + 1)


def refresh_tree(*, thread_id: int) -> list[int]:
    """Recompute `is_public` for one reply tree and the target's comment counter.
    Returns the ids whose visibility changed; `_visibility_changed` hears of each
    after commit."""
    rows = list(
        Comment.objects.filter(thread_id=thread_id)
        .order_by("order")
        .values_list("pk", "parent_id", "status", "is_public")
    )
    visible: dict[int, bool] = {}
    changed_on, changed_off = [], []
    for pk, parent_id, status, is_public in rows:
        above = True if parent_id in (0, pk) else visible.get(parent_id, False)
        now_public = above and status == CommentStatus.APPROVED
        visible[pk] = now_public
        if now_public != is_public:
            (changed_on if now_public else changed_off).append(pk)
    if changed_on:
        XtdComment.norel_objects.filter(pk__in=changed_on).update(is_public=True)
        from .comment_notifications import comments_announce

        comments_announce(comment_ids=changed_on)  # the first time only (issue 17)
    if changed_off:
        XtdComment.norel_objects.filter(pk__in=changed_off).update(is_public=False)
        comments_hidden(changed_off)
    changed = changed_on + changed_off
    if rows:
        _refresh_counter(Comment.objects.filter(pk=rows[0][0]).first())
    if changed:
        transaction.on_commit(lambda: [_visibility_changed(pk) for pk in changed])
    return changed


def _refresh_counter(comment: Comment | None) -> None:
    if comment is None:
        return
    thread_ct = ContentType.objects.get_for_model(Thread)
    if comment.content_type_id == thread_ct.pk:
        count = Comment.objects.filter(
            content_type_id=thread_ct.pk, object_pk=comment.object_pk, is_public=True,
            is_removed=False,
        ).count()
        Thread.objects.filter(pk=int(comment.object_pk)).update(comments_count=count)


def _visibility_changed(comment_id: int) -> None:
    """Called after commit for every comment that appeared on or disappeared from public
    pages (approved, rejected, hidden, restored, deleted, edited while public). The one
    hook for anything that mirrors public comments (the search index)."""
    from forum_site.core.page_cache import cache_seconds, new_generation

    from ..search_records import comment_changed

    logger.debug("comment %s visibility changed", comment_id)
    comment_changed(comment_id)
    if cache_seconds() > 0:  # after commit already: the anonymous pages change now
        new_generation()


# --- posting ----------------------------------------------------------------------------


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
        name, email = _clean_name(name), _clean_email(email)
        if not consent:
            raise ValidationError({"consent": ValidationError(
                _("Agree to the privacy notice: your email address is used only for the "
                  "confirmation link and the moderators' decision."), code="required")})
    ratelimit.hit("comment_create", user=user, ip=ip)
    if user is None:
        ratelimit.hit("confirmation_email", ip=ip, key=email)
    if parent is not None and (
        parent.content_type_id != target.content_type.pk
        or str(parent.object_pk) != str(target.obj.pk)
        or not parent.is_public or parent.is_removed
    ):
        raise ValidationError(_("You can only reply to a published comment here."),
                              code="invalid_parent")
    _check_duplicate(user=user, email=email or "", body=body)
    text, kinds = redact(body)
    author_kind = _author_kind(user)
    status = _initial_status(user, author_kind)
    comment = Comment(
        content_type=target.content_type,
        object_pk=str(target.obj.pk),
        site_id=settings.SITE_ID,
        user=user,
        user_name=(user.public_name if user is not None else name)[:50],
        user_email=(user.email if user is not None else email) or "",
        comment=text,
        body_html=render_markdown(text),
        redactions=kinds,
        submit_date=timezone.now().replace(microsecond=0),
        is_public=False,
        status=status,
        area=target.area,
        author_kind=author_kind,
        needs_review=status == CommentStatus.PENDING or bool(kinds),
        confirmation_nonce=secrets.token_hex(16) if user is None else "",
        consent_version=settings.PRIVACY_NOTICE_VERSION if user is None else "",
        consent_given_at=timezone.now() if user is None else None,
    )
    _place_in_tree(comment, parent)
    comment.full_clean(exclude=["thread_id", "parent_id", "user_email", "user_url"])
    comment.save()
    if parent is None:
        XtdComment.norel_objects.filter(pk=comment.pk).update(
            thread_id=comment.pk, parent_id=comment.pk
        )
        comment.thread_id = comment.parent_id = comment.pk
    if kinds:
        ModerationLedgerEntry.objects.create(
            action=ModerationAction.REDACT, item_kind=ItemKind.COMMENT, item_id=comment.pk,
            area=comment.area, rule="personal_data", automatic=True,
            note=", ".join(kinds),
        )
    if user is None:
        queue_comment_email(comment=comment, kind=CommentEmailKind.CONFIRMATION,
                            language=language)
    refresh_tree(thread_id=comment.thread_id)
    comment.refresh_from_db(fields=["is_public"])
    return comment


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


# --- anonymous confirmation --------------------------------------------------------------


class ConfirmationError(Exception):
    """A confirmation link that is forged, damaged, expired or already used."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "invalid" | "expired" | "used"


def make_confirmation_token(comment: Comment) -> str:
    """A link token: the comment id and its random nonce, signed with our own salt and
    a time stamp. No name, email or address in it."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(
        [comment.pk, comment.confirmation_nonce]
    )


def _read_confirmation_token(token: str) -> tuple[int, str]:
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        value = signer.unsign_object(token, max_age=settings.SERAMBI_COMMENT_CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ConfirmationError("expired") from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise ConfirmationError("invalid") from exc
    if (not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], int)
            or not isinstance(value[1], str)):
        raise ConfirmationError("invalid")
    return value[0], value[1]


def confirmation_check(*, token: str) -> Comment:
    """The unconfirmed comment a token points to (ConfirmationError if none)."""
    pk, nonce = _read_confirmation_token(token)
    comment = Comment.objects.filter(pk=pk).first()
    if comment is None:
        raise ConfirmationError("invalid")
    if comment.status != CommentStatus.UNCONFIRMED or not comment.confirmation_nonce:
        raise ConfirmationError("used")
    if not secrets.compare_digest(comment.confirmation_nonce, nonce):
        raise ConfirmationError("invalid")
    return comment


@transaction.atomic
def comment_confirm(*, token: str) -> Comment:
    """The visitor clicked the link: the comment joins the moderation queue. A link
    works once; after that (or when expired or forged) ConfirmationError."""
    comment = confirmation_check(token=token)
    updated = Comment.objects.filter(
        pk=comment.pk, status=CommentStatus.UNCONFIRMED
    ).update(status=CommentStatus.PENDING, confirmation_nonce="", confirmed_at=timezone.now(),
             needs_review=True)
    if not updated:
        raise ConfirmationError("used")
    comment.refresh_from_db()
    return comment


@transaction.atomic
def comments_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete anonymous comments never confirmed within the purge window (they were
    never public; their email address goes with them)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.SERAMBI_COMMENT_UNCONFIRMED_PURGE_AFTER)
    ids = list(Comment.objects.filter(status=CommentStatus.UNCONFIRMED, submit_date__lt=cutoff)
               .values_list("pk", flat=True))
    for pk in ids:
        Comment.objects.filter(pk=pk).delete()
    if ids:
        from forum_site.core import outbox

        from .comment_emails import EMAIL_KINDS

        outbox.forget(kind=EMAIL_KINDS[CommentEmailKind.CONFIRMATION], object_ids=ids)
    return len(ids)


@transaction.atomic
def anonymous_emails_forget(*, now: dt.datetime | None = None) -> int:
    """Delete the email address of confirmed anonymous comments once their last
    moderation-decision email is SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS old (sent, or
    given up after its retries) and none is still waiting to go. The comment stays, under
    the name its author chose; a later decision is no longer emailed. Returns how many."""
    from django.db.models import Exists, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from forum_site.core.models import EmailStatus, OutboxEmail

    from .comment_emails import EMAIL_KINDS

    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS)
    decisions = OutboxEmail.objects.filter(kind=EMAIL_KINDS[CommentEmailKind.DECISION],
                                           object_id=OuterRef("pk"))
    last_email = (decisions.annotate(at=Coalesce("sent_at", "created_at"))
                  .order_by("-at").values("at")[:1])
    candidates = (
        Comment.objects.filter(user__isnull=True, confirmed_at__isnull=False)
        .exclude(user_email="")
        .exclude(status=CommentStatus.PENDING)  # a decision is still to be emailed
        .annotate(waiting=Exists(decisions.filter(status=EmailStatus.PENDING)))
        .filter(waiting=False)
        .annotate(last_email=Subquery(last_email))
        .filter(last_email__lt=cutoff)
    )
    ids = list(candidates.values_list("pk", flat=True))
    if ids:
        XtdComment.norel_objects.filter(pk__in=ids).update(user_email="")
        Comment.objects.filter(pk__in=ids).update(email_forgotten_at=now)
    return len(ids)


# --- the author's own changes -------------------------------------------------------------


def can_still_edit(comment: Comment, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    window = dt.timedelta(seconds=settings.SERAMBI_COMMENT_EDIT_WINDOW)
    return not comment.is_removed and now - comment.submit_date <= window


@transaction.atomic
def comment_edit(*, user, comment: Comment, body: str) -> Comment:
    """The author changes their comment within the edit window; the earlier text is
    kept as a revision. Masking applies again."""
    check_is_comment_author(user=user, comment=comment)
    comment = Comment.norel_objects.select_for_update(of=("self",)).get(pk=comment.pk)
    if not can_still_edit(comment):
        raise ValidationError(_("The time to edit this comment has passed."), code="too_late")
    body = clean_body(body)
    text, kinds = redact(body)
    if text == comment.comment:
        return comment
    CommentRevision.objects.create(comment=comment, previous_body=comment.comment)
    comment.comment, comment.body_html = text, render_markdown(text)
    comment.redactions = sorted(set(comment.redactions) | set(kinds))
    comment.edited_at = timezone.now()
    comment.revisions_count += 1
    fields = ["comment", "body_html", "redactions", "edited_at", "revisions_count"]
    if kinds:
        comment.needs_review = True
        fields.append("needs_review")
        ModerationLedgerEntry.objects.create(
            action=ModerationAction.REDACT, item_kind=ItemKind.COMMENT, item_id=comment.pk,
            area=comment.area, rule="personal_data", automatic=True, note=", ".join(kinds),
        )
    Comment.objects.filter(pk=comment.pk).update(**{f: getattr(comment, f) for f in fields})
    if comment.is_public:
        transaction.on_commit(lambda: _visibility_changed(comment.pk))
    return comment


@transaction.atomic
def comment_delete(*, user, comment: Comment) -> Comment:
    """The author deletes their comment: its text goes, a "comment removed" placeholder
    keeps its place so the replies stay."""
    check_is_comment_author(user=user, comment=comment)
    if comment.is_removed:
        return comment
    XtdComment.norel_objects.filter(pk=comment.pk).update(is_removed=True, comment="")
    Comment.objects.filter(pk=comment.pk).update(body_html="")
    comments_hidden([comment.pk])
    refresh_tree(thread_id=comment.thread_id)
    transaction.on_commit(lambda: _visibility_changed(comment.pk))
    comment.refresh_from_db()
    return comment


# --- likes ---------------------------------------------------------------------------------


@transaction.atomic
def comment_like(*, user, comment: Comment, ip: str | None = None) -> bool:
    """Like a published comment, once per user. Returns False if already liked."""
    check_can_react_to_comment(user=user)
    if not comment.is_public or comment.is_removed:
        raise ValidationError(_("This comment cannot be liked."), code="not_public")
    if comment.user_id == user.pk:
        raise ValidationError(_("You cannot like your own comment."), code="own")
    ratelimit.hit("comment_reaction", user=user, ip=ip)
    return counted_add(CommentReaction, comment=comment, user=user,
                       counter=(comment, "likes_count"))


@transaction.atomic
def comment_unlike(*, user, comment: Comment) -> bool:
    check_can_react_to_comment(user=user)
    return counted_remove(CommentReaction, comment=comment, user=user,
                          counter=(comment, "likes_count"))


# --- emails ---------------------------------------------------------------------------------


def queue_comment_email(*, comment: Comment, kind: str, language: str = "") -> None:
    """Queue the email in the outbox now; it is sent after commit (a failing mail server
    leaves it pending for the retry)."""
    if not comment.user_email:
        return
    from forum_site.core import outbox

    from .comment_emails import EMAIL_KINDS

    outbox.queue(kind=EMAIL_KINDS[kind], object_id=comment.pk,
                 language=language or settings.LANGUAGE_CODE)
