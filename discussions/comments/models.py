"""Comments, their revisions and likes, and the kinds of email about a comment (flags and the
moderation ledger are in `discussions.moderation.models`).

`discussions.models` imports these, so `from discussions.models import Comment` works.
Comments subclass django-comments-xtd's `XtdComment` (its tree fields `thread_id`,
`parent_id`, `level`, `order`, `nested_count` and its depth-first order), but their place
in the tree is computed by `discussions.comments.services` under a row lock on the tree's
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
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment

from ..moderation.models import Area, ModerationRule

COMMENT_MAX_LENGTH = 3000
COMMENT_NAME_MAX_LENGTH = 50


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
    # decision email: `comments.services.confirmation.anonymous_emails_forget`).
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


class CommentEmailKind(models.TextChoices):
    """The emails about a comment (sent through the outbox: comments/services/emails.py)."""

    CONFIRMATION = "confirmation", _("Confirm your comment")
    DECISION = "decision", _("A moderation decision on your comment")
