"""search_rebuild, search_reconcile (idempotent, with progress) and search_optimise. The
demo site's index is searched in tests/core/test_demo_site.py."""

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


def test_optimise_keeps_every_record_findable(category, client):
    for n in range(3):
        ThreadFactory(category=category, title=f"Topik pelatihan nomor {n}", indexed=False)
    run("search_rebuild")  # ends with the optimisation
    output = run("search_optimise")
    assert "table reorganised in date order" in output and "optimised: database" in output
    assert SearchEntry.objects.count() == 3
    data = client.get("/api/search", {"q": "topik"}).json()
    assert data["total"] == 3
