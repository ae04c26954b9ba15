"""The sections of the statistics page: one function and one template each.

A section is registered with `register_section(...)` from an `AppConfig.ready()` (this
app's own in `register_sections()` below, called by TransparencyConfig.ready()): the
function gets the visitor's
`Filters` and returns the (picklable) context its template needs; the page caches every
section's result together, per language and filter. Adding a section — e.g. the
moderation ledger — is one function here (or in any module imported by the app) plus one
template include::

    def moderation_section(filters: Filters) -> dict:
        return {"ledger": moderation_ledger_counts(...)}

    register_section(moderation_section, key="moderation", title=_("Moderation"),
                     order=50, template="transparency/sections/moderation.html")

Sections never rank units: tables are sorted by name, and a figure over too few threads
says "not enough data". They read only through the feature apps' selectors (threads,
moderation, the forum statistics, the survey's `skm`, publications, accounts) and write
numbers with `forum_site.core.numbers`, the site's one number format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from discussions import statistics as forum_stats
from discussions.models import ModerationAction, ModerationRule, ThreadKind, ThreadStatus
from discussions.moderation import selectors as moderation_selectors
from discussions.survey.skm import survey_results
from discussions.threads import selectors as forum
from forum_site.accounts import selectors as accounts
from forum_site.core.numbers import number, percent, rupiah
from forum_site.core.plugins import Registry
from forum_site.core.routing import active_locale
from publications import selectors as publications

from . import charts


@dataclass(frozen=True)
class Filters:
    """What the visitor narrowed the statistics to (all None/"" = everything)."""

    unit: object | None = None  # accounts.Unit
    category: object | None = None  # discussions.Category
    kind: str = ""
    year: int | None = None
    # Results several sections share while one page is built (not part of the key).
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def shared(self, key: str, compute: Callable[[], object]):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @property
    def cache_key(self) -> str:
        return ":".join([
            self.unit.slug if self.unit else "",
            self.category.slug if self.category else "",
            self.kind,
            str(self.year or ""),
        ])

    def threads(self):
        """The public threads these filters select (hidden threads are never counted)."""
        threads = forum.threads_public()
        if self.unit is not None:
            threads = threads.filter(unit=self.unit)
        if self.category is not None:
            threads = threads.filter(category=self.category)
        if self.kind:
            threads = threads.filter(kind=self.kind)
        if self.year:
            threads = threads.filter(created_at__year=self.year)
        return threads


@dataclass(frozen=True)
class StatisticsSection:
    key: str
    title: object
    template: str
    build: Callable[[Filters], dict]
    order: int
    forum: bool = True  # narrowed by the forum filters (the training section is not)


SECTIONS: Registry[StatisticsSection] = Registry(
    "statistics sections", owner="forum_site/transparency/sections.py")


def register_section(build: Callable[[Filters], dict], *, key: str, title, template: str,
                     order: int, forum: bool = True) -> None:
    """Add (or replace) a section of the statistics page; from an AppConfig.ready()."""
    SECTIONS.add(key, StatisticsSection(key=key, title=title, template=template,
                                        build=build, order=order, forum=forum), order=order)


def registered_sections() -> list[StatisticsSection]:
    return SECTIONS.items()


# --- formatting helpers --------------------------------------------------------------------


def days_text(value) -> str:
    return _("%(days)s wd") % {"days": number(value)}


def _figure_rows(groups, labels: dict, metric: str) -> list[tuple[str, list]]:
    rows = []
    for key, label in labels.items():
        stats = groups.get(key)
        figure = stats.figures[metric] if stats else forum_stats.EMPTY
        rows.append((label, [figure.median if figure.enough else None,
                             figure.p90 if figure.enough else None]))
    return rows


def _time_series() -> list[charts.Series]:
    return [charts.Series(_("Median"), "median"), charts.Series(_("90th percentile"), "p90")]


def _month_label(key: int) -> str:
    return f"{MONTHS_3[key % 100].title()} {str(key // 100)[2:]}"


# --- forum sections -------------------------------------------------------------------------


def overview_section(filters: Filters) -> dict:
    total = _unit_groups(filters).get(forum_stats.TOTAL)
    counts = total.counts if total else forum_stats.Counts()
    figures = total.figures if total else {}
    kinds = counts.by_kind
    status_rows = [(str(label), counts.by_status.get(value, 0))
                   for value, label in ThreadStatus.choices]
    return {
        "counts": counts,
        "figures": [(key, figures.get(key, forum_stats.EMPTY)) for key in forum_stats.METRICS],
        "statuses": status_rows,
        "kinds": [(str(label), kinds.get(value, 0)) for value, label in ThreadKind.choices],
        "status_chart": charts.bar_chart(
            chart_id="chart-status",
            title=_("Threads by status"),
            description=_("Number of threads in each status: %(list)s.") % {
                "list": "; ".join(f"{label} {n}" for label, n in status_rows)},
            series=[charts.Series(_("Threads"), "primary")],
            rows=[(label, [n]) for label, n in status_rows],
            fmt=number, empty_text="",
        ),
    }


def _forum_groups(filters: Filters) -> dict:
    """Per unit (and in total, for the overview), per category and per month of the
    months section: one query and one pass over the threads on PostgreSQL, shared by
    the sections that show them (bench/statistics-results.md)."""
    return filters.shared("groups", lambda: forum_stats.grouped_by(
        filters.threads(),
        {"unit": "unit", "category": "category",
         "month": forum_stats.month_buckets(_month_keys(filters))},
        with_total=("unit",),
    ))


def _unit_groups(filters: Filters) -> dict:
    return _forum_groups(filters)["unit"]


def _month_keys(filters: Filters) -> list[int]:
    if filters.year:
        return [filters.year * 100 + month for month in range(1, 13)]
    return forum_stats.month_keys(today=timezone.localdate())


def _active_units(filters: Filters) -> list:
    """The active units by name, read once per page (the filter form lists them too)."""
    return filters.shared("active_units", lambda: list(forum.unit_list_for_forum()))


def units_section(filters: Filters) -> dict:
    groups = {key: stats for key, stats in _unit_groups(filters).items()
              if key != forum_stats.TOTAL}
    units = {unit.pk: unit for unit in _active_units(filters)}
    units.update(_extra_units(groups, units))
    ordered = sorted((pk for pk in groups), key=lambda pk: units[pk].name)
    labels = {pk: units[pk].short_name or units[pk].name for pk in ordered}
    return {
        "rows": [(units[pk], groups[pk]) for pk in ordered],
        "chart": charts.bar_chart(
            chart_id="chart-units",
            title=_("Working days to an official answer, per unit"),
            description=_("Median and 90th percentile of the working days from a new thread "
                          "to its first official answer, per unit; units with fewer than "
                          "%(min)s answered threads show no figure.") % {
                "min": forum_stats.min_sample()},
            series=_time_series(),
            rows=_figure_rows(groups, labels, "answer"),
            fmt=days_text, empty_text=_("not enough data"),
        ),
    }


def _extra_units(groups, known):
    """Units that have threads but are no longer active (still part of the record)."""
    missing = [pk for pk in groups if pk not in known]
    if not missing:
        return {}
    return accounts.units_by_pk(missing)


def categories_section(filters: Filters) -> dict:
    groups = _forum_groups(filters)["category"]
    categories = forum.categories_by_pk(list(groups))
    ordered = sorted(groups, key=lambda pk: (categories[pk].sort_order, categories[pk].name))
    labels = {pk: categories[pk].display_name for pk in ordered}
    return {
        "rows": [(categories[pk], groups[pk]) for pk in ordered],
        "chart": charts.bar_chart(
            chart_id="chart-categories",
            title=_("Working days to an official answer, per category"),
            description=_("Median and 90th percentile of the working days to the first "
                          "official answer, per forum category."),
            series=_time_series(),
            rows=_figure_rows(groups, labels, "answer"),
            fmt=days_text, empty_text=_("not enough data"),
        ),
    }


def satisfaction_section(filters: Filters) -> dict:
    """The satisfaction survey per unit for the chosen year (this year by default),
    narrowed to the chosen unit; below a unit's minimum sample, no score."""
    year = filters.year or timezone.localdate().year
    units = [filters.unit] if filters.unit is not None else _active_units(filters)
    return {"year": year, "results": survey_results(year=year, units=units)}


def months_section(filters: Filters) -> dict:
    keys = _month_keys(filters)
    groups = _forum_groups(filters)["month"]
    rows = []
    for key in keys:
        stats = groups.get(key)
        rows.append((_month_label(key), key, stats))
    return {
        "rows": rows,
        "chart": charts.column_chart(
            chart_id="chart-months",
            title=_("New threads per month"),
            description=_("Threads opened in each of the months shown: %(list)s.") % {
                "list": "; ".join(
                    f"{label} {stats.counts.total if stats else 0}" for label, _k, stats in rows
                )},
            # Month names only under the columns (12 fit a phone); the table has the year.
            columns=[(MONTHS_3[key % 100].title(), stats.counts.total if stats else 0)
                     for _label, key, stats in rows],
            fmt=number,
        ),
    }


OVERDUE_LIST_LENGTH = 20


def overdue_section(filters: Filters) -> dict:
    groups = _unit_groups(filters)
    units = accounts.units_by_pk([pk for pk, stats in groups.items()
                                  if pk != forum_stats.TOTAL and stats.counts.overdue])
    counts = sorted(((units[pk], groups[pk].counts.overdue) for pk in units),
                    key=lambda item: item[0].name)
    oldest = forum_stats.oldest_overdue(filters.threads(), limit=OVERDUE_LIST_LENGTH)
    return {"per_unit": counts, "oldest": oldest,
            "total": sum(n for _unit, n in counts)}


# --- moderation -------------------------------------------------------------------------------

# Decisions that take a comment or thread out of public view, each naming a published rule.
REMOVALS = ("reject", "hide", "auto_hide")
MONTH_ACTIONS = ("approve", "reject", "hide", "auto_hide", "restore", "redact")


def moderation_section(filters: Filters) -> dict:
    """The public moderation ledger over the last 12 months: decisions by rule (comments
    and threads apart) and by month. Counts from the database only (one grouped query);
    no person, no note, no hidden text. Not narrowed by the forum filters: the ledger has
    no unit or category."""
    keys = forum_stats.month_keys(today=timezone.localdate())
    since = forum_stats.month_start(keys[0])
    by_rule, by_month = _ledger_counts(since)
    rule_rows = _rule_rows(by_rule)
    month_rows = _ledger_month_rows(keys, by_month)
    return {
        "rule_rows": rule_rows,
        "month_rows": month_rows,
        "month_actions": [str(ModerationAction(action).label) for action in MONTH_ACTIONS],
        "total_removals": sum(row["removals"] for row in month_rows),
        "total_decisions": sum(sum(row["counts"]) for row in month_rows),
        "rule_chart": _rule_chart(rule_rows),
        "month_chart": _removals_chart(month_rows),
    }


def _ledger_counts(since) -> tuple[dict[tuple[str, str, str], int],
                                   dict[tuple[int, str], int]]:
    """Decisions since `since`, in one grouped query (issue 20): by (rule, item kind,
    action), and by (yyyymm, action)."""
    by_rule: dict[tuple[str, str, str], int] = {}
    by_month: dict[tuple[int, str], int] = {}
    for row in moderation_selectors.moderation_ledger_counts(
            since=since, by=("rule", "item_kind", "action", "month")):
        rule_key = (row["rule"], row["item_kind"], row["action"])
        by_rule[rule_key] = by_rule.get(rule_key, 0) + row["count"]
        month_key = (row["month"].year * 100 + row["month"].month, row["action"])
        by_month[month_key] = by_month.get(month_key, 0) + row["count"]
    return by_rule, by_month


def _rule_rows(by_rule: dict) -> list[dict]:
    """Per published rule, the removals of comments (every one of REMOVALS) and of
    threads (all but "reject")."""
    rows = []
    for rule in ModerationRule:
        comments = [by_rule.get((rule.value, "comment", action), 0) for action in REMOVALS]
        threads = [by_rule.get((rule.value, "thread", action), 0) for action in REMOVALS[1:]]
        rows.append({"rule": str(rule.label), "code": rule.value, "comments": comments,
                     "threads": threads, "comments_total": sum(comments),
                     "threads_total": sum(threads)})
    return rows


def _ledger_month_rows(keys: list[int], by_month: dict) -> list[dict]:
    rows = []
    for key in keys:
        counts = [by_month.get((key, action), 0) for action in MONTH_ACTIONS]
        rows.append({"label": _month_label(key), "key": key, "counts": counts,
                     "removals": sum(by_month.get((key, a), 0) for a in REMOVALS)})
    return rows


def _rule_chart(rule_rows: list[dict]) -> charts.Chart:
    return charts.bar_chart(
        chart_id="chart-moderation-rules",
        title=_("Comments and threads rejected or hidden, per rule (last 12 months)"),
        description=_("Moderation decisions that took a comment or thread out of public "
                      "view (rejected, hidden by a moderator or hidden after reports), "
                      "per published rule: %(list)s.") % {"list": "; ".join(
                          _("%(rule)s: %(comments)s comments, %(threads)s threads") % {
                              "rule": row["rule"], "comments": row["comments_total"],
                              "threads": row["threads_total"]}
                          for row in rule_rows)},
        series=[charts.Series(_("Comments"), "primary"),
                charts.Series(_("Threads"), "p90")],
        rows=[(row["rule"], [row["comments_total"], row["threads_total"]])
              for row in rule_rows],
        fmt=number, empty_text="",
    )


def _removals_chart(month_rows: list[dict]) -> charts.Chart:
    return charts.column_chart(
        chart_id="chart-moderation-months",
        title=_("Rejected or hidden per month"),
        description=_("Decisions that took a comment or thread out of public view, in "
                      "each of the last 12 months: %(list)s.") % {"list": "; ".join(
                          f"{row['label']} {row['removals']}" for row in month_rows)},
        columns=[(MONTHS_3[row["key"] % 100].title(), row["removals"])
                 for row in month_rows],
        fmt=number,
    )


# --- training and outcomes ------------------------------------------------------------------


def training_section(filters: Filters) -> dict:
    # The reader's language: the figures count what that language's lists show.
    locale = active_locale()
    rows = publications.program_statistics(locale=locale)
    years: dict[int, dict] = {}
    for row in rows:
        year = years.setdefault(row.year, {"year": row.year, "programs": 0, "participants": 0,
                                           "participants_completed": 0,
                                           "planned": 0, "spent": 0})
        year["programs"] += row.programs
        year["participants"] += row.participants
        year["participants_completed"] += row.participants_completed
        year["planned"] += row.budget_planned or 0
        year["spent"] += row.budget_spent or 0
    by_year = sorted(years.values(), key=lambda y: y["year"])
    indicators = publications.indicator_statistics(locale=locale)
    return {
        "rows": rows,
        "years": by_year,
        # The home page's "participants in completed programs", all years together.
        "participants_completed": sum(y["participants_completed"] for y in by_year),
        "participants_all": sum(y["participants"] for y in by_year),
        "indicators": indicators,
        "participants_chart": charts.bar_chart(
            chart_id="chart-participants",
            title=_("Participants in training programs per year"),
            description=_("People who took part in the programs that started each year: "
                          "%(list)s.") % {"list": "; ".join(
                              f"{y['year']} {y['participants']}" for y in by_year)},
            series=[charts.Series(_("Participants"), "primary")],
            rows=[(str(y["year"]), [y["participants"]]) for y in by_year],
            fmt=number, empty_text="",
        ),
        "budget_chart": charts.bar_chart(
            chart_id="chart-budget",
            title=_("Training budget planned and spent per year"),
            description=_("Planned against spent budget of the programs per year, in "
                          "rupiah."),
            series=[charts.Series(_("Planned"), "planned"), charts.Series(_("Spent"), "p90")],
            rows=[(str(y["year"]), [y["planned"], y["spent"]]) for y in by_year],
            fmt=rupiah, empty_text="",
        ),
        "indicator_chart": charts.bar_chart(
            chart_id="chart-indicators",
            title=_("Progress of outcome indicators"),
            description=_("Share of the way from baseline to target each indicator has "
                          "gone, in percent (100 = target reached)."),
            series=[charts.Series(_("Progress"), "primary")],
            rows=[(i.name, [max(float(i.progress), 0) if i.progress is not None else None])
                  for i in indicators],
            fmt=percent, empty_text=_("not measured yet"),
        ),
    }


def register_sections() -> None:
    """The page's own sections (TransparencyConfig.ready())."""
    register_section(overview_section, key="overview", title=gettext_lazy("Forum at a glance"),
                     order=10, template="transparency/sections/overview.html")
    register_section(units_section, key="units", title=gettext_lazy("Answer times per unit"),
                     order=20, template="transparency/sections/units.html")
    register_section(categories_section, key="categories",
                     title=gettext_lazy("Answer times per category"),
                     order=30, template="transparency/sections/categories.html")
    register_section(satisfaction_section, key="satisfaction",
                     title=gettext_lazy("Satisfaction survey (SKM)"),
                     order=35, template="transparency/sections/satisfaction.html", forum=False)
    register_section(months_section, key="months", title=gettext_lazy("Month by month"),
                     order=40, template="transparency/sections/months.html")
    register_section(overdue_section, key="overdue", title=gettext_lazy("Overdue now"),
                     order=45, template="transparency/sections/overdue.html")
    register_section(moderation_section, key="moderation", title=gettext_lazy("Moderation"),
                     order=50, template="transparency/sections/moderation.html", forum=False)
    register_section(training_section, key="training", title=gettext_lazy("Training and outcomes"),
                     order=60, template="transparency/sections/training.html", forum=False)
