"""The Elasticsearch engine's wire contract, without a server: the index definition,
queries and aggregations compiled with to_dict(), and what the client actually transmits
(recorded by es_recorder.RecordingNode), including the fallback when the node is down."""

import datetime as dt

import pytest
from django.core.management import call_command

from search import engines
from search.engines.elastic import (
    ElasticsearchEngine,
    build_autocomplete,
    build_index,
    build_search,
    synonym_rules,
)
from search.models import EngineStatus, SearchEntry
from search.query import SearchQuery, parse_terms
from search.records import MARK_END, MARK_START, SearchRecord

from .es_recorder import RECORDED, RecordingNode

ES_URL = "http://es.test:9200"
ALIAS = "serambi-test"


@pytest.fixture(autouse=True)
def recorder():
    RECORDED.__init__()
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


def test_synonym_rules_are_read_from_the_office_file(tmp_path):
    path = tmp_path / "synonyms.txt"
    path.write_text("# komentar\n\nASN, PNS, PPPK\nskpd => opd\nrusak; DROP\n", "utf-8")
    assert synonym_rules(path) == ["asn, pns, pppk", "skpd => opd"]
    assert synonym_rules(tmp_path / "missing.txt") == []


def test_shipped_synonym_file_has_the_office_terms(settings):
    rules = synonym_rules(settings.SERAMBI_SEARCH_SYNONYMS_FILE)
    assert any(r.startswith("asn, pns, pppk") for r in rules)
    assert any("diklat" in r and "pelatihan" in r for r in rules)
    assert any(r.startswith("opd, skpd") for r in rules)


def test_index_definition():
    index = build_index("serambi-search-1", synonyms=["asn, pns, pppk"]).to_dict()
    analysis = index["settings"]["analysis"]
    assert index["settings"]["number_of_shards"] == 1
    assert index["settings"]["auto_expand_replicas"] == "0-1"  # a replica once 2+ nodes
    assert analysis["filter"] == {
        "serambi_indonesian_stop": {"type": "stop", "stopwords": "_indonesian_"},
        "serambi_indonesian_stemmer": {"type": "stemmer", "language": "indonesian"},
        "serambi_synonyms": {"type": "synonym_graph", "synonyms": ["asn, pns, pppk"],
                             "lenient": True},
    }
    assert analysis["analyzer"]["serambi_indonesian"] == {
        "type": "custom", "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding", "serambi_indonesian_stop",
                   "serambi_indonesian_stemmer"],
    }
    # Synonyms at search time only (multi-word rules need synonym_graph there).
    assert analysis["analyzer"]["serambi_indonesian_search"]["filter"] == [
        "lowercase", "asciifolding", "serambi_synonyms", "serambi_indonesian_stop",
        "serambi_indonesian_stemmer"]
    assert analysis["tokenizer"]["serambi_edge_ngram"] == {
        "type": "edge_ngram", "min_gram": 2, "max_gram": 20, "token_chars": ["letter", "digit"]}
    props = index["mappings"]["properties"]
    assert props["title"] == {
        "type": "text", "analyzer": "serambi_indonesian",
        "search_analyzer": "serambi_indonesian_search",
        "fields": {"autocomplete": {"type": "text", "analyzer": "serambi_autocomplete",
                                    "search_analyzer": "standard"}},
    }
    assert props["body"]["analyzer"] == "serambi_indonesian"
    for facet in ("type", "unit", "category", "area", "status", "language"):
        assert props[facet] == {"type": "keyword"}
    assert props["year"] == {"type": "integer"} and props["answered"] == {"type": "boolean"}
    assert props["date"] == {"type": "date"} and props["url"] == {"type": "keyword",
                                                                  "index": False}


def test_search_request_is_built_from_tokens_only():
    terms = parse_terms('pelatihan AND "kepala dinas" * ~ \\ ; DROP:')
    query = SearchQuery(terms=terms, filters={"unit": ("bkpsdm",), "year": ("2026",)},
                        sort="relevance", page=2, per_page=10, language="en")
    body = build_search(query, index=ALIAS).to_dict()
    must = body["query"]["bool"]["must"][0]["bool"]["must"]
    assert must == [
        {"multi_match": {"query": "pelatihan and drop", "fields": ["title^3", "body"],
                         "type": "cross_fields", "operator": "and"}},
        {"multi_match": {"query": "kepala dinas", "fields": ["title^3", "body"],
                         "type": "phrase"}},
    ]
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
    assert body["aggs"]["unit"]["aggs"]["values"] == {
        "terms": {"field": "unit", "size": 20, "order": {"_count": "desc"}},
        "aggs": {"label": {"terms": {"field": "unit_label", "size": 1,
                                     "order": {"newest": "desc"}},
                           "aggs": {"newest": {"max": {"field": "date"}}}}}}
    assert body["aggs"]["year"]["aggs"]["values"]["terms"]["order"] == {"_key": "desc"}
    assert set(body["aggs"]) == {"type", "unit", "category", "area", "year", "status",
                                 "answered"}
    assert body["highlight"]["pre_tags"] == [MARK_START]
    assert body["highlight"]["post_tags"] == [MARK_END]
    assert body["highlight"]["fields"]["body"]["number_of_fragments"] == 2
    assert body["sort"] == ["_score", {"date": {"order": "desc", "missing": "_last"}}]
    assert body["from"] == 10 and body["size"] == 10 and body["track_total_hits"] is True


def test_duplicate_check_query_matches_any_word():
    query = SearchQuery(terms=parse_terms("Kapan jadwal pelatihan?", match_any=True,
                                          title_only=True),
                        types=("thread",), per_page=5)
    body = build_search(query, index=ALIAS, facets=False).to_dict()
    text = body["query"]["bool"]["must"][0]["bool"]
    assert text["should"][0]["multi_match"]["operator"] == "or"
    assert text["should"][0]["multi_match"]["query"] == "jadwal pelatihan"
    assert text["should"][0]["multi_match"]["fields"] == ["title"]
    assert {"terms": {"type": ["thread"]}} in body["query"]["bool"]["filter"]
    assert "aggs" not in body


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
    assert definition["mappings"]["properties"]["title"]["analyzer"] == "serambi_indonesian"


def test_bulk_bodies_for_index_and_delete(recorder):
    recorder.answer("HEAD", r"^/_alias/serambi-test$", (200, {}))
    engine = make_engine()
    engine.upsert([record(), record(id=8, title="Lain", answered=True)])
    engine.delete(["thread:9"])
    index_body, delete_body = recorder.bodies("PUT", r"^/_bulk")
    assert index_body[0] == {"index": {"_index": ALIAS, "_id": "thread:7"}}
    assert index_body[1] == {
        "type": "thread", "record_id": 7, "url": "/forum/7/",
        "title": "Jadwal pelatihan kepemimpinan", "body": "Kapan dibuka?", "language": "id",
        "all_languages": True, "unit": "bkpsdm", "unit_label": "BKPSDM", "category": None,
        "category_label": None, "area": None, "area_label": None, "kind": None,
        "status": "open", "status_label": "thread status\x04Open", "answered": False,
        "date": "2026-11-02", "year": 2026, "updated_at": None,
        "checksum": record().checksum,
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
        "hits": {"total": {"value": 1, "relation": "eq"}, "max_score": 2.0, "hits": [{
            "_index": "serambi-test-1", "_id": "thread:7", "_score": 2.0,
            "_source": {"type": "thread", "record_id": 7, "url": "/forum/7/",
                        "title": "Jadwal <b>pelatihan</b>", "body": "x",
                        "date": "2026-11-02", "unit_label": "BKPSDM",
                        "status_label": "thread status\x04Open"},
            "highlight": {"title": [f"Jadwal <b>{MARK_START}pelatihan{MARK_END}</b>"],
                          "body": [f"satu {MARK_START}pelatihan{MARK_END}", "dua"]},
        }]},
        "aggregations": {
            "unit": {"doc_count": 1, "values": {"buckets": [
                {"key": "bkpsdm", "doc_count": 1,
                 "label": {"buckets": [{"key": "BKPSDM", "doc_count": 1}]}}]}},
            "answered": {"doc_count": 1, "values": {"buckets": [
                {"key": 0, "key_as_string": "false", "doc_count": 1}]}},
            "year": {"doc_count": 1, "values": {"buckets": [{"key": 2026, "doc_count": 1}]}},
        },
    })
    result = make_engine().search(SearchQuery(terms=parse_terms("pelatihan")))
    hit = result.hits[0]
    assert (hit.key, hit.type, hit.id, hit.date) == ("thread:7", "thread", 7,
                                                     dt.date(2026, 11, 2))
    assert str(hit.title_html) == "Jadwal &lt;b&gt;<mark>pelatihan</mark>&lt;/b&gt;"
    assert str(hit.snippet_html) == "satu <mark>pelatihan</mark> … dua"
    assert result.total == 1
    assert [(f.value, f.label, f.count) for f in result.facets["unit"]] == [
        ("bkpsdm", "BKPSDM", 1)]
    assert result.facets["answered"][0].value == "no"
    assert result.facets["year"][0].value == "2026"
    sent = recorder.bodies("POST", r"^/serambi-test/_search")[0]
    assert sent["query"]["bool"]["must"][0]["bool"]["must"][0]["multi_match"]["query"] == (
        "pelatihan")


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
