"""Demo content for publications: home page, taxonomy, partners, 14 programs, 6 outcomes,
reports, news and the public-information register — in Indonesian, with an English
translation of every page.

Languages: Wagtail's built-in i18n (the foundation's choice, docs/architecture.md). Each
Indonesian page is copied into the English tree with `copy_for_translation`, so every
address has a twin under /en/ and the language switch always lands on a page; titles and
summaries are translated here, the long body text of a few programs stays Indonesian
(as an editor would leave it until translated). Facts (dates, budgets, units, partners)
are shared data and copied as they are. Every seeder is idempotent: it looks pages up by
slug under their parent and leaves existing ones alone.
"""

import datetime as dt
import json
from decimal import Decimal

from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from forum_site.accounts.models import Unit
from forum_site.core.public_url import host_and_port

from .models import (
    CompetencyArea,
    HomePage,
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
from .services import editorial_permissions_grant

D = dt.date
HOME_ID = {
    "title": "Serambi",
    "intro": (
        "Ruang terbuka untuk warga dan ASN Kabupaten Mamuju: lihat program pengembangan "
        "kompetensi ASN dan hasilnya, ajukan pertanyaan, kritik dan saran tentang layanan "
        "publik, dan dapatkan jawaban resmi dari unit yang bertanggung jawab."
    ),
    "body": (
        "<h2>Tentang kami</h2><p>Kami mengembangkan kompetensi Aparatur Sipil Negara melalui "
        "pelatihan manajerial, kepemimpinan, inovasi dan teknologi informasi untuk pelayanan "
        "publik, bersama perguruan tinggi mitra. Di sini kami melaporkan apa yang dicapai, "
        "lengkap dengan angkanya.</p>"
    ),
}
HOME_EN = {
    "title": "Serambi",
    "intro": (
        "An open space for the citizens and civil servants of Mamuju Regency: see the "
        "programs that develop civil servants and what they achieved, ask questions, give "
        "feedback on public services, and get official answers from the responsible unit."
    ),
    "body": (
        "<h2>About us</h2><p>We develop the competencies of civil servants through training "
        "in management, leadership, innovation and IT for public service, together with "
        "partner universities. Here we report what was achieved, with the figures.</p>"
    ),
}

AREAS = [
    # slug, Indonesian, English, description
    ("manajerial", "Manajerial", "Managerial",
     "Perencanaan, penganggaran, pengadaan dan manajemen kinerja."),
    ("kepemimpinan", "Kepemimpinan", "Leadership",
     "Pelatihan kepemimpinan administrator dan pengawas, proyek perubahan."),
    ("inovasi", "Inovasi", "Innovation",
     "Inovasi dan desain layanan publik."),
    ("digital", "Digital dan TI untuk pelayanan publik", "Digital and IT for public service",
     "Literasi digital, keamanan data, aplikasi layanan."),
    ("manajemen-proyek", "Manajemen proyek", "Project management",
     "Perencanaan dan pengendalian jadwal, biaya dan mutu proyek pemerintah."),
]

PARTNERS = [
    # slug, name, kind, city, website, description (id), description (en), signed, valid until
    ("unsulbar", "Universitas Sulawesi Barat", "university", "Majene",
     "https://unsulbar.ac.id",
     "Universitas negeri di Sulawesi Barat. Mitra riset bersama, magang mahasiswa dan "
     "pelatihan manajemen proyek.",
     "The state university of West Sulawesi; partner for joint research, student "
     "internships and project-management training.",
     D(2025, 3, 12), D(2028, 3, 11)),
    ("unika-tomakaka", "Universitas Tomakaka", "university", "Mamuju",
     "https://unika.ac.id",
     "Universitas swasta di Mamuju. Mitra riset layanan kependudukan dan workshop inovasi.",
     "A private university in Mamuju; partner for research on civil-registration "
     "services and innovation workshops.",
     D(2025, 8, 4), D(2027, 8, 3)),
    ("pnup", "Politeknik Negeri Ujung Pandang", "university", "Makassar",
     "https://poliupg.ac.id",
     "Politeknik negeri di Makassar. Mitra pelatihan teknologi informasi dan magang "
     "teknik sipil.",
     "A state polytechnic in Makassar; partner for IT training and civil-engineering "
     "internships.",
     D(2025, 11, 20), D(2028, 11, 19)),
    ("puslatbang-kmp-lan", "Puslatbang KMP Lembaga Administrasi Negara", "other", "Makassar",
     "https://lan.go.id",
     "Pusat pelatihan dan pengembangan LAN untuk kawasan timur Indonesia; penyelenggara "
     "bersama pelatihan kepemimpinan.",
     "The National Institute of Public Administration's training centre for eastern "
     "Indonesia; co-organiser of leadership training.",
     D(2024, 12, 2), D(2027, 12, 1)),
]

INDEXES = [
    # model, slug (id), title (id), intro (id), slug (en), title (en), intro (en)
    (TrainingProgramIndexPage, "program", "Program",
     "Pelatihan, workshop, magang, riset bersama dan sosialisasi untuk ASN Kabupaten "
     "Mamuju: kapan, di mana, untuk siapa, dengan siapa dan berapa biayanya.",
     "programs", "Programs",
     "Training, workshops, internships, joint research and outreach for the civil servants "
     "of Mamuju Regency: when, where, for whom, with whom and at what cost."),
    (OutcomeIndexPage, "capaian", "Capaian",
     "Apa yang berubah setelah program: indikator dengan nilai awal, target dan realisasi, "
     "jadwal dan anggaran dibandingkan rencana, serta bukti.",
     "outcomes", "Outcomes",
     "What changed after each program: indicators with baseline, target and actual value, "
     "schedule and budget against plan, and the evidence."),
    (PartnersPage, "mitra", "Mitra",
     "Perguruan tinggi dan lembaga yang bekerja sama dengan kami, nota kesepahaman (MoU) "
     "dan program yang dijalankan bersama.",
     "partners", "Partners",
     "The universities and institutions we work with, our memoranda of understanding and "
     "the programs run together."),
    (ReportIndexPage, "laporan", "Laporan",
     "Laporan kinerja, evaluasi program dan laporan layanan informasi publik.",
     "reports", "Reports",
     "Performance reports, program evaluations and public-information service reports."),
    (NewsIndexPage, "berita", "Berita", "Kabar terbaru dari kegiatan pengembangan ASN.",
     "news", "News", "The latest from our civil-servant development work."),
    (PublicInformationPage, "informasi-publik", "Daftar Informasi Publik",
     "Daftar Informasi Publik (DIP) sesuai UU 14/2008: informasi berkala, serta-merta, "
     "tersedia setiap saat, dan informasi yang dikecualikan beserta alasannya. "
     "Permohonan informasi dapat diajukan kepada PPID.",
     "public-information", "Public-information register",
     "Our public-information register under Law 14/2008: periodic information, immediate "
     "information, information available at any time, and exempt information with the "
     "reason for each exemption. Requests go to the information officer (PPID)."),
]


def _p(*paragraphs: str) -> list:
    return [("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))]


# slug: facts, Indonesian text, English text
PROGRAMS = [
    {
        "slug": "pka-angkatan-i-2026", "area": "kepemimpinan", "format": "course",
        "status": "completed", "start": D(2026, 2, 9), "end": D(2026, 6, 12),
        "place": "Aula BKPSDM Mamuju dan Puslatbang KMP LAN Makassar", "unit": "bkpsdm",
        "partners": ["puslatbang-kmp-lan"],
        "target": "Pejabat administrator (eselon III) di seluruh OPD",
        "capacity": 30, "participants": 30,
        "budget": (Decimal("486000000"), Decimal("471250000")),
        "title": "Pelatihan Kepemimpinan Administrator (PKA) Angkatan I 2026",
        "summary": "Empat bulan pelatihan kepemimpinan bagi 30 pejabat administrator, "
                   "ditutup dengan proyek perubahan di unit masing-masing.",
        "title_en": "Administrator Leadership Training (PKA), cohort I 2026",
        "summary_en": "Four months of leadership training for 30 administrators, ending "
                      "with a change project in each participant's unit.",
        "body": _p(
            "PKA diselenggarakan bersama Puslatbang KMP LAN dengan pola blended learning: "
            "pembelajaran mandiri daring, klasikal di Mamuju, dan studi lapangan ke "
            "Kota Makassar.",
            "Setiap peserta merancang dan menjalankan satu proyek perubahan yang dipantau "
            "mentor dari unitnya selama enam bulan setelah pelatihan.",
        ),
    },
    {
        "slug": "manajemen-proyek-gedung-layanan", "area": "manajemen-proyek",
        "format": "course", "status": "completed", "start": D(2026, 1, 19),
        "end": D(2026, 1, 23), "place": "Kampus Universitas Sulawesi Barat, Majene",
        "unit": "dinas-pupr", "partners": ["unsulbar"],
        "target": "Pejabat pembuat komitmen, pengawas dan perencana proyek gedung layanan",
        "capacity": 25, "participants": 24,
        "budget": (Decimal("185000000"), Decimal("171400000")),
        "title": "Pelatihan Manajemen Proyek untuk Pembangunan Gedung Layanan Publik",
        "summary": "Lima hari pelatihan penjadwalan, pengendalian biaya dan manajemen risiko "
                   "untuk tim pembangunan Mal Pelayanan Publik Mamuju.",
        "title_en": "Project-management training for public-service buildings",
        "summary_en": "Five days on scheduling, cost control and risk management for the "
                      "team building the Mamuju Public Service Mall.",
        "body": [
            *_p("Materi disusun bersama dosen Teknik Sipil Universitas Sulawesi Barat "
                "berdasarkan rencana pembangunan Mal Pelayanan Publik (MPP) Mamuju: jalur "
                "kritis, kurva S, pengendalian perubahan pekerjaan dan pelaporan mingguan."),
            ("table", {
                "caption": "Jadwal pelatihan",
                "columns": [{"type": "date", "heading": "Tanggal"},
                            {"type": "text", "heading": "Materi"},
                            {"type": "number", "heading": "Jam pelajaran"}],
                "rows": [
                    {"values": ["2026-01-19", "Perencanaan jadwal dan jalur kritis", "8"]},
                    {"values": ["2026-01-20", "Kurva S dan pengendalian biaya", "8"]},
                    {"values": ["2026-01-21", "Manajemen risiko dan perubahan pekerjaan",
                                "8"]},
                    {"values": ["2026-01-22", "Mutu, K3 dan serah terima", "8"]},
                    {"values": ["2026-01-23", "Studi kasus MPP Mamuju", "6"]},
                ],
            }),
        ],
    },
    {
        "slug": "workshop-satu-opd-satu-inovasi", "area": "inovasi", "format": "workshop",
        "status": "completed", "start": D(2026, 3, 10), "end": D(2026, 3, 11),
        "place": "Ruang Rapat Bappeda Mamuju", "unit": "bkpsdm",
        "partners": ["unika-tomakaka"],
        "target": "Dua perwakilan dari setiap OPD", "capacity": 60, "participants": 57,
        "budget": (Decimal("48500000"), Decimal("46900000")),
        "title": "Workshop Inovasi Pelayanan Publik “Satu OPD Satu Inovasi”",
        "summary": "Dua hari merancang inovasi layanan dari keluhan warga yang nyata, "
                   "dengan metode desain layanan.",
        "title_en": "Public-service innovation workshop “One unit, one innovation”",
        "summary_en": "Two days designing service innovations from real citizen "
                      "complaints, using service-design methods.",
        "body": _p("Setiap tim OPD membawa tiga keluhan warga dari kanal LAPOR! dan pulang "
                   "dengan satu rancangan inovasi yang siap diuji."),
    },
    {
        "slug": "magang-sistem-informasi-diskominfo", "area": "digital",
        "format": "internship", "status": "completed", "start": D(2026, 7, 1),
        "end": D(2026, 8, 28), "place": "Kantor Diskominfo Kabupaten Mamuju",
        "unit": "diskominfo", "partners": ["unsulbar"],
        "target": "Mahasiswa Sistem Informasi Universitas Sulawesi Barat semester 6",
        "capacity": 10, "participants": 9,
        "budget": (Decimal("27000000"), Decimal("24300000")),
        "title": "Magang Mahasiswa Sistem Informasi di Diskominfo",
        "summary": "Sembilan mahasiswa Unsulbar magang delapan minggu membantu digitalisasi "
                   "arsip dan layanan PPID.",
        "title_en": "Information-systems student internship at Diskominfo",
        "summary_en": "Nine Unsulbar students spent eight weeks helping digitise archives "
                      "and the information-request service.",
        "body": _p("Mahasiswa bekerja bersama pranata komputer Diskominfo membangun "
                   "katalog arsip digital dan formulir permohonan informasi daring."),
    },
    {
        "slug": "riset-waktu-layanan-ktp-el", "area": "inovasi", "format": "joint_research",
        "status": "completed", "start": D(2026, 4, 1), "end": D(2026, 9, 30),
        "place": "Disdukcapil Mamuju dan 11 kantor kecamatan", "unit": "disdukcapil",
        "partners": ["unika-tomakaka"],
        "target": "Petugas layanan administrasi kependudukan", "capacity": 20,
        "participants": 18,
        "budget": (Decimal("96000000"), Decimal("92800000")),
        "title": "Riset Bersama: Mengapa KTP-el Butuh Dua Minggu?",
        "summary": "Riset enam bulan dengan Universitas Tomakaka memetakan alur layanan "
                   "KTP-el dan menguji perbaikan di kecamatan.",
        "title_en": "Joint research: why does an ID card take two weeks?",
        "summary_en": "Six months of research with Universitas Tomakaka mapping the "
                      "electronic ID card process and testing fixes in the districts.",
        "body": _p("Peneliti dan petugas Disdukcapil mencatat 1.240 permohonan dari awal "
                   "hingga kartu diterima warga, lalu menguji tiga perubahan: antrean "
                   "daring, cetak di kecamatan dan verifikasi harian."),
    },
    {
        "slug": "literasi-digital-keamanan-data", "area": "digital", "format": "course",
        "status": "completed", "start": D(2026, 5, 18), "end": D(2026, 5, 20),
        "place": "Laboratorium Komputer SMKN 1 Mamuju", "unit": "diskominfo",
        "partners": ["pnup"],
        "target": "Operator aplikasi layanan di seluruh OPD", "capacity": 40,
        "participants": 38,
        "budget": (Decimal("64000000"), Decimal("61750000")),
        "title": "Pelatihan Literasi Digital dan Keamanan Data untuk ASN",
        "summary": "Tiga hari praktik mengelola kata sandi, mengenali phishing dan "
                   "melindungi data pribadi warga sesuai UU PDP.",
        "title_en": "Digital literacy and data security for civil servants",
        "summary_en": "Three hands-on days on passwords, spotting phishing and protecting "
                      "citizens' personal data under the Personal Data Protection Law.",
        "body": _p("Pelatihan dipandu dosen Teknik Komputer dan Jaringan Politeknik Negeri "
                   "Ujung Pandang, dengan simulasi serangan phishing pada akun uji."),
    },
    {
        "slug": "sosialisasi-sistem-merit", "area": "manajerial", "format": "socialisation",
        "status": "completed", "start": D(2026, 2, 24), "end": None,
        "place": "Ruang Pola Kantor Bupati Mamuju", "unit": "bkpsdm", "partners": [],
        "target": "Kepala OPD, sekretaris dan pengelola kepegawaian", "capacity": 120,
        "participants": 112,
        "budget": (Decimal("15000000"), Decimal("13600000")),
        "title": "Sosialisasi Sistem Merit dan Manajemen Kinerja ASN",
        "summary": "Penjelasan perubahan penilaian kinerja ASN dan penerapan sistem merit "
                   "dalam mutasi dan promosi.",
        "title_en": "Outreach session: merit system and performance management",
        "summary_en": "How civil-servant performance appraisal is changing and how the "
                      "merit system applies to transfers and promotions.",
        "body": _p("Sesi tanya jawab direkam dan ringkasannya dimuat di forum Serambi."),
    },
    {
        "slug": "aplikasi-rujukan-puskesmas", "area": "digital", "format": "course",
        "status": "completed", "start": D(2026, 3, 23), "end": D(2026, 3, 27),
        "place": "Aula Dinas Kesehatan Mamuju", "unit": "dinas-kesehatan",
        "partners": ["pnup"],
        "target": "Petugas rekam medis dan dokter di 12 Puskesmas", "capacity": 36,
        "participants": 31,
        "budget": (Decimal("112000000"), Decimal("118500000")),
        "title": "Pelatihan Aplikasi Rujukan Terintegrasi untuk Puskesmas",
        "summary": "Pelatihan penggunaan aplikasi rujukan elektronik dari Puskesmas ke "
                   "RSUD Mamuju.",
        "title_en": "Integrated referral application training for community health centres",
        "summary_en": "Training on the electronic referral application linking community "
                      "health centres to Mamuju regional hospital.",
        "body": _p("Pelatihan berjalan, tetapi jaringan internet di sebagian besar Puskesmas "
                   "belum memadai; lihat halaman capaian untuk hasilnya."),
    },
    {
        "slug": "magang-teknik-sipil-pupr", "area": "manajemen-proyek",
        "format": "internship", "status": "running", "start": D(2026, 10, 1),
        "end": D(2026, 12, 18), "place": "Dinas PUPR Kabupaten Mamuju", "unit": "dinas-pupr",
        "partners": ["pnup"],
        "target": "Mahasiswa D4 Teknik Sipil Politeknik Negeri Ujung Pandang",
        "capacity": 8, "participants": 8,
        "budget": (Decimal("32000000"), None),
        "title": "Magang Teknik Sipil di Dinas PUPR",
        "summary": "Delapan mahasiswa politeknik ikut mengawasi pekerjaan jalan dan "
                   "jembatan selama satu semester.",
        "title_en": "Civil-engineering internship at the Public Works office",
        "summary_en": "Eight polytechnic students help supervise road and bridge works for "
                      "a semester.",
        "body": _p("Mahasiswa ditempatkan di bidang Bina Marga dan didampingi pengawas "
                   "lapangan bersertifikat."),
    },
    {
        "slug": "riset-pemetaan-kompetensi-guru", "area": "manajerial",
        "format": "joint_research", "status": "running", "start": D(2026, 8, 3),
        "end": D(2027, 1, 29), "place": "Sekolah dasar dan menengah di Kabupaten Mamuju",
        "unit": "disdikbud", "partners": ["unsulbar"],
        "target": "Guru ASN jenjang SD dan SMP", "capacity": None, "participants": None,
        "budget": (Decimal("145000000"), None),
        "title": "Riset Bersama Pemetaan Kompetensi Guru ASN",
        "summary": "Pemetaan kebutuhan pengembangan kompetensi 1.800 guru ASN bersama "
                   "FKIP Universitas Sulawesi Barat.",
        "title_en": "Joint research: mapping teachers' competencies",
        "summary_en": "Mapping the development needs of 1,800 civil-servant teachers with "
                      "the education faculty of Universitas Sulawesi Barat.",
        "body": _p("Hasil pemetaan akan menjadi dasar rencana pelatihan guru tahun 2027."),
    },
    {
        "slug": "pkp-angkatan-ii-2027", "area": "kepemimpinan", "format": "course",
        "status": "open", "start": D(2027, 1, 18), "end": D(2027, 4, 30),
        "place": "Aula BKPSDM Mamuju", "unit": "bkpsdm", "partners": ["puslatbang-kmp-lan"],
        "target": "Pejabat pengawas (eselon IV) yang belum mengikuti PKP", "capacity": 40,
        "participants": None,
        "budget": (Decimal("520000000"), None),
        "title": "Pelatihan Kepemimpinan Pengawas (PKP) Angkatan II 2027",
        "summary": "Pendaftaran dibuka sampai 20 Desember 2026 melalui atasan langsung dan "
                   "pengelola kepegawaian OPD.",
        "title_en": "Supervisor Leadership Training (PKP), cohort II 2027",
        "summary_en": "Registration is open until 20 December 2026 through your line "
                      "manager and your unit's HR officer.",
        "body": _p("Kuota 40 peserta. Prioritas bagi pengawas yang memimpin unit layanan "
                   "langsung kepada warga."),
        "registration": {
            "registration_deadline": D(2026, 12, 20),
            "registration_requirements": "Pejabat pengawas yang belum mengikuti PKP; surat "
                                         "usulan dari kepala OPD melalui pengelola "
                                         "kepegawaian.",
            "registration_contact": "Bidang Pengembangan Kompetensi BKPSDM, lantai 2",
        },
    },
    {
        "slug": "workshop-desain-layanan-puskesmas", "area": "inovasi", "format": "workshop",
        "status": "planned", "start": D(2027, 2, 15), "end": D(2027, 2, 17),
        "place": "Puskesmas Binanga, Mamuju", "unit": "dinas-kesehatan",
        "partners": ["unika-tomakaka"],
        "target": "Kepala dan petugas pendaftaran Puskesmas", "capacity": 30,
        "participants": None,
        "budget": (Decimal("41000000"), None),
        "title": "Workshop Desain Layanan untuk Puskesmas",
        "summary": "Merancang ulang alur pendaftaran Puskesmas bersama warga pengguna "
                   "layanan.",
        "title_en": "Service-design workshop for community health centres",
        "summary_en": "Redesigning health-centre registration together with the people "
                      "who use it.",
        "body": _p("Warga yang ingin ikut menguji rancangan dapat mendaftar melalui forum."),
    },
    {
        "slug": "sosialisasi-adminduk-daring", "area": "digital", "format": "socialisation",
        "status": "cancelled", "start": D(2026, 11, 10), "end": None,
        "place": "Kantor Camat Kalukku", "unit": "disdukcapil", "partners": [],
        "target": "Petugas kecamatan dan desa", "capacity": 80, "participants": None,
        "budget": (Decimal("9500000"), Decimal("0")),
        "title": "Sosialisasi Layanan Adminduk Daring untuk Kecamatan",
        "summary": "Dibatalkan karena banjir di Kalukku; akan dijadwalkan ulang pada "
                   "triwulan I 2027.",
        "title_en": "Outreach session: online civil-registration services for districts",
        "summary_en": "Cancelled because of flooding in Kalukku; to be rescheduled in the "
                      "first quarter of 2027.",
        "body": [],
    },
    {
        "slug": "manajemen-proyek-lanjutan-2027", "area": "manajemen-proyek",
        "format": "course", "status": "planned", "start": D(2027, 3, 8),
        "end": D(2027, 3, 12), "place": "Kampus Universitas Sulawesi Barat, Majene",
        "unit": "dinas-pupr", "partners": ["unsulbar"],
        "target": "Lulusan pelatihan manajemen proyek 2026", "capacity": 25,
        "participants": None,
        "budget": (Decimal("190000000"), None),
        "title": "Pelatihan Manajemen Proyek Lanjutan: Kontrak dan Klaim",
        "summary": "Lanjutan pelatihan 2026: pengelolaan kontrak, perubahan pekerjaan dan "
                   "penyelesaian klaim.",
        "title_en": "Advanced project management: contracts and claims",
        "summary_en": "Follow-up to the 2026 course: contract management, variations and "
                      "claims.",
        "body": [],
    },
]

OUTCOMES = [
    {
        "slug": "mpp-mamuju-selesai-lebih-cepat", "status": "achieved",
        "programs": ["manajemen-proyek-gedung-layanan"],
        "planned": (D(2026, 3, 2), D(2026, 10, 30)), "actual": (D(2026, 3, 2), D(2026, 10, 9)),
        "budget": (Decimal("4850000000"), Decimal("4462000000")),
        "title": "Mal Pelayanan Publik Mamuju selesai 3 minggu lebih cepat dan 8% di bawah "
                 "anggaran",
        "summary": "Setelah pelatihan manajemen proyek, tim pembangunan menyelesaikan gedung "
                   "MPP 21 hari sebelum jadwal dengan biaya Rp 388 juta di bawah pagu.",
        "title_en": "Mamuju Public Service Mall finished 3 weeks early and 8% under budget",
        "summary_en": "After the project-management training, the building team finished "
                      "the mall 21 days ahead of schedule and Rp 388 million under budget.",
        "indicators": [
            ("Jenis layanan yang tersedia di MPP", "layanan", 0, 40, 46, D(2026, 11, 16),
             "Bagian Organisasi Setda Mamuju"),
            ("Rata-rata waktu tunggu layanan perizinan", "menit", 95, 30, 35, D(2026, 11, 16),
             "Survei waktu tunggu DPMPTSP, November 2026"),
            ("Pengelola proyek yang lulus pelatihan", "orang", 0, 20, 24, D(2026, 1, 23),
             "Daftar hadir dan nilai akhir pelatihan"),
        ],
        "body": _p("Jalur kritis ditinjau setiap minggu dan dua perubahan pekerjaan "
                   "diputuskan dalam tiga hari, bukan tiga minggu seperti proyek sebelumnya. "
                   "Penghematan berasal dari pengadaan material yang dijadwalkan ulang dan "
                   "tidak adanya denda keterlambatan."),
    },
    {
        "slug": "waktu-layanan-ktp-el", "status": "partly_achieved",
        "programs": ["riset-waktu-layanan-ktp-el"],
        "planned": (D(2026, 4, 1), D(2026, 9, 30)), "actual": (D(2026, 4, 1), D(2026, 10, 14)),
        "budget": (Decimal("96000000"), Decimal("92800000")),
        "title": "Waktu penerbitan KTP-el turun dari 14 menjadi 4 hari",
        "summary": "Antrean daring dan cetak di kecamatan memangkas waktu layanan, tetapi "
                   "target 3 hari belum tercapai di kecamatan terjauh.",
        "title_en": "ID card issuing time down from 14 to 4 days",
        "summary_en": "Online queueing and printing in the districts cut the waiting time, "
                      "but the 3-day target is not yet met in the most remote districts.",
        "indicators": [
            ("Rata-rata waktu penerbitan KTP-el", "hari", 14, 3, 4, D(2026, 10, 31),
             "SIAK Disdukcapil Mamuju"),
            ("Permohonan selesai dalam 3 hari kerja", "%", 12, 80, 71, D(2026, 10, 31),
             "SIAK Disdukcapil Mamuju"),
        ],
        "body": _p("Kecamatan Bonehau dan Kalumpang masih menunggu perangkat cetak."),
    },
    {
        "slug": "setiap-opd-punya-inovasi", "status": "achieved",
        "programs": ["workshop-satu-opd-satu-inovasi"],
        "planned": (D(2026, 3, 12), D(2026, 9, 30)), "actual": (D(2026, 3, 12), D(2026, 9, 25)),
        "budget": (Decimal("48500000"), Decimal("46900000")),
        "title": "Setiap OPD kini memiliki minimal satu inovasi layanan terdaftar",
        "summary": "Inovasi layanan yang terdaftar naik dari 7 menjadi 34; semua OPD "
                   "memiliki setidaknya satu.",
        "title_en": "Every unit now has at least one registered service innovation",
        "summary_en": "Registered service innovations rose from 7 to 34; every unit has at "
                      "least one.",
        "indicators": [
            ("Inovasi layanan terdaftar", "inovasi", 7, 30, 34, D(2026, 9, 25),
             "Basis data inovasi daerah, Bappeda"),
            ("OPD dengan minimal satu inovasi", "%", 35, 100, 100, D(2026, 9, 25),
             "Basis data inovasi daerah, Bappeda"),
        ],
        "body": [],
    },
    {
        "slug": "rujukan-terintegrasi-puskesmas", "status": "not_achieved",
        "programs": ["aplikasi-rujukan-puskesmas"],
        "planned": (D(2026, 4, 1), D(2026, 8, 31)), "actual": (D(2026, 4, 13), D(2026, 10, 30)),
        "budget": (Decimal("112000000"), Decimal("118500000")),
        "title": "Rujukan elektronik di 12 Puskesmas belum tercapai",
        "summary": "Hanya 3 dari 12 Puskesmas memakai aplikasi rujukan; jaringan internet "
                   "menjadi kendala utama. Rencana perbaikan disusun bersama Diskominfo.",
        "title_en": "Electronic referrals in 12 health centres: not achieved",
        "summary_en": "Only 3 of 12 health centres use the referral application; internet "
                      "access is the main obstacle. A recovery plan is being drawn up with "
                      "Diskominfo.",
        "indicators": [
            ("Puskesmas yang memakai aplikasi rujukan", "Puskesmas", 0, 12, 3,
             D(2026, 10, 30), "Laporan bulanan Dinas Kesehatan"),
            ("Rujukan yang tercatat elektronik", "%", 5, 70, 18, D(2026, 10, 30),
             "Aplikasi rujukan RSUD Mamuju"),
        ],
        "body": _p("Kami memuat capaian ini apa adanya. Pelatihan saja tidak cukup bila "
                   "infrastruktur belum siap; anggaran jaringan Puskesmas diusulkan dalam "
                   "APBD 2027."),
    },
    {
        "slug": "proyek-perubahan-pka-berlanjut", "status": "in_progress",
        "programs": ["pka-angkatan-i-2026"],
        "planned": (D(2026, 6, 15), D(2026, 12, 15)), "actual": (D(2026, 6, 15), None),
        "budget": (None, None),
        "title": "Proyek perubahan alumni PKA 2026 yang tetap berjalan",
        "summary": "Enam bulan setelah pelatihan, kami memantau berapa proyek perubahan yang "
                   "masih berjalan di unit peserta.",
        "title_en": "Leadership-training change projects still running",
        "summary_en": "Six months after the training, we track how many change projects "
                      "are still running in participants' units.",
        "indicators": [
            ("Proyek perubahan yang masih berjalan", "proyek", 0, 30, 21, D(2026, 11, 2),
             "Pemantauan mentor BKPSDM"),
        ],
        "body": [],
    },
    {
        "slug": "insiden-keamanan-data-menurun", "status": "partly_achieved",
        "programs": ["literasi-digital-keamanan-data", "magang-sistem-informasi-diskominfo"],
        "planned": (D(2026, 5, 21), D(2026, 11, 30)), "actual": (D(2026, 5, 21), None),
        "budget": (None, None),
        "title": "Insiden keamanan data di OPD menurun",
        "summary": "Lebih banyak ASN lulus uji literasi keamanan data dan laporan kebocoran "
                   "kata sandi berkurang, meski belum sesuai target.",
        "title_en": "Fewer data-security incidents in government units",
        "summary_en": "More civil servants passed the data-security test and fewer password "
                      "leaks were reported, though not yet to target.",
        "indicators": [
            ("ASN yang lulus uji literasi keamanan data", "%", 38, 90, 84, D(2026, 10, 15),
             "Uji daring Diskominfo"),
            ("Laporan kebocoran kata sandi per triwulan", "laporan", 9, 2, 3, D(2026, 10, 1),
             "Tim tanggap insiden Diskominfo"),
        ],
        "body": [],
    },
]

REPORTS = [
    ("laporan-kinerja-semester-i-2026", D(2026, 7, 15), "Semester I 2026", "bkpsdm",
     "Laporan Kinerja Pengembangan Kompetensi ASN Semester I 2026",
     "Realisasi program, peserta dan anggaran pengembangan kompetensi ASN Januari–Juni 2026.",
     "Civil-servant development performance report, first half of 2026",
     "Programs, participants and budget for civil-servant development, January–June 2026."),
    ("laporan-layanan-informasi-publik-2025", D(2026, 2, 27), "Tahun 2025", "diskominfo",
     "Laporan Layanan Informasi Publik 2025",
     "Jumlah permohonan informasi, waktu pemenuhan, permohonan yang dikabulkan dan ditolak "
     "beserta alasannya (UU 14/2008 Pasal 12).",
     "Public-information service report 2025",
     "Number of information requests, time to fulfil them, requests granted and refused "
     "with the reasons (Law 14/2008, Article 12)."),
]

NEWS = [
    ("mpp-mamuju-rampung-lebih-cepat", D(2026, 10, 12), ["mpp", "manajemen proyek"],
     "MPP Mamuju Rampung Tiga Minggu Lebih Cepat",
     "Gedung Mal Pelayanan Publik Mamuju diserahterimakan 9 Oktober 2026, 21 hari sebelum "
     "jadwal.",
     "Mamuju Public Service Mall finished three weeks early",
     "The Mamuju Public Service Mall was handed over on 9 October 2026, 21 days ahead of "
     "schedule."),
    ("pendaftaran-pkp-angkatan-ii-dibuka", D(2026, 11, 20), ["pelatihan", "kepemimpinan"],
     "Pendaftaran PKP Angkatan II 2027 Dibuka",
     "Pejabat pengawas dapat mendaftar Pelatihan Kepemimpinan Pengawas sampai 20 Desember "
     "2026.",
     "Registration open for supervisor leadership training 2027",
     "Supervisors can register for the 2027 leadership training until 20 December 2026."),
    ("mahasiswa-unsulbar-magang-di-diskominfo", D(2026, 7, 2), ["magang", "unsulbar"],
     "Sembilan Mahasiswa Unsulbar Mulai Magang di Diskominfo",
     "Mahasiswa Sistem Informasi membantu digitalisasi arsip dan layanan PPID selama "
     "delapan minggu.",
     "Nine Unsulbar students start their internship at Diskominfo",
     "Information-systems students help digitise archives and the information-request "
     "service for eight weeks."),
]

REGISTER = [
    # category, title, description, unit, last updated, refresh due, exemption reason
    ("berkala", "Laporan keuangan BKPSDM",
     "Laporan realisasi anggaran, neraca dan catatan atas laporan keuangan.", "bkpsdm",
     D(2026, 1, 15), D(2026, 7, 15), ""),
    ("berkala", "Ringkasan program dan kegiatan pengembangan kompetensi ASN",
     "Nama program, penanggung jawab, target, jadwal dan anggaran.", "bkpsdm",
     D(2026, 10, 1), D(2027, 4, 1), ""),
    ("berkala", "Laporan akses informasi publik",
     "Jumlah permohonan, waktu pemenuhan dan alasan penolakan.", "diskominfo",
     D(2026, 2, 27), D(2027, 2, 27), ""),
    ("serta_merta", "Informasi gangguan layanan KTP-el",
     "Pemberitahuan bila layanan cetak KTP-el terhenti di kecamatan.", "disdukcapil",
     D(2026, 11, 3), None, ""),
    ("setiap_saat", "Standar operasional prosedur (SOP) pelatihan ASN",
     "Alur pendaftaran, seleksi dan evaluasi peserta pelatihan.", "bkpsdm",
     D(2026, 5, 4), None, ""),
    ("setiap_saat", "Nota kesepahaman dengan perguruan tinggi mitra",
     "MoU dan perjanjian kerja sama yang masih berlaku.", "bkpsdm",
     D(2026, 9, 1), None, ""),
    ("dikecualikan", "Data pribadi peserta pelatihan",
     "NIP, NIK, alamat, nilai dan hasil asesmen peserta.", "bkpsdm",
     D(2026, 1, 5), None,
     "UU 14/2008 Pasal 17 huruf h dan UU 27/2022 tentang Pelindungan Data Pribadi: "
     "membuka data ini mengungkap rahasia pribadi. Uji konsekuensi oleh PPID, 5 Januari "
     "2026."),
]


# --- helpers -------------------------------------------------------------------------


def _child(parent: Page, slug: str):
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def _publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(page: Page, locale_en: Locale, **fields) -> Page:
    english = page.get_translation_or_none(locale_en)
    if english is None:
        english = page.copy_for_translation(locale_en)
        for name, value in fields.items():
            setattr(english, name, value)
        english.save_revision().publish()
    return english


# --- seeders -------------------------------------------------------------------------


def seed_home(*, log) -> None:
    home = _home_page()
    _english_home(home)
    log(f"  home page: {home.url_path} (id + en)")


@transaction.atomic
def _home_page() -> HomePage:
    locale_id = Locale.get_default()
    home = HomePage.objects.filter(locale=locale_id).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(slug="beranda", locale=locale_id, **HOME_ID))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = host_and_port()  # the public base URL (SERAMBI_BASE_URL)
        Site.objects.create(hostname=hostname, port=port, root_page=home,
                            is_default_site=True, site_name="Serambi")
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Serambi"
        site.save()
        # Wagtail's placeholder "Welcome" page is not ours to keep.
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


@transaction.atomic
def _english_home(home: HomePage) -> HomePage:
    locale_en, _ = Locale.objects.get_or_create(language_code="en")
    english = HomePage.objects.filter(
        locale=locale_en, translation_key=home.translation_key
    ).first()
    if english is None:
        english = home.copy_for_translation(locale_en)
        for field, value in HOME_EN.items():
            setattr(english, field, value)
        english.save_revision().publish()
    return english


def seed_taxonomy(*, log) -> None:
    for order, (slug, name, name_en, description) in enumerate(AREAS):
        CompetencyArea.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en,
                                 "description": description, "sort_order": order},
        )
    for slug, name, kind, city, website, desc, desc_en, signed, until in PARTNERS:
        PartnerInstitution.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "city": city, "website": website,
                                 "description": desc, "description_en": desc_en,
                                 "mou_signed_on": signed, "mou_valid_until": until},
        )
    log(f"  {len(AREAS)} competency areas, {len(PARTNERS)} partner institutions")


def _home() -> HomePage:
    return HomePage.objects.get(locale=Locale.get_default(), depth=2)


def seed_sections(*, log) -> None:
    home = _home()
    locale_en, _ = Locale.objects.get_or_create(language_code="en")
    for model, slug, title, intro, slug_en, title_en, intro_en in INDEXES:
        page = _child(home, slug) or _publish_child(
            home, model(title=title, slug=slug, intro=intro)
        )
        _translate(page, locale_en, title=title_en, slug=slug_en, intro=intro_en)
    editorial_permissions_grant(home=home)
    log(f"  {len(INDEXES)} sections (id + en); Tim Komunikasi confined to the home tree")


def seed_programs(*, log) -> None:
    home = _home()
    index = _child(home, "program")
    locale_en = Locale.objects.get(language_code="en")
    areas = {area.slug: area for area in CompetencyArea.objects.all()}
    units = {unit.slug: unit for unit in Unit.objects.all()}
    partners = {partner.slug: partner for partner in PartnerInstitution.objects.all()}
    for data in PROGRAMS:
        page = _child(index, data["slug"])
        if page is None:
            planned, spent = data["budget"]
            page = TrainingProgramPage(
                title=data["title"], slug=data["slug"], summary=data["summary"],
                competency_area=areas[data["area"]], format=data["format"],
                status=data["status"], start_date=data["start"], end_date=data["end"],
                place=data["place"], organiser=units.get(data["unit"]),
                target_participants=data["target"], capacity=data["capacity"],
                participants=data["participants"], budget_planned=planned,
                budget_spent=spent, body=json.dumps(_raw_stream(data["body"])),
                **data.get("registration", {}),
            )
            page.partners = [partners[slug] for slug in data["partners"]]
            _publish_child(index, page)
        _translate(page, locale_en, title=data["title_en"], summary=data["summary_en"])
    log(f"  {len(PROGRAMS)} training programs (id + en)")


def _raw_stream(blocks: list) -> list:
    """StreamField raw JSON from (type, value) pairs (rich text as its HTML source)."""
    return [
        {"type": kind, "value": value.source if isinstance(value, RichText) else value}
        for kind, value in blocks
    ]


def seed_outcomes(*, log) -> None:
    home = _home()
    index = _child(home, "capaian")
    programs_index = _child(home, "program")
    locale_en = Locale.objects.get(language_code="en")
    programs = {p.slug: p for p in TrainingProgramPage.objects.child_of(programs_index)}
    for data in OUTCOMES:
        page = _child(index, data["slug"])
        if page is None:
            (planned_start, planned_end), (actual_start, actual_end) = (
                data["planned"], data["actual"])
            budget_planned, budget_actual = data["budget"]
            page = OutcomePage(
                title=data["title"], slug=data["slug"], summary=data["summary"],
                status=data["status"], planned_start=planned_start, planned_end=planned_end,
                actual_start=actual_start, actual_end=actual_end,
                budget_planned=budget_planned, budget_actual=budget_actual,
                body=json.dumps(_raw_stream(data["body"])),
            )
            page.program_links = [OutcomeProgram(program=programs[slug])
                                  for slug in data["programs"]]
            page.indicators = [
                OutcomeIndicator(name=name, unit_of_measure=unit, baseline=Decimal(baseline),
                                 target=Decimal(target), actual=Decimal(actual),
                                 measured_on=measured_on, source=source)
                for name, unit, baseline, target, actual, measured_on, source
                in data["indicators"]
            ]
            _publish_child(index, page)
        _translate(page, locale_en, title=data["title_en"], summary=data["summary_en"])
    log(f"  {len(OUTCOMES)} outcomes with indicators (id + en)")


def seed_reports_and_news(*, log) -> None:
    home = _home()
    locale_en = Locale.objects.get(language_code="en")
    reports, news = _child(home, "laporan"), _child(home, "berita")
    units = {unit.slug: unit for unit in Unit.objects.all()}
    for slug, date, period, unit, title, summary, title_en, summary_en in REPORTS:
        page = _child(reports, slug) or _publish_child(reports, ReportPage(
            title=title, slug=slug, summary=summary, date=date, period=period,
            unit=units.get(unit),
        ))
        _translate(page, locale_en, title=title_en, summary=summary_en)
    for slug, date, tags, title, summary, title_en, summary_en in NEWS:
        page = _child(news, slug)
        if page is None:
            page = NewsPage(title=title, slug=slug, summary=summary, date=date,
                            body=json.dumps(_raw_stream(_p(summary))))
            page.tags.add(*tags)
            _publish_child(news, page)
        _translate(page, locale_en, title=title_en, summary=summary_en,
                   body=json.dumps(_raw_stream(_p(summary_en))))
    log(f"  {len(REPORTS)} reports, {len(NEWS)} news items (id + en)")


def seed_public_information(*, log) -> None:
    units = {unit.slug: unit for unit in Unit.objects.all()}
    for category, title, description, unit, updated, due, reason in REGISTER:
        PublicInformationEntry.objects.get_or_create(
            title=title,
            defaults={"category": category, "description": description,
                      "responsible_unit": units[unit], "last_updated": updated,
                      "refresh_due": due, "exemption_reason": reason},
        )
    stale = PublicInformationEntry.objects.needing_refresh().count()
    log(f"  {len(REGISTER)} public-information entries ({stale} due for a refresh)")
