"""Forms of the public-information path (the services check every rule again)."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..forms import CleanTextField, PrefixedIds
from ..models import (
    REASON_MAX_LENGTH,
    DecisionOutcome,
    Exemption,
    InformationForm,
    ObjectionGround,
)
from .models import (
    ATTACHMENT_EXTENSIONS,
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_MAX_FILES,
    LETTER_MAX_LENGTH,
)


def _text(label, *, required=True, max_length=REASON_MAX_LENGTH * 3, rows=4, help_text=None):
    return CleanTextField(
        label=label, required=required, max_length=max_length, help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": _("This field cannot be empty.")},
    )


class MultipleFileInput(forms.ClearableFileInput):
    """`<input type="file" multiple>`: several files in one field, no JavaScript."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of uploaded files (Django's documented pattern); the services check each."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in ATTACHMENT_EXTENSIONS)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        cleaned = single(data, initial)
        return [cleaned] if cleaned else []


class DecisionForm(PrefixedIds, forms.Form):
    id_prefix = "decision"

    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose the decision.")},
    )
    exemption = forms.ChoiceField(
        label=_("Exemption (UU 14/2008 Pasal 17)"), required=False,
        choices=[("", _("— none —")), *Exemption.choices],
        help_text=_("Required for a refusal; for a partial grant, the ground for the part "
                    "withheld."),
    )
    consequence_test = _text(
        _("Consequence test"), required=False,
        help_text=_("Required for a refusal: what harm disclosure would cause, and why "
                    "withholding serves the public interest better (Pasal 19)."),
    )
    holding_office = forms.CharField(
        label=_("Office that holds the information"), required=False, max_length=200,
        help_text=_("For “not held”: the office that holds it, if known."),
    )
    information_form = forms.ChoiceField(
        label=_("Form of the information"), required=False,
        choices=[("", _("— choose —")), *InformationForm.choices],
    )
    cost = forms.IntegerField(label=_("Cost (rupiah)"), min_value=0, initial=0, required=False)
    cost_note = forms.CharField(label=_("How the cost is computed"), required=False,
                                max_length=300)
    body = _text(_("Explanation to the requester"), max_length=LETTER_MAX_LENGTH, rows=6)
    attachments = MultipleFileField(
        label=_("Attached documents"), required=False,
        help_text=format_lazy(
            _("Up to {count} files (PDF, spreadsheet or text document), each at most {mb} "
              "MB. They are public with the decision: remove personal data first."),
            count=ATTACHMENT_MAX_FILES, mb=ATTACHMENT_MAX_BYTES // (1024 * 1024)),
    )

    def clean_cost(self):
        return self.cleaned_data.get("cost") or 0


class ObjectionForm(PrefixedIds, forms.Form):
    id_prefix = "objection"

    grounds = forms.MultipleChoiceField(
        label=_("Grounds (UU 14/2008 Pasal 35)"), choices=ObjectionGround.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one ground (Pasal 35).")},
    )
    reason = _text(_("Your reasons"), rows=5)


class ObjectionAnswerForm(PrefixedIds, forms.Form):
    id_prefix = "objection_answer"

    upheld = forms.TypedChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect,
        choices=[("1", _("The objection is upheld: the PPID must provide the information")),
                 ("0", _("The objection is rejected: the PPID's decision stands"))],
        coerce=lambda value: value == "1",
        error_messages={"required": _("Choose the outcome.")},
    )
    answer = _text(_("Written answer"), max_length=LETTER_MAX_LENGTH, rows=6)
