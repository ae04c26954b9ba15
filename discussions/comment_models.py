"""Comments, reactions, flags, the comment email outbox and the public moderation ledger.

Imported at the end of `discussions.models`, so `from discussions.models import Comment`
works. Comments subclass django-comments-xtd's `XtdComment` (its tree fields `thread_id`,
`parent_id`, `level`, `order`, `nested_count` and its depth-first order), but their place
in the tree is computed by `discussions.services.comments` under a row lock on the tree's
root (xtd computes it with Max()+1 and no lock), and a partial unique index on
(thread_id, order) makes a duplicate impossible (migration 0007).

Fields inherited from django-contrib-comments: `user`, `user_name` (the public name),
`user_email` (private: confirmation and decision emails, never rendered), `comment`
(Markdown source after redaction), `submit_date`, `is_public` (shown on public pages:
approved *and* every ancestor shown), `is_removed` (deleted by its author: a "comment
removed" placeholder that keeps its replies). `ip_address` is never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_comments_xtd.models import XtdComment

# discussions.models imports this module at its end, after defining these.
from .models import AppendOnlyModel

COMMENT_MAX_LENGTH = 3000
COMMENT_NAME_MAX_LENGTH = 50
NOTE_MAX_LENGTH = 1000


class Area(models.TextChoices):
    """Where on the site an item lives (queue filter, ledger column)."""

    FORUM = "forum", pgettext_lazy("site area", "Forum")
    PROGRAM = "program", pgettext_lazy("site area", "Programs")
    OUTCOME = "outcome", pgettext_lazy("site area", "Outcomes")
    OTHER = "other", pgettext_lazy("site area", "Other pages")


class CommentStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Rejected")
    HIDDEN = "hidden", _("Hidden")


class AuthorKind(models.TextChoices):
    ANONYMOUS = "anonymous", _("Visitor (email confirmed)")
    CITIZEN = "citizen", _("Registered citizen")
    ASN = "asn", _("Verified ASN")
    MODERATOR = "moderator", _("Moderator")


class ModerationRule(models.TextChoices):
    """The published rules (shown on the ledger page). Every rejection or hiding names one."""

    PERSONAL_DATA = "personal_data", _("Personal data")
    ABUSE = "abuse", _("Abuse, insults or hate")
    SPAM = "spam", _("Spam or advertising")
    OFF_TOPIC = "off_topic", _("Off-topic")
    MISINFORMATION = "misinformation", _("Deliberately false or misleading")
    ILLEGAL = "illegal", _("Unlawful content")


RULE_DESCRIPTIONS = {
    ModerationRule.PERSONAL_DATA: _(
        "Identity numbers (NIK, NIP), phone numbers, addresses, email addresses or health "
        "details of anyone, including yourself. Numbers are masked automatically; what the "
        "filter misses is removed by moderators."
    ),
    ModerationRule.ABUSE: _(
        "Insults, threats, harassment, or attacks on people for their religion, ethnicity, "
        "race, group, gender or disability."
    ),
    ModerationRule.SPAM: _("Advertising, repeated messages, links unrelated to the discussion."),
    ModerationRule.OFF_TOPIC: _(
        "Text unrelated to the thread, program or outcome it is posted under."
    ),
    ModerationRule.MISINFORMATION: _(
        "Claims the author knows to be false, or impersonation of an official or a unit."
    ),
    ModerationRule.ILLEGAL: _("Anything else that Indonesian law forbids publishing."),
}


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    HIDE = "hide", _("Hidden")
    RESTORE = "restore", _("Restored")
    AUTO_HIDE = "auto_hide", _("Hidden after flags, pending review")
    REDACT = "redact", _("Personal data masked automatically")


class ItemKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    THREAD = "thread", _("Thread")
    SURVEY = "survey", _("Satisfaction survey comment")


class Comment(XtdComment):
    """A comment on a thread or on a program or outcome page (see the module docstring)."""

    xtdcomment_ptr = models.OneToOneField(
        XtdComment, on_delete=models.CASCADE, parent_link=True, primary_key=True,
        related_name="serambi_comment",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CommentStatus.choices,
        default=CommentStatus.PENDING, db_index=True,
    )
    area = models.CharField(_("area"), max_length=10, choices=Area.choices, default=Area.FORUM)
    author_kind = models.CharField(
        _("author"), max_length=10, choices=AuthorKind.choices, default=AuthorKind.CITIZEN
    )
    body_html = models.TextField(editable=False, blank=True)
    # Which kinds of personal data were masked before publication (moderators see it);
    # the unmasked text is never stored.
    redactions = models.JSONField(default=list, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    revisions_count = models.PositiveIntegerField(default=0)
    likes_count = models.PositiveIntegerField(default=0)
    flags_weight = models.PositiveIntegerField(default=0)
    # Set when the status last changed by moderation (the author is told the rule).
    moderation_rule = models.CharField(
        max_length=20, choices=ModerationRule.choices, blank=True
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # When the asker, followers and the parent's author were told of it: the first time
    # it was public. Set once, so hiding and restoring never notifies again.
    announced_at = models.DateTimeField(null=True, blank=True, editable=False)
    # In the moderators' queue: pre-moderated, hidden after flags, or masked automatically.
    needs_review = models.BooleanField(default=False, db_index=True)
    # Anonymous comments: a random nonce the signed confirmation link refers to (the link
    # carries the comment id and this nonce, nothing personal); cleared once confirmed.
    confirmation_nonce = models.CharField(max_length=32, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Anonymous comments: the privacy notice version the visitor agreed to on the form
    # (UU 27/2022 consent, as accounts record it in `Consent`), and when their email
    # address was deleted (SERAMBI_ANONYMOUS_EMAIL_RETENTION_DAYS after the last
    # decision email: `services.comments.anonymous_emails_forget`).
    consent_version = models.CharField(max_length=32, blank=True)
    consent_given_at = models.DateTimeField(null=True, blank=True)
    email_forgotten_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["status", "area"], name="disc_comment_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.status}"

    def save(self, *args, **kwargs):
        # Skip XtdComment.save(): it places a reply in the tree with Max()+1 and no lock.
        # The comment service places it (under a lock) before the first save.
        super(XtdComment, self).save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        return f"komentar-{self.pk}"

    @property
    def is_reply(self) -> bool:
        return self.parent_id not in (0, self.pk)

    @property
    def display_name(self) -> str:
        return self.user_name


class CommentRevision(models.Model):
    """An earlier text of an edited comment (kept for moderators; the page says
    "edited")."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    edited_at = models.DateTimeField(default=timezone.now)
    previous_body = models.TextField()

    class Meta:
        ordering = ["-edited_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.comment_id} {self.edited_at:%Y-%m-%d %H:%M}"


class CommentReaction(models.Model):
    """A like: one per user per comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_reactions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="disc_reaction_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} likes {self.comment_id}"


class Flag(models.Model):
    """A registered user reports a comment or a thread, once per item, with a reason.
    `weight` is what the flag counted for (new accounts count for less)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="forum_flags_given",
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="forum_flags"
    )
    thread = models.ForeignKey(
        "discussions.Thread", on_delete=models.CASCADE, null=True, blank=True,
        related_name="forum_flags",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ModerationRule.choices)
    note = models.CharField(_("details"), max_length=500, blank=True)
    weight = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "comment"], name="disc_flag_comment_once"),
            models.UniqueConstraint(fields=["user", "thread"], name="disc_flag_thread_once"),
            models.CheckConstraint(
                condition=(Q(comment__isnull=False) & Q(thread__isnull=True))
                | (Q(comment__isnull=True) & Q(thread__isnull=False)),
                name="disc_flag_one_item",
            ),
        ]

    def __str__(self) -> str:
        return f"flag {self.reason} on {self.comment_id or self.thread_id}"


class CommentEmailKind(models.TextChoices):
    """The emails about a comment (sent through the outbox: services/comment_emails.py)."""

    CONFIRMATION = "confirmation", _("Confirm your comment")
    DECISION = "decision", _("A moderation decision on your comment")


class ModerationLedgerEntry(AppendOnlyModel):
    """One moderation decision: who, when, what, which rule, a note. Append-only: the
    model refuses updates and deletes, the database too (migration 0007), and no admin
    screen edits it. The public ledger shows counts only (no text, no person)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=12, choices=ModerationAction.choices)
    item_kind = models.CharField(max_length=10, choices=ItemKind.choices)
    item_id = models.PositiveIntegerField()
    area = models.CharField(max_length=10, choices=Area.choices)
    rule = models.CharField(max_length=20, choices=ModerationRule.choices, blank=True)
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True)
    # No database constraint: the row must outlive the moderator's account untouched.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False,
        null=True, blank=True, related_name="+",
    )
    automatic = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("moderation ledger entry")
        verbose_name_plural = _("moderation ledger")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.action} {self.item_kind} {self.item_id}"
