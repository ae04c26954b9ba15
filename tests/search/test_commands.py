"""search_rebuild, search_reconcile (idempotent, with progress) and the demo index."""

from io import StringIO

import pytest
from django.core.management import call_command

from search.models import SearchEntry
from tests.discussions.factories import ThreadFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_rebuild_indexes_every_public_record(category):
    for n in range(3):
        ThreadFactory(category=category, title=f"Topik pelatihan nomor {n}", indexed=False)
    assert SearchEntry.objects.count() == 0
    output = run("search_rebuild")
    assert "database: 3 records indexed" in output
    assert SearchEntry.objects.filter(record_type="thread").count() == 3


def test_reconcile_repairs_drift_and_is_idempotent(category):
    kept, changed, missing = (
        ThreadFactory(category=category, title=f"Topik pelatihan nomor {n}") for n in range(3)
    )
    SearchEntry.objects.filter(key=f"thread:{missing.pk}").delete()
    type(changed).objects.filter(pk=changed.pk).update(title="Judul yang sudah diubah")
    SearchEntry.objects.create(key="thread:999999", record_type="thread", record_id=999999,
                               url="/forum/999999/", title="Hantu", checksum="x")
    output = run("search_reconcile")
    assert "3 public, 2 to write, 1 to remove" in output
    assert "database: 2 written, 1 removed" in output
    assert set(SearchEntry.objects.values_list("record_id", flat=True)) == {
        kept.pk, changed.pk, missing.pk}
    assert SearchEntry.objects.get(record_id=changed.pk).title == "Judul yang sudah diubah"
    assert "database: 0 written, 0 removed" in run("search_reconcile")


@pytest.mark.slow(reason="builds the whole demo site (seed_demo: 7-9 s of CPU, and growing)")
def test_demo_site_finds_leadership_training_everywhere(client):
    """Done means: "pelatihan kepemimpinan" on the demo site shows programs, outcomes,
    threads and answers with highlights and facet counts, and narrows by unit."""
    call_command("seed_demo", stdout=StringIO())
    data = client.get("/api/search", {"q": "pelatihan kepemimpinan"}).json()
    types = {v["value"]: v["count"] for v in data["facets"]["type"]}
    assert {"program", "outcome", "thread", "answer"} <= set(types)
    assert any("<mark>" in r["snippet_html"] for r in data["results"])
    unit = data["facets"]["unit"][0]
    narrowed = client.get("/api/search", {"q": "pelatihan kepemimpinan",
                                          "unit": unit["value"]}).json()
    assert narrowed["total"] == unit["count"]
    assert {r["unit"] for r in narrowed["results"]} == {unit["label"]}
    page = client.get("/cari/", {"q": "pelatihan kepemimpinan"}).content.decode()
    assert "<mark>" in page and "Topik forum" in page and "Capaian" in page
    # The demo comments are indexed too (approved only; the masked phone number, never the
    # number itself).
    comments = client.get("/api/search", {"q": "kabupaten", "type": "comment"}).json()
    assert comments["total"] >= 1
    masked = client.get("/api/search", {"q": "panitia", "type": "comment"}).json()["results"]
    assert masked and "0812" not in masked[0]["snippet_html"]


def test_optimise_keeps_every_record_findable(category, client):
    for n in range(3):
        ThreadFactory(category=category, title=f"Topik pelatihan nomor {n}", indexed=False)
    run("search_rebuild")  # ends with the optimisation
    output = run("search_optimise")
    assert "table reorganised in date order" in output and "optimised: database" in output
    assert SearchEntry.objects.count() == 3
    data = client.get("/api/search", {"q": "topik"}).json()
    assert data["total"] == 3
