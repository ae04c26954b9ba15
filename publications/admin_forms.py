"""Page-editor forms: what the Wagtail admin offers an editor, and the checks that need
the submitted form (a ParentalManyToManyField is only on the instance after save)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# The editor's buttons that publish, or send the page to the review that publishes it.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-workflow-action")


class ProgramPickerWidget(forms.CheckboxSelectMultiple):
    """Checkboxes with a search box above them. The box is `hidden` in the HTML and shown
    by publications/admin/program_picker.js, so without JavaScript the editor still gets
    every choice, just no filtering."""

    template_name = "publications/admin/program_picker.html"
    search_label = _("Search programs")
    no_match = _("No program matches.")

    class Media:
        js = ["publications/admin/program_picker.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(search_label=self.search_label, no_match=self.no_match)
        return context


class OutcomePageForm(WagtailAdminPageForm):
    """The outcome editor. "Programs" offers only programs in the outcome's language
    (newest first, drafts marked); a program in another language already linked stays
    visible, so the editor sees it and is told to replace it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = self._outcome_locale()
        field = self.fields.get("programs")
        if field is None:
            return
        from publications import selectors

        linked = list(self.instance.programs.all()) if self.instance.pk else []
        offered = selectors.program_choices(locale=self.locale,
                                            including=[p.pk for p in linked])
        # Any program validates, so a wrong one gets program_errors' clear reason rather
        # than "not one of the available choices"; only `offered` is shown.
        field.widget = ProgramPickerWidget(
            choices=[(program.pk, self._program_label(program)) for program in offered])
        field.help_text = _("Programs in this outcome's language; a draft is marked "
                            "“draft” and shows on the outcome once it is published.")

    def _outcome_locale(self):
        if self.instance.locale_id:
            return self.instance.locale
        if self.parent_page is not None:
            return self.parent_page.locale
        from wagtail.models import Locale

        return Locale.get_default()

    def _program_label(self, program) -> str:
        parts = [program.title]
        if program.start_date:
            parts.append(f"{program.start_date:%Y-%m-%d}")
        if program.locale_id != self.locale.pk:
            parts.append(str(_("other language: replace it")))
        if not program.live:
            parts.append(str(_("draft")))
        elif program.status == "open":
            parts.append(str(program.get_status_display()))
        return " · ".join(parts)

    @property
    def publishing(self) -> bool:
        return any(self.data.get(name) for name in PUBLISHING_ACTIONS)

    def clean(self):
        cleaned_data = super().clean()
        programs = cleaned_data.get("programs")
        if programs is not None:
            errors = self.instance.program_errors(
                programs=list(programs), locale=self.locale, publishing=self.publishing)
            if errors:
                self.add_error("programs", ValidationError(errors))
        return cleaned_data


class TrainingProgramPageForm(WagtailAdminPageForm):
    """A program open for registration says how to register: when registration closes
    (not after the program starts) and where (a link or a contact). Checked in the editor,
    so pages built elsewhere (imports, tests) are not refused for it."""

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("status") != "open":
            return cleaned_data
        deadline, start = cleaned_data.get("registration_deadline"), cleaned_data.get("start_date")
        if deadline is None:
            self.add_error("registration_deadline", _(
                "A program open for registration needs the date registration closes."))
        elif start and deadline > start:
            self.add_error("registration_deadline", _(
                "Registration cannot close after the program starts."))
        if not (cleaned_data.get("registration_url") or cleaned_data.get("registration_contact")):
            self.add_error("registration_contact", _(
                "Give a registration link or a contact, so readers know where to register."))
        return cleaned_data
