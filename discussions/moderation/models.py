"""Moderation data: the published rules, flags on comments and threads, and the public
moderation ledger (append-only). Decisions are taken in `discussions.moderation.services`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..threads.models import AppendOnlyModel

NOTE_MAX_LENGTH = 1000


class Area(models.TextChoices):
    """Where on the site an item lives (queue filter, ledger column)."""

    FORUM = "forum", pgettext_lazy("site area", "Forum")
    PROGRAM = "program", pgettext_lazy("site area", "Programs")
    OUTCOME = "outcome", pgettext_lazy("site area", "Outcomes")
    OTHER = "other", pgettext_lazy("site area", "Other pages")


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


class Flag(models.Model):
    """A registered user reports a comment or a thread, once per item, with a reason.
    `weight` is what the flag counted for (new accounts count for less)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="forum_flags_given",
    )
    comment = models.ForeignKey(
        "discussions.Comment", on_delete=models.CASCADE, null=True, blank=True,
        related_name="forum_flags",
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
