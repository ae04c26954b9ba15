"""Listing filters, parsed from the query string.

A filter value that does not validate is dropped, never reported: a stale bookmark or a
hand-edited URL (`?year=abc`, an area that was renamed) shows the unfiltered list
instead of an error page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forum_site.accounts.models import Unit
from forum_site.core.forms import ListedModelChoiceField

from .models import CompetencyArea, OutcomeStatus, ProgramFormat, ProgramStatus


class ListingFilterForm(forms.Form):
    @classmethod
    def parse(cls, params, **kwargs) -> "ListingFilterForm":
        """A bound form holding only the parameters that validated: invalid values are
        removed with their errors, so the form renders them as "all" and `cleaned_data`
        has only usable filters."""
        data = {name: str(params.get(name))[:200] for name in cls.base_fields
                if params.get(name)}
        form = cls(data=data, **kwargs)
        form.is_valid()
        for name in list(form.errors):
            form.errors.pop(name)
            form.data.pop(name, None)
            form.cleaned_data.pop(name, None)
        return form

    @property
    def active_filters(self) -> dict[str, str]:
        """The raw values of the filters in use, to keep them in pagination links."""
        return {name: self.data[name] for name in self.fields if self.data.get(name)}


class ProgramFilterForm(ListingFilterForm):
    area = ListedModelChoiceField(
        label=_("Competency area"), queryset=CompetencyArea.objects.all(),
        to_field_name="slug", required=False, empty_label=_("All areas"),
    )
    format = forms.ChoiceField(label=_("Format"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    unit = ListedModelChoiceField(
        label=_("Organising unit"), queryset=Unit.objects.none(), to_field_name="slug",
        required=False, empty_label=_("All units"),
    )

    def __init__(self, *args, years=(), units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [("", _("All formats")), *ProgramFormat.choices]
        self.fields["status"].choices = [("", _("All statuses")), *ProgramStatus.choices]
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        if units is not None:
            self.fields["unit"].queryset = units
        # Areas are shown in the reader's language.
        self.fields["area"].label_from_instance = lambda area: area.label


class OutcomeFilterForm(ListingFilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *OutcomeStatus.choices]


class NewsFilterForm(ListingFilterForm):
    tag = forms.SlugField(label=_("Tag"), required=False, max_length=100)
