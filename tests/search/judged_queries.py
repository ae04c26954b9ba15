"""The judged query set (issue 19): what a reader types on the demo site (`manage.py
seed_demo`) and the records they expect on page 1, written from the demo's content
(publications/demo.py, discussions/demo.py, discussions/comments/demo.py).

Each expected record is "type:start of its title" (ids change from one seed to the next;
titles do not). Answers and comments carry their thread's title, so "answer:Title" means
any answer on that thread. Queries marked `typo` are misspelt: the reader follows the
"did you mean" suggestion (one click), and it is that search whose page is judged.

Measures (tests/search/test_judged_relevance.py): recall@10 (the share of expected
records on page 1, averaged over queries) and MRR (1 / rank of the first expected
record, averaged)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Judged:
    query: str
    expected: tuple[str, ...]
    language: str = "id"
    typo: bool = False
    note: str = ""


def J(query, *expected, language="id", typo=False, note=""):  # noqa: N802 - a table row
    return Judged(query, tuple(expected), language, typo, note)


PKA = "program:Pelatihan Kepemimpinan Administrator (PKA)"
PKP = "program:Pelatihan Kepemimpinan Pengawas (PKP)"
PKP_NEWS = "news:Pendaftaran PKP Angkatan II 2027"
PKP_THREAD = "thread:Kapan pendaftaran Pelatihan Kepemimpinan Pengawas"
MP_2026 = "program:Pelatihan Manajemen Proyek untuk Pembangunan"
MP_2027 = "program:Pelatihan Manajemen Proyek Lanjutan"
LITERASI = "program:Pelatihan Literasi Digital dan Keamanan Data"
RUJUKAN = "program:Pelatihan Aplikasi Rujukan Terintegrasi"
MPP_OUTCOME = "outcome:Mal Pelayanan Publik Mamuju selesai"
MPP_NEWS = "news:MPP Mamuju Rampung"
KTP_QUEUE = "thread:Antrean KTP-el di Disdukcapil"
KTP_QUEUE_2 = "thread:Antrean KTP-el terlalu lama"
PPPK = "thread:Apakah PPPK bisa mengikuti pelatihan kepemimpinan"

INDONESIAN = [
    # Affixed forms: me-, di-, pe-…-an, ke-…-an meet their root.
    J("melatih kepemimpinan", PKA, PKP),
    J("dilatih literasi digital", LITERASI),
    J("latih manajemen proyek", MP_2026, MP_2027),
    J("pelatih keamanan data", LITERASI),
    J("memimpin", PKA, PKP),
    J("pemimpin pengawas", PKP, PKP_NEWS),
    J("kepemimpinan administrator", PKA),
    J("merekam ktp", "thread:Layanan jemput bola perekaman KTP-el",
      "thread:Permohonan daftar lokasi perekaman KTP-el keliling"),
    J("terbit sertifikat", "thread:Sertifikat pelatihan teknis belum terbit"),
    J("penerbitan ktp", "outcome:Waktu penerbitan KTP-el"),
    J("mengajukan cuti", "thread:Cara mengajukan cuti besar"),
    J("naik pangkat", "thread:Berkas kenaikan pangkat"),
    J("antre ktp", KTP_QUEUE, KTP_QUEUE_2),
    J("membangun gedung layanan", MP_2026),
    J("mengikuti pelatihan kepemimpinan", PPPK),
    # Abbreviations and the office's vocabulary.
    J("pkp", PKP, PKP_NEWS),
    J("pka", PKA, "outcome:Proyek perubahan alumni PKA"),
    J("pendaftaran pkp", PKP_NEWS, PKP, PKP_THREAD),
    J("laporan keuangan bkpsdm", "dip:Laporan keuangan BKPSDM"),
    J("mpp", MPP_OUTCOME, MPP_NEWS),
    J("kgb", "answer:Kenaikan gaji berkala"),
    J("skp", "thread:Nilai SKP saya berubah"),
    J("kia kecamatan", "thread:Pelayanan KIA di kecamatan"),
    J("sop pelatihan", "dip:Standar operasional prosedur (SOP) pelatihan"),
    J("siasn pensiun", "thread:Kapan data SIASN untuk pensiun"),
    J("cpns pelatihan dasar", "thread:Pendaftaran pelatihan dasar CPNS"),
    J("karpeg", "thread:Syarat pengajuan Karpeg"),
    # Synonyms: ASN, PNS and PPPK; diklat and pelatihan (search/synonyms.txt).
    J("pppk", PPPK, "thread:Permohonan daftar NIK peserta seleksi PPPK"),
    J("pns pelatihan kepemimpinan", PPPK),
    J("pns pulau", "thread:Usul pelatihan digital dibuat daring untuk ASN di pulau"),
    J("asn golongan", "thread:Permohonan data jumlah ASN per golongan"),
    J("pns karpeg", "thread:Syarat pengajuan Karpeg"),
    J("diklat kepemimpinan", PKA, PKP),
    J("diklat literasi digital", LITERASI),
    # Topics in a reader's words.
    J("tunjangan kinerja terlambat", "thread:Tunjangan kinerja bulan lalu terlambat"),
    J("gaji berkala", "thread:Kenaikan gaji berkala"),
    J("mutasi ikut suami", "thread:Mutasi antar-kabupaten"),
    J("akta kelahiran", "thread:Akta kelahiran anak"),
    J("jalan berlubang", "thread:Jalan poros Tapalang berlubang"),
    J("jalan poros tapalang", "thread:Jalan poros Tapalang berlubang",
      "thread:Permohonan salinan kontrak pemeliharaan jalan poros Tapalang"),
    J("air pdam keruh", "thread:Air PDAM di Kelurahan Binanga"),
    J("kualitas air", "thread:Permohonan data kualitas air PDAM"),
    J("lampu jembatan", "thread:Tambah lampu jalan di Jembatan Karema"),
    J("selokan tersumbat", "thread:Saluran drainase di Jalan Diponegoro"),
    J("cetak ulang kk", "thread:Petugas meminta biaya cetak ulang KK"),
    J("pindah domisili", "thread:Apakah pindah domisili bisa diurus daring"),
    J("magang pupr", "program:Magang Teknik Sipil di Dinas PUPR",
      "thread:Apakah magang di Dinas PUPR terbuka"),
    J("mahasiswa magang diskominfo", "program:Magang Mahasiswa Sistem Informasi",
      "news:Sembilan Mahasiswa Unsulbar"),
    J("mal pelayanan publik", MPP_OUTCOME, MPP_NEWS),
    J("kontrak dan klaim", MP_2027),
    J("inovasi layanan", "outcome:Setiap OPD kini memiliki minimal satu inovasi",
      "program:Workshop Inovasi Pelayanan Publik"),
    J("phishing", LITERASI),
    J("rujukan puskesmas", RUJUKAN, "outcome:Rujukan elektronik di 12 Puskesmas"),
    J("desain layanan puskesmas", "program:Workshop Desain Layanan untuk Puskesmas"),
    J("sistem merit", "program:Sosialisasi Sistem Merit",
      "thread:Materi sosialisasi sistem merit"),
    J("kompetensi guru", "program:Riset Bersama Pemetaan Kompetensi Guru"),
    J("adminduk daring", "program:Sosialisasi Layanan Adminduk Daring"),
    J("laporan kinerja", "report:Laporan Kinerja Pengembangan Kompetensi ASN"),
    J("laporan informasi publik", "report:Laporan Layanan Informasi Publik 2025",
      "dip:Laporan akses informasi publik"),
    J("nota kesepahaman perguruan tinggi", "dip:Nota kesepahaman dengan perguruan tinggi"),
    J("data pribadi peserta", "dip:Data pribadi peserta pelatihan"),
    J("gangguan layanan ktp", "dip:Informasi gangguan layanan KTP-el"),
    J("rekaman kelas", "thread:Sediakan rekaman kelas"),
    J("uji kompetensi jabatan fungsional", "thread:Berapa biaya uji kompetensi"),
    J("izin keramaian", "thread:Izin keramaian untuk acara pernikahan"),
    J("proyek perubahan", "outcome:Proyek perubahan alumni PKA"),
    # Whole questions, with the little words a reader types.
    J("bagaimana cara mengajukan cuti besar untuk haji", "thread:Cara mengajukan cuti besar"),
    J("kapan pendaftaran pelatihan kepemimpinan pengawas dibuka", PKP_THREAD, PKP_NEWS),
    J("apakah pppk bisa ikut pelatihan kepemimpinan", PPPK),
    J("berapa hari penerbitan ktp el", "outcome:Waktu penerbitan KTP-el"),
    J("kenapa nilai skp saya berubah", "thread:Nilai SKP saya berubah"),
    J("apakah magang pupr menerima lulusan d3", "thread:Apakah magang di Dinas PUPR terbuka"),
    # Typos: judged through the "did you mean" suggestion.
    J("pensuin", "thread:Kapan data SIASN untuk pensiun", typo=True),
    J("sertifkat pelatihan", "thread:Sertifikat pelatihan teknis belum terbit", typo=True),
    J("drainse", "thread:Saluran drainase di Jalan Diponegoro", typo=True),
    J("kepemimpnan administrator", PKA, typo=True),
    J("puskesmsa", RUJUKAN, typo=True),
]

ENGLISH = [
    J("leadership training", "program:Administrator Leadership Training (PKA)",
      "program:Supervisor Leadership Training (PKP)", language="en"),
    J("internship", "program:Information-systems student internship",
      "program:Civil-engineering internship", language="en"),
    J("data security", "program:Digital literacy and data security",
      "outcome:Fewer data-security incidents", language="en"),
    J("public service mall", "outcome:Mamuju Public Service Mall finished 3 weeks",
      "news:Mamuju Public Service Mall finished three weeks", language="en"),
    J("id card", "program:Joint research: why does an ID card",
      "outcome:ID card issuing time", language="en"),
    J("referral application", "program:Integrated referral application",
      "outcome:Electronic referrals in 12 health centres", language="en"),
    J("merit system", "program:Outreach session: merit system", language="en"),
    J("project management", "program:Project-management training",
      "program:Advanced project management", language="en"),
    J("performance report", "report:Civil-servant development performance report",
      language="en"),
    J("information service report", "report:Public-information service report 2025",
      language="en"),
    J("teachers competencies", "program:Joint research: mapping teachers", language="en"),
    J("service design workshop", "program:Service-design workshop", language="en"),
    J("change projects", "outcome:Leadership-training change projects", language="en"),
    J("supervisor registration", "news:Registration open for supervisor leadership",
      "program:Supervisor Leadership Training (PKP)", language="en"),
    J("online civil registration", "program:Outreach session: online civil-registration",
      language="en"),
    J("innovation workshop", "program:Public-service innovation workshop", language="en"),
]

JUDGED = [*INDONESIAN, *ENGLISH]


@dataclass
class Measured:
    judged: Judged
    found: list[str]  # "type:title" of page 1, in order
    searched: str  # the text whose page was judged (the suggestion for a typo)

    def _hit(self, expected: str, found: str) -> bool:
        return found.startswith(expected)

    @property
    def recall(self) -> float:
        got = sum(1 for e in self.judged.expected if any(self._hit(e, f) for f in self.found))
        return got / len(self.judged.expected)

    @property
    def reciprocal_rank(self) -> float:
        for rank, found in enumerate(self.found, start=1):
            if any(self._hit(e, found) for e in self.judged.expected):
                return 1 / rank
        return 0.0


def page_one(text: str, language: str) -> tuple[list[str], str]:
    """("type:title" of the first page, the "did you mean" suggestion or "") as the
    search page computes them (search.selectors.search_page, the view's own call)."""
    from django.http import QueryDict
    from django.utils import translation

    params = QueryDict(mutable=True)
    params["q"] = text
    with translation.override(language):
        page = selectors().search_page(params, language=language)
    found = [f"{hit.type}:{plain_title(hit.title)}" for hit in page.hits]
    return found, getattr(page, "suggestion", "") or ""


def selectors():
    from search import selectors as module

    return module


def plain_title(marked: str) -> str:
    from search.records import MARK_END, MARK_START

    return marked.replace(MARK_START, "").replace(MARK_END, "")


def measure(judged=JUDGED) -> list[Measured]:
    results = []
    for item in judged:
        found, suggestion = page_one(item.query, item.language)
        searched = item.query
        if item.typo and suggestion:
            searched = suggestion  # the reader clicks "did you mean"
            found, _again = page_one(suggestion, item.language)
        results.append(Measured(item, found, searched))
    return results


def summary(measured: list[Measured]) -> dict[str, float]:
    def mean(values):
        values = list(values)
        return sum(values) / len(values) if values else 0.0

    out = {}
    for name, subset in (("all", measured),
                         ("id", [m for m in measured if m.judged.language == "id"]),
                         ("en", [m for m in measured if m.judged.language == "en"])):
        out[f"recall@10 {name}"] = mean(m.recall for m in subset)
        out[f"MRR {name}"] = mean(m.reciprocal_rank for m in subset)
    return out


def report(measured: list[Measured], *, engine: str) -> str:
    lines = [f"judged query set on {engine}: " + ", ".join(
        f"{k} {v:.3f}" for k, v in summary(measured).items())]
    for m in measured:
        if m.recall < 1:
            lines.append(f"  {m.judged.query!r} ({m.searched!r}): recall {m.recall:.2f}, "
                         f"found {m.found[:5]}")
    return "\n".join(lines)
