"""The behavioural suite, once, against every engine available (see conftest.engine):
stemming, title boost, facets, visibility, removal after a page or thread stops being
public. Everything goes through the public API a visitor or integrator uses."""

import pytest
from django.db import transaction

from discussions.models import Thread
from discussions.search_records import thread_changed
from discussions.threads import selectors as forum_selectors
from tests.conftest import make_home_page, make_unit_a, make_unit_b
from tests.discussions.conftest import make_category, make_category_b
from tests.publications.conftest import make_area, make_tree

from .conftest import fresh, index_everything, make_corpus, refresh, stems

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(module_db):
    """The corpus (see conftest.corpus), its units and categories, built once for the
    module. Building it writes to no engine (threads unindexed, pages indexed after a
    commit that never comes); each test indexes it into its own engine and runs in its
    own savepoint."""
    unit_a, unit_b = make_unit_a(), make_unit_b()
    category, category_b = make_category(unit_a), make_category_b(unit_b)
    corpus = make_corpus(make_tree(make_home_page()), make_area(), unit_a, unit_b,
                         category, category_b)
    return {"unit_a": unit_a, "unit_b": unit_b, "category": category, "corpus": corpus}


# Each test reads the module's objects afresh from the database (fresh): a test that
# unpublishes or deletes a page changes only its own copies.
@pytest.fixture
def corpus(world, db):
    return fresh(world["corpus"])


@pytest.fixture
def unit_a(world, db):
    return fresh(world["unit_a"])


@pytest.fixture
def unit_b(world, db):
    return fresh(world["unit_b"])


@pytest.fixture
def category(world, db):
    return fresh(world["category"])


def api(client, **params):
    response = client.get("/api/search", params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data) -> list[str]:
    return [r["title"] for r in data["results"]]


def test_finds_every_type_by_its_words(client, engine, corpus):
    index_everything(engine)
    data = api(client, q="pelatihan kepemimpinan")
    types = {r["type"] for r in data["results"]}
    assert {"program", "outcome"} <= types
    assert "Pelatihan Kepemimpinan Administrator Angkatan I" in titles(data)
    assert api(client, q="renstra")["results"][0]["type"] == "dip"
    assert api(client, q="rinciannya")["results"][0]["type"] == "thread"
    answer = api(client, q="dimuat semester", type="answer")["results"]
    assert [r["id"] for r in answer] == [corpus["answer"].pk]
    assert answer[0]["url"].endswith(f"#jawaban-resmi-{corpus['answer'].pk}")


def test_stemmed_words_find_their_root(client, engine, corpus):
    index_everything(engine)
    assert stems(engine)
    assert "Gerakan literasi ASN" in titles(api(client, q="membaca"))  # baca
    assert "Latih tanding penyusunan anggaran" in titles(api(client, q="pelatihan"))  # latih


def test_title_matches_rank_above_body_matches(client, engine, corpus):
    index_everything(engine)
    data = api(client, q="anggaran", type="thread")
    assert titles(data)[:2] == ["Realisasi anggaran pelatihan daerah",
                                "Pertanyaan umum tentang kantor"]


def test_highlights_are_marked_and_text_escaped(client, engine, corpus, category):
    from tests.discussions.factories import ThreadFactory

    ThreadFactory(category=category, title="Kenapa <script>alert(1)</script> muncul?",
                  body="Tulisan <b>tebal</b> dan kata kunci zebra.", indexed=False)
    index_everything(engine)
    hit = api(client, q="zebra")["results"][0]
    assert "<mark>zebra</mark>" in hit["snippet_html"]
    assert "<script>" not in hit["title_html"] and "&lt;script&gt;" in hit["title_html"]
    page = client.get("/cari/", {"q": "zebra"}).content.decode()
    assert "<mark>zebra</mark>" in page and "<script>alert" not in page


def test_facets_count_and_narrow(client, engine, corpus, unit_a, unit_b):
    index_everything(engine)
    data = api(client, q="anggaran")
    units = {v["value"]: v["count"] for v in data["facets"]["unit"]}
    assert units[unit_a.slug] >= 2 and units[unit_b.slug] == 1
    narrowed = api(client, q="anggaran", unit=unit_b.slug)
    assert titles(narrowed) == ["Latih tanding penyusunan anggaran"]
    assert {r["unit"] for r in narrowed["results"]} == {unit_b.name}
    # The unit facet still offers the other unit (a choice can be widened again).
    offered = {v["value"]: v for v in narrowed["facets"]["unit"]}
    assert offered[unit_a.slug]["count"] == units[unit_a.slug]
    assert offered[unit_b.slug]["selected"] is True
    # The other facets count only what is left.
    assert {v["value"]: v["count"] for v in narrowed["facets"]["type"]} == {"program": 1}
    types = {v["value"]: v["count"] for v in data["facets"]["type"]}
    assert types["thread"] == 2 and types["answer"] == 1
    assert {v["value"] for v in data["facets"]["year"]} == {"2025", "2026"}
    assert titles(api(client, q="anggaran", year="2025")) == ["Latih tanding penyusunan anggaran"]
    answered = api(client, q="anggaran", answered="yes", type="thread")
    assert titles(answered) == ["Realisasi anggaran pelatihan daerah"]
    both = api(client, q="anggaran", type=["thread", "program"])
    assert {r["type"] for r in both["results"]} == {"thread", "program"}


def test_unknown_facet_values_are_ignored(client, engine, corpus):
    index_everything(engine)
    everything = api(client, q="pelatihan")["total"]
    assert api(client, q="pelatihan", unit="tidak-ada")["total"] == everything
    assert api(client, q="pelatihan", type="bogus", colour="red")["total"] == everything
    assert api(client, q="pelatihan", year="abc", answered="maybe")["total"] == everything


def test_sort_newest(client, engine, corpus):
    index_everything(engine)
    dates = [r["date"] for r in api(client, q="pelatihan", sort="newest")["results"]]
    assert dates == sorted(dates, reverse=True)


def test_hidden_content_is_never_found(client, engine, corpus):
    index_everything(engine)
    assert api(client, q="rahasiadraf")["total"] == 0
    assert api(client, q="rahasiaprivat")["total"] == 0


def test_unpublished_page_leaves_the_index(client, engine, corpus,
                                          django_capture_on_commit_callbacks):
    index_everything(engine)
    assert api(client, q="literasi")["total"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        corpus["news"].unpublish()
    refresh(engine)
    assert api(client, q="literasi")["total"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        corpus["news"].save_revision().publish()
    refresh(engine)
    assert api(client, q="literasi")["total"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        corpus["news"].delete()
    refresh(engine)
    assert api(client, q="literasi")["total"] == 0


def test_restricting_a_page_removes_it(client, engine, corpus, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    index_everything(engine)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=corpus["programs"]["latih"],
                                           restriction_type="login")
    refresh(engine)
    assert api(client, q="tanding")["total"] == 0


def test_hidden_thread_and_its_answers_leave_the_index(client, engine, corpus, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    """Moderation hides threads by narrowing threads_public(); the next change to the
    thread takes it, and its answers, out of every engine."""
    index_everything(engine)
    thread = corpus["threads"]["title"]
    assert {r["type"] for r in api(client, q="realisasi")["results"]} == {"thread", "answer"}
    visible = forum_selectors.threads_public
    monkeypatch.setattr(forum_selectors, "threads_public",
                        lambda: visible().exclude(pk=thread.pk))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(title=thread.title)  # the hiding write
        thread_changed(thread.pk)
    refresh(engine)
    assert api(client, q="realisasi")["total"] == 0


def test_thread_written_through_services_is_found(client, engine, corpus, citizen, category,
                                                  django_capture_on_commit_callbacks):
    from discussions.threads.services import thread_create

    index_everything(engine)
    with django_capture_on_commit_callbacks(execute=True):
        thread_create(author=citizen, title="Jadwal ujian dinas kenaikan pangkat",
                      body="Kapan ujian dinas tingkat satu?", kind="question",
                      category=category)
    refresh(engine)
    assert titles(api(client, q="ujian dinas")) == ["Jadwal ujian dinas kenaikan pangkat"]


def test_autocomplete_suggests_title_prefixes(client, engine, corpus):
    index_everything(engine)
    data = client.get("/api/search/suggest", {"q": "pelatihan kepem"}).json()
    assert "Pelatihan Kepemimpinan Administrator Angkatan I" in [
        s["title"] for s in data["suggestions"]]
    assert client.get("/api/search/suggest", {"q": '"*:~\\'}).json() == {"suggestions": []}


def test_duplicate_check_uses_search(engine, corpus):
    similar = forum_selectors.similar_threads(title="Kapan realisasi anggaran dibuka?")
    assert similar == []  # nothing indexed yet: search is the source of the check
    index_everything(engine)
    similar = forum_selectors.similar_threads(title="Kapan realisasi anggaran dibuka?")
    assert similar[0] == corpus["threads"]["title"]
