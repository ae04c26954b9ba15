"""Detail and section pages over HTTP, in both languages."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.models import OutcomeIndicator
from tests.publications import factories as f
from tests.publications.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint."""
    return fresh(module_tree)

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(html)]


def meta(html: str, prop: str) -> str | None:
    match = re.search(rf'<meta property="{re.escape(prop)}" content="([^"]*)"', html)
    return match.group(1) if match else None


@pytest.fixture
def program(tree, area, unit_a):
    partner = f.PartnerInstitutionFactory(name="Universitas Sulawesi Barat", slug="unsulbar",
                                          city="Majene")
    return f.publish(f.program_page(
        title="Pelatihan Manajemen Proyek Gedung Layanan", area=area, organiser=unit_a,
        partners=[partner], capacity=25, participants=24,
        budget_planned=Decimal("1250000"), budget_spent=Decimal("1150000"),
        start_date=dt.date(2026, 11, 27), end_date=dt.date(2026, 11, 28),
        summary="Lima hari pelatihan penjadwalan & pengendalian biaya </script>.",
    ), parent=tree.programs)


@pytest.fixture
def outcome(tree, program):
    page = f.outcome_page(
        title="MPP selesai lebih cepat", programs=[program],
        planned_end=dt.date(2026, 10, 30), actual_end=dt.date(2026, 10, 9),
        budget_planned=Decimal("4850000000"), budget_actual=Decimal("4462000000"),
    )
    page.indicators = [OutcomeIndicator(
        name="Waktu tunggu layanan", unit_of_measure="menit", baseline=Decimal(95),
        target=Decimal(30), actual=Decimal("37.5"), measured_on=dt.date(2026, 11, 16),
        source="Survei DPMPTSP",
    )]
    return f.publish(page, parent=tree.outcomes)


def test_program_page_shows_facts_in_indonesian_format(client, program, outcome):
    response = client.get("/program/" + program.slug + "/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "27 November 2026" in html
    assert "Rp\u00a01.250.000" in html and "Rp\u00a01.150.000" in html
    assert "8% di bawah anggaran" in html or "8%" in html
    assert "24 dari 25 kuota (96%)" in html
    assert "Universitas Sulawesi Barat, Majene" in html
    assert outcome.title in html  # programs show their outcomes
    assert "Manajemen Proyek" in html and "Selesai" in html


def test_program_page_breadcrumbs_and_open_graph(client, program):
    html = client.get(program.url).content.decode()
    breadcrumbs = html[html.index('class="breadcrumbs"'):html.index("</nav>",
                                                                     html.index("breadcrumbs"))]
    assert 'href="/"' in breadcrumbs and 'href="/program/"' in breadcrumbs
    assert 'aria-current="page">Pelatihan Manajemen Proyek Gedung Layanan' in breadcrumbs
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:title") == program.title
    assert meta(html, "og:description").startswith("Lima hari pelatihan")


def test_program_page_json_ld_is_an_event_and_cannot_break_out(client, program):
    html = client.get(program.url).content.decode()
    (data,) = json_ld(html)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2026-11-27" and data["endDate"] == "2026-11-28"
    assert data["location"]["name"] == "Aula BKPSDM Mamuju"
    assert data["organizer"]["name"] == "Badan Kepegawaian dan Pengembangan SDM"
    assert data["description"].endswith("</script>.")  # decoded intact…
    assert html.count("</script>.") == 0  # …but escaped in the page


def test_outcome_page_computes_progress_and_variance(client, outcome, program):
    html = client.get(outcome.url).content.decode()
    # (95 - 37.5) / (95 - 30) = 88.5 %
    assert "88,5%" in html
    assert "21 hari lebih cepat" in html
    assert "8% di bawah anggaran" in html
    assert "Rp\u00a0388.000.000" in html
    assert program.title in html  # outcomes show their programs
    (data,) = json_ld(html)
    assert data["@type"] == "Report"


def test_outcome_and_program_pages_render_in_english(client, tree, program, outcome):
    program_en = f.translate_program(program, title="Project management for service buildings")
    outcome_en = outcome.copy_for_translation(tree.outcomes_en.locale)
    outcome_en.title = "Service mall finished early"
    outcome_en.save_revision().publish()

    response = client.get("/en/programs/" + program.slug + "/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "27 November 2026" in html and "Rp\u00a01,250,000" in html
    assert "Service mall finished early" in html  # the outcome, in English
    assert '<link rel="alternate" hreflang="id"' in html
    assert json_ld(html)[0]["inLanguage"] == "en"

    html = client.get("/en/outcomes/" + outcome.slug + "/").content.decode()
    assert "21 days early" in html and "8% under budget" in html and "88.5%" in html
    assert program_en.title in html  # linked to the Indonesian program, shown in English
    assert program.title not in html


def test_program_page_has_a_discussion_slot(client, program, settings, tmp_path):
    slot = tmp_path / "discussions" / "includes"
    slot.mkdir(parents=True)
    (slot / "page_discussion.html").write_text(
        '<section id="diskusikan">Diskusikan {{ page.title }}</section>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0],
                           "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    html = client.get(program.url).content.decode()
    assert f'<section id="diskusikan">Diskusikan {program.title}</section>' in html


def test_news_page_has_tags_and_news_article_json_ld(client, tree):
    news = f.news_page(title="MPP Mamuju rampung lebih cepat")
    news.tags.add("mpp", "manajemen proyek")
    news = f.publish(news, parent=tree.news)
    html = client.get(news.url).content.decode()
    assert json_ld(html)[0]["@type"] == "NewsArticle"
    assert 'href="/berita/?tag=mpp"' in html
    tagged = client.get("/berita/?tag=mpp")
    assert [p.pk for p in tagged.context["items"]] == [news.pk]
    assert list(client.get("/berita/?tag=lain").context["items"]) == []
    assert client.get("/berita/?tag=%%%").status_code == 200


def test_report_page_renders(client, tree, unit_a):
    report = f.publish(f.report_page(title="Laporan Kinerja 2026", unit=unit_a),
                       parent=tree.reports)
    html = client.get(report.url).content.decode()
    assert json_ld(html)[0]["@type"] == "Report"
    assert "30 Juni 2026" in html and "Semester I 2026" in html
    assert report.title in client.get("/laporan/").content.decode()


def test_partners_page_lists_partners_with_their_public_programs(client, tree, area):
    partner = f.PartnerInstitutionFactory(name="Universitas Tomakaka",
                                          mou_signed_on=dt.date(2025, 8, 4))
    shown = f.publish(f.program_page(title="Riset KTP-el", area=area, partners=[partner]),
                      parent=tree.programs)
    f.add_draft(f.program_page(title="Rahasia", area=area, partners=[partner]),
                parent=tree.programs)
    html = client.get("/mitra/").content.decode()
    assert "Universitas Tomakaka" in html and "4 Agustus 2025" in html
    assert shown.title in html and "Rahasia" not in html


def test_public_information_page_groups_entries_and_never_links_exempt_items(client, tree):
    f.PublicInformationEntryFactory(title="Laporan keuangan", category="berkala")
    f.PublicInformationEntryFactory(
        title="Data pribadi peserta", category="dikecualikan",
        exemption_reason="UU 14/2008 Pasal 17 huruf h",
    )
    html = client.get("/informasi-publik/").content.decode()
    assert html.index("Laporan keuangan") < html.index("Data pribadi peserta")
    assert "UU 14/2008 Pasal 17 huruf h" in html


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_program_page_queries_do_not_grow_with_partners_or_outcomes(
    client, tree, area, django_assert_max_num_queries
):
    page = f.publish(f.program_page(area=area,
                                    partners=f.PartnerInstitutionFactory.create_batch(1)),
                     parent=tree.programs)
    f.publish(f.outcome_page(programs=[page], indicators=1), parent=tree.outcomes)
    client.get(page.url)
    small = _count(client, page.url)
    page.partners = f.PartnerInstitutionFactory.create_batch(12)
    page.save_revision().publish()
    for _ in range(8):
        f.publish(f.outcome_page(programs=[page], indicators=3), parent=tree.outcomes)
    client.get(page.url)  # publishing empties the site and locale cache: refill it
    with django_assert_max_num_queries(small):
        assert client.get(page.url).status_code == 200
    assert small <= 10  # issue 20: an anonymous page


def test_outcome_page_queries_do_not_grow_with_indicators_or_programs(
    client, tree, area, django_assert_max_num_queries
):
    programs = [f.publish(f.program_page(area=area), parent=tree.programs) for _ in range(8)]
    small_page = f.publish(f.outcome_page(programs=programs[:1], indicators=1),
                           parent=tree.outcomes)
    big_page = f.publish(f.outcome_page(programs=programs, indicators=25),
                         parent=tree.outcomes)
    client.get(small_page.url)
    small = _count(client, small_page.url)
    with django_assert_max_num_queries(small):
        assert client.get(big_page.url).status_code == 200
    assert small <= 10  # issue 20: an anonymous page


def test_home_page_context_has_latest_items_and_key_figures(client, tree, area):
    for n in range(4):
        f.publish(f.program_page(area=area, title=f"Program {n}",
                                 start_date=dt.date(2026, 1, 1 + n), participants=10),
                  parent=tree.programs)
    f.publish(f.outcome_page(indicators=1), parent=tree.outcomes)
    response = client.get("/")
    assert response.status_code == 200
    assert [p.title for p in response.context["latest_programs"]] == [
        "Program 3", "Program 2", "Program 1"]
    assert len(response.context["latest_outcomes"]) == 1
    figures = response.context["key_figures"]
    assert figures["programs_total"] == 4 and figures["participants_total"] == 40
    assert figures["outcomes_achieved"] == 1
    english = client.get("/en/")
    assert english.context["latest_programs"] == []  # no English programs yet
    # Each language counts what its own lists show (issue 18): nothing is translated yet.
    english_figures = english.context["key_figures"]
    assert english_figures["programs_total"] == english_figures["outcomes_total"] == 0
