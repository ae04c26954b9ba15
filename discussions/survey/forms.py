"""Forms for the satisfaction survey and the follow-up plan (parse and tidy; the rules
are in survey.services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import CleanTextField
from .models import (
    ELEMENTS,
    FOLLOW_UP_MAX_LENGTH,
    SCALE,
    SURVEY_COMMENT_MAX_LENGTH,
    AgeBand,
    Education,
    Gender,
    Occupation,
)

_BLANK = [("", _("Rather not say"))]


class SurveyForm(forms.Form):
    """Nine radio groups (1–4), an optional comment, the optional profile."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label, question in ELEMENTS:
            self.fields[name] = forms.TypedChoiceField(
                label=label, help_text=question, choices=SCALE, coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Rate this element from 1 to 4."),
                                "invalid_choice": _("Rate this element from 1 to 4.")},
            )
        self.fields["comment"] = CleanTextField(
            label=_("Comment or suggestion (optional)"), required=False,
            max_length=SURVEY_COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("Shown without your name after a moderator approves it."),
        )
        for name, label, choices in (
            ("gender", _("Gender"), Gender.choices),
            ("age_band", _("Age"), AgeBand.choices),
            ("education", _("Education"), Education.choices),
            ("occupation", _("Occupation"), Occupation.choices),
        ):
            self.fields[name] = forms.ChoiceField(
                label=label, required=False, choices=_BLANK + list(choices),
                error_messages={"invalid_choice": _("Choose one of the options.")},
            )

    def element_fields(self):
        return [self[name] for name, _label, _question in ELEMENTS]

    def profile_fields(self):
        return [self[name] for name in ("gender", "age_band", "education", "occupation")]

    def scores(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name, _label, _question in ELEMENTS}


class FollowUpPlanForm(forms.Form):
    elements = forms.MultipleChoiceField(
        label=_("Elements this plan addresses"), required=False,
        choices=[(name, label) for name, label, _question in ELEMENTS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose one of the options.")},
    )
    plan = CleanTextField(
        label=_("Follow-up plan"), max_length=FOLLOW_UP_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the unit will change, by when, and who is responsible. "
                     "Public."),
    )


class SurveyYearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False,
                              error_messages={"invalid": _("Enter a year such as 2026.")})
