"""The publications open datasets: programs (one row per program) and outcome indicators
(one row per indicator).

Column names are a public interface: add columns at the end, never rename or remove
one (the /data/ page documents them from these definitions). Only the columns listed here
are exported; codes (status, format, area, unit) are stable machine values whose labels
are on the /data/ page."""

from collections.abc import Iterator
from typing import Any, NamedTuple

from django.utils.translation import gettext_lazy as _

from forum_site.core.exports import Column, ColumnType, Dataset

from . import selectors
from .metrics import indicator_progress
from .models import OutcomePage

CHUNK_SIZE = 1000

T = ColumnType


def _joined(values) -> str:
    return "; ".join(str(value) for value in values)


def program_dataset(request=None) -> Dataset:
    def url(page):
        return page.get_full_url(request)

    columns = (
        Column("program_id", T.INTEGER, _("Stable identifier of the program."), lambda p: p.pk),
        Column("title", T.TEXT, _("Name of the program (Indonesian)."), lambda p: p.title),
        Column("url", T.URL, _("Address of the program page."), url),
        Column("competency_area", T.TEXT, _("Code of the competency area."),
               lambda p: p.competency_area.slug if p.competency_area_id else None),
        Column("competency_area_name", T.TEXT, _("Name of the competency area (Indonesian)."),
               lambda p: p.competency_area.name if p.competency_area_id else None),
        Column("format", T.TEXT,
               _("workshop, course, internship, joint_research or socialisation."),
               lambda p: p.format),
        Column("status", T.TEXT, _("planned, open, running, completed or cancelled."),
               lambda p: p.status),
        Column("start_date", T.DATE, _("First day (YYYY-MM-DD)."), lambda p: p.start_date),
        Column("end_date", T.DATE, _("Last day (YYYY-MM-DD); empty for a single day."),
               lambda p: p.end_date),
        Column("place", T.TEXT, _("Where it takes place."), lambda p: p.place),
        Column("organiser_unit", T.TEXT, _("Code of the organising unit (OPD)."),
               lambda p: p.organiser.slug if p.organiser_id else None),
        Column("organiser_unit_name", T.TEXT, _("Name of the organising unit (OPD)."),
               lambda p: p.organiser.name if p.organiser_id else None),
        Column("partners", T.TEXT, _("Partner institutions, separated by '; '."),
               lambda p: _joined(partner.name for partner in p.partners.all())),
        Column("partner_codes", T.TEXT, _("Codes of the partner institutions, separated by '; '."),
               lambda p: _joined(partner.slug for partner in p.partners.all())),
        Column("target_participants", T.TEXT, _("Who the program is for."),
               lambda p: p.target_participants),
        Column("capacity", T.INTEGER, _("Places offered."), lambda p: p.capacity),
        Column("participants", T.INTEGER, _("People who took part."), lambda p: p.participants),
        Column("budget_planned_idr", T.DECIMAL, _("Planned budget in rupiah."),
               lambda p: p.budget_planned),
        Column("budget_spent_idr", T.DECIMAL, _("Budget spent in rupiah."),
               lambda p: p.budget_spent),
        Column("last_published_at", T.DATETIME, _("When the page was last published (ISO 8601)."),
               lambda p: p.last_published_at),
    )
    return Dataset(
        slug="programs",
        title=_("Training programs"),
        description=_("One row per published training program."),
        columns=columns,
        rows=lambda: selectors.program_export_queryset().iterator(chunk_size=CHUNK_SIZE),
    )


class IndicatorRow(NamedTuple):
    indicator: Any  # a named tuple of selectors.INDICATOR_EXPORT_FIELDS
    outcome: OutcomePage
    outcome_url: str


def _indicator_rows(request) -> Iterator[IndicatorRow]:
    outcomes = selectors.outcome_export_index()
    urls = {pk: outcome.get_full_url(request) for pk, outcome in outcomes.items()}
    indicators = selectors.indicator_export_queryset(outcome_ids=list(outcomes))
    for indicator in indicators.iterator(chunk_size=CHUNK_SIZE):
        yield IndicatorRow(indicator, outcomes[indicator.page_id], urls[indicator.page_id])


def indicator_dataset(request=None) -> Dataset:
    columns = (
        Column("indicator_id", T.INTEGER, _("Stable identifier of the indicator."),
               lambda r: r.indicator.pk),
        Column("outcome_id", T.INTEGER, _("Identifier of the outcome."), lambda r: r.outcome.pk),
        Column("outcome_title", T.TEXT, _("Name of the outcome (Indonesian)."),
               lambda r: r.outcome.title),
        Column("outcome_url", T.URL, _("Address of the outcome page."), lambda r: r.outcome_url),
        Column("outcome_status", T.TEXT,
               _("in_progress, achieved, partly_achieved or not_achieved."),
               lambda r: r.outcome.status),
        Column("program_ids", T.TEXT,
               _("Identifiers of the programs behind the outcome, separated by '; '."),
               lambda r: _joined(p.pk for p in r.outcome.public_programs)),
        Column("indicator", T.TEXT, _("What is measured."), lambda r: r.indicator.name),
        Column("unit_of_measure", T.TEXT, _("Unit of the figures (days, %, people…)."),
               lambda r: r.indicator.unit_of_measure),
        Column("baseline", T.DECIMAL, _("Value before the program."),
               lambda r: r.indicator.baseline),
        Column("target", T.DECIMAL, _("Value aimed for."), lambda r: r.indicator.target),
        Column("actual", T.DECIMAL, _("Value measured; empty if not measured yet."),
               lambda r: r.indicator.actual),
        Column("progress_percent", T.DECIMAL,
               _("(actual − baseline) ÷ (target − baseline) × 100, one decimal; computed."),
               lambda r: indicator_progress(baseline=r.indicator.baseline,
                                            target=r.indicator.target,
                                            actual=r.indicator.actual)),
        Column("measured_on", T.DATE, _("Date of the measurement (YYYY-MM-DD)."),
               lambda r: r.indicator.measured_on),
        Column("source", T.TEXT, _("Where the figure comes from."),
               lambda r: r.indicator.source),
    )
    return Dataset(
        slug="outcome-indicators",
        title=_("Outcome indicators"),
        description=_("One row per indicator of a published outcome."),
        columns=columns,
        rows=lambda: _indicator_rows(request),
    )


def program_code_lists():
    from .models import OutcomeStatus, ProgramFormat, ProgramStatus

    return [
        ("format", ProgramFormat.choices),
        ("status", ProgramStatus.choices),
        ("outcome_status", OutcomeStatus.choices),
        ("competency_area",
         [(area.slug, area.label) for area in selectors.competency_areas()]),
    ]


def register_datasets() -> None:
    """Called from PublicationsConfig.ready(): /data/ lists these."""
    from forum_site.core import opendata

    opendata.register("programs", program_dataset, order=10, code_lists=program_code_lists)
    opendata.register("outcome-indicators", indicator_dataset, order=20)
