"""Pure computations shown on publication pages and in the open data.

Nothing here touches the database: each function takes plain values, so pages,
exports and the statistics slice compute progress and variance the same way.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


def _round1(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def indicator_progress(
    *, baseline: Decimal | None, target: Decimal | None, actual: Decimal | None
) -> Decimal | None:
    """Share of the way from baseline to target that the actual value has gone, in percent.

    Works for indicators that should fall (waiting time from 14 to 3 days) as well as rise.
    Not capped: 120 means the target was beaten. None when there is nothing to measure
    yet (no actual value) or no distance to cover (target equals baseline)."""
    if baseline is None or target is None or actual is None or target == baseline:
        return None
    return _round1((Decimal(actual) - Decimal(baseline)) / (Decimal(target) - Decimal(baseline))
                   * 100)


def participation_rate(*, capacity: int | None, participants: int | None) -> Decimal | None:
    """Participants as a percentage of the places offered."""
    if not capacity or participants is None:
        return None
    return _round1(Decimal(participants) / Decimal(capacity) * 100)


@dataclass(frozen=True)
class ScheduleVariance:
    """Planned against actual finish. `days` > 0 means finished early."""

    days: int

    @property
    def is_early(self) -> bool:
        return self.days > 0

    @property
    def is_late(self) -> bool:
        return self.days < 0

    @property
    def is_on_time(self) -> bool:
        return self.days == 0

    @property
    def abs_days(self) -> int:
        return abs(self.days)


def schedule_variance(
    *, planned_end: dt.date | None, actual_end: dt.date | None
) -> ScheduleVariance | None:
    if planned_end is None or actual_end is None:
        return None
    return ScheduleVariance(days=(planned_end - actual_end).days)


@dataclass(frozen=True)
class BudgetVariance:
    """Planned against actual spending. `percent` > 0 means under budget."""

    planned: Decimal
    actual: Decimal

    @property
    def difference(self) -> Decimal:
        return self.planned - self.actual

    @property
    def percent(self) -> Decimal:
        return _round1(self.difference / self.planned * 100)

    @property
    def abs_percent(self) -> Decimal:
        return abs(self.percent)

    @property
    def abs_difference(self) -> Decimal:
        return abs(self.difference)

    @property
    def is_under(self) -> bool:
        return self.percent > 0

    @property
    def is_over(self) -> bool:
        return self.percent < 0

    @property
    def is_on_budget(self) -> bool:
        return self.percent == 0


def budget_variance(
    *, planned: Decimal | None, actual: Decimal | None
) -> BudgetVariance | None:
    if planned is None or actual is None or planned <= 0:
        return None
    return BudgetVariance(planned=Decimal(planned), actual=Decimal(actual))


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` earlier (clamped to the month's last day)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 always exists
