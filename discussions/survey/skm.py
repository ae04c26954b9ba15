"""Satisfaction survey figures exactly as PermenPANRB 14/2017 defines them.

- NRR (nilai rata-rata) of each element: the sum of its ratings / the respondents.
- IKM: the sum of each NRR times its weight, 1/9 for each of the nine elements (equal
  weights), converted to 25–100 by multiplying by 25. Computed with exact fractions and
  rounded once, at the end, to two decimals (half up), as the regulation's tables show it.
- Category (mutu pelayanan) from the converted value with the regulation's intervals:
  A 88.31–100.00 Sangat Baik, B 76.61–88.30 Baik, C 65.00–76.60 Kurang Baik,
  D 25.00–64.99 Tidak Baik (NI 3.5324–4.00, 3.0644–3.532, 2.60–3.064, 1.00–2.5996).
- Minimum sample: the regulation's table (Krejcie and Morgan) for the population, here
  the requests the unit served in the period (threads resolved in that year); between
  two rows, the formula the table comes from (`minimum_sample`). Below the sample no score
  is shown, only "not enough responses".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ELEMENTS, FollowUpPlan, SurveyCommentStatus, SurveyResponse

WEIGHT = Fraction(1, len(ELEMENTS))
CONVERSION = 25
TWO_PLACES = Decimal("0.01")
FOUR_PLACES = Decimal("0.0001")

# (population N, sample S): Lampiran PermenPANRB 14/2017, after Krejcie and Morgan.
SAMPLE_TABLE = (
    (10, 10), (15, 14), (20, 19), (25, 24), (30, 28), (35, 32), (40, 36), (45, 40),
    (50, 44), (55, 48), (60, 52), (65, 56), (70, 59), (75, 63), (80, 66), (85, 70),
    (90, 73), (95, 76), (100, 80), (110, 86), (120, 92), (130, 97), (140, 103),
    (150, 108), (160, 113), (170, 118), (180, 123), (190, 127), (200, 132), (210, 136),
    (220, 140), (230, 144), (240, 148), (250, 152), (260, 155), (270, 159), (280, 162),
    (290, 165), (300, 169), (320, 175), (340, 181), (360, 186), (380, 191), (400, 196),
    (420, 201), (440, 205), (460, 210), (480, 214), (500, 217), (550, 226), (600, 234),
    (650, 242), (700, 248), (750, 254), (800, 260), (850, 265), (900, 269), (950, 274),
    (1000, 278), (1100, 285), (1200, 291), (1300, 297), (1400, 302), (1500, 306),
    (1600, 310), (1700, 313), (1800, 317), (1900, 320), (2000, 322), (2200, 327),
    (2400, 331), (2600, 335), (2800, 338), (3000, 341), (3500, 346), (4000, 351),
    (4500, 354), (5000, 357), (6000, 361), (7000, 364), (8000, 367), (9000, 368),
    (10000, 370), (15000, 375), (20000, 377), (30000, 379), (40000, 380), (50000, 381),
    (75000, 382), (100000, 384),
)


def minimum_sample(population: int) -> int:
    """The fewest responses the regulation's table asks for `population` served. A
    population the table lists takes its row; one between rows takes the Krejcie and
    Morgan formula the table comes from, s = X²NP(1−P) / (d²(N−1) + X²P(1−P)) with
    X² = 3.841, P = 0.5, d = 0.05, rounded to the nearest whole respondent."""
    if population <= 0:
        return 0
    table = dict(SAMPLE_TABLE)
    if population in table:
        return table[population]
    if population > SAMPLE_TABLE[-1][0]:
        return SAMPLE_TABLE[-1][1]
    chi, p, d = Fraction(3841, 1000), Fraction(1, 2), Fraction(1, 20)
    sample = chi * population * p * (1 - p) / (d * d * (population - 1) + chi * p * (1 - p))
    return min(population, int(sample + Fraction(1, 2)))


@dataclass(frozen=True)
class Category:
    letter: str
    label: object
    lowest: Decimal  # the lowest converted value in this category


CATEGORIES = (
    Category("A", _("Very good (Sangat Baik)"), Decimal("88.31")),
    Category("B", _("Good (Baik)"), Decimal("76.61")),
    Category("C", _("Less than good (Kurang Baik)"), Decimal("65.00")),
    Category("D", _("Not good (Tidak Baik)"), Decimal("25.00")),
)


def category_for(value: Decimal) -> Category:
    """The category of a converted value (25.00–100.00, two decimals)."""
    for category in CATEGORIES:
        if value >= category.lowest:
            return category
    return CATEGORIES[-1]


def converted(mean: Fraction) -> Decimal:
    """A 1–4 mean on the 25–100 scale, rounded half up to two decimals."""
    value = mean * CONVERSION
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def _four(mean: Fraction) -> Decimal:
    return (Decimal(mean.numerator) / Decimal(mean.denominator)).quantize(
        FOUR_PLACES, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class ElementScore:
    field: str
    label: object
    nrr: Decimal  # mean on 1–4, four decimals
    value: Decimal  # converted to 25–100
    category: Category


@dataclass(frozen=True)
class Index:
    ikm: Decimal
    category: Category
    elements: list[ElementScore]


def index_from_sums(sums: dict[str, int], respondents: int) -> Index:
    """IKM, category and per-element figures from the sum of each element's ratings."""
    if respondents <= 0:
        raise ValueError("no respondents")
    elements = []
    total = Fraction(0)
    for name, label, _question in ELEMENTS:
        nrr = Fraction(sums[name], respondents)
        total += nrr * WEIGHT
        value = converted(nrr)
        elements.append(ElementScore(name, label, _four(nrr), value, category_for(value)))
    ikm = converted(total)
    return Index(ikm=ikm, category=category_for(ikm), elements=elements)


@dataclass(frozen=True)
class SurveyResult:
    """One unit's survey for one year, as the public sees it."""

    unit: object
    year: int
    respondents: int
    population: int
    required: int
    index: Index | None  # None below the minimum sample: never shown as a score
    plan: FollowUpPlan | None

    @property
    def enough(self) -> bool:
        return self.index is not None

    @property
    def weakest(self) -> list[ElementScore]:
        """The three lowest elements (the follow-up plan addresses these first)."""
        if self.index is None:
            return []
        return sorted(self.index.elements, key=lambda e: (e.nrr, e.field))[:3]


def served_count(*, unit, year: int) -> int:
    """The population: requests the unit completed (threads resolved) in the year."""
    from ..models import Thread

    return Thread.objects.filter(
        unit=unit, resolved_at__isnull=False, resolved_at__year=year
    ).count()


def _result(*, unit, year: int, sums: dict | None, served: int, plan) -> SurveyResult:
    sums = dict(sums or {})
    respondents = sums.pop("respondents", 0) or 0
    population = max(served, respondents)
    required = minimum_sample(population)
    enough = respondents > 0 and respondents >= required
    return SurveyResult(
        unit=unit, year=year, respondents=respondents, population=population,
        required=required,
        index=index_from_sums({name: sums.get(name) for name, _l, _q in ELEMENTS},
                              respondents) if enough else None,
        plan=plan,
    )


def survey_results(*, year: int, units=None) -> list[SurveyResult]:
    """Every active unit's result for the year, by name (never ranked), or those of
    `units` (a queryset, or a list taken in its order). Three queries whatever the
    number of units: the sums, the served counts and the plans, each grouped by unit."""
    from forum_site.accounts.models import Unit

    from ..models import Thread

    if not isinstance(units, list):
        units = list((units if units is not None else Unit.objects.filter(is_active=True))
                     .order_by("name"))
    ids = [unit.pk for unit in units]
    sums = {
        row.pop("unit"): row
        for row in SurveyResponse.objects.filter(unit_id__in=ids, period_year=year)
        .order_by().values("unit")
        .annotate(respondents=Count("pk"), **{name: Sum(name) for name, _l, _q in ELEMENTS})
    }
    served = dict(
        Thread.objects.filter(unit_id__in=ids, resolved_at__isnull=False,
                              resolved_at__year=year)
        .order_by().values("unit").annotate(count=Count("pk")).values_list("unit", "count")
    )
    plans = {plan.unit_id: plan
             for plan in FollowUpPlan.objects.filter(unit_id__in=ids, year=year)}
    return [_result(unit=unit, year=year, sums=sums.get(unit.pk), served=served.get(unit.pk, 0),
                    plan=plans.get(unit.pk)) for unit in units]


def survey_result(*, unit, year: int) -> SurveyResult:
    from forum_site.accounts.models import Unit

    return survey_results(year=year, units=Unit.objects.filter(pk=unit.pk))[0]


def approved_comments(*, unit, year: int, limit: int = 50) -> list[str]:
    """Approved survey comments, without names or dates (anonymous); none from a
    thread the public cannot see."""
    from ..models import ThreadVisibility

    return list(
        SurveyResponse.objects.filter(
            unit=unit, period_year=year, comment_status=SurveyCommentStatus.APPROVED,
            thread__visibility=ThreadVisibility.PUBLISHED,
        ).order_by("-pk").values_list("comment", flat=True)[:limit]
    )


def survey_years() -> list[int]:
    """Years with responses, and the current year, newest first."""
    years = set(SurveyResponse.objects.values_list("period_year", flat=True).distinct())
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def answer_window_days() -> int:
    return settings.SERAMBI_SKM_ANSWER_DAYS


def edit_window_hours() -> int:
    return settings.SERAMBI_SKM_EDIT_HOURS


def survey_response_for(*, thread) -> SurveyResponse | None:
    return SurveyResponse.objects.filter(thread=thread).first()


def pending_survey_comments():
    """Survey comments waiting for a moderator, oldest first (with their thread)."""
    return (SurveyResponse.objects.filter(comment_status=SurveyCommentStatus.PENDING)
            .select_related("unit", "thread").order_by("updated_at", "pk"))
