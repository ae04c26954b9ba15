"""Forms of the thread pages: open a thread, answer, and the asker's, the unit's and the
moderators' steps; the list's filters. They parse and tidy input and give field errors;
the rules about who may do what, and state, live in services and permissions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forum_site.accounts.models import Unit

from ..forms import MARKDOWN_HELP, CleanTextField, PrefixedIds
from ..models import (
    ANSWER_MAX_LENGTH,
    BODY_MAX_LENGTH,
    BODY_MIN_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    TITLE_MIN_LENGTH,
    Category,
    CloseReason,
    Thread,
    ThreadKind,
    ThreadStatus,
)
from .selectors import OVERDUE


def _length_messages(minimum: int | None, maximum: int) -> dict:
    messages = {
        "max_length": _("Use at most %(limit_value)d characters (it has %(show_value)d)."),
        "required": _("This field cannot be empty."),
    }
    if minimum:
        messages["min_length"] = _(
            "Use at least %(limit_value)d characters (it has %(show_value)d)."
        )
    return messages


class ThreadForm(forms.Form):
    """Open a thread. The first submission may come back with similar threads to look at
    (`similar_checked` is then set, and the next submission posts)."""

    kind = forms.ChoiceField(
        label=_("What would you like to do?"),
        choices=ThreadKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of message this is.")},
    )
    category = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Category.objects.none(),
        to_field_name="slug",
        empty_label=_("Choose a topic"),
        error_messages={"required": _("Choose a topic."),
                        "invalid_choice": _("Choose a topic from the list.")},
    )
    unit = forms.ModelChoiceField(
        label=_("Unit (OPD)"),
        queryset=Unit.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Let the topic decide"),
        help_text=_("If you know which unit is responsible, choose it. Otherwise we send your "
                    "message to the unit that handles the topic."),
        error_messages={"invalid_choice": _("Choose a unit from the list.")},
    )
    title = CleanTextField(
        label=_("Title"),
        single_line=True,
        min_length=TITLE_MIN_LENGTH,
        max_length=TITLE_MAX_LENGTH,
        help_text=_("One sentence that says what it is about, e.g. \"When does the 2027 "
                    "leadership training open?\""),
        error_messages=_length_messages(TITLE_MIN_LENGTH, TITLE_MAX_LENGTH),
    )
    body = CleanTextField(
        label=_("Your message"),
        min_length=BODY_MIN_LENGTH,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HELP,
        error_messages=_length_messages(BODY_MIN_LENGTH, BODY_MAX_LENGTH),
    )
    about = forms.IntegerField(required=False, widget=forms.HiddenInput)
    similar_checked = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # Set once the author has seen how personal data in their text will be masked.
    masking_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, categories, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["unit"].queryset = units
        self.fields["category"].label_from_instance = lambda category: category.display_name


class AnswerForm(PrefixedIds, forms.Form):
    id_prefix = "answer"

    body = CleanTextField(
        label=_("Official answer"),
        min_length=BODY_MIN_LENGTH,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=MARKDOWN_HELP,
        error_messages=_length_messages(BODY_MIN_LENGTH, ANSWER_MAX_LENGTH),
    )
    # How many answers the writer saw; a different count at publish time is a conflict.
    seen_answers = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    # The decision on an information request is not asked here: the PPID records it with
    # the written decision (ppid.forms.DecisionForm).


class AnswerEditForm(forms.Form):
    body = CleanTextField(
        label=_("Official answer"),
        min_length=BODY_MIN_LENGTH,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Everyone can see the earlier text and what changed."),
        error_messages=_length_messages(BODY_MIN_LENGTH, ANSWER_MAX_LENGTH),
    )


def _reason_field(label, help_text=None, required=True):
    return CleanTextField(
        label=label,
        required=required,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=help_text,
        error_messages=_length_messages(None, REASON_MAX_LENGTH),
    )


class DisputeForm(PrefixedIds, forms.Form):
    id_prefix = "dispute"

    reason = _reason_field(
        _("What is still unsolved?"),
        _("Your reply is public. The unit gets a new deadline to answer."),
    )


class AcknowledgeForm(PrefixedIds, forms.Form):
    id_prefix = "acknowledge"

    note = _reason_field(
        _("Note to the asker"), _("Optional, public. E.g. who is looking into it."),
        required=False,
    )


class ExtendForm(PrefixedIds, forms.Form):
    id_prefix = "extend"

    reason = _reason_field(
        _("Reason for the extension"),
        _("Public and required (UU 14/2008 Pasal 22). The deadline moves once, by the "
          "category's extension period."),
    )


class RerouteForm(PrefixedIds, forms.Form):
    id_prefix = "reroute"

    unit = forms.ModelChoiceField(
        label=_("New unit (OPD)"), queryset=Unit.objects.none(),
        error_messages={"required": _("Choose the unit to send the thread to.")},
    )
    reason = _reason_field(_("Reason"), _("Shown publicly on the thread's timeline."))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class CloseForm(PrefixedIds, forms.Form):
    id_prefix = "close"

    reason_kind = forms.ChoiceField(
        label=_("Why close it?"), choices=CloseReason.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the thread is closed.")},
    )
    duplicate_of = forms.IntegerField(
        label=_("Number of the original thread"), required=False, min_value=1,
        help_text=_("Only for duplicates: the number in the address of the other thread."),
    )
    reason = _reason_field(_("Explanation"), _("The asker and everyone else see it."))

    def clean(self):
        data = super().clean()
        if data.get("reason_kind") == CloseReason.DUPLICATE and not data.get("duplicate_of"):
            self.add_error("duplicate_of", _("Give the number of the thread this one duplicates."))
        duplicate = data.get("duplicate_of")
        if duplicate:
            found = Thread.objects.filter(pk=duplicate).first()
            if found is None:
                self.add_error("duplicate_of", _("There is no thread with this number."))
            data["duplicate_thread"] = found
        return data


class ThreadFilterForm(forms.Form):
    """The list's filters, kept in the URL (GET)."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    category = forms.ModelChoiceField(
        label=_("Topic"), required=False, queryset=Category.objects.none(),
        to_field_name="slug", empty_label=_("All topics"),
    )
    unit = forms.ModelChoiceField(
        label=_("Unit (OPD)"), required=False, queryset=Unit.objects.none(),
        to_field_name="slug", empty_label=_("All units"),
    )

    def __init__(self, *args, categories, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("All statuses")), *ThreadStatus.choices, (OVERDUE, _("Overdue")),
        ]
        self.fields["kind"].choices = [("", _("All kinds")), *ThreadKind.choices]
        self.fields["category"].queryset = categories
        self.fields["category"].label_from_instance = lambda category: category.display_name
        self.fields["unit"].queryset = units

    def filters(self) -> dict:
        """Valid filters only; a wrong value in the URL is ignored, never an error page."""
        if not self.is_valid():
            return {
                name: self.cleaned_data.get(name) for name in ("status", "kind", "category", "unit")
                if name not in self.errors and self.cleaned_data.get(name)
            }
        return {name: value for name, value in self.cleaned_data.items() if value}


class UnitFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit (OPD)"), required=False, queryset=Unit.objects.none(),
        to_field_name="slug", empty_label=_("All units"),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
