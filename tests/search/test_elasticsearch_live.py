"""The Elasticsearch engine against a real node (ELASTICSEARCH_URL; scripts/elasticsearch.sh):
what only Elasticsearch does — the alias swap, reconcile against the index, the office's
synonyms, documents the node refuses — beyond the shared suite in test_engine_suite.py."""

from io import StringIO

import pytest
from django.core.management import call_command

from search import services
from search.engines import EngineUnavailable
from search.models import EngineStatus
from search.query import SearchQuery, parse_terms
from search.records import SearchRecord
from tests.discussions.factories import ThreadFactory

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def record(n: int, **fields) -> SearchRecord:
    values = {"type": "thread", "id": n, "url": f"/forum/{n}/", "title": f"Topik nomor {n}",
              "body": "Isi topik.", "language": "id"}
    values.update(fields)
    return SearchRecord(**values)


def keys(engine, text: str) -> set[str]:
    engine.client.indices.refresh(index=engine.alias)
    result = engine.search(SearchQuery(terms=parse_terms(text), per_page=100), facets=False)
    return {hit.key for hit in result.hits}


def indices_behind(engine) -> list[str]:
    return sorted(engine.client.indices.get_alias(name=engine.alias).body)


def test_rebuild_swaps_the_alias_and_removes_the_old_index(live_es, category):
    live_es.upsert([record(1, title="Jadwal ujian dinas")])  # the first write makes an index
    first = indices_behind(live_es)
    assert len(first) == 1 and first[0].startswith(f"{live_es.alias}-")
    thread = ThreadFactory(category=category, title="Jadwal ujian dinas tingkat dua",
                           indexed=False)
    services.rebuild(engines=[live_es])
    second = indices_behind(live_es)
    assert len(second) == 1 and second != first
    assert not live_es.client.indices.exists(index=first[0])
    # The rebuilt index holds what is public now, not the stray record of the old index.
    assert keys(live_es, "ujian dinas") == {f"thread:{thread.pk}"}
    services.rebuild(engines=[live_es])
    third = indices_behind(live_es)
    assert len(third) == 1 and third != second
    assert live_es.client.indices.get(index=f"{live_es.alias}-*").body.keys() == set(third)
    assert keys(live_es, "ujian dinas") == {f"thread:{thread.pk}"}


def test_reconcile_repairs_drift_in_the_index_and_is_idempotent(live_es, category):
    kept, changed, missing = (
        ThreadFactory(category=category, title=f"Topik kearsipan nomor {n}", indexed=False)
        for n in range(3))
    services.rebuild(engines=[live_es])
    live_es.client.delete(index=live_es.alias, id=f"thread:{missing.pk}", refresh=True)
    type(changed).objects.filter(pk=changed.pk).update(title="Judul kearsipan yang diubah")
    live_es.upsert([record(999_999, title="Hantu kearsipan")])
    assert services.reconcile(engines=[live_es]) == {
        "elasticsearch": {"written": 2, "removed": 1}}
    assert keys(live_es, "kearsipan") == {f"thread:{t.pk}" for t in (kept, changed, missing)}
    assert keys(live_es, "diubah") == {f"thread:{changed.pk}"}
    assert services.reconcile(engines=[live_es]) == {
        "elasticsearch": {"written": 0, "removed": 0}}
    assert live_es.checksums() == {r.key: r.checksum for r in services.all_public_records()}


def test_office_synonyms_apply_at_search_time(live_es, category, settings, tmp_path):
    """search/synonyms.txt: "diklat, pelatihan, latihan" and the multi-word
    "asn, pns, pppk, aparatur sipil negara, ..." (expanded in Python, as the database engine
    does: search.matching), and the reader's own word ranks above a synonym."""
    diklat = ThreadFactory(category=category, title="Jadwal diklat teknis", indexed=False)
    asn = ThreadFactory(category=category, title="Tunjangan aparatur sipil negara",
                        indexed=False)
    other = ThreadFactory(category=category, title="Negara tetangga dan aparatur desa",
                          indexed=False)
    own = ThreadFactory(category=category, title="Tunjangan PNS daerah", indexed=False)
    services.rebuild(engines=[live_es])
    assert f"thread:{diklat.pk}" in keys(live_es, "pelatihan")
    # The phrase, not its loose words.
    assert keys(live_es, "pppk") == {f"thread:{asn.pk}", f"thread:{own.pk}"}
    assert f"thread:{other.pk}" not in keys(live_es, "pns")
    ranked = live_es.search(SearchQuery(terms=parse_terms("tunjangan pns")), facets=False)
    assert [h.key for h in ranked.hits] == [f"thread:{own.pk}", f"thread:{asn.pk}"]
    # The office's edit applies to the next search, without a rebuild.
    assert keys(live_es, "jiran") == set()
    edited = tmp_path / "synonyms.txt"
    edited.write_text("jiran, tetangga\n", encoding="utf-8")
    settings.SERAMBI_SEARCH_SYNONYMS_FILE = edited
    assert keys(live_es, "jiran") == {f"thread:{other.pk}"}


def test_a_document_the_node_refuses_is_reported_and_repaired(live_es, category):
    """A bulk write the node refuses in part: the others are written, the refusal is an
    EngineUnavailable naming the record and the reason, recorded for the admins, and
    reconcile writes the record once it is acceptable."""
    thread = ThreadFactory(category=category, title="Topik kepegawaian biasa", indexed=False)
    services.rebuild(engines=[live_es])
    good = record(5001, title="Catatan kepegawaian pertama")
    # A keyword longer than Lucene's 32,766-byte term limit: the node refuses the document.
    bad = record(5002, title="Catatan kepegawaian kedua", unit="u" * 40_000)
    with pytest.raises(EngineUnavailable) as refused:
        live_es.upsert([good, bad])
    assert "thread:5002" in str(refused.value)
    assert "document_parsing_exception" in str(refused.value)
    assert "field [unit]" in str(refused.value)
    assert keys(live_es, "kepegawaian") == {f"thread:{thread.pk}", "thread:5001"}

    assert services._write(live_es, upsert=[bad], delete=[]) is False
    status = EngineStatus.objects.get(engine="elasticsearch")
    assert status.needs_reconcile and "thread:5002" in status.last_error
    out = StringIO()
    call_command("search_reconcile", "--engine", "primary", stdout=out)
    assert "elasticsearch: 0 written, 1 removed" in out.getvalue()  # 5001 is not public
    assert keys(live_es, "kepegawaian") == {f"thread:{thread.pk}"}
    assert not EngineStatus.objects.get(engine="elasticsearch").needs_reconcile


def test_a_failed_rebuild_leaves_the_previous_index_in_place(live_es, category):
    thread = ThreadFactory(category=category, title="Topik kearsipan lama", indexed=False)
    services.rebuild(engines=[live_es])
    before = indices_behind(live_es)
    refused = record(6001, title="Catatan kearsipan", unit="u" * 40_000)
    with pytest.raises(EngineUnavailable):
        live_es.rebuild([record(6000, title="Catatan kearsipan baru"), refused],
                        progress=lambda _m: None)
    # The alias still serves the previous index, and no half-built index is left behind.
    assert indices_behind(live_es) == before
    assert list(live_es.client.indices.get(index=f"{live_es.alias}-*").body) == before
    assert keys(live_es, "kearsipan") == {f"thread:{thread.pk}"}



def test_writes_during_a_rebuild_reach_the_new_index(live_es):
    """A comment approved or a thread edited while `search_rebuild` runs (minutes on a
    large site) was written to the old index only, and lost at the alias swap until the
    next reconcile. Now it goes to both; the rebuild never overwrites it with the older
    version it read before."""
    live_es.upsert([record(1, title="Topik kearsipan pertama")])

    def records():
        yield record(1, title="Topik kearsipan pertama")
        # Meanwhile, on the site: a new thread, and thread 2 edited after the rebuild read it.
        live_es.upsert([record(3, title="Topik kearsipan ketiga ditambahkan")])
        live_es.upsert([record(2, title="Topik kearsipan kedua sudah direvisi")])
        yield record(2, title="Topik kearsipan kedua versi lama")

    assert live_es.rebuild(records(), progress=lambda _m: None) == 2
    assert keys(live_es, "kearsipan") == {"thread:1", "thread:2", "thread:3"}
    assert keys(live_es, "direvisi") == {"thread:2"}
    assert keys(live_es, "versi lama") == set()
    # The rebuild's own alias is gone with it.
    assert not live_es.client.indices.exists_alias(name=live_es.next_alias)


def test_writes_outside_a_rebuild_create_no_stray_index(live_es):
    live_es.upsert([record(1, title="Topik kepegawaian")])
    live_es.delete(["thread:1", "thread:99"])
    assert not live_es.client.indices.exists(index=live_es.next_alias)
    assert len(indices_behind(live_es)) == 1
    assert keys(live_es, "kepegawaian") == set()


def old_index(engine, name: str) -> None:
    """An index as the code before mapping version 2 built it (Lucene's analysis, no
    stems fields, no version), behind the alias, holding one record."""
    engine.client.indices.create(index=name, mappings={"properties": {
        "type": {"type": "keyword"}, "title": {"type": "text"}, "body": {"type": "text"},
        "language": {"type": "keyword"}, "all_languages": {"type": "boolean"},
        "date": {"type": "date"}, "checksum": {"type": "keyword"}}})
    engine.client.index(index=name, id="thread:1", refresh=True, document={
        "type": "thread", "title": "Kepemimpinan lama", "body": "", "language": "id",
        "all_languages": True, "checksum": "old"})
    engine.client.indices.put_alias(index=name, name=engine.alias)


def test_an_index_of_the_old_mapping_is_replaced_by_search_rebuild(live_es, category, client,
                                                                    settings):
    """The upgrade path of a mapping change. Until `search_rebuild`, the old index (whose
    fields the new queries do not know) is not read: the database answers and the admins
    are told why; reconcile refuses rather than write into it. Writes made meanwhile and
    during the rebuild are kept; after the swap Elasticsearch answers with the new stems."""
    settings.SERAMBI_RATE_LIMITS_ENABLED = False
    old = f"{live_es.alias}-20261204000000000000"
    old_index(live_es, old)
    thread = ThreadFactory(category=category, title="Kuota kepemimpinan pengawas")
    found = client.get("/api/search", {"q": "memimpin"}).json()
    assert found["engine"] == "database"
    assert [r["title"] for r in found["results"]] == [thread.title]
    status = EngineStatus.objects.get(engine="elasticsearch")
    assert "mapping version 1" in status.last_error and "search_rebuild" in status.last_error
    with pytest.raises(EngineUnavailable, match="search_rebuild"):
        services.reconcile(engines=[live_es])

    def records():
        yield from services.all_public_records()
        # Meanwhile, on the site: a thread written while the rebuild runs.
        live_es.upsert([record(900, title="Pemimpin rapat ditulis saat rebuild")])

    live_es.rebuild(records(), progress=lambda _m: None)
    assert not live_es.client.indices.exists(index=old)
    assert keys(live_es, "memimpin") == {f"thread:{thread.pk}", "thread:900"}
    found = client.get("/api/search", {"q": "memimpin"}).json()
    assert found["engine"] == "elasticsearch" and found["total"] == 2
    assert services.reconcile(engines=[live_es]) == {
        "elasticsearch": {"written": 0, "removed": 1}}  # thread 900 is not on the site
