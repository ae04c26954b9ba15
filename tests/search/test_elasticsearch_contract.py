"""The Elasticsearch engine's wire contract, without a server: the index definition,
queries and aggregations compiled with to_dict(), and what the client actually transmits
(recorded by es_recorder.RecordingNode), including the fallback when the node is down."""

import datetime as dt

import pytest
from django.core.management import call_command

from search import engines
from search.engines.elastic import (
    MAPPING_VERSION,
    ElasticsearchEngine,
    EngineUnavailable,
    build_autocomplete,
    build_index,
    build_search,
)
from search.models import EngineStatus, SearchEntry
from search.query import SearchQuery, parse_terms
from search.records import SearchRecord

from .es_recorder import RECORDED, RecordingNode

ES_URL = "http://es.test:9200"
ALIAS = "serambi-test"


CURRENT_MAPPING = {"serambi-test-1": {"mappings": {
    "_meta": {"serambi": {"mapping_version": MAPPING_VERSION}}, "properties": {}}}}


@pytest.fixture(autouse=True)
def recorder():
    RECORDED.__init__()
    # The index behind the alias was built with this code's mapping (reads check it).
    RECORDED.answer("GET", r"^/serambi-test/_mapping$", CURRENT_MAPPING)
    yield RECORDED
    RECORDED.__init__()


@pytest.fixture
def es_settings(settings):
    settings.SERAMBI_SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = ES_URL
    settings.SERAMBI_SEARCH_INDEX = ALIAS
    settings.SERAMBI_ELASTICSEARCH_OPTIONS = {"node_class": RecordingNode}
    engines.reset()
    yield settings
    engines.reset()


def make_engine(tmp_path=None) -> ElasticsearchEngine:
    return ElasticsearchEngine(url=ES_URL, index=ALIAS,
                               client_options={"node_class": RecordingNode})


def record(**fields) -> SearchRecord:
    values = {"type": "thread", "id": 7, "url": "/forum/7/",
              "title": "Jadwal pelatihan kepemimpinan", "body": "Kapan dibuka?",
              "unit": "bkpsdm", "unit_label": "BKPSDM", "status": "open",
              "status_label": "thread status\x04Open", "answered": False,
              "date": dt.date(2026, 11, 2), "all_languages": True, **fields}
    return SearchRecord(**values)


# --- compiled definitions ----------------------------------------------------------------


def test_index_definition():
    index = build_index("serambi-search-1").to_dict()
    analysis = index["settings"]["analysis"]
    assert index["settings"]["number_of_shards"] == 1
    assert index["settings"]["auto_expand_replicas"] == "0-1"  # a replica once 2+ nodes
    # Stems and synonyms are made in Python (search.matching), as for the database
    # engine: the index only splits the stemmed text, and keeps edge n-grams of titles.
    assert "filter" not in analysis
    assert set(analysis["analyzer"]) == {"serambi_autocomplete"}
    assert analysis["tokenizer"]["serambi_edge_ngram"] == {
        "type": "edge_ngram", "min_gram": 2, "max_gram": 20, "token_chars": ["letter", "digit"]}
    mappings = index["mappings"]
    assert mappings["_meta"] == {"serambi": {"mapping_version": MAPPING_VERSION}}
    assert mappings["dynamic"] == "strict"
    props = mappings["properties"]
    assert props["title"] == {
        "type": "text", "index": False,
        "fields": {"autocomplete": {"type": "text", "analyzer": "serambi_autocomplete",
                                    "search_analyzer": "standard"}},
    }
    assert props["body"] == {"type": "text", "index": False}
    assert props["title_stems"] == props["body_stems"] == {"type": "text",
                                                            "analyzer": "whitespace"}
    for facet in ("type", "unit", "category", "area", "status", "language", "collapse_key"):
        assert props[facet] == {"type": "keyword"}
    assert props["year"] == {"type": "integer"} and props["answered"] == {"type": "boolean"}
    assert props["date"] == {"type": "date"} and props["url"] == {"type": "keyword",
                                                                  "index": False}


def test_words_are_matched_as_the_database_engine_matches_them(settings):
    """Sastrawi's stems of each word ("memimpin" → pimpin), each word or one of the office's
    synonyms in the title (weighted) or the body, every word required; the words as typed
    score again when a synonym is in play; the record type's weight multiplies it all."""
    settings.SERAMBI_SEARCH_TYPE_WEIGHTS = {"comment": 0.25}
    body = build_search(SearchQuery(terms=parse_terms("memimpin pns")), index=ALIAS).to_dict()
    scored = body["query"]["bool"]["must"][0]["function_score"]
    assert scored["score_mode"] == "first" and scored["boost_mode"] == "multiply"
    weights = {f["filter"]["term"]["type"]: f["weight"] for f in scored["functions"]}
    assert weights["program"] == 2.0 and weights["outcome"] == 1.8
    assert weights["comment"] == 0.25  # the one definition, with the settings' overrides
    groups = scored["query"]["bool"]["must"][0]["bool"]["must"]
    assert groups[0] == {"bool": {"minimum_should_match": 1, "should": [
        {"match_phrase": {"title_stems": {"query": "pimpin", "boost": 10.0}}},
        {"match_phrase": {"body_stems": "pimpin"}},
        {"match_phrase": {"title_stems": {"query": "leadership", "boost": 10.0}}},
        {"match_phrase": {"body_stems": "leadership"}}]}}
    alternatives = [next(iter(c["match_phrase"].values()))
                    for c in groups[1]["bool"]["should"]]
    alternatives = [a["query"] if isinstance(a, dict) else a for a in alternatives]
    assert alternatives[:2] == ["pns", "pns"]
    assert {"asn", "pppk", "aparatur sipil negara", "pegawai negeri sipil"} <= set(alternatives)
    # The reader's own words count again on top of any synonym.
    assert scored["query"]["bool"]["should"] == [
        {"match_phrase": {"title_stems": {"query": "pimpin", "boost": 10.0}}},
        {"match_phrase": {"body_stems": "pimpin"}},
        {"match_phrase": {"title_stems": {"query": "pns", "boost": 10.0}}},
        {"match_phrase": {"body_stems": "pns"}}]


def test_comments_collapse_into_one_result_counted_once():
    body = build_search(SearchQuery(terms=parse_terms("kuota"), filters={"unit": ("a",)}),
                        index=ALIAS).to_dict()
    assert body["collapse"] == {"field": "collapse_key", "inner_hits": {
        "name": "matches", "size": 0, "_source": False}}
    # The total is the number of results that pass the filters: the records that are not
    # grouped, and the distinct keys of those that are (a thread's comments).
    grouped = {"grouped": {"filter": {"term": {"grouped": True}}, "aggs": {"keys": {
        "cardinality": {"field": "collapse_key", "precision_threshold": 40000}}}}}
    assert body["aggs"]["total"] == {
        "filter": {"bool": {"filter": [{"terms": {"unit": ["a"]}}]}}, "aggs": grouped}
    assert body["aggs"]["type"]["aggs"]["values"]["aggs"] == grouped
    assert body["track_total_hits"] is False
    # Comments only: every comment is its own result, as in the database engine.
    comments = build_search(SearchQuery(terms=parse_terms("kuota"),
                                        filters={"type": ("comment",)}), index=ALIAS).to_dict()
    assert "collapse" not in comments and "total" not in comments["aggs"]
    assert comments["track_total_hits"] is True


def test_search_request_is_built_from_tokens_only():
    terms = parse_terms('pelatihan AND "kepala dinas" * ~ \\ ; DROP:')
    query = SearchQuery(terms=terms, filters={"unit": ("bkpsdm",), "year": ("2026",)},
                        sort="relevance", page=2, per_page=10, language="en")
    body = build_search(query, index=ALIAS).to_dict()
    text = body["query"]["bool"]["must"][0]["function_score"]["query"]["bool"]
    # pelatihan has a synonym (diklat): the words as typed score again, optionally.
    assert [c["match_phrase"] for c in text["should"][:2]] == [
        {"title_stems": {"query": "latih", "boost": 10.0}}, {"body_stems": "latih"}]
    groups = text["must"][0]["bool"]["must"]
    matched = [[next(iter(c["match_phrase"].values())) for c in g["bool"]["should"]]
               for g in groups]
    # Words of letters and digits, stemmed, little words ("and") dropped; the phrase's
    # words stand together; nothing else of what was typed reaches the query.
    assert matched == [
        [{"query": "latih", "boost": 10.0}, "latih", {"query": "diklat", "boost": 10.0},
         "diklat"],
        [{"query": "drop", "boost": 10.0}, "drop"],
        [{"query": "kepala dinas", "boost": 10.0}, "kepala dinas"]]
    assert body["query"]["bool"]["filter"] == [{"bool": {"should": [
        {"term": {"language": "en"}}, {"term": {"all_languages": True}}],
        "minimum_should_match": 1}}]
    # Facet filters apply after aggregation; each facet's own filter is left out of its count.
    assert body["post_filter"] == {"bool": {"filter": [
        {"terms": {"unit": ["bkpsdm"]}}, {"terms": {"year": [2026]}}]}}
    assert body["aggs"]["unit"]["filter"] == {"bool": {"filter": [
        {"terms": {"year": [2026]}}]}}
    assert body["aggs"]["type"]["filter"] == {"bool": {"filter": [
        {"terms": {"unit": ["bkpsdm"]}}, {"terms": {"year": [2026]}}]}}
    # Counted in results (a thread's comments once), with the newest record's label.
    assert body["aggs"]["unit"]["aggs"]["values"] == {
        "terms": {"field": "unit", "size": 20, "order": {"_count": "desc"}},
        "aggs": {"grouped": {"filter": {"term": {"grouped": True}}, "aggs": {"keys": {
                     "cardinality": {"field": "collapse_key", "precision_threshold": 40000}}}},
                 "label": {"terms": {"field": "unit_label", "size": 1,
                                     "order": {"newest": "desc"}},
                           "aggs": {"newest": {"max": {"field": "date"}}}}}}
    assert body["aggs"]["year"]["aggs"]["values"]["terms"]["order"] == {"_key": "desc"}
    assert set(body["aggs"]) == {"type", "unit", "category", "area", "year", "status",
                                 "answered", "total"}
    assert "highlight" not in body  # made in Python by stem, as the database engine does
    assert body["sort"] == ["_score", {"date": {"order": "desc", "missing": "_last"}},
                            {"record_id": {"order": "desc"}}]
    assert body["from"] == 10 and body["size"] == 10


def test_duplicate_check_query_matches_any_word():
    query = SearchQuery(terms=parse_terms("Kapan jadwal pelatihan?", match_any=True,
                                          title_only=True),
                        types=("thread",), per_page=5)
    body = build_search(query, index=ALIAS, facets=False).to_dict()
    text = body["query"]["bool"]["must"][0]["function_score"]["query"]["bool"]
    text = text["must"][0]["bool"]  # (the words as typed score again: text["should"])
    assert text["minimum_should_match"] == 1  # any word
    words = [c["match_phrase"] for group in text["should"] for c in group["bool"]["should"]]
    assert {"title_stems": {"query": "jadwal", "boost": 10.0}} in words
    assert {"title_stems": {"query": "latih", "boost": 10.0}} in words
    assert all(set(w) == {"title_stems"} for w in words)  # titles only
    assert {"terms": {"type": ["thread"]}} in body["query"]["bool"]["filter"]
    assert set(body.get("aggs", {})) <= {"total"}


def test_autocomplete_request():
    body = build_autocomplete(parse_terms("pelatihan kep"), index=ALIAS, language="id",
                              limit=8).to_dict()
    assert body["query"]["bool"]["must"] == [{"match": {"title.autocomplete": {
        "query": "pelatihan kep", "operator": "and"}}}]
    assert body["size"] == 8


# --- what the client transmits -----------------------------------------------------------


def test_first_write_creates_a_versioned_index_behind_the_alias(recorder):
    recorder.answer("HEAD", r"^/_alias/serambi-test$", (404, {}))
    make_engine().upsert([record()])
    methods = [p.split("?")[0] for p in recorder.paths()]
    assert methods[0] == "HEAD /_alias/serambi-test"
    assert methods[1].startswith("PUT /serambi-test-")
    created = methods[1].removeprefix("PUT ")
    assert methods[2] == f"PUT {created}/_alias/serambi-test"
    assert methods[3] == "PUT /_bulk"
    definition = recorder.requests[1][2]
    assert definition["mappings"]["properties"]["title_stems"]["analyzer"] == "whitespace"
    assert definition["mappings"]["_meta"]["serambi"]["mapping_version"] == MAPPING_VERSION


def test_bulk_bodies_for_index_and_delete(recorder):
    recorder.answer("HEAD", r"^/_alias/serambi-test$", (200, {}))
    engine = make_engine()
    engine.upsert([record(), record(id=8, title="Lain", answered=True)])
    engine.delete(["thread:9"])
    index_body, delete_body = recorder.bodies("PUT", r"^/_bulk")
    assert index_body[0] == {"index": {"_index": ALIAS, "_id": "thread:7"}}
    assert index_body[1] == {
        "type": "thread", "record_id": 7, "url": "/forum/7/",
        "title": "Jadwal pelatihan kepemimpinan", "body": "Kapan dibuka?",
        # Sastrawi's stems, as the database engine indexes them.
        "title_stems": "jadwal latih pimpin", "body_stems": "kapan buka", "language": "id",
        "all_languages": True, "unit": "bkpsdm", "unit_label": "BKPSDM", "category": None,
        "category_label": None, "area": None, "area_label": None, "kind": None,
        "status": "open", "status_label": "thread status\x04Open", "answered": False,
        "date": "2026-11-02", "year": 2026, "updated_at": None,
        # A record of its own (its comments' key is "thread:7": they collapse apart).
        "collapse_key": "record:thread:7", "grouped": False, "checksum": record().checksum,
    }
    assert index_body[2] == {"index": {"_index": ALIAS, "_id": "thread:8"}}
    # Each write is copied to the index a rebuild may be filling (<alias>-next); the
    # request requires aliases, so without a rebuild the copy fails instead of creating
    # an index (tests/search/test_elasticsearch_live.py checks both on a real node).
    assert len(index_body) == 8
    assert index_body[4] == {"index": {"_index": f"{ALIAS}-next", "_id": "thread:7"}}
    assert index_body[5] == index_body[1]
    assert delete_body == [{"delete": {"_index": ALIAS, "_id": "thread:9"}},
                           {"delete": {"_index": f"{ALIAS}-next", "_id": "thread:9"}}]
    assert all("require_alias=true" in path for path in recorder.paths()
               if path.startswith("PUT /_bulk"))


def test_rebuild_fills_a_new_index_and_swaps_the_alias_atomically(recorder):
    recorder.answer("HEAD", r"^/_alias/serambi-test$", (200, {}))
    recorder.answer("GET", r"^/_alias/serambi-test$",
                    {"serambi-test-old": {"aliases": {"serambi-test": {}}}})
    messages = []
    count = make_engine().rebuild(iter([record(), record(id=8)]), progress=messages.append)
    assert count == 2
    paths = [p.split("?")[0] for p in recorder.paths()]
    new = paths[0].removeprefix("PUT ")
    assert new.startswith("/serambi-test-") and new != "/serambi-test-old"
    # While it fills, the new index is also <alias>-next (live writes reach it too); the
    # rebuild only creates documents, never overwriting a newer live write.
    assert f"PUT {new}/_alias/{ALIAS}-next" in paths
    bulk = recorder.bodies("PUT", r"^/_bulk")[0]
    assert [line for line in bulk if "create" in line] == [
        {"create": {"_index": new[1:], "_id": "thread:7"}},
        {"create": {"_index": new[1:], "_id": "thread:8"}}]
    assert f"POST {new}/_refresh" in paths
    aliases = recorder.bodies("POST", r"^/_aliases")[0]
    assert aliases == {"actions": [
        {"remove": {"index": "serambi-test-old", "alias": ALIAS}},
        {"add": {"index": new[1:], "alias": ALIAS}},
        {"remove": {"index": new[1:], "alias": f"{ALIAS}-next"}}]}
    assert paths.index("POST /_aliases") < paths.index("DELETE /serambi-test-old")
    assert any("now behind alias" in m for m in messages)


def test_search_response_becomes_hits_and_facets(recorder):
    recorder.answer("POST", r"^/serambi-test/_search", {
        "took": 3, "timed_out": False,
        "hits": {"total": {"value": 4, "relation": "eq"}, "max_score": 2.0, "hits": [{
            "_index": "serambi-test-1", "_id": "thread:7", "_score": 2.0,
            "_source": {"type": "thread", "record_id": 7, "url": "/forum/7/",
                        "title": "Jadwal <b>pelatihan</b>",
                        "body": "Satu dua tiga. Pelatihan untuk pengawas, dilatih di aula.",
                        "date": "2026-11-02", "unit_label": "BKPSDM",
                        "status_label": "thread status\x04Open"},
            "fields": {"collapse_key": ["record:thread:7"]},
            "inner_hits": {"matches": {"hits": {"total": {"value": 1, "relation": "eq"},
                                                "max_score": None, "hits": []}}},
        }, {
            "_index": "serambi-test-1", "_id": "comment:9", "_score": 1.0,
            "_source": {"type": "comment", "record_id": 9, "url": "/forum/8/#c9",
                        "title": "Kuota latihan", "body": "Melatih siapa?",
                        "date": "2026-11-03"},
            "fields": {"collapse_key": ["thread:8"]},
            "inner_hits": {"matches": {"hits": {"total": {"value": 3, "relation": "eq"},
                                                "max_score": None, "hits": []}}},
        }]},
        "aggregations": {
            # 4 records: a thread, and 3 comments of another thread (one key).
            "total": {"doc_count": 4, "grouped": {"doc_count": 3, "keys": {"value": 1}}},
            "unit": {"doc_count": 4, "values": {"buckets": [
                {"key": "bkpsdm", "doc_count": 4,
                 "grouped": {"doc_count": 3, "keys": {"value": 1}},
                 "label": {"buckets": [{"key": "BKPSDM", "doc_count": 4}]}}]}},
            "type": {"doc_count": 4, "values": {"buckets": [
                {"key": "comment", "doc_count": 3,
                 "grouped": {"doc_count": 3, "keys": {"value": 1}}},
                {"key": "thread", "doc_count": 1,
                 "grouped": {"doc_count": 0, "keys": {"value": 0}}}]}},
            "answered": {"doc_count": 1, "values": {"buckets": [
                {"key": 0, "key_as_string": "false", "doc_count": 1,
                 "grouped": {"doc_count": 0, "keys": {"value": 0}}}]}},
            "year": {"doc_count": 1, "values": {"buckets": [
                {"key": 2026, "doc_count": 4,
                 "grouped": {"doc_count": 3, "keys": {"value": 1}}}]}},
        },
    })
    result = make_engine().search(SearchQuery(terms=parse_terms("pelatihan")))
    hit, comment = result.hits
    assert (hit.key, hit.type, hit.id, hit.date) == ("thread:7", "thread", 7,
                                                     dt.date(2026, 11, 2))
    # Highlights by stem, made here from the text as written and escaped when shown.
    assert str(hit.title_html) == "Jadwal &lt;b&gt;<mark>pelatihan</mark>&lt;/b&gt;"
    assert str(hit.snippet_html) == (
        "Satu dua tiga. <mark>Pelatihan</mark> untuk pengawas, <mark>dilatih</mark> di aula.")
    assert (hit.matches, comment.matches) == (1, 3)  # "3 komentar cocok"
    assert str(comment.title_html) == "Kuota <mark>latihan</mark>"
    # Results, not records: 4 records matched, shown as 2.
    assert result.total == 2
    assert [(f.value, f.label, f.count) for f in result.facets["unit"]] == [
        ("bkpsdm", "BKPSDM", 2)]
    # Ordered by results: one thread's comments count once, as the thread does.
    assert [(f.value, f.count) for f in result.facets["type"]] == [("comment", 1),
                                                                     ("thread", 1)]
    assert result.facets["answered"][0].value == "no"
    assert result.facets["year"][0].value == "2026"
    paths = [p.split("?")[0] for p in recorder.paths()]
    assert paths == ["GET /serambi-test/_mapping", "POST /serambi-test/_search"]
    sent = recorder.bodies("POST", r"^/serambi-test/_search")[0]
    assert sent["collapse"]["field"] == "collapse_key"


def test_an_index_of_an_older_mapping_is_not_read(recorder):
    """After an upgrade that changes the mapping, the old index would match nothing (its
    fields are not the ones queried): the engine refuses it, so the database answers and
    the admins are told to rebuild; reconcile refuses too (it cannot fix a mapping)."""
    recorder.answer("GET", r"^/serambi-test/_mapping$", {
        "serambi-search-20261204": {"mappings": {"properties": {}}}})
    engine = make_engine()
    with pytest.raises(EngineUnavailable, match="mapping version 1, this code needs "
                       f"{MAPPING_VERSION}: run `manage.py search_rebuild`"):
        engine.search(SearchQuery(terms=parse_terms("pelatihan")))
    with pytest.raises(EngineUnavailable, match="search_rebuild"):
        engine.autocomplete(parse_terms("pelat"), language="id")
    recorder.answer("HEAD", r"^/_alias/serambi-test$", (200, {}))
    with pytest.raises(EngineUnavailable, match="search_rebuild"):
        engine.checksums()
    assert not recorder.bodies("POST", r"_search")
    # Once the alias holds a current index, it is read (and asked about once a process).
    recorder.answer("GET", r"^/serambi-test/_mapping$", CURRENT_MAPPING)
    recorder.answer("POST", r"^/serambi-test/_search", {
        "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
        "aggregations": {"total": {"doc_count": 0,
                                   "grouped": {"doc_count": 0, "keys": {"value": 0}}}}})
    assert engine.search(SearchQuery(terms=parse_terms("pelatihan"))).total == 0
    engine.search(SearchQuery(terms=parse_terms("kuota")))
    assert len(recorder.bodies("GET", r"_mapping$")) == 4


# --- outage: fallback, recorded incident, reconcile ---------------------------------------


@pytest.mark.django_db
def test_outage_falls_back_to_the_database_and_tells_admins(client, es_settings, recorder,
                                                            category, superuser_client):
    from tests.discussions.factories import ThreadFactory

    recorder.down = True
    ThreadFactory(category=category, title="Jadwal pelatihan kepemimpinan pengawas")
    response = client.get("/cari/", {"q": "pelatihan"})
    assert response.status_code == 200
    assert "Jadwal <mark>pelatihan</mark> kepemimpinan pengawas" in response.content.decode()
    assert client.get("/api/search", {"q": "pelatihan"}).json()["engine"] == "database"
    status = EngineStatus.objects.get(engine="elasticsearch")
    assert status.failures >= 1 and "ConnectionError" in status.last_error
    assert status.needs_reconcile  # the factory's index write could not reach it either
    dashboard = superuser_client.get("/admin/").content.decode()
    assert "search_reconcile" in dashboard


@pytest.mark.django_db
def test_write_during_outage_succeeds_and_reconcile_repairs(es_settings, recorder, citizen,
                                                            category,
                                                            django_capture_on_commit_callbacks):
    from discussions.models import Thread
    from discussions.threads.services import thread_create

    recorder.down = True
    with django_capture_on_commit_callbacks(execute=True):
        thread = thread_create(author=citizen, title="Jadwal ujian dinas tahun depan",
                               body="Kapan ujian dinas tingkat satu dibuka?",
                               kind="question", category=category)
    assert Thread.objects.filter(pk=thread.pk).exists()
    assert SearchEntry.objects.filter(key=f"thread:{thread.pk}").exists()
    assert EngineStatus.objects.get(engine="elasticsearch").needs_reconcile

    recorder.down = False
    recorder.answer("HEAD", r"^/_alias/serambi-test$", (200, {}))
    # The index holds one stale record and nothing of the new thread.
    recorder.answer("POST", r"^/serambi-test/_search", {
        "_scroll_id": "s1", "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": 1}, "hits": [
            {"_id": "thread:999", "_source": {"checksum": "old"}}]}})
    recorder.answer("POST", r"^/_search/scroll", {
        "_scroll_id": "s1", "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"hits": []}})
    recorder.answer("DELETE", r"^/_search/scroll", {"succeeded": True})
    from io import StringIO

    out = StringIO()
    call_command("search_reconcile", "--engine", "primary", stdout=out)
    output = out.getvalue()
    assert "1 indexed, 1 public, 1 to write, 1 to remove" in output
    assert "elasticsearch: 1 written, 1 removed" in output
    bulks = recorder.bodies("PUT", r"^/_bulk")
    assert bulks[0][0] == {"index": {"_index": ALIAS, "_id": f"thread:{thread.pk}"}}
    assert bulks[1] == [{"delete": {"_index": ALIAS, "_id": "thread:999"}},
                        {"delete": {"_index": f"{ALIAS}-next", "_id": "thread:999"}}]
    assert not EngineStatus.objects.get(engine="elasticsearch").needs_reconcile
