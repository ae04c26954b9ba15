"""A thread's comments are one result (issue 19), and the counts are of results on every
engine: the total, and each facet value, which says what choosing it gives. A thread
whose matching comments span two years counts once in each year; choosing the older year
shows that thread through its older comment. The database engine counted such a thread
only in its newest comment's year, while Elasticsearch (a cardinality of collapse keys
per value) counted it in both."""

import datetime as dt

import pytest

from search.query import SearchQuery, parse_terms
from search.records import SearchRecord

from .conftest import refresh

pytestmark = pytest.mark.django_db


def comment(n: int, date: dt.date, body: str) -> SearchRecord:
    return SearchRecord(type="comment", id=n, url=f"/forum/9/#komentar-{n}",
                        title="Antrean di loket", body=body, all_languages=True,
                        unit="bkpsdm", unit_label="BKPSDM", date=date,
                        collapse_key="thread:9")


@pytest.fixture
def indexed(engine):
    engine.upsert([
        SearchRecord(type="thread", id=9, url="/forum/9/", title="Antrean di loket",
                     body="Lama sekali.", all_languages=True, unit="bkpsdm",
                     unit_label="BKPSDM", date=dt.date(2025, 2, 1)),
        comment(1, dt.date(2025, 3, 1), "Kuota safir sudah habis?"),
        comment(2, dt.date(2026, 2, 1), "Safir dibuka lagi bulan depan."),
        comment(3, dt.date(2026, 3, 1), "Saya juga menunggu safir."),
        SearchRecord(type="thread", id=5, url="/forum/5/", title="Safir di loket dua",
                     body="Tanya.", all_languages=True, unit="dinkes", unit_label="Dinkes",
                     date=dt.date(2026, 5, 1)),
    ])
    refresh(engine)
    return engine


def search(engine, **options):
    return engine.search(SearchQuery(terms=parse_terms("safir"), **options))


def counts(result, facet: str) -> dict[str, int]:
    return {fc.value: fc.count for fc in result.facets[facet]}


def test_a_threads_comments_count_once_in_each_value_they_have(indexed):
    everything = search(indexed)
    assert everything.total == 2
    # Which comment stands for the thread is the best-scored one (engines score apart).
    assert sorted((h.type, h.matches) for h in everything.hits) == [
        ("comment", 3), ("thread", 1)]
    assert counts(everything, "year") == {"2026": 2, "2025": 1}
    assert counts(everything, "type") == {"comment": 1, "thread": 1}
    assert counts(everything, "unit") == {"bkpsdm": 1, "dinkes": 1}

    older = search(indexed, filters={"year": ("2025",)})
    assert older.total == 1
    assert [(h.key, h.matches) for h in older.hits] == [("comment:1", 1)]
    assert counts(older, "year") == {"2026": 2, "2025": 1}  # its own filter left out
    assert counts(older, "type") == {"comment": 1}

    newer = search(indexed, filters={"year": ("2026",)}, sort="newest")
    assert newer.total == 2
    assert [(h.key, h.matches) for h in newer.hits] == [("thread:5", 1), ("comment:3", 2)]


def test_comments_only_are_counted_one_by_one(indexed):
    comments = search(indexed, filters={"type": ("comment",)})
    assert comments.total == 3
    assert {h.key for h in comments.hits} == {"comment:1", "comment:2", "comment:3"}
    assert counts(comments, "year") == {"2026": 2, "2025": 1}
