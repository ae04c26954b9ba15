import datetime as dt
from decimal import Decimal

import pytest

from publications import metrics


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "expected"),
    [
        (0, 40, 46, Decimal("115.0")),  # beaten: not capped
        (14, 3, 4, Decimal("90.9")),  # an indicator that should fall
        (5, 70, 18, Decimal("20.0")),
        (10, 10, 12, None),  # nothing to cover
        (0, 10, None, None),  # not measured yet
    ],
)
def test_indicator_progress_is_share_of_distance_covered(baseline, target, actual, expected):
    assert metrics.indicator_progress(baseline=baseline, target=target, actual=actual) == expected


def test_schedule_variance_three_weeks_early_and_late():
    early = metrics.schedule_variance(planned_end=dt.date(2026, 10, 30),
                                      actual_end=dt.date(2026, 10, 9))
    assert (early.days, early.is_early, early.is_late) == (21, True, False)
    late = metrics.schedule_variance(planned_end=dt.date(2026, 8, 31),
                                     actual_end=dt.date(2026, 10, 30))
    assert (late.abs_days, late.is_late) == (60, True)
    assert metrics.schedule_variance(planned_end=None, actual_end=dt.date(2026, 1, 1)) is None


def test_budget_variance_eight_percent_under_budget():
    variance = metrics.budget_variance(planned=Decimal("4850000000"),
                                       actual=Decimal("4462000000"))
    assert variance.percent == Decimal("8.0")
    assert variance.is_under and variance.difference == Decimal("388000000")
    over = metrics.budget_variance(planned=Decimal(100), actual=Decimal(112))
    assert over.is_over and over.abs_percent == Decimal("12.0")
    assert metrics.budget_variance(planned=Decimal(0), actual=Decimal(5)) is None


def test_participation_rate():
    assert metrics.participation_rate(capacity=30, participants=28) == Decimal("93.3")
    assert metrics.participation_rate(capacity=None, participants=28) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 27), dt.date(2026, 5, 27)),
        (dt.date(2026, 8, 31), dt.date(2026, 2, 28)),  # clamped to the month's end
        (dt.date(2026, 3, 15), dt.date(2025, 9, 15)),  # across a year
    ],
)
def test_months_before(day, expected):
    assert metrics.months_before(day, 6) == expected
