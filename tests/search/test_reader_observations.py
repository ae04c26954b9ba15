"""The five things a reader saw on the demo (issue 19), each as a test over HTTP on every
engine (the database, SQLite or PostgreSQL as DATABASE_URL gives, and Elasticsearch on
a live node with ELASTICSEARCH_URL): stemming, relevance, facets, dates in the site's
time zone, a comment's status following its thread, and "did you mean" for a typo."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from discussions.models import Comment
from tests.discussions.comment_support import post_comment
from tests.discussions.factories import ThreadFactory

from .conftest import index_everything, refresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def api(client, **params) -> dict:
    return client.get("/api/search", params).json()


def titles(data) -> list[str]:
    return [r["title"] for r in data["results"]]


@pytest.mark.parametrize("word", ["melatih", "latih", "dilatih", "pelatihan"])
def test_affixed_forms_find_the_same_records(client, engine, category, word):
    """Seen: melatih, latih, dilatih returned 0 on SQLite while pelatihan records exist."""
    ThreadFactory(category=category, title="Jadwal pelatihan pengadaan barang", body="Kapan?",
                  indexed=False)
    ThreadFactory(category=category, title="Dokumen ijazah perlu dilegalisir?", body="Tanya.",
                  indexed=False)
    index_everything(engine)
    assert titles(api(client, q=word)) == ["Jadwal pelatihan pengadaan barang"]


@pytest.mark.parametrize("word", ["melegalisir", "legalisir", "dilegalisir"])
def test_legalisir_in_every_form(client, engine, category, word):
    ThreadFactory(category=category, title="Dokumen ijazah perlu dilegalisir?", body="Tanya.",
                  indexed=False)
    index_everything(engine)
    assert titles(api(client, q=word)) == ["Dokumen ijazah perlu dilegalisir?"]


def test_memimpin_meets_kepemimpinan_and_the_word_is_highlighted(client, engine, category):
    """Seen on PostgreSQL: memimpin found 1 record against 15 for kepemimpinan (and on
    Elasticsearch, whose Lucene stemmer left "memimpin", until it indexed Sastrawi's
    stems too)."""
    ThreadFactory(category=category, title="Kuota pelatihan kepemimpinan pengawas",
                  body="Siapa yang memimpin kelas?", indexed=False)
    ThreadFactory(category=category, title="Kepemimpinan di kecamatan", body="Tanya.",
                  indexed=False)
    index_everything(engine)
    found = api(client, q="memimpin")
    assert sorted(titles(found)) == ["Kepemimpinan di kecamatan",
                                     "Kuota pelatihan kepemimpinan pengawas"]
    assert "<mark>kepemimpinan</mark>" in found["results"][0]["title_html"].lower()


def test_synonyms_of_the_office_vocabulary(client, engine, category):
    """ASN, PNS and PPPK are one reader's word (search/synonyms.txt)."""
    ThreadFactory(category=category, title="Hak cuti PPPK guru", body="Tanya.", indexed=False)
    index_everything(engine)
    assert titles(api(client, q="asn cuti")) == ["Hak cuti PPPK guru"]


def test_dates_are_the_sites_days_not_utcs(client, engine, category):
    """Seen: thread #52, opened 5 December 01:06 WITA, showed as 4 December."""
    opened = dt.datetime(2026, 12, 5, 1, 6, tzinfo=WITA)
    ThreadFactory(category=category, title="Antrean zamrud di loket", body="Lama.",
                  created_at=opened, indexed=False)
    index_everything(engine)
    data = api(client, q="zamrud")
    assert data["results"][0]["date"] == "2026-12-05"
    page = client.get("/cari/", {"q": "zamrud"}).content.decode()
    assert "5 Des" in page or "5 Desember" in page or "05" in page


def test_a_comment_result_follows_its_threads_status(
        client, engine, thread, citizen_client, moderator_client):
    """Seen: comment results still said "Terbuka" after their thread was resolved."""
    index_everything(engine)
    post_comment(citizen_client, thread, "Apakah kuota safir masih tersedia?")
    comment = Comment.objects.get()
    if comment.status != "approved":
        moderator_client.post(reverse("discussions_admin:moderation_queue"),
                              {"action": "approve", "comments": [comment.pk]})
    refresh(engine)
    hit = api(client, q="safir", type="comment")["results"][0]
    assert hit["status"] == "Terbuka"
    response = moderator_client.post(
        reverse("discussions:thread_close", args=[thread.pk]),
        {"reason_kind": "off_topic", "reason": "Bukan tentang layanan pemerintah."},
    )
    assert response.status_code in (200, 302)
    thread.refresh_from_db()
    assert thread.status == "closed"
    refresh(engine)
    hit = api(client, q="safir", type="comment")["results"][0]
    assert hit["status"] == "Ditutup"


def approve_all(moderator_client):
    pending = list(Comment.objects.filter(status="pending").values_list("pk", flat=True))
    if pending:
        moderator_client.post(reverse("discussions_admin:moderation_queue"),
                              {"action": "approve", "comments": pending})


def test_programmes_lead_and_a_threads_comments_are_one_result(
        client, engine, corpus, citizen_client, moderator_client):
    """Seen: page 1 for "pelatihan" held threads and comments, the same thread's title
    three times through its comments, and no programme (on every engine: Elasticsearch
    weighs types with a function_score and collapses on collapse_key)."""
    thread = corpus["threads"]["title"]
    index_everything(engine)
    for text in ("Kapan kepemimpinan dibuka lagi?", "Kepemimpinan itu penting sekali.",
                 "Saya ingin ikut kepemimpinan juga."):
        post_comment(citizen_client, thread, text)
    approve_all(moderator_client)
    assert Comment.objects.filter(status="approved").count() == 3
    refresh(engine)
    data = api(client, q="kepemimpinan")
    types = [r["type"] for r in data["results"]]
    assert types[0] == "program"
    comments = [r for r in data["results"] if r["type"] == "comment"]
    assert len(comments) == 1 and comments[0]["matches"] == 3
    assert types.index("comment") > types.index("outcome")
    assert [r["title"] for r in data["results"]].count(thread.title) == 1
    page = client.get("/cari/", {"q": "kepemimpinan"}).content.decode()
    assert "3 komentar cocok" in page


def test_facets_mean_one_thing_each(client, engine, corpus):
    """Seen: "Status" listed Selesai twice; "Kategori" mixed forum topics, programme
    formats and information classes."""
    index_everything(engine)
    everything = api(client, q="pelatihan")
    assert "status" not in everything["facets"] and "category" not in everything["facets"]
    page = client.get("/cari/", {"q": "pelatihan"}).content.decode()
    assert "<legend>Status</legend>" not in page and "<legend>Kategori</legend>" not in page
    threads = client.get("/cari/", {"q": "pelatihan", "type": "thread"}).content.decode()
    assert "<legend>Status topik</legend>" in threads
    assert "<legend>Kategori forum</legend>" in threads
    programs = client.get("/cari/", {"q": "pelatihan", "type": "program"}).content.decode()
    assert "<legend>Status program</legend>" in programs
    assert "Kategori forum" not in programs
    statuses = api(client, q="pelatihan", type="thread")["facets"]["status"]
    labels = [v["label"] for v in statuses]
    assert len(labels) == len(set(labels))


def test_a_typo_gets_a_suggestion_one_click_away(client, engine, category):
    """Seen: "pensuin" gave 0 results with no suggestion."""
    ThreadFactory(category=category, title="Kapan data SIASN untuk pensiun diperbarui?",
                  body="Tanggal lahir salah.", indexed=False)
    index_everything(engine)
    data = api(client, q="pensuin")
    assert data["total"] == 0
    assert data["suggestion"]["query"] == "pensiun"
    followed = client.get(data["suggestion"]["url"].replace("/cari/", "/api/search")).json()
    assert titles(followed) == ["Kapan data SIASN untuk pensiun diperbarui?"]
    page = client.get("/cari/", {"q": "pensuin <>&"}).content.decode()
    assert "Maksud Anda:" in page and 'href="/cari/?q=pensiun"' in page
    assert "pensuin <>&" not in page and "pensuin &lt;&gt;&amp;" in page
    # A word the index knows gets no suggestion.
    assert api(client, q="pensiun")["suggestion"] is None
