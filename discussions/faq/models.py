"""FAQ entries made from resolved threads with an official answer (Jawaban Resmi)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from forum_site.accounts.models import Unit

from ..text import validate_visible

FAQ_QUESTION_MAX_LENGTH = 200
FAQ_ANSWER_MAX_LENGTH = 20_000


class FaqReviewReason(models.TextChoices):
    NONE = "", _("No review needed")
    SOURCE_EDITED = "source_edited", _("The official answer it comes from was edited")


class FaqEntry(models.Model):
    """A question rewritten for everyone, answered from the official answer of a resolved
    thread, with the unit, the topic and a link back. After `review_by`, or when its
    source answer is edited, it is flagged for checking (shown to readers too)."""

    thread = models.OneToOneField(
        "discussions.Thread", on_delete=models.PROTECT, related_name="faq_entry",
        verbose_name=_("source thread"),
    )
    source_answer = models.ForeignKey(
        "discussions.OfficialAnswer", on_delete=models.PROTECT, related_name="faq_entries",
        verbose_name=_("source official answer"),
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="faq_entries",
                             verbose_name=_("unit"))
    category = models.ForeignKey("discussions.Category", on_delete=models.PROTECT,
                                 related_name="faq_entries", verbose_name=_("topic"))
    question = models.CharField(
        _("question"), max_length=FAQ_QUESTION_MAX_LENGTH,
        validators=[validate_visible, MinLengthValidator(8)],
    )
    answer = models.TextField(_("answer"), max_length=FAQ_ANSWER_MAX_LENGTH,
                              validators=[validate_visible, MinLengthValidator(20)])
    answer_html = models.TextField(editable=False, blank=True)
    question_en = models.CharField(_("question in English"), max_length=FAQ_QUESTION_MAX_LENGTH,
                                   blank=True)
    answer_en = models.TextField(_("answer in English"), max_length=FAQ_ANSWER_MAX_LENGTH,
                                 blank=True)
    answer_en_html = models.TextField(editable=False, blank=True)
    review_by = models.DateField(_("review by"))
    review_reason = models.CharField(_("review needed because"), max_length=20,
                                     choices=FaqReviewReason.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unit__name", "question"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("discussions:faq_detail", args=[self.pk])

    @property
    def english(self) -> bool:
        return bool(self.question_en) and (get_language() or "").startswith("en")

    @property
    def display_question(self) -> str:
        return self.question_en if self.english else self.question

    @property
    def display_answer_html(self) -> str:
        return self.answer_en_html if self.english and self.answer_en_html else self.answer_html

    def needs_review(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(self.review_reason) or self.review_by < today
