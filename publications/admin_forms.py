"""Page-editor forms: what the Wagtail admin offers an editor, and the checks that need
the submitted form (the chosen rows of an inline panel are in its formset, not yet on
the instance)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

# The editor's buttons that publish, or send the page to the review that publishes it.
# A reviewer's workflow button counts only when it approves: "Request changes" is the
# answer to an outcome that cannot be published yet, so it is never refused for it.
PUBLISHING_ACTIONS = ("action-publish", "action-submit")
APPROVING_WORKFLOW_ACTIONS = ("approve",)


class OutcomePageForm(WagtailAdminPageForm):
    """The outcome editor. Programs are chosen with Wagtail's chooser (search, limited to
    the outcome's language, drafts marked: publications.wagtail_hooks); each chosen one
    is a row of `program_links`. A program in another language or, when publishing, one
    not yet run, is refused next to it with the reason."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locale = self._outcome_locale()

    def _outcome_locale(self):
        if self.instance.locale_id:
            return self.instance.locale
        if self.parent_page is not None:
            return self.parent_page.locale
        from wagtail.models import Locale

        return Locale.get_default()

    @property
    def publishing(self) -> bool:
        if self.data.get("action-workflow-action"):
            return self.data.get("workflow-action-name") in APPROVING_WORKFLOW_ACTIONS
        return any(self.data.get(name) for name in PUBLISHING_ACTIONS)

    def _chosen(self) -> list:
        """(child form, program) for each program row kept in the submitted form."""
        formset = self.formsets.get("program_links")
        if formset is None or not formset.is_valid():
            return []
        return [(form, form.cleaned_data["program"]) for form in formset.forms
                if form.cleaned_data.get("program") and not form.cleaned_data.get("DELETE")]

    def clean(self):
        cleaned_data = super().clean()
        # (A program chosen twice is refused by the formset: the rows are unique.)
        for form, program in self._chosen():
            errors = self.instance.program_errors(
                programs=[program], locale=self.locale, publishing=self.publishing)
            if errors:
                form.add_error("program", ValidationError(errors))
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
