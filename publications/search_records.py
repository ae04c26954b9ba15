"""How publications appear in search (see search/records.py): programs, outcomes, reports,
news and the public-information register (DIP). Only live, public (no view restriction),
unexpired pages are projected; `selectors.published` decides that, as it does for the
listings."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from search.records import Projection, SearchRecord, msgid, register

from . import selectors
from .models import (
    InformationCategory,
    NewsPage,
    OutcomePage,
    OutcomeStatus,
    ProgramFormat,
    ProgramStatus,
    PublicInformationEntry,
    PublicInformationPage,
    ReportPage,
    TrainingProgramPage,
)


def stream_text(page, field: str = "body") -> str:
    """Searchable text of a StreamField, as Wagtail's own indexing extracts it."""
    value = getattr(page, field, None)
    if not value:
        return ""
    parts = page._meta.get_field(field).get_searchable_content(value)
    return "\n".join(str(p) for p in parts if p)


def _date(value) -> dt.date | None:
    """A day as the site's readers count days (settings.TIME_ZONE, WITA), not UTC's."""
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _label(obj, language: str) -> str:
    name_en = getattr(obj, "name_en", "")
    return name_en if language == "en" and name_en else obj.name


def _unit_fields(unit) -> dict:
    return {"unit": unit.slug if unit else "", "unit_label": unit.name if unit else ""}


def owner_fields(page, language: str = "id") -> dict:
    """Unit (OPD) and competency area a program page belongs to — for an outcome, those
    of its first program. Shared by these projections and by records of things attached
    to the page (comments), so both facet the same way. Outcomes read
    `page.programs.all()`, so a prefetch of `programs__organiser` and
    `programs__competency_area` makes this query-free; callers compute it once a page."""
    program = page
    if isinstance(page, OutcomePage):
        program = next(iter(page.programs.all()), None)
    organiser = getattr(program, "organiser", None)
    area = getattr(program, "competency_area", None)
    return {
        **_unit_fields(organiser),
        "area": area.slug if area else "",
        "area_label": _label(area, language) if area else "",
    }


class PageProjection(Projection):
    model: type[Page]

    def queryset(self):
        return selectors.published(self.model.objects.all()).select_related("locale")

    def public_ids(self):
        return self.queryset().order_by("pk").values_list("pk", flat=True)

    def records(self, ids):
        return [self.record(page) for page in self.queryset().filter(pk__in=list(ids))]

    def record(self, page) -> SearchRecord:
        language = page.locale.language_code
        return SearchRecord(
            type=self.type, id=page.pk, url=page.get_url() or page.url_path,
            title=page.title, language=language,
            updated_at=page.last_published_at, **self.fields(page, language),
        )

    def fields(self, page, language: str) -> dict:
        raise NotImplementedError


class ProgramProjection(PageProjection):
    type = "program"
    label = _("Program")
    order = 10
    model = TrainingProgramPage

    def queryset(self):
        return super().queryset().select_related("organiser", "competency_area")

    def fields(self, page, language):
        return {
            "body": "\n".join([page.summary, page.target_participants, page.place,
                               stream_text(page)]),
            **owner_fields(page, language),
            "category": page.format,
            "category_label": msgid(ProgramFormat(page.format).label) if page.format else "",
            "kind": page.format,
            "status": page.status,
            "status_label": msgid(ProgramStatus(page.status).label),
            "date": page.start_date,
        }


class OutcomeProjection(PageProjection):
    type = "outcome"
    label = _("Outcome")
    order = 20
    model = OutcomePage

    def queryset(self):
        return super().queryset().prefetch_related(
            "indicators", "programs__organiser", "programs__competency_area"
        )

    def fields(self, page, language):
        programs = list(page.programs.all())
        indicators = [i.name for i in page.indicators.all()]
        return {
            "body": "\n".join([page.summary, *indicators, *(p.title for p in programs),
                               stream_text(page)]),
            **owner_fields(page, language),
            "status": page.status,
            "status_label": msgid(OutcomeStatus(page.status).label),
            "date": page.actual_end or page.planned_end or _date(page.first_published_at),
        }


class ReportProjection(PageProjection):
    type = "report"
    label = _("Report")
    order = 30
    model = ReportPage

    def queryset(self):
        return super().queryset().select_related("unit")

    def fields(self, page, language):
        return {
            "body": "\n".join([page.summary, page.period, stream_text(page)]),
            **_unit_fields(page.unit),
            "date": page.date,
        }


class NewsProjection(PageProjection):
    type = "news"
    label = _("News")
    order = 40
    model = NewsPage

    def queryset(self):
        return super().queryset().prefetch_related("tags")

    def fields(self, page, language):
        return {
            "body": "\n".join([page.summary, *(t.name for t in page.tags.all()),
                               stream_text(page)]),
            "date": page.date,
        }


class PublicInformationProjection(Projection):
    """Entries of the DIP. They have no page of their own: each links to its row on the
    register page (in the register's language), and is shown in every language."""

    type = "dip"
    label = _("Public information")
    order = 60

    def _register_url(self) -> str | None:
        page = selectors.published(PublicInformationPage.objects.all()).filter(
            locale__language_code="id"
        ).first() or selectors.published(PublicInformationPage.objects.all()).first()
        return page.get_url() if page else None

    def public_ids(self):
        if self._register_url() is None:
            return []
        return PublicInformationEntry.objects.order_by("pk").values_list("pk", flat=True)

    def records(self, ids):
        url = self._register_url()
        if url is None:
            return []
        entries = PublicInformationEntry.objects.filter(pk__in=list(ids)).select_related(
            "responsible_unit"
        )
        return [
            SearchRecord(
                type=self.type, id=entry.pk, url=f"{url}#dip-{entry.category}",
                title=entry.title,
                body="\n".join([entry.description, entry.exemption_reason]),
                language="id", all_languages=True,
                unit=entry.responsible_unit.slug, unit_label=entry.responsible_unit.name,
                category=entry.category,
                category_label=msgid(InformationCategory(entry.category).label),
                date=entry.last_updated,
            )
            for entry in entries
        ]


# --- keeping the index in step ------------------------------------------------------------
# Editorial writes happen inside the Wagtail admin, not in our services, so Wagtail's page
# signals are the extension point: they fire for publish/unpublish from the editor, the
# workflow and scheduled publishing alike. Each only schedules a re-projection after commit.

PAGE_TYPES = {
    TrainingProgramPage: "program",
    OutcomePage: "outcome",
    ReportPage: "report",
    NewsPage: "news",
}


def _page_changed(sender, instance, **kwargs):
    from search.services import index_later

    index_later(PAGE_TYPES[sender], [instance.pk])


def _register_changed(sender, instance, **kwargs):
    from search.services import index_later

    index_later("dip", PublicInformationEntry.objects.values_list("pk", flat=True))


def _entry_changed(sender, instance, **kwargs):
    from search.services import index_later

    index_later("dip", [instance.pk])


def _restriction_changed(sender, instance, **kwargs):
    """A view restriction hides (or reveals) a page and everything below it."""
    from search.services import index_later

    try:
        root = instance.page
    except Page.DoesNotExist:
        return
    for model, record_type in PAGE_TYPES.items():
        index_later(record_type, model.objects.descendant_of(root, inclusive=True)
                    .values_list("pk", flat=True))


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished

    for model in PAGE_TYPES:
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(_page_changed, sender=model, dispatch_uid=f"search-{model.__name__}")
    for signal in (page_published, page_unpublished):
        signal.connect(_register_changed, sender=PublicInformationPage,
                       dispatch_uid="search-register")
    for signal in (post_save, post_delete):
        signal.connect(_restriction_changed, sender=PageViewRestriction,
                       dispatch_uid="search-view-restriction")
    for signal in (post_save, post_delete):
        signal.connect(_entry_changed, sender=PublicInformationEntry,
                       dispatch_uid="search-dip-entry")


def register_projections() -> None:
    """This app's search projections (AppConfig.ready())."""
    for projection in (ProgramProjection, OutcomeProjection, ReportProjection,
                       NewsProjection, PublicInformationProjection):
        register(projection)
