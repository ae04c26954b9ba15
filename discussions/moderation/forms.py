"""Forms for reports (flags) and the moderators' queue: they parse input; who may do
what lives in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Area as SiteArea
from ..models import ModerationAction, ModerationRule


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Which rule does it break?"), choices=ModerationRule.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which rule the content breaks.")},
    )
    note = forms.CharField(
        label=_("Anything the moderators should know"), required=False, max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


DECISIONS = [
    (ModerationAction.APPROVE, _("Approve (publish)")),
    (ModerationAction.REJECT, _("Reject")),
    (ModerationAction.HIDE, _("Hide")),
    (ModerationAction.RESTORE, _("Restore")),
]


class IdListField(forms.Field):
    """Ticked checkboxes: a list of positive integers (anything else is an error)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        try:
            ids = [int(item) for item in value]
        except (TypeError, ValueError) as exc:
            raise forms.ValidationError(_("Invalid selection.")) from exc
        if any(pk <= 0 for pk in ids):
            raise forms.ValidationError(_("Invalid selection."))
        return ids[:500]


class ModerationForm(forms.Form):
    """A bulk decision from the queue: the items ticked, the decision, the rule, a note."""

    action = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)
    rule = forms.ChoiceField(
        label=_("Rule"), required=False,
        choices=[("", _("— none (approve or restore) —")), *ModerationRule.choices],
        help_text=_("Required to reject or hide. The author is told the rule."),
    )
    note = forms.CharField(label=_("Note (for the ledger, not public)"), required=False,
                           max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    comments = IdListField(required=False)
    threads = IdListField(required=False)

    def clean(self):
        data = super().clean()
        if not data.get("comments") and not data.get("threads"):
            raise forms.ValidationError(_("Tick at least one item."))
        return data


class QueueFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), required=False,
                             choices=[("", _("All areas")), *SiteArea.choices])
    older_than = forms.TypedChoiceField(
        label=_("Waiting"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Any time")), (1, _("More than an hour")), (24, _("More than a day")),
                 (72, _("More than three days"))],
    )
