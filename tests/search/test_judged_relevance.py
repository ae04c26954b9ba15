"""Relevance measured (issue 19): the judged query set (judged_queries.py) over the demo
site, recall@10 and MRR per engine, printed, and failing below the bar.

First measurement, the code before issue 19: SQLite (no stemmer) recall@10 0.780, MRR
0.763; PostgreSQL (Snowball `indonesian`) 0.876, 0.816. With Sastrawi stems, synonyms,
type weights, collapsed comments and "did you mean": SQLite 1.000, 0.971; PostgreSQL
1.000, 0.968 (Snowball `indonesian` in that same pipeline: 0.978, 0.957, so the database
engine indexes Sastrawi's stems). The bars sit a little under what is measured, so a
regression fails.

Elasticsearch, first measured on a live node (2026-12-04): recall@10 0.957 (Indonesian
0.948, English 1.000), MRR 0.812, with Lucene's Indonesian stemmer (which misses
memimpin → pimpin, merekam → rekam), no type weights and no collapsed comments; its bars
were 0.93 / 0.80. Since it indexes Sastrawi's stems, expands the office's synonyms as the
database engine does, weighs types and collapses comments (2026-12-05, on PostgreSQL):
recall@10 1.000, MRR 0.978 (Indonesian 0.974, English 1.000), so it meets the database
engine's bars."""

from io import StringIO

import pytest
from django.core.management import call_command

from search import engines

from .judged_queries import ENGLISH, INDONESIAN, measure, report, summary

# Every engine, Elasticsearch included.
RECALL_BAR = 0.95
MRR_BAR = 0.90

pytestmark = pytest.mark.slow(reason="seeds the whole demo site once for the module "
                                     "(about 17 s of CPU) and runs 93 judged searches")


@pytest.fixture(scope="module")
def demo_site(module_db):
    call_command("seed_demo", stdout=StringIO())


def check(capsys, engine_name: str) -> None:
    recall_bar, mrr_bar = RECALL_BAR, MRR_BAR
    measured = measure()
    figures = summary(measured)
    with capsys.disabled():
        print("\n" + report(measured, engine=engine_name))
    assert len(INDONESIAN) >= 60 and len(ENGLISH) >= 15
    assert figures["recall@10 all"] >= recall_bar, report(measured, engine=engine_name)
    assert figures["MRR all"] >= mrr_bar, report(measured, engine=engine_name)
    assert figures["recall@10 id"] >= recall_bar and figures["recall@10 en"] >= recall_bar


def test_judged_queries_on_the_database_engine(demo_site, db, settings, capsys):
    from django.db import connection

    settings.SERAMBI_SEARCH_ENGINE = "database"
    settings.SERAMBI_RATE_LIMITS_ENABLED = False
    engines.reset()
    check(capsys, f"database ({connection.vendor})")


@pytest.mark.elasticsearch
def test_judged_queries_on_elasticsearch(demo_site, live_es, settings, capsys):
    from search.services import rebuild

    settings.SERAMBI_RATE_LIMITS_ENABLED = False
    rebuild(engines=[live_es])
    live_es.client.indices.refresh(index=live_es.alias)
    check(capsys, "elasticsearch")
