"""Search fixtures: the engines to run the behavioural suite against, and a corpus.

`engine` is parametrised over every engine available here: the database engine (SQLite
FTS5 or PostgreSQL, whichever DATABASE_URL gives) always, Elasticsearch only when
ELASTICSEARCH_URL is set (each live test uses its own alias, deleted afterwards)."""

import datetime as dt
import os
import uuid

import pytest
from wagtail.models import PageViewRestriction

from search import engines
from search.services import rebuild
from tests.discussions.conftest import (  # noqa: F401 - fixtures
    category,
    category_b,
    commit_after_requests,
    established_users,
    outcome,
    thread,
)
from tests.discussions.factories import CategoryFactory, OfficialAnswerFactory, ThreadFactory
from tests.publications import factories as f
from tests.publications.conftest import area, other_area, tree  # noqa: F401 - fixtures

ES_SKIP = "ELASTICSEARCH_URL is not set: the live Elasticsearch engine suite is skipped"


@pytest.fixture(params=["database", pytest.param("elasticsearch",
                                                 marks=pytest.mark.elasticsearch)])
def engine(request, settings, db):
    if request.param == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL", "")
        if not url:
            pytest.skip(ES_SKIP)
        settings.ELASTICSEARCH_URL = url
        settings.SERAMBI_SEARCH_INDEX = f"serambi-test-{uuid.uuid4().hex[:10]}"
    settings.SERAMBI_SEARCH_ENGINE = request.param
    engines.reset()
    engine = engines.primary_engine()
    yield engine
    if request.param == "elasticsearch":
        engine.client.indices.delete(index=f"{settings.SERAMBI_SEARCH_INDEX}-*",
                                     ignore_unavailable=True)
    engines.reset()


@pytest.fixture
def live_es(settings, db):
    """The Elasticsearch engine on the live node (ELASTICSEARCH_URL), as the primary engine,
    with an alias of its own (deleted afterwards). Skips without ELASTICSEARCH_URL."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.skip(ES_SKIP)
    settings.ELASTICSEARCH_URL = url
    settings.SERAMBI_SEARCH_INDEX = f"serambi-test-{uuid.uuid4().hex[:10]}"
    settings.SERAMBI_SEARCH_ENGINE = "elasticsearch"
    engines.reset()
    engine = engines.primary_engine()
    yield engine
    try:
        engine.client.indices.delete(index=f"{settings.SERAMBI_SEARCH_INDEX}-*",
                                     ignore_unavailable=True)
    finally:
        engines.reset()


def stems(engine) -> bool:
    """Every engine stems Indonesian (the database engine with Sastrawi on SQLite and
    PostgreSQL alike, issue 19)."""
    return True


def refresh(engine) -> None:
    if engine.name == "elasticsearch":
        engine.client.indices.refresh(index=engine.alias)


def index_everything(engine) -> None:
    rebuild(engines=engines.write_engines())
    refresh(engine)


@pytest.fixture
def corpus(tree, area, unit_a, unit_b, category, category_b):  # noqa: F811
    """Programs, an outcome, news, a report, the DIP, threads and answers, some hidden."""
    return make_corpus(tree, area, unit_a, unit_b, category, category_b)


def fresh(value):
    """`value` (a model instance, or dicts of them) read again from the database: for data
    built once per module, so that what one test changed in memory (an unpublished or
    deleted page) never reaches the next."""
    from django.db import models

    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    return value


def make_corpus(tree, area, unit_a, unit_b, category, category_b):  # noqa: F811
    """What `corpus` builds, for fixtures of a wider scope (see module_db)."""
    from tests.publications.factories import PublicInformationEntryFactory

    programs = {
        "pka": f.publish(f.program_page(
            title="Pelatihan Kepemimpinan Administrator Angkatan I", slug="pka-1",
            summary="Empat bulan pelatihan kepemimpinan bagi pejabat administrator.",
            area=area, organiser=unit_a, start_date=dt.date(2026, 3, 2),
        ), parent=tree.programs),
        "latih": f.publish(f.program_page(
            title="Latih tanding penyusunan anggaran", slug="latih-anggaran",
            summary="Sesi praktik menyusun rencana kerja dan anggaran unit.",
            area=area, organiser=unit_b, start_date=dt.date(2025, 5, 5),
        ), parent=tree.programs),
    }
    outcome_page = f.publish(f.outcome_page(
        title="Proyek perubahan alumni kepemimpinan tetap berjalan", slug="proyek-perubahan",
        summary="Enam bulan setelah pelatihan, proyek perubahan masih berjalan.",
        programs=[programs["pka"]], indicators=1,
    ), parent=tree.outcomes)
    news = f.publish(f.news_page(
        title="Gerakan literasi ASN", slug="literasi",
        summary="Ayo baca buku di pojok perpustakaan kantor setiap Jumat.",
    ), parent=tree.news)
    report = f.publish(f.report_page(
        title="Laporan kinerja semester", slug="laporan-kinerja", unit=unit_a,
        summary="Ringkasan capaian kinerja kantor.",
    ), parent=tree.reports)
    draft = f.add_draft(f.program_page(
        title="Program rahasiadraf", slug="rahasia-draf", area=area,
    ), parent=tree.programs)
    private = f.publish(f.program_page(
        title="Program rahasiaprivat", slug="rahasia-privat", area=area,
    ), parent=tree.programs)
    PageViewRestriction.objects.create(page=private, restriction_type="password",
                                       password="rahasia")
    entry = PublicInformationEntryFactory(
        title="Rencana strategis kantor 2025-2029", description="Dokumen renstra.",
        responsible_unit=unit_a,
    )
    threads = {
        "title": ThreadFactory(
            category=category, title="Realisasi anggaran pelatihan daerah",
            body="Mohon rinciannya.", indexed=False,
        ),
        "body": ThreadFactory(
            category=category, title="Pertanyaan umum tentang kantor",
            body="Apakah ada laporan tentang anggaran tahun lalu?", indexed=False,
        ),
        "other_unit": ThreadFactory(
            category=category_b, title="Antrean layanan kesehatan pelatihan kader",
            body="Pelatihan kader posyandu.", indexed=False,
        ),
    }
    answer = OfficialAnswerFactory(
        thread=threads["title"], body="Realisasi anggaran pelatihan dimuat di laporan semester.",
    )
    threads["title"].answers_count = 1
    threads["title"].save(update_fields=["answers_count"])
    return {"programs": programs, "outcome": outcome_page, "news": news, "report": report,
            "draft": draft, "private": private, "entry": entry, "threads": threads,
            "answer": answer}


__all__ = ["CategoryFactory", "fresh", "index_everything", "make_corpus", "refresh", "stems"]
