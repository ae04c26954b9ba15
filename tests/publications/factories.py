"""Factories for publications. Pages are built the Wagtail way (parent.add_child, then a
published revision) since wagtail_factories is not used here."""

import datetime as dt
from decimal import Decimal

import factory
from wagtail.models import Locale

from publications.models import (
    CompetencyArea,
    NewsIndexPage,
    NewsPage,
    OutcomeIndexPage,
    OutcomeIndicator,
    OutcomePage,
    OutcomeProgram,
    PartnerInstitution,
    PartnersPage,
    PublicInformationEntry,
    PublicInformationPage,
    ReportIndexPage,
    ReportPage,
    TrainingProgramIndexPage,
    TrainingProgramPage,
)
from tests.accounts.factories import UnitFactory


class CompetencyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetencyArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Bidang Kompetensi {n}")
    name_en = factory.Sequence(lambda n: f"Competency area {n}")
    slug = factory.Sequence(lambda n: f"bidang-{n}")

class PartnerInstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerInstitution
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Universitas Contoh {n}")
    slug = factory.Sequence(lambda n: f"universitas-contoh-{n}")
    kind = PartnerInstitution.Kind.UNIVERSITY
    city = "Mamuju"
    description = "Perguruan tinggi mitra."

class PublicInformationEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicInformationEntry

    category = "berkala"
    title = factory.Sequence(lambda n: f"Laporan Keuangan {n}")
    responsible_unit = factory.SubFactory(UnitFactory)
    last_updated = factory.LazyFunction(dt.date.today)

def publish(page, *, parent):
    """Add `page` under `parent` and publish it; returns the saved page."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page

def add_draft(page, *, parent):
    """Add `page` under `parent` as a never-published draft."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page

def program_index(*, parent, title="Program", slug="program"):
    return publish(TrainingProgramIndexPage(title=title, slug=slug, intro="Semua program."),
                   parent=parent)

def outcome_index(*, parent, title="Capaian", slug="capaian"):
    return publish(OutcomeIndexPage(title=title, slug=slug, intro="Hasil program."),
                   parent=parent)

def news_index(*, parent, title="Berita", slug="berita"):
    return publish(NewsIndexPage(title=title, slug=slug), parent=parent)

def report_index(*, parent, title="Laporan", slug="laporan"):
    return publish(ReportIndexPage(title=title, slug=slug), parent=parent)

def partners_page(*, parent, title="Mitra", slug="mitra"):
    return publish(PartnersPage(title=title, slug=slug), parent=parent)

def public_information_page(*, parent, title="Daftar Informasi Publik",
                            slug="informasi-publik"):
    return publish(PublicInformationPage(title=title, slug=slug), parent=parent)

_counter = iter(range(1, 10**9))

def program_page(*, area=None, organiser=None, partners=(), **fields) -> TrainingProgramPage:
    """An unsaved program with sensible defaults (add it with publish()/add_draft())."""
    n = next(_counter)
    values = {
        "title": f"Pelatihan Kepemimpinan Angkatan {n}",
        "slug": f"pelatihan-{n}",
        "summary": "Pelatihan untuk pejabat administrator.",
        "competency_area": area or CompetencyAreaFactory(),
        "format": "course",
        "status": "completed",
        "start_date": dt.date(2026, 3, 2),
        "end_date": dt.date(2026, 3, 6),
        "place": "Aula BKPSDM Mamuju",
        "organiser": organiser or UnitFactory(),
        "target_participants": "Pejabat administrator (eselon III)",
        "capacity": 30,
        "participants": 28,
        "budget_planned": Decimal("125000000"),
        "budget_spent": Decimal("118750000"),
        **fields,
    }
    page = TrainingProgramPage(**values)
    if partners:
        page.partners = list(partners)
    return page

def outcome_page(*, programs=(), indicators=0, **fields) -> OutcomePage:
    n = next(_counter)
    values = {
        "title": f"Waktu layanan KTP-el lebih singkat {n}",
        "slug": f"capaian-{n}",
        "summary": "Hasil pelatihan manajemen proyek.",
        "status": "achieved",
        "planned_start": dt.date(2026, 4, 1),
        "planned_end": dt.date(2026, 9, 30),
        "actual_start": dt.date(2026, 4, 1),
        "actual_end": dt.date(2026, 9, 9),
        "budget_planned": Decimal("2500000000"),
        "budget_actual": Decimal("2300000000"),
        **fields,
    }
    page = OutcomePage(**values)
    page.program_links = [OutcomeProgram(program=program) for program in programs]
    page.indicators = [
        OutcomeIndicator(
            name=f"Indikator {i}", unit_of_measure="hari", baseline=Decimal(14),
            target=Decimal(4), actual=Decimal(6), measured_on=dt.date(2026, 10, 1),
            source="Laporan Disdukcapil",
        )
        for i in range(indicators)
    ]
    return page

def news_page(**fields) -> NewsPage:
    n = next(_counter)
    values = {"title": f"Berita {n}", "slug": f"berita-{n}", "summary": "Ringkasan berita.",
              "date": dt.date(2026, 11, 1), **fields}
    return NewsPage(**values)

def report_page(**fields) -> ReportPage:
    n = next(_counter)
    values = {"title": f"Laporan {n}", "slug": f"laporan-{n}", "summary": "Ringkasan laporan.",
              "date": dt.date(2026, 6, 30), "period": "Semester I 2026", **fields}
    return ReportPage(**values)


def translate_program(page, *, title=None):
    """Publish the English translation of a program (its index must be translated)."""
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = title or f"{page.title} (EN)"
    english.save_revision().publish()
    english.refresh_from_db()
    return english
