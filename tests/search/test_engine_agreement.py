"""The database engine (PostgreSQL) and Elasticsearch give the same answers (issue 13):
which records match, facet counts, filters, newest-first order and the public boundary,
on the demo site and on a generated set (bench/search.py's generator).

Where they differ by design, the test says so precisely instead of looking away:
- synonyms are Elasticsearch's alone (search/synonyms.txt): off here, tested in
  test_elasticsearch_live.py;
- the two Indonesian stemmers (PostgreSQL's Snowball, Lucene's) share the algorithm but not
  every rule: both must turn the query words used here into the same stem (checked first),
  and melatih / pelatihan / dilatih must meet in both;
- Elasticsearch drops Indonesian stop words ("yang", "dan") and PostgreSQL keeps them: no
  query here is made of them;
- relevance scores differ (BM25 against ts_rank): results are compared as sets, and in order
  only for the newest-first sort (equal dates compared as sets).

Since issue 19 the database engine indexes Sastrawi's stems, applies the office's synonyms,
drops little words from whole questions and shows a thread's comments as one result;
Elasticsearch does not yet (its judged-set figures are lower: test_judged_relevance.py).
The two engines still agree on what is public (the same records with the same content,
nothing hidden found), which runs as before; they no longer agree on what a word matches,
and the tests that compare matches are marked as a known divergence, strictly: the day
Elasticsearch gets the same stems, weights and collapsing, they pass and the marker must
go."""

import importlib.util
import itertools
import random
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from discussions.models import Comment, CommentStatus, ThreadVisibility
from search import engines, services
from search.query import SearchQuery, parse_terms
from tests.discussions.factories import ThreadFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

BENCH = Path(__file__).resolve().parents[2] / "bench" / "search.py"


@pytest.fixture
def both(settings, live_es):
    if connection.vendor != "postgresql":
        pytest.skip("the engines are compared on PostgreSQL (SQLite has no stemmer)")
    settings.SERAMBI_SEARCH_SYNONYMS_FILE = None
    engines.reset()
    es = engines.primary_engine()
    return engines.database_engine(), es


DIVERGENCE = pytest.mark.xfail(
    strict=True, reason="issue 19: the database engine moved to Sastrawi stems, synonyms and "
    "collapsed comments; Elasticsearch parity is the next step")


def pg_stem(word: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme FROM unnest(to_tsvector('indonesian', %s))", [word])
        return [row[0] for row in cursor.fetchall()]


def es_stem(es, word: str) -> list[str]:
    tokens = es.client.indices.analyze(index=es.alias, analyzer="serambi_indonesian_search",
                                       text=word)["tokens"]
    return [t["token"] for t in tokens]


def run(engine, text: str, **options):
    query = SearchQuery(terms=parse_terms(text), per_page=1000, **options)
    return engine.search(query)


def facets(result) -> dict:
    return {facet: {(c.value, c.label, c.count) for c in counts}
            for facet, counts in result.facets.items() if counts}


def newest_groups(result) -> list[tuple]:
    """Newest-first order as the sequence of dates, each with the set of its records."""
    return [(date, {h.key for h in hits})
            for date, hits in itertools.groupby(result.hits, key=lambda h: h.date)]


def assert_agree(db, es, text: str, **options):
    a, b = run(db, text, **options), run(es, text, **options)
    where = f"query {text!r} {options}"
    assert not a.total_capped, where
    assert {h.key for h in a.hits} == {h.key for h in b.hits}, where
    assert a.total == b.total, where
    fa, fb = facets(a), facets(b)
    assert fa == fb, (where, {f: (fa.get(f, set()) - fb.get(f, set()),
                                  fb.get(f, set()) - fa.get(f, set()))
                              for f in fa.keys() | fb.keys() if fa.get(f) != fb.get(f)})
    if options.get("sort") == "newest":
        assert newest_groups(a) == newest_groups(b), where
    return a


def _demo_in_both(db, es):
    call_command("seed_demo", stdout=StringIO())
    hidden = ThreadFactory(title="Topik tersembunyi kristal pelatihan", indexed=False,
                           visibility=ThreadVisibility.HIDDEN)
    rejected = Comment.objects.filter(status=CommentStatus.REJECTED)
    assert rejected.exists()  # the demo has a comment rejected as spam
    services.rebuild(engines=[db, es])
    return hidden, rejected


@pytest.mark.slow(reason="seeds the whole demo site and indexes it in both engines")
def test_engines_agree_on_what_is_public_on_the_demo_site(both):
    db, es = both
    hidden, rejected = _demo_in_both(db, es)

    # The same records, with the same content, are public in both.
    assert es.checksums() == db.checksums()
    secret = {f"thread:{hidden.pk}", *(f"comment:{c.pk}" for c in rejected)}
    assert not secret & set(db.checksums())
    assert run(db, "kristal").total == run(es, "kristal").total == 0
    for comment in rejected:
        word = max(comment.comment.split(), key=len).strip(".,!?")
        assert f"comment:{comment.pk}" not in {h.key for h in run(es, word).hits}


@DIVERGENCE
@pytest.mark.slow(reason="seeds the whole demo site and indexes it in both engines")
def test_engines_agree_on_matches_on_the_demo_site(both):
    db, es = both
    _demo_in_both(db, es)
    for word in ("pelatihan", "kepemimpinan", "anggaran", "laporan", "membaca", "jadwal"):
        assert pg_stem(word) == es_stem(es, word), word
    assert_agree(db, es, "pelatihan kepemimpinan")
    assert_agree(db, es, "pelatihan", sort="newest")
    assert_agree(db, es, "anggaran")
    assert_agree(db, es, "laporan jadwal")
    assert_agree(db, es, '"pelatihan kepemimpinan"')
    everything = assert_agree(db, es, "pelatihan")
    for facet in ("type", "unit"):
        value = next(iter(everything.facets[facet])).value
        assert_agree(db, es, "pelatihan", filters={facet: (value,)})
        assert_agree(db, es, "pelatihan", filters={facet: (value,)}, sort="newest")


def test_stemming_meets_in_both_engines(both, category):
    """melatih, pelatihan and dilatih share the stem "latih" in both engines, so each
    finds the record written with any of the others."""
    db, es = both
    forms = ("melatih", "pelatihan", "dilatih")
    threads = {form: ThreadFactory(category=category, title=f"Catatan {form} pegawai",
                                   indexed=False) for form in forms}
    services.rebuild(engines=[db, es])
    for form in forms:
        assert pg_stem(form) == es_stem(es, form) == ["latih"], form
        for engine in (db, es):
            found = {h.key for h in run(engine, form).hits}
            assert found == {f"thread:{t.pk}" for t in threads.values()}, (engine.name, form)


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_search", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _generated_in_both(db, es):
    bench = load_bench()
    records = list(bench.make_records(600, random.Random(13)))
    db.upsert(records)
    es.upsert(records)
    es.client.indices.refresh(index=es.alias)
    return bench


def test_engines_hold_the_same_generated_set(both):
    db, es = both
    _generated_in_both(db, es)
    assert es.checksums() == db.checksums()


@DIVERGENCE
def test_engines_agree_on_a_generated_set(both):
    db, es = both
    bench = _generated_in_both(db, es)
    assert es.checksums() == db.checksums()

    # Every single query word of the bench whose stems agree; the others are listed, so
    # a stemmer change shows up here.
    words = sorted({w for q in bench.QUERY_WORDS for w in q.split()})
    differ = [w for w in words if pg_stem(w) != es_stem(es, w)]
    assert differ == [], differ
    rng = random.Random(2026)
    for word in words:
        assert_agree(db, es, word)
    for _ in range(12):
        text = " ".join(rng.sample(bench.QUERY_WORDS, 2))
        assert_agree(db, es, text)
        assert_agree(db, es, text, sort="newest")
    unit = bench.UNITS[3][0]
    assert_agree(db, es, "pelatihan", filters={"unit": (unit,)})
    assert_agree(db, es, "pelatihan", filters={"year": ("2024", "2025")}, sort="newest")
    assert_agree(db, es, "anggaran", filters={"type": ("thread", "answer"),
                                              "answered": ("yes",)})
    assert_agree(db, es, "syarat", filters={"status": ("open",), "area": ("perencanaan",)})
    # No text: every record, newest first, with facet counts over everything.
    assert_agree(db, es, "", sort="newest")
