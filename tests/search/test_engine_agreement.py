"""The database engine (PostgreSQL) and Elasticsearch give the same answers (issues 13
and 19): which records match, facet counts, filters, newest-first order and the public
boundary, on the demo site and on a generated set (bench/search.py's generator).

Both index Sastrawi's stems (search.stemming.stem_text: PostgreSQL in its `simple`
configuration, Elasticsearch split on whitespace), both build the match from the same
groups of stems and synonyms (search.matching.term_groups, the office's synonym file on),
both show a thread's comments as one result. So the words each engine holds for a record
are compared first, then the searches:
- the same results and totals, the same facet counts, with filters too;
- relevance scores differ (BM25 against ts_rank): results are compared as sets, and in
  order only for the newest-first sort (equal dates compared as sets). A thread found
  through several comments is one result in both, with the same "N comments match"; which
  of its comments stands for it is the best-scored one, so with relevance the results are
  compared by what the reader sees as one (the record, or the thread its comments
  collapse to), and by record for the newest-first sort."""

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
from search.models import SearchEntry
from search.query import SearchQuery, parse_terms
from search.stemming import stem
from tests.discussions.factories import ThreadFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

BENCH = Path(__file__).resolve().parents[2] / "bench" / "search.py"


@pytest.fixture
def both(live_es):
    if connection.vendor != "postgresql":
        pytest.skip("the engines are compared on PostgreSQL (the CI's live suite runs there)")
    return engines.database_engine(), live_es


def pg_words(keys) -> dict[str, set[str]]:
    """The words PostgreSQL's search vector holds for each record."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, tsvector_to_array(search_vector) "  # noqa: S608
                       f"FROM {SearchEntry._meta.db_table} WHERE key = ANY(%s)", [list(keys)])
        return {key: set(words) for key, words in cursor.fetchall()}


def es_words(es, keys) -> dict[str, set[str]]:
    """The words Elasticsearch's stemmed fields hold for each record (term vectors)."""
    found = {}
    keys = list(keys)
    for start in range(0, len(keys), 200):
        response = es.client.mtermvectors(index=es.alias, ids=keys[start:start + 200],
                                          fields=["title_stems", "body_stems"],
                                          term_statistics=False, field_statistics=False,
                                          positions=False, offsets=False)
        for doc in response["docs"]:
            vectors = doc.get("term_vectors", {})
            found[doc["_id"]] = {term for field in vectors.values() for term in field["terms"]}
    return found


def assert_same_words(db, es):
    keys = db.checksums().keys()
    pg, elastic = pg_words(keys), es_words(es, keys)
    differ = {key: (pg[key] - elastic[key], elastic[key] - pg[key])
              for key in keys if pg[key] != elastic[key]}
    assert differ == {}, differ


def run(engine, text: str, **options):
    query = SearchQuery(terms=parse_terms(text), per_page=1000, **options)
    return engine.search(query)


def results(result, *, by_record: bool) -> set[tuple[str, int]]:
    """(what is shown as one result, how many records it stands for): the record, or
    the collapse key its comments share (relevance picks its best comment, which the two
    scorings may choose differently)."""
    if by_record:
        return {(h.key, h.matches) for h in result.hits}
    groups = dict(SearchEntry.objects.values_list("key", "collapse_key"))
    return {(groups.get(h.key) or h.key, h.matches) for h in result.hits}


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
    by_record = options.get("sort") == "newest" or not text
    assert results(a, by_record=by_record) == results(b, by_record=by_record), where
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


@pytest.mark.slow(reason="seeds the whole demo site and indexes it in both engines")
def test_engines_agree_on_matches_on_the_demo_site(both):
    db, es = both
    _demo_in_both(db, es)
    assert_same_words(db, es)
    assert_agree(db, es, "memimpin")
    assert_agree(db, es, "pns")  # the office's synonyms: asn, pppk, "aparatur sipil negara"
    assert_agree(db, es, "kepemimpinan")  # programmes, threads and collapsed comments
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
    """melatih, pelatihan and dilatih share the stem "latih" in both engines (and
    memimpin, kepemimpinan "pimpin", which Lucene's Indonesian stemmer missed), so each
    finds the record written with any of the others."""
    db, es = both
    forms = ("melatih", "pelatihan", "dilatih", "memimpin", "kepemimpinan", "pemimpin")
    threads = {form: ThreadFactory(category=category, title=f"Catatan {form} pegawai",
                                   body="Isi catatan.", indexed=False) for form in forms}
    services.rebuild(engines=[db, es])
    assert_same_words(db, es)
    for form in forms:
        root = "latih" if "latih" in form else "pimpin"
        assert stem(form) == root, form
        expected = {f"thread:{t.pk}" for f, t in threads.items() if root in stem(f)}
        for engine in (db, es):
            found = {h.key for h in run(engine, form).hits}
            assert found == expected, (engine.name, form)


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


def test_engines_agree_on_a_generated_set(both):
    db, es = both
    bench = _generated_in_both(db, es)
    assert es.checksums() == db.checksums()
    assert_same_words(db, es)
    words = sorted({w for q in bench.QUERY_WORDS for w in q.split()})
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
