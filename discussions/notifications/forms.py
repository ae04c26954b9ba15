"""The notification settings form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import NotificationKind


class NotificationPreferencesForm(forms.Form):
    """Two boxes per kind: email and on this site."""

    def __init__(self, *args, kinds: list[str], initial_choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            email, on_site = initial_choices.get(kind, (True, True))
            self.fields[f"{kind}__email"] = forms.BooleanField(
                label=_("By email"), required=False, initial=email
            )
            self.fields[f"{kind}__site"] = forms.BooleanField(
                label=_("On this site"), required=False, initial=on_site
            )

    def rows(self):
        for kind in self.kinds:
            yield {
                "kind": kind,
                "label": NotificationKind(kind).label,
                "email": self[f"{kind}__email"],
                "site": self[f"{kind}__site"],
            }

    def choices(self) -> dict[str, tuple[bool, bool]]:
        return {
            kind: (self.cleaned_data[f"{kind}__email"], self.cleaned_data[f"{kind}__site"])
            for kind in self.kinds
        }
