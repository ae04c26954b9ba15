"""Forum statistics, computed in the database: counts by status and kind, answer rate,
and the median and 90th percentile of the working days to first response, official
answer and resolution — overall, per unit, per category and per month.

Everything starts from `selectors.threads_public()`, so hidden threads never count.

Each grouping costs one query, one pass over the threads (`grouped`): a histogram of
(group, durations) that also sums the count conditions, from which the SQL derives both
the counts and the percentiles (running counts over the histogram). On PostgreSQL several
groupings share one query and one pass (`grouped_by`, GROUPING SETS).

Working days are the denormalised `*_working_days` fields the services write when a
milestone happens (`sla.thread_durations`): the days after the opening day up to and
including the milestone's day, Monday–Friday minus the Holiday table.

Median and p90 use one definition on every database, the *nearest rank*: sort the n
values, and the p-th percentile is the value at position ceil(p × n / 100) (1-based).
So the median of 1, 2, 3, 4 is 2 (the lower middle value), the p90 of ten values is the
9th. The figure is always a value some thread really had (a whole number of working
days). It is computed in SQL that PostgreSQL and SQLite both run: a histogram of the
durations (GROUP BY), running counts over it (SUM() OVER), and the smallest value whose
running count reaches the rank, with integer arithmetic (ceil(p·n/100) = (p·n + 99) div
100); no percentile function (SQLite has none) and no thread rows loaded into Python.
PostgreSQL's `percentile_disc(p)` gives the same values (tests check it).

A figure over fewer than `SERAMBI_STATS_MIN_SAMPLE` threads (default 5) is reported as
not enough data: its count is shown, its median and p90 are not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from .models import AWAITING_UNIT, ThreadKind, ThreadStatus

# Metric key -> the duration field it aggregates.
METRICS: dict[str, str] = {
    "first_response": "first_response_working_days",
    "answer": "answer_working_days",
    "resolution": "resolution_working_days",
}
PERCENTILES = (50, 90)

# What a figure can be grouped by: a key -> the expression giving each thread's group.
GROUPS = {
    "all": lambda: Value(0, output_field=IntegerField()),
    "unit": lambda: F("unit_id"),
    "category": lambda: F("category_id"),
    "month": lambda: ExtractYear("created_at") * 100 + ExtractMonth("created_at"),
    "kind": lambda: F("kind"),
}


def month_start(key: int) -> dt.datetime:
    """The first instant of month `key` (yyyymm) in the site's time zone."""
    return timezone.make_aware(dt.datetime(key // 100, key % 100, 1))


def month_buckets(keys: list[int]) -> Case:
    """Each thread's month key among `keys` (consecutive yyyymm, oldest first), by
    comparing `created_at` with the months' first instants: the same keys as the
    "month" group gives, without two time-zone conversions per thread (the month
    grouping's main cost at 100,000 threads: bench/statistics-results.md). Threads
    outside the months get no key."""
    last = keys[-1]
    after = (last // 100 + 1) * 100 + 1 if last % 100 == 12 else last + 1
    return Case(
        When(created_at__gte=month_start(after), then=Value(None)),
        *[When(created_at__gte=month_start(key), then=Value(key)) for key in reversed(keys)],
        default=Value(None), output_field=IntegerField(),
    )


def min_sample() -> int:
    return settings.SERAMBI_STATS_MIN_SAMPLE


@dataclass(frozen=True)
class Figure:
    """The median and p90 of one duration over `count` threads (None when not enough)."""

    count: int
    median: int | None = None
    p90: int | None = None

    @property
    def enough(self) -> bool:
        return self.count >= min_sample() and self.median is not None


EMPTY = Figure(count=0)


@dataclass
class Counts:
    """How many threads, by status, answered (have an official answer), overdue now."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    answered: int = 0
    answerable: int = 0
    overdue: int = 0

    def __add__(self, other: Counts) -> Counts:
        def merged(a: dict, b: dict) -> dict:
            return {key: a.get(key, 0) + b.get(key, 0) for key in {*a, *b}}

        return Counts(
            total=self.total + other.total,
            by_status=merged(self.by_status, other.by_status),
            by_kind=merged(self.by_kind, other.by_kind),
            answered=self.answered + other.answered,
            answerable=self.answerable + other.answerable,
            overdue=self.overdue + other.overdue,
        )

    @property
    def answer_rate(self):
        """Percent of answerable threads with an official answer (None if none)."""
        if not self.answerable:
            return None
        return round(self.answered * 100 / self.answerable, 1)


@dataclass
class GroupStats:
    key: object
    counts: Counts
    figures: dict[str, Figure]


TOTAL = "total"  # the key of the figure over every group (with_total=True)


def _count_flags() -> dict[str, Q]:
    """The conditions `Counts` counts, as named 0/1 columns (one per thread)."""
    return {
        "answered": Q(answered_at__isnull=False),
        "answerable": _answerable(),
        "overdue": Q(is_overdue=True, status__in=AWAITING_UNIT),
        **{f"status_{value}": Q(status=value) for value in ThreadStatus.values},
        **{f"kind_{value}": Q(kind=value) for value in ThreadKind.values},
    }


def _group_expression(group):
    return GROUPS[group]() if isinstance(group, str) else group


def _percentile_sql(threads: QuerySet, groups: list, totals: set[int],
                    with_counts: bool = False) -> tuple[str, list]:
    """The SQL behind every figure: one scan of the threads, any database.

    The formula (nearest rank): of the n durations in a group, sorted, the p-th
    percentile is the value at 1-based position ceil(p·n/100). With the durations
    counted in a histogram (value → threads), that is the smallest value whose running
    count (threads with that value or less) reaches ceil(p·n/100), which integer
    arithmetic writes (n·p + 99) / 100. PostgreSQL's `percentile_disc(p/100)` gives the
    same value (tests/transparency checks it), but SQLite has no percentile function:
    one query for both engines keeps their figures the same by construction.

    The query is five named steps (common table expressions):

    - `combos`: one row per grouping, group and combination of the three durations,
      with its number of threads `c` (and, `with_counts`, the sum of each `Counts`
      condition, 0/1 per thread). This is the only pass over the threads.
    - `per_group`: per metric, the histogram of each group: (value, threads).
    - `hist`: `per_group`, and for the groupings in `totals` the same histogram over
      all their groups together (`is_total` = 1, no group).
    - `running`: each histogram row with its running count `cum` and the group's `n`.
      The window functions run over the histogram (a few hundred rows), not the threads.
    - the result: per grouping (`dim`), metric, total flag and group, `n` and the
      smallest value whose running count reaches each rank (`p50`, `p90`); then,
      `with_counts`, one row per group (metric 'counts') with n and the condition sums.

    `groups` are groupings of the same threads (keys of GROUPS or expressions); each
    result row carries its grouping's index (`dim`). Several groupings need GROUPING
    SETS (PostgreSQL): the one scan feeds one hash table per grouping.

    Only our constants and Django's compiled query go into the text (values stay
    parameters).
    """
    flags = _count_flags() if with_counts else {}
    inner_sql, params = _thread_rows(threads, groups, flags)
    sql = (
        f"WITH combos AS ({_combos_sql(inner_sql, len(groups), flags)}), "
        f"per_group AS ({_per_group_sql()}), "
        f"hist AS ({_hist_sql(totals)}), "
        f"running AS ({_running_sql()}) "
        + _result_sql(flags)
    )
    return sql, list(params)


def _thread_rows(threads: QuerySet, groups: list, flags: dict[str, Q]) -> tuple[str, tuple]:
    """Django's SQL for one row per thread: its group in each grouping (`stat_g0`…),
    its three durations (`stat_<metric>`) and its 0/1 count conditions (`flag_<name>`)."""
    rows = (
        threads.order_by()
        .annotate(**{f"stat_g{i}": _group_expression(group) for i, group in enumerate(groups)},
                  **{f"stat_{metric}": F(name) for metric, name in METRICS.items()},
                  **{f"flag_{name}": Case(When(condition, then=Value(1)), default=Value(0),
                                          output_field=IntegerField())
                     for name, condition in flags.items()})
        .values_list(*(f"stat_g{i}" for i in range(len(groups))),
                     *(f"stat_{metric}" for metric in METRICS),
                     *(f"flag_{name}" for name in flags))
    )
    return rows.query.sql_with_params()


def _combos_sql(inner_sql: str, groupings: int, flags: dict) -> str:
    """`combos`: threads counted per grouping, group and the three durations."""
    durations = ", ".join(f"s.stat_{metric}" for metric in METRICS)
    if groupings == 1:
        dim, grp, group_by = "0", "s.stat_g0", f"s.stat_g0, {durations}"
    else:
        def when_grouped(then: str) -> str:
            return "CASE " + " ".join(f"WHEN GROUPING(s.stat_g{i}) = 0 THEN {then.format(i=i)}"
                                      for i in range(groupings)) + " END"

        dim = when_grouped("{i}")
        # Every grouping of several at once has integer keys (pks, month keys).
        grp = when_grouped("CAST(s.stat_g{i} AS BIGINT)")
        group_by = "GROUPING SETS (" + ", ".join(
            f"(s.stat_g{i}, {durations})" for i in range(groupings)) + ")"
    values = ", ".join(f"s.stat_{metric} AS v_{metric}" for metric in METRICS)
    flag_sums = "".join(f", SUM(s.flag_{name}) AS f_{name}" for name in flags)
    return (f"SELECT {dim} AS dim, {grp} AS grp, {values}, "  # noqa: S608
            f"COUNT(*) AS c{flag_sums} FROM ({inner_sql}) s GROUP BY {group_by}")


def _per_group_sql() -> str:
    """`per_group`: per metric, each group's histogram (value, threads)."""
    return " UNION ALL ".join(
        f"SELECT dim, '{metric}' AS metric, 0 AS is_total, grp, v_{metric} AS val, "  # noqa: S608
        "SUM(c) AS c "
        f"FROM combos WHERE v_{metric} IS NOT NULL GROUP BY dim, grp, v_{metric}"
        for metric in METRICS
    )


def _hist_sql(totals: set[int]) -> str:
    """`hist`: the groups' histograms, and the totals' over all groups of a grouping."""
    sql = "SELECT dim, metric, is_total, grp, val, c FROM per_group"
    if totals:
        dims = ", ".join(str(i) for i in sorted(totals))
        sql += (" UNION ALL SELECT dim, metric, 1 AS is_total, NULL AS grp, val, "  # noqa: S608
                f"SUM(c) AS c FROM per_group WHERE dim IN ({dims}) GROUP BY dim, metric, val")
    return sql


_HISTOGRAM = "PARTITION BY dim, metric, is_total, grp"


def _running_sql() -> str:
    """`running`: cum = threads with this value or less; n = threads in the histogram."""
    return ("SELECT dim, metric, is_total, grp, val, "  # noqa: S608
            f"CAST(SUM(c) OVER ({_HISTOGRAM} ORDER BY val) AS BIGINT) AS cum, "
            f"CAST(SUM(c) OVER ({_HISTOGRAM}) AS BIGINT) AS n FROM hist")


def _result_sql(flags: dict) -> str:
    """The figures: per histogram, n and the value at rank ceil(p·n/100) for each p;
    with `flags`, then one 'counts' row per group (n and each condition's sum)."""
    picks = ", ".join(
        f"MIN(CASE WHEN cum >= (n * {p} + 99) / 100 THEN val END) AS p{p}" for p in PERCENTILES
    )
    no_sums = "".join(f", CAST(NULL AS BIGINT) AS f_{name}" for name in flags)
    sql = (f"SELECT dim, metric, is_total, grp, n, {picks}{no_sums} FROM running "  # noqa: S608
           "GROUP BY dim, metric, is_total, grp, n")
    if flags:
        sql += (" UNION ALL SELECT dim, 'counts' AS metric, 0 AS is_total, grp, "  # noqa: S608
                "CAST(SUM(c) AS BIGINT) AS n, NULL AS p50, NULL AS p90"
                + "".join(f", CAST(SUM(f_{name}) AS BIGINT)" for name in flags)
                + " FROM combos GROUP BY dim, grp")
    return sql


def duration_figures(
    threads: QuerySet, *, group: str = "all", with_total: bool = False
) -> dict[object, dict[str, Figure]]:
    """{group key: {metric: Figure}} for the given threads, in one query; with
    `with_total`, also the figures over all the groups together under TOTAL.

    Groups without any value for a metric are missing from the result (use EMPTY)."""
    sql, params = _percentile_sql(threads, [group], {0} if with_total else set())
    result: dict[object, dict[str, Figure]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for _dim, metric, is_total, key, count, median, p90 in cursor.fetchall():
            figure = Figure(count=int(count), median=int(median), p90=int(p90))
            if not figure.enough:
                figure = Figure(count=int(count))
            result.setdefault(TOTAL if is_total else key, {})[metric] = figure
    return result


def _answerable() -> Q:
    # A thread closed by a moderator without an answer (duplicate, off-topic) was never
    # the unit's to answer; every other thread was.
    return ~Q(status=ThreadStatus.CLOSED) | Q(answered_at__isnull=False)


def status_counts(threads: QuerySet, *, group: str = "all") -> dict[object, Counts]:
    """{group key: Counts} in one query."""
    aggregates = {
        "total": Count("pk"),
        "answered": Count("pk", filter=Q(answered_at__isnull=False)),
        "answerable": Count("pk", filter=_answerable()),
        "overdue": Count("pk", filter=Q(is_overdue=True, status__in=AWAITING_UNIT)),
        **{f"status_{value}": Count("pk", filter=Q(status=value))
           for value in ThreadStatus.values},
        **{f"kind_{value}": Count("pk", filter=Q(kind=value)) for value in ThreadKind.values},
    }
    rows = (
        threads.order_by()
        .annotate(stat_group=GROUPS[group]())
        .values("stat_group")
        .annotate(**aggregates)
    )
    result = {}
    for row in rows:
        result[row["stat_group"]] = Counts(
            total=row["total"],
            by_status={value: row[f"status_{value}"] for value in ThreadStatus.values},
            by_kind={value: row[f"kind_{value}"] for value in ThreadKind.values},
            answered=row["answered"],
            answerable=row["answerable"],
            overdue=row["overdue"],
        )
    return result


def grouped(
    threads: QuerySet, *, group: str | Case, with_total: bool = False
) -> dict[object, GroupStats]:
    """Counts and figures per group, in one query (one pass over the threads); with
    `with_total`, also the whole under TOTAL (its counts are the sum of the groups').
    `group` is a key of GROUPS or an expression (e.g. `month_buckets(keys)`)."""
    return grouped_by(threads, {"g": group}, with_total=("g",) if with_total else ())["g"]


def grouped_by(
    threads: QuerySet, groupings: dict[str, str | Case], *, with_total=()
) -> dict[str, dict[object, GroupStats]]:
    """`grouped` for several groupings of the same threads: {name: {key: GroupStats}}.

    On PostgreSQL one query and one pass over the threads for all of them (GROUPING
    SETS; every grouping's keys must be integers); SQLite has no grouping sets and runs
    one query per grouping. `with_total`: the names that also get the whole (TOTAL)."""
    names = list(groupings)
    if len(names) > 1 and connection.vendor != "postgresql":
        return {name: grouped(threads, group=groupings[name], with_total=name in with_total)
                for name in names}
    totals = {i for i, name in enumerate(names) if name in with_total}
    sql, params = _percentile_sql(threads, [groupings[n] for n in names], totals,
                                  with_counts=True)
    flags = list(_count_flags())
    counts: dict[int, dict[object, Counts]] = {i: {} for i in range(len(names))}
    figures: dict[int, dict[object, dict[str, Figure]]] = {i: {} for i in range(len(names))}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for dim, metric, is_total, key, n, median, p90, *sums in cursor.fetchall():
            if metric == "counts":
                row = dict(zip(flags, (int(v or 0) for v in sums), strict=True))
                counts[dim][key] = Counts(
                    total=int(n),
                    by_status={v: row[f"status_{v}"] for v in ThreadStatus.values},
                    by_kind={v: row[f"kind_{v}"] for v in ThreadKind.values},
                    answered=row["answered"], answerable=row["answerable"],
                    overdue=row["overdue"],
                )
                continue
            figure = Figure(count=int(n), median=int(median), p90=int(p90))
            if not figure.enough:
                figure = Figure(count=int(n))
            figures[dim].setdefault(TOTAL if is_total else key, {})[metric] = figure
    result = {}
    for dim, name in enumerate(names):
        if dim in totals:
            counts[dim][TOTAL] = sum(counts[dim].values(), Counts())
        result[name] = {
            key: GroupStats(key=key, counts=group_counts, figures={
                metric: figures[dim].get(key, {}).get(metric, EMPTY) for metric in METRICS
            })
            for key, group_counts in counts[dim].items()
        }
    return result


def month_keys(*, today: dt.date, months: int = 12) -> list[int]:
    """The last `months` months as yyyymm keys, oldest first, ending with today's."""
    index = today.year * 12 + today.month - 1
    return [((i // 12) * 100 + i % 12 + 1) for i in range(index - months + 1, index + 1)]


def overdue_threads(threads: QuerySet) -> QuerySet:
    """Threads past a deadline and still waiting for their unit, oldest first."""
    return (
        threads.filter(is_overdue=True, status__in=AWAITING_UNIT)
        .order_by("created_at", "pk")
    )


def oldest_overdue(threads: QuerySet, *, limit: int, related=("unit",)) -> list:
    """The `limit` threads overdue longest, joined with `related` only."""
    return list(overdue_threads(threads).select_related(None).select_related(*related)[:limit])


# --- the annual information-service report (UU 14/2008 Pasal 12) ------------------------


@dataclass
class InformationRequestYear:
    """What the annual public-information service report states for one year."""

    year: int
    total: int
    answered: int
    waiting: int
    closed: int
    extended: int
    on_time: int
    late: int
    by_decision: dict[str, int]
    undecided: int
    by_ground: dict[str, int]
    fulfilment: Figure



def information_requests(threads: QuerySet, *, year: int) -> QuerySet:
    """The public information requests opened in `year` (site time zone), oldest first."""
    return (
        threads.filter(kind=ThreadKind.INFORMATION_REQUEST, created_at__year=year)
        .order_by("created_at", "pk")
    )


def information_request_year(threads: QuerySet, *, year: int) -> InformationRequestYear:
    """Counts for the annual report, from the requests opened in `year` (two queries).

    Fulfilment time is the working days from the request to the first official answer
    (the written answer UU 14/2008 Pasal 22 asks for within 10 working days, 17 with
    the one extension). On time means answered no later than the (extended) due date."""
    from .models import InformationDecision, RefusalGround

    requests = information_requests(threads, year=year).order_by()
    answered = Q(answered_at__isnull=False)
    row = requests.aggregate(
        total=Count("pk"),
        answered=Count("pk", filter=answered),
        waiting=Count("pk", filter=Q(status__in=AWAITING_UNIT)),
        closed=Count("pk", filter=Q(status=ThreadStatus.CLOSED, answered_at__isnull=True)),
        extended=Count("pk", filter=Q(extended_at__isnull=False)),
        on_time=Count("pk", filter=answered & Q(answered_at__date__lte=F("answer_due"))),
        undecided=Count("pk", filter=answered & Q(information_decision="")),
        **{f"decision_{value}": Count("pk", filter=Q(information_decision=value))
           for value in InformationDecision.values},
        **{f"ground_{value}": Count("pk", filter=Q(refusal_ground=value)
                                    & ~Q(information_decision=InformationDecision.GRANTED)
                                    & ~Q(information_decision=""))
           for value in RefusalGround.values},
    )
    figure = duration_figures(requests, group="all").get(0, {}).get("answer", EMPTY)
    return InformationRequestYear(
        year=year,
        total=row["total"],
        answered=row["answered"],
        waiting=row["waiting"],
        closed=row["closed"],
        extended=row["extended"],
        on_time=row["on_time"],
        late=row["answered"] - row["on_time"],
        by_decision={value: row[f"decision_{value}"] for value in InformationDecision.values},
        undecided=row["undecided"],
        by_ground={value: row[f"ground_{value}"] for value in RefusalGround.values},
        fulfilment=figure,
    )
