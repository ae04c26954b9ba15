"""What may be published, asked by every admin path that publishes a page without the
page editor's form (issue 18).

The editor refuses, next to the field, an outcome whose programs have not run yet or are
in another language (admin_forms.OutcomePageForm). Two paths publish without that form:
the explorer's bulk "Publish" and a reviewer's "Approve" from the dashboard's task list
(which publishes the *latest* revision, possibly a draft saved after the page was sent
for review). Both ask `publish_refusal` first (publications.wagtail_hooks) and show its
reason as a message instead of publishing. The rule itself stays in
`OutcomePage.program_errors`, so the editor and these paths cannot disagree."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import OutcomePage, TrainingProgramPage


def _content_to_publish(page: Page) -> Page:
    """What publishing `page` would make live: its latest revision (what Wagtail's bulk
    publish and a finished workflow publish), else the page as stored."""
    revision = page.get_latest_revision()
    return revision.as_object() if revision is not None else page.specific


def publish_refusal(*, page: Page) -> str | None:
    """Why `page` cannot be published as it stands, as one translated sentence naming
    it; None when it can (every page that is not an outcome can)."""
    if not issubclass(page.specific_class or Page, OutcomePage):
        return None
    outcome = _content_to_publish(page)
    program_ids = [link.program_id for link in outcome.program_links.all()]
    programs = TrainingProgramPage.objects.filter(pk__in=program_ids).select_related("locale")
    errors = outcome.program_errors(
        programs=sorted(programs, key=lambda p: program_ids.index(p.pk)),
        locale=outcome.locale, publishing=True)
    if not errors:
        return None
    return _("“%(page)s” was not published. %(reasons)s") % {
        "page": outcome.title, "reasons": " ".join(str(error) for error in errors)}
