"""The statistics filters: a GET form, so every view of the figures has its own URL."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from discussions.models import ThreadKind
from discussions.threads import selectors as forum
from forum_site.core.forms import ListedModelChoiceField

from .sections import Filters

YEARS_BACK = 5


def year_choices() -> list[tuple[str, str]]:
    this_year = timezone.localdate().year
    return [(str(year), str(year)) for year in range(this_year, this_year - YEARS_BACK, -1)]


class StatisticsFilterForm(forms.Form):
    unit = ListedModelChoiceField(
        label=_("Unit"), queryset=None, to_field_name="slug", required=False,
        empty_label=_("All units"),
    )
    category = ListedModelChoiceField(
        label=_("Category"), queryset=None, to_field_name="slug", required=False,
        empty_label=_("All categories"),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    year = forms.TypedChoiceField(label=_("Year opened"), coerce=int, required=False,
                                  empty_value=None)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = forum.unit_list_for_forum()
        self.fields["category"].queryset = forum.category_list_active()
        self.fields["kind"].choices = [("", _("All kinds")), *ThreadKind.choices]
        self.fields["year"].choices = [("", _("All years")), *year_choices()]

    def filters(self) -> Filters:
        """The valid filters (an invalid field counts as not given)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        # The active units the form lists are the ones the sections show: read once.
        return Filters(
            unit=data.get("unit"), category=data.get("category"),
            kind=data.get("kind") or "", year=data.get("year"),
            memo={"active_units": self.fields["unit"].rows()},
        )


class ReportYearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "report_%s")
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
