"""The form that turns a resolved thread into a FAQ entry (rules in services.faq)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import CleanTextField
from .models import FAQ_ANSWER_MAX_LENGTH, FAQ_QUESTION_MAX_LENGTH


class FaqForm(forms.Form):
    question = CleanTextField(
        label=_("Question, rewritten for everyone"), single_line=True,
        max_length=FAQ_QUESTION_MAX_LENGTH,
        help_text=_("A general question, without the asker's personal circumstances."),
    )
    answer = CleanTextField(
        label=_("Answer"), max_length=FAQ_ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("From the official answer; keep it faithful to it."),
    )
    question_en = CleanTextField(label=_("Question in English (optional)"), single_line=True,
                                 max_length=FAQ_QUESTION_MAX_LENGTH, required=False)
    answer_en = CleanTextField(label=_("Answer in English (optional)"), required=False,
                               max_length=FAQ_ANSWER_MAX_LENGTH,
                               widget=forms.Textarea(attrs={"rows": 6}))
    review_by = forms.DateField(
        label=_("Review by"), widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("After this date the entry is flagged for checking."),
        error_messages={"invalid": _("Enter a date such as 2027-06-30.")},
    )


class FaqFilterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False,
                                  to_field_name="slug", empty_label=_("All units"))
    category = forms.ModelChoiceField(label=_("Topic"), queryset=None, required=False,
                                      to_field_name="slug", empty_label=_("All topics"))

    def __init__(self, *args, units, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["category"].queryset = categories
