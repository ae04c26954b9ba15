"""The database engine counts facets from the window of matches it reads (in Python);
the counts must be what SQL's GROUP BY over the same filtered matches gives, for every
facet and any combination of filters (a chosen facet counted without its own filter)."""

import itertools
import random
from collections import Counter

import pytest

from search.engines import database_engine
from search.engines.database import FACET_COLUMNS, apply_filters
from search.models import SearchEntry
from search.query import FACETS, SearchQuery, parse_terms
from search.records import SearchRecord

pytestmark = pytest.mark.django_db

UNITS = ["bkpsdm", "dinkes", "bappeda"]
TYPES = ["thread", "answer", "program"]


@pytest.fixture
def entries():
    rng = random.Random(5)
    import datetime as dt

    records = []
    for n in range(60):
        record_type = rng.choice(TYPES)
        unit = rng.choice(UNITS)
        records.append(SearchRecord(
            type=record_type, id=n, url=f"/r/{n}/", title=f"Pelatihan nomor {n}",
            body="Jadwal pelatihan." if n % 3 else "Laporan anggaran.", language="id",
            unit=unit, unit_label=unit.upper(), category=rng.choice(["a", "b", ""]),
            category_label="Kategori", status=rng.choice(["open", "answered"]),
            status_label="Status", answered=rng.choice([True, False, None]),
            date=dt.date(rng.randint(2023, 2026), rng.randint(1, 12), 1),
        ))
    engine = database_engine()
    engine.upsert(records)
    return engine


def _sql_counts(filters, facet, words):
    qs = SearchEntry.objects.filter(title__icontains=words)
    qs = apply_filters(qs, filters, skip=facet)
    column = FACET_COLUMNS[facet][0]
    counts = Counter()
    for value in qs.values_list(column, flat=True):
        if value is None or value == "":
            continue
        if facet == "answered":
            value = "yes" if value else "no"
        counts[str(value)] += 1
    return dict(counts)


FILTER_CHOICES = [
    {}, {"unit": ("dinkes",)}, {"type": ("thread", "program")}, {"year": ("2024",)},
    {"answered": ("yes",)}, {"unit": ("bkpsdm",), "type": ("answer",)},
    {"unit": ("bappeda", "dinkes"), "year": ("2025", "2026"), "answered": ("no",)},
]


@pytest.mark.parametrize("filters", FILTER_CHOICES, ids=lambda f: ",".join(f) or "none")
def test_window_counts_equal_sql_group_by(entries, filters):
    result = entries.search(SearchQuery(terms=parse_terms("pelatihan"), filters=filters))
    assert not result.total_capped and result.facet_window == 0
    expected_total = apply_filters(SearchEntry.objects.all(), filters).count()
    assert result.total == expected_total
    for facet in FACETS:
        got = {fc.value: fc.count for fc in result.facets[facet]}
        assert got == _sql_counts(filters, facet, "pelatihan"), facet


def test_every_page_of_the_window_is_in_relevance_then_date_order(entries):
    seen = []
    for page in itertools.count(1):
        result = entries.search(SearchQuery(terms=parse_terms("anggaran"), page=page,
                                            per_page=7), facets=False)
        if not result.hits:
            break
        seen.extend(hit.id for hit in result.hits)
    assert len(seen) == len(set(seen)) == 20  # every third record mentions anggaran
