"""Demo content for the transparency pages: this year's public-information service report
(narrative written by the PPID; the figures come from the demo forum's information
requests). Idempotent: an existing report for the year is left alone."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from .models import InformationServiceReportPage

POLICY = (
    "<p>Layanan informasi publik diselenggarakan oleh Pejabat Pengelola Informasi dan "
    "Dokumentasi (PPID) sesuai UU No. 14 Tahun 2008 dan Peraturan Komisi Informasi No. 1 "
    "Tahun 2021. Permohonan dapat diajukan langsung, melalui surat, email, atau forum "
    "Serambi; setiap permohonan dijawab tertulis paling lambat 10 hari kerja dan dapat "
    "diperpanjang satu kali 7 hari kerja dengan alasan yang diumumkan.</p>"
    "<ul><li>Daftar Informasi Publik diperbarui setiap triwulan.</li>"
    "<li>Setiap unit (OPD) menunjuk petugas penghubung PPID.</li></ul>"
)
OBSTACLES = (
    "<p>Sebagian arsip sebelum tahun 2018 belum didigitalkan sehingga penelusuran memakan "
    "waktu. Pengaburan data pribadi dalam dokumen kontrak memerlukan pemeriksaan manual.</p>"
)
RECOMMENDATIONS = (
    "<ol><li>Digitalisasi arsip 2010–2017 bersama Dinas Perpustakaan dan Kearsipan.</li>"
    "<li>Pelatihan pengaburan data pribadi bagi petugas penghubung PPID di setiap OPD.</li>"
    "<li>Menerbitkan data yang sering dimohon sebagai data terbuka.</li></ol>"
)
EN = {
    "summary": "Information requests received this year, the time taken to answer each, "
               "and how many were granted or refused, with the PPID's narrative.",
    "policy": "<p>Public information is served by the information officer (PPID) under "
              "Law 14/2008 and Information Commission Regulation 1/2021. Every request is "
              "answered in writing within 10 working days, extendable once by 7 working "
              "days with a public reason.</p>",
    "obstacles": "<p>Archives from before 2018 are not digitised yet, so searching them "
                 "takes time. Redacting personal data in contracts is done by hand.</p>",
    "recommendations": "<ol><li>Digitise the 2010–2017 archives.</li><li>Train unit "
                       "liaison officers in redacting personal data.</li><li>Publish "
                       "frequently requested data as open data.</li></ol>",
}


def seed_information_report(*, log) -> None:
    from publications.models import HomePage

    home = HomePage.objects.filter(locale=Locale.get_default(), depth=2).first()
    if home is None:
        log("  transparency: no home page; run the publications seeder first")
        return
    year = timezone.localdate().year
    page = _report(home, year)
    log(f"  transparency: information-service report {year} at {page.url_path}")


@transaction.atomic
def _report(home, year: int) -> InformationServiceReportPage:
    slug = f"laporan-layanan-informasi-publik-{year}"
    page = InformationServiceReportPage.objects.filter(year=year, locale=home.locale).first()
    if page is None:
        page = InformationServiceReportPage(
            title=f"Laporan Layanan Informasi Publik {year}", slug=slug, year=year,
            summary=("Jumlah permohonan informasi tahun ini, waktu pemenuhan setiap "
                     "permohonan, serta yang dikabulkan dan ditolak beserta alasannya."),
            policy=POLICY, obstacles=OBSTACLES, recommendations=RECOMMENDATIONS,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    locale_en = Locale.objects.filter(language_code="en").first()
    if (locale_en is not None and page.get_translation_or_none(locale_en) is None
            and home.get_translation_or_none(locale_en) is not None):
        english = page.copy_for_translation(locale_en)
        english.title = f"Public-information service report {year}"
        english.slug = f"public-information-service-report-{year}"
        for field, value in EN.items():
            setattr(english, field, value)
        english.save_revision().publish()
    return page
