"""Demo forum for `manage.py seed_demo`: four categories, 42 threads across units, kinds
and statuses, official answers from the demo ASN accounts, realistic Indonesian text.

Threads are built through the real services, in the order things would have happened:
every step (opening, acknowledgement, answer, confirmation, dispute, closing…) and a
daily run of the SLA clock are put on one time line over the past weeks and replayed with
`discussions.clock.frozen`. So deadlines, "overdue" marks and automatic resolutions are
exactly what the working-day clock produces. Idempotent: a thread whose title exists is
skipped; a run that adds nothing only runs today's tick. Demo notification emails are
not sent (they are marked "no email" before the transaction commits).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.utils import timezone

from forum_site.accounts import roles
from forum_site.accounts.demo import ensure_demo_user
from forum_site.accounts.models import Unit, User

from . import clock
from .models import Category, Notification, Thread, ThreadVisibility
from .moderation import services as moderation_services
from .ppid import services as ppid_services
from .threads import services
from .threads.services.calendar import holidays_sync
from .threads.sla import WorkingCalendar, sla_tick

CATEGORIES = [
    # slug, name, name_en, description, description_en, default unit slug, order
    ("layanan-kepegawaian", "Layanan Kepegawaian", "Civil-service HR services",
     "Kenaikan pangkat, mutasi, cuti, SKP dan administrasi kepegawaian ASN.",
     "Promotions, transfers, leave, performance targets and HR administration.",
     "bkpsdm", 10),
    ("pelatihan-kompetensi", "Pelatihan & Pengembangan Kompetensi",
     "Training and competency development",
     "Pelatihan dasar, kepemimpinan, teknis, magang dan sertifikasi kompetensi.",
     "Basic, leadership and technical training, internships and certification.",
     "bkpsdm", 20),
    ("pelayanan-publik", "Pelayanan Publik", "Public services",
     "Keluhan dan masukan tentang layanan kepada warga: dokumen kependudukan, jalan, "
     "air bersih, fasilitas umum.",
     "Complaints and feedback on services to citizens: ID documents, roads, water, "
     "public facilities.",
     "disdukcapil", 30),
    ("permohonan-informasi", "Permohonan Informasi", "Information requests",
     "Permohonan informasi publik sesuai UU 14/2008: dijawab tertulis dalam 10 hari kerja.",
     "Public-information requests under Law 14/2008: a written answer within 10 working days.",
     "diskominfo", 40),
]

CITIZENS = [
    # email, display name, first, last
    ("warga@serambi.localhost", "Andi Mamuju", "Andi", "Saputra"),
    ("warga2@serambi.localhost", "Nurhayati", "Nurhayati", "Rahman"),
    ("warga3@serambi.localhost", "Muh. Irfan", "Muhammad", "Irfan"),
    ("warga4@serambi.localhost", "Hasnah", "Hasnah", "Latif"),
    ("warga5@serambi.localhost", "Yohanis T.", "Yohanis", "Tandi"),
    ("warga6@serambi.localhost", "Ratna Dewi", "Ratna", "Dewi"),
    ("warga7@serambi.localhost", "Arman", "Arman", "Syah"),
    ("warga8@serambi.localhost", "Sri Wahyuni", "Sri", "Wahyuni"),
]

ASN_BY_UNIT = {
    "bkpsdm": "asn.bkpsdm@serambi.localhost",
    "dinas-pupr": "asn.pupr@serambi.localhost",
    "disdukcapil": "asn.dukcapil@serambi.localhost",
}
MODERATOR = "moderator@serambi.localhost"


@dataclass
class Spec:
    """One demo thread: where it goes, who asks, when (working days ago), and what
    happens after (steps with working days after opening)."""

    category: str
    kind: str
    author: int
    ago: int
    title: str
    body: str
    unit: str | None = None
    page: str | None = None
    steps: list[tuple] = field(default_factory=list)
    supporters: int = 0
    followers: int = 0


def ack(after, note=""):
    return ("ack", after, note)


def answer(after, text):
    # An information request's decision is the PPID's (`decide`), never an answer's.
    return ("answer", after, text)


def confirm(after):
    return ("confirm", after)


def dispute(after, reason):
    return ("dispute", after, reason)


def extend(after, reason):
    return ("extend", after, reason)


def close(after, kind, note, duplicate_of=None):
    return ("close", after, kind, note, duplicate_of)


def reroute(after, unit, reason):
    return ("reroute", after, unit, reason)


def edit(after, text):
    return ("edit", after, text)


# The public-information path (ppid.services): the PPID's written decision, the
# requester's objection, the atasan PPID's answer, the step to the Komisi Informasi.
# The documents attached to a demo decision (the information given, no personal data).
ASN_RECAP_CSV = (b"Golongan;Laki-laki;Perempuan\nI;41;3\nII;612;588\nIII;1904;2371\n"
                 b"IV;455;389\n")


def decide(after, outcome, text, *, exemption="", test="", form="", office="", files=()):
    # files: (name, bytes) of the documents attached to the decision.
    return ("decide", after, outcome, text, exemption, test, form, office, tuple(files))


def object_(after, grounds, reason):
    return ("object", after, grounds, reason)


def objection_answer(after, upheld, text):
    return ("objection_answer", after, upheld, text)


def komisi(after):
    return ("komisi", after)


PPID_USER = ("petugas.ppid@serambi.localhost", "Petugas PPID", "Nurul", "Hidayah")
PPID_SUPERIOR_USER = ("atasan.ppid@serambi.localhost", "Atasan PPID", "Hasan", "Basri")


KP = "layanan-kepegawaian"
PK = "pelatihan-kompetensi"
PP = "pelayanan-publik"
PI = "permohonan-informasi"
CERTIFICATE = "Sertifikat pelatihan teknis belum terbit setelah 2 bulan"
KTP_QUEUE = "Antrean KTP-el di Disdukcapil sampai sore"

THREADS: list[Spec] = [
    # --- Pelatihan & Pengembangan Kompetensi -----------------------------------------
    Spec(PK, "question", 2, 38, "Kapan pendaftaran Pelatihan Kepemimpinan Pengawas 2027 dibuka?",
         "Saya pengawas di kecamatan dan belum pernah ikut PKP. Kapan pendaftaran angkatan "
         "2027 dibuka, dan apakah harus ada rekomendasi kepala OPD?",
         page="pkp-angkatan-ii-2027",
         steps=[ack(1, "Sedang kami cek jadwal dengan PPSDM Regional."),
                answer(3, "Pendaftaran PKP Angkatan II 2027 dibuka **3–21 Februari 2027** "
                          "melalui surat usulan OPD ke BKPSDM.\n\nSyarat:\n\n"
                          "- menduduki jabatan pengawas paling singkat 1 tahun;\n"
                          "- rekomendasi kepala OPD;\n"
                          "- SKP dua tahun terakhir bernilai baik.\n\n"
                          "Kuota 40 peserta, diprioritaskan yang belum pernah mengikuti PKP."),
                confirm(4)],
         supporters=5, followers=3),
    Spec(PK, "question", 0, 35, "Apakah PKA 2026 bisa diikuti pejabat fungsional?",
         "Saya pejabat fungsional ahli madya. Apakah boleh ikut Pelatihan Kepemimpinan "
         "Administrator, atau khusus pejabat struktural?", page="pka-angkatan-i-2026",
         steps=[answer(2, "PKA diperuntukkan bagi pejabat administrator. Pejabat fungsional "
                          "ahli madya dapat mengikuti bila akan diangkat dalam jabatan "
                          "administrator dan diusulkan oleh PPK. Silakan koordinasi dengan "
                          "subbagian kepegawaian di OPD Bapak/Ibu."),
                confirm(5)],
         supporters=2),
    Spec(PK, "suggestion", 3, 12, "Usul pelatihan digital dibuat daring untuk ASN di pulau",
         "ASN di Pulau Karampuang dan Bala-Balakang sulit ikut pelatihan tatap muka di Mamuju "
         "karena ongkos kapal. Mohon pelatihan literasi digital juga dibuka daring.",
         steps=[answer(4, "Terima kasih atas usulannya. Mulai Maret 2027 kelas literasi "
                          "digital dibuka dalam format *blended*: modul daring 3 minggu dan satu "
                          "hari tatap muka yang bisa diikuti dari kantor kecamatan melalui "
                          "konferensi video.")],
         supporters=9, followers=4),
    Spec(PK, "question", 4, 14, CERTIFICATE,
         "Saya ikut pelatihan pengadaan barang/jasa September lalu, tapi sertifikatnya belum "
         "terbit. Ke mana saya harus menanyakan?",
         steps=[answer(6, "Sertifikat angkatan September sudah terbit dan dikirim ke "
                          "subbagian kepegawaian masing-masing OPD pada 3 November. Jika belum "
                          "diterima, hubungi BKPSDM bidang pengembangan kompetensi dengan "
                          "menyebut nomor angkatan.")],
         supporters=6),
    Spec(PK, "question", 5, 11, "Sertifikat pelatihan pengadaan barang/jasa angkatan September",
         "Apakah sertifikat pelatihan pengadaan angkatan September sudah keluar?",
         steps=[close(1, "duplicate", "Pertanyaan yang sama sudah dijawab di utas lain; "
                      "silakan ikuti utas tersebut.", duplicate_of=CERTIFICATE)]),
    Spec(PK, "feedback", 6, 20, "Materi sosialisasi sistem merit sangat bermanfaat",
         "Sosialisasi sistem merit kemarin jelas dan contohnya dekat dengan pekerjaan kami. "
         "Mohon bahan presentasinya dibagikan.",
         steps=[answer(2, "Terima kasih. Bahan presentasi sudah kami unggah di halaman "
                          "program *Sosialisasi Sistem Merit* bagian dokumen."),
                confirm(3)],
         supporters=3),
    Spec(PK, "complaint", 7, 16, "Jadwal pelatihan bentrok dengan tugas pelayanan",
         "Pelatihan teknis dijadwalkan pada minggu pelayanan pajak daerah, padahal kami "
         "petugas loket. Mohon jadwal disesuaikan.",
         steps=[answer(5, "Jadwal pelatihan teknis perpajakan dipindah ke 8–10 Januari 2027 "
                          "setelah masa pelayanan pajak. Undangan baru dikirim ke OPD."),
                dispute(6, "Tanggal baru masih bentrok dengan pendataan awal tahun. Apakah "
                           "bisa dibuat dua gelombang?")],
         supporters=4, followers=2),
    Spec(PK, "question", 1, 9, "Apakah magang di Dinas PUPR terbuka untuk lulusan D3?",
         "Program magang teknik sipil di Dinas PUPR: apakah menerima lulusan D3, atau hanya "
         "mahasiswa S1 dari universitas mitra?", page="magang-teknik-sipil-pupr",
         unit="dinas-pupr",
         steps=[answer(3, "Program magang 2027 menerima mahasiswa tingkat akhir D3 dan S1 "
                          "teknik sipil dari universitas mitra. Lulusan belum dapat diterima "
                          "karena program ini bagian dari kurikulum kampus.")],
         followers=2),
    Spec(PK, "question", 3, 8, "Berapa biaya uji kompetensi jabatan fungsional?",
         "Apakah uji kompetensi kenaikan jenjang jabatan fungsional dipungut biaya?",
         steps=[ack(1, "Kami konfirmasi ke instansi pembina.")]),
    Spec(PK, "question", 5, 2, "Pendaftaran pelatihan dasar CPNS formasi 2026",
         "Kami CPNS formasi 2026 yang baru menerima SK. Kapan pelatihan dasar dijadwalkan?",
         supporters=7, followers=5),
    Spec(PK, "suggestion", 2, 1, "Sediakan rekaman kelas untuk peserta yang piket",
         "Beberapa teman perawat tidak bisa hadir karena piket. Mohon kelas direkam dan "
         "dibagikan kepada peserta terdaftar."),

    # --- Layanan Kepegawaian --------------------------------------------------------------
    Spec(KP, "question", 4, 40, "Berkas kenaikan pangkat periode Oktober belum diproses",
         "Berkas kenaikan pangkat saya periode Oktober sudah lengkap di SIASN, tetapi status "
         "masih 'diusulkan'. Apakah ada kekurangan?",
         steps=[answer(7, "Berkas periode Oktober sudah kami verifikasi dan diteruskan ke "
                          "BKN Regional IV. Status di SIASN berubah setelah pertimbangan "
                          "teknis BKN terbit, biasanya 2–4 minggu."),
                confirm(9)],
         supporters=11, followers=6),
    Spec(KP, "complaint", 6, 36, "Tunjangan kinerja bulan lalu terlambat dibayarkan",
         "Tunjangan kinerja bulan September baru dibayar pertengahan Oktober. Mohon penjelasan.",
         steps=[answer(4, "Keterlambatan karena rekapitulasi e-kinerja dua OPD terlambat "
                          "masuk. Mulai November, batas unggah e-kinerja tanggal 5 dan "
                          "pembayaran paling lambat tanggal 15."),
                edit(5, "Keterlambatan karena rekapitulasi e-kinerja dua OPD terlambat masuk. "
                        "Mulai November, batas unggah e-kinerja **tanggal 5** dan pembayaran "
                        "paling lambat **tanggal 15** setiap bulan.\n\nJika terlambat lagi, "
                        "silakan laporkan di utas ini.")],
         supporters=14, followers=8),
    Spec(KP, "question", 0, 33, "Cara mengajukan cuti besar untuk ibadah haji",
         "Saya akan berangkat haji tahun depan. Bagaimana prosedur cuti besar dan berapa "
         "lama sebelumnya harus diajukan?",
         steps=[answer(2, "Cuti besar untuk ibadah haji diajukan melalui aplikasi SIASN "
                          "paling lambat **1 bulan** sebelum keberangkatan, dilampiri bukti "
                          "pendaftaran haji. Cuti besar paling lama 3 bulan dan dapat diambil "
                          "walau belum 5 tahun bekerja bila untuk haji pertama.")],
         supporters=3),
    Spec(KP, "question", 2, 28, "Mutasi antar-kabupaten untuk mengikuti suami",
         "Suami saya dipindahtugaskan ke Majene. Apakah saya bisa mutasi dan apa syaratnya?",
         steps=[answer(5, "Mutasi antar-kabupaten dapat diajukan dengan: surat permohonan, "
                          "persetujuan PPK asal dan tujuan, analisis jabatan di instansi "
                          "tujuan, dan surat keterangan tugas suami. Ajukan melalui subbagian "
                          "kepegawaian OPD Ibu."),
                confirm(8)],
         followers=1),
    Spec(KP, "complaint", 7, 22, "Nilai SKP saya berubah tanpa pemberitahuan",
         "Nilai SKP tahun lalu di e-kinerja berubah dari 'baik' menjadi 'butuh perbaikan' "
         "tanpa ada pembicaraan dengan atasan.",
         steps=[answer(6, "Kami memeriksa log e-kinerja: perubahan dilakukan oleh akun atasan "
                          "langsung pada 12 Januari. Sesuai aturan, penilaian harus didahului "
                          "dialog kinerja. Kami minta atasan Bapak melakukan dialog ulang dan "
                          "BKPSDM akan memantau."),
                dispute(7, "Sudah dua minggu, belum ada dialog dengan atasan."),
                answer(10, "BKPSDM sudah memanggil atasan langsung. Dialog kinerja dijadwalkan "
                           "Senin depan di ruang rapat BKPSDM, dihadiri pendamping dari bidang "
                           "penilaian kinerja.")],
         supporters=5, followers=3),
    Spec(KP, "complaint", 2, 14, "Kenaikan gaji berkala belum dibayarkan sejak Agustus",
         "SK kenaikan gaji berkala saya terbit Agustus, tetapi gaji bulan ini belum berubah. "
         "Mohon dicek.",
         steps=[answer(3, "SK KGB Ibu sudah kami teruskan ke BPKAD pada 2 September. "
                          "Perubahan gaji biasanya berlaku satu sampai dua bulan setelahnya, "
                          "dengan rapelan bulan yang tertunda."),
                dispute(10, "Sudah tiga bulan dan rapelan belum dibayar. Mohon dicek langsung "
                            "ke BPKAD.")],
         supporters=3, followers=2),
    Spec(KP, "question", 1, 11, "Apakah PPPK bisa mengikuti pelatihan kepemimpinan?",
         "Saya PPPK guru. Apakah PPPK berhak ikut pelatihan kepemimpinan atau hanya PNS?",
         steps=[answer(4, "PPPK berhak atas pengembangan kompetensi, tetapi pelatihan "
                          "kepemimpinan terkait jabatan struktural yang hanya dapat diduduki "
                          "PNS. PPPK guru dapat mengikuti pelatihan teknis dan fungsional.")]),
    Spec(KP, "question", 3, 11, "Kapan data SIASN untuk pensiun diperbarui?",
         "Saya pensiun tahun depan. Data di SIASN masih salah tanggal lahir. Bagaimana "
         "memperbaikinya?", steps=[ack(2, "Data sedang kami cocokkan dengan berkas fisik.")],
         followers=1),
    Spec(KP, "complaint", 5, 9, "Layanan konsultasi kepegawaian tutup di jam kerja",
         "Dua kali saya datang pukul 14.00 ke loket layanan kepegawaian dan tutup.",
         supporters=6),
    Spec(KP, "question", 6, 7, "Syarat pengajuan Karpeg elektronik",
         "Apa saja syarat Karpeg elektronik bagi PNS yang baru diangkat?", supporters=2),
    Spec(KP, "question", 4, 1, "Cara memperbarui riwayat pendidikan di SIASN",
         "Saya baru lulus S2. Bagaimana memperbarui riwayat pendidikan di SIASN?"),
    Spec(KP, "feedback", 0, 44, "Pertanyaan umum soal jual beli pulsa",
         "Ada yang jual pulsa murah di sekitar kantor bupati?",
         steps=[close(0, "off_topic", "Forum ini untuk pertanyaan dan masukan tentang layanan "
                      "pemerintah, bukan jual beli.")]),

    # --- Pelayanan Publik -------------------------------------------------------------------
    Spec(PP, "complaint", 2, 42, KTP_QUEUE,
         "Saya antre perekaman KTP-el dari pukul 08.00 sampai 15.00. Apakah bisa dibuat "
         "nomor antrean daring?", page="waktu-layanan-ktp-el",
         steps=[answer(3, "Mulai 1 Desember, nomor antrean perekaman KTP-el dapat diambil "
                          "melalui aplikasi Dukcapil Mamuju, kuota 120 per hari. Loket juga "
                          "dibuka pukul 07.30."),
                confirm(5)],
         supporters=23, followers=10),
    Spec(PP, "complaint", 4, 34, "Akta kelahiran anak salah penulisan nama",
         "Nama anak saya di akta tertulis 'Muhamad' padahal seharusnya 'Muhammad'.",
         steps=[answer(2, "Pembetulan akta karena kesalahan tulis tidak dipungut biaya. "
                          "Bawa akta asli, KK dan KTP-el orang tua ke loket Disdukcapil; "
                          "selesai dalam 1 hari kerja.")],
         supporters=1),
    Spec(PP, "complaint", 6, 22, "Jalan poros Tapalang berlubang dan membahayakan",
         "Di jalan poros Tapalang km 12 ada lubang besar. Sudah dua pengendara motor jatuh.",
         unit="dinas-pupr",
         steps=[answer(4, "Tim UPT Jalan sudah meninjau lokasi. Penambalan darurat dilakukan "
                          "minggu ini; perbaikan permanen masuk paket pemeliharaan Januari."),
                dispute(11, "Penambalan darurat sudah rusak lagi setelah hujan."),
                answer(14, "Penambalan ulang dengan aspal dingin selesai kemarin dan rambu "
                           "peringatan dipasang. Paket pemeliharaan Januari tetap berjalan.")],
         supporters=31, followers=12),
    Spec(PP, "complaint", 1, 27, "Air PDAM di Kelurahan Binanga keruh seminggu",
         "Air di Binanga keruh dan berbau sejak minggu lalu.", unit="dinas-pupr",
         steps=[reroute(1, "diskominfo", "Keluhan air bersih ditangani PDAM; diteruskan ke "
                                        "PPID untuk koordinasi dengan PDAM."),
                reroute(2, "dinas-pupr", "Koordinasi PDAM melalui bidang Cipta Karya PUPR."),
                answer(4, "PDAM melakukan pengurasan pipa transmisi di Binanga. Air kembali "
                          "jernih dalam 2–3 hari. Warga dapat mengambil air di mobil tangki "
                          "di depan kantor kelurahan.")],
         supporters=17, followers=7),
    Spec(PP, "question", 3, 6, "Apakah pindah domisili bisa diurus daring?",
         "Saya pindah dari Kalukku ke Mamuju. Bisakah surat pindah diurus tanpa datang?",
         page="sosialisasi-adminduk-daring",
         steps=[answer(1, "Bisa. Ajukan melalui aplikasi Identitas Kependudukan Digital (IKD) "
                          "menu *Pindah Datang*. Dokumen terbit dalam bentuk PDF bertanda "
                          "tangan elektronik.")],
         supporters=4),
    Spec(PP, "complaint", 5, 23, "Antrean KTP-el terlalu lama, mohon antrean online",
         "Antrean KTP-el sangat lama. Tolong buat antrean online.",
         steps=[close(1, "duplicate", "Keluhan yang sama sudah dijawab; antrean daring "
                      "tersedia mulai 1 Desember.", duplicate_of=KTP_QUEUE)]),
    Spec(PP, "suggestion", 7, 10, "Tambah lampu jalan di Jembatan Karema",
         "Jembatan Karema gelap pada malam hari. Usul dipasang lampu tenaga surya.",
         unit="dinas-pupr",
         steps=[answer(3, "Usulan masuk rencana kerja 2027. Survei titik lampu dilakukan "
                          "Februari.")],
         supporters=12, followers=2),
    Spec(PP, "complaint", 0, 14, "Pelayanan KIA di kecamatan belum tersedia",
         "Kartu Identitas Anak hanya bisa dicetak di kantor dinas. Mohon layanan di kecamatan.",
         steps=[ack(2)], supporters=5),
    Spec(PP, "complaint", 2, 10, "Saluran drainase di Jalan Diponegoro tersumbat",
         "Setiap hujan, air meluap ke jalan karena selokan tersumbat sampah.",
         unit="dinas-pupr", supporters=8),
    Spec(PP, "complaint", 4, 6, "Petugas meminta biaya cetak ulang KK",
         "Saat cetak ulang KK karena rusak, petugas meminta Rp50.000. Bukankah gratis?",
         supporters=9, followers=4),
    Spec(PP, "feedback", 6, 3, "Layanan jemput bola perekaman KTP-el di desa sangat membantu",
         "Terima kasih untuk layanan perekaman di Desa Botteng. Orang tua kami tidak perlu "
         "ke kota."),
    Spec(PP, "question", 1, 46, "Izin keramaian untuk acara pernikahan",
         "Bagaimana mengurus izin keramaian untuk pesta pernikahan?",
         steps=[close(1, "out_of_scope", "Izin keramaian diterbitkan oleh Polres Mamuju, bukan "
                      "unit pemerintah daerah di forum ini. Silakan hubungi Polres.")]),

    # --- Permohonan Informasi -------------------------------------------------------------
    Spec(PI, "information_request", 3, 37,
         "Permohonan data peserta pelatihan per OPD tahun 2026",
         "Untuk penelitian, saya memohon data jumlah peserta pelatihan per OPD tahun 2026 "
         "(tanpa nama peserta).", unit="bkpsdm",
         steps=[decide(6, "granted", "Data jumlah peserta pelatihan per OPD 2026 tersedia "
                                     "sebagai data terbuka di halaman Statistik, berkas "
                                     "peserta-pelatihan-2026.csv. Data tidak memuat nama "
                                     "peserta.", form="softcopy"),
                confirm(7)],
         followers=2),
    Spec(PI, "information_request", 7, 32,
         "Permohonan salinan kontrak pemeliharaan jalan poros Tapalang",
         "Saya memohon salinan kontrak dan nilai pekerjaan pemeliharaan jalan poros Tapalang "
         "tahun anggaran 2026.", unit="dinas-pupr",
         steps=[extend(8, "Dokumen kontrak sedang diminta dari arsip UPT dan perlu pengaburan "
                          "data pribadi penyedia sesuai Pasal 17 UU 14/2008."),
                decide(14, "partly_granted", "Salinan kontrak (data pribadi dikaburkan) kami "
                                             "kirim melalui email pemohon. Nilai kontrak "
                                             "Rp1.248.500.000, masa pelaksanaan 120 hari "
                                             "kalender.", exemption="h", form="softcopy",
                       test="Data pribadi penyedia (NIK, alamat rumah, rekening) adalah "
                            "rahasia pribadi; nilai dan masa kontrak sudah cukup untuk "
                            "mengawasi penggunaan anggaran.")],
         supporters=6, followers=5),
    Spec(PI, "information_request", 5, 15, "Permohonan data jumlah ASN per golongan",
         "Mohon data jumlah ASN Kabupaten Mamuju per golongan dan jenis kelamin tahun 2026.",
         unit="bkpsdm",
         steps=[decide(8, "granted", "Rekapitulasi ASN per golongan dan jenis kelamin "
                                     "(posisi 30 September 2026): golongan I 41 laki-laki "
                                     "dan 3 perempuan; II 612 dan 588; III 1.904 dan 2.371; "
                                     "IV 455 dan 389.", form="softcopy",
                       files=[("Rekap ASN per golongan 2026.csv", ASN_RECAP_CSV),
                              ("Rekap ASN per golongan 2026 (ringkas).csv",
                               ASN_RECAP_CSV.splitlines(keepends=True)[0]
                               + b"Jumlah;3012;3351\n")])],
         followers=1),
    Spec(PI, "information_request", 2, 13, "Permohonan anggaran pelatihan kepemimpinan 2026",
         "Mohon rincian realisasi anggaran pelatihan kepemimpinan tahun 2026.", unit="bkpsdm",
         steps=[extend(5, "Realisasi anggaran triwulan IV belum final; menunggu rekonsiliasi "
                          "dengan BPKAD.")],
         followers=3),
    Spec(PI, "information_request", 0, 12,
         "Permohonan daftar lokasi perekaman KTP-el keliling 2027",
         "Mohon jadwal dan lokasi perekaman KTP-el keliling tahun 2027.", unit="disdukcapil"),
    Spec(PI, "information_request", 6, 4, "Permohonan data kualitas air PDAM 2026",
         "Mohon hasil uji kualitas air PDAM per triwulan tahun 2026.", supporters=3),
    Spec(PI, "information_request", 4, 2, "Permohonan SOP layanan pengaduan Diskominfo",
         "Mohon salinan SOP penanganan pengaduan masyarakat yang berlaku."),
    # Refused requests, so the annual information-service report shows its grounds.
    # The whole legal path: refused with an exemption, objected, answered by the atasan
    # PPID in time, then taken to the Komisi Informasi.
    Spec(PI, "information_request", 1, 30, "Permohonan daftar NIK peserta seleksi PPPK 2026",
         "Mohon daftar lengkap peserta seleksi PPPK 2026 beserta NIK dan alamat rumahnya.",
         unit="bkpsdm",
         steps=[decide(4, "refused", "Permohonan tidak dapat kami penuhi: NIK dan alamat rumah "
                                     "adalah data pribadi. Daftar nama peserta yang lulus "
                                     "sudah diumumkan di laman BKPSDM.",
                       exemption="h",
                       test="Membuka NIK dan alamat rumah peserta membuka rahasia pribadi "
                            "mereka dan berisiko penyalahgunaan identitas; kepentingan publik "
                            "sudah terpenuhi oleh pengumuman nama peserta yang lulus."),
                object_(6, ["a"], "Saya memerlukan daftar ini untuk memeriksa keadilan "
                                  "seleksi; setidaknya nama dan asal instansi bisa diberikan."),
                objection_answer(20, False, "Keberatan tidak dapat diterima. Nama dan asal "
                                            "instansi peserta lulus sudah diumumkan; NIK "
                                            "dan alamat tetap dikecualikan."),
                komisi(24)]),
    # Objected, answered late by the atasan PPID (marked overdue first).
    Spec(PI, "information_request", 3, 60,
         "Permohonan hasil asesmen kompetensi pejabat administrator 2026",
         "Mohon salinan hasil asesmen kompetensi seluruh pejabat administrator tahun 2026.",
         unit="bkpsdm",
         steps=[decide(5, "partly_granted", "Rekapitulasi hasil asesmen per kategori kami "
                                            "berikan; nilai perorangan dikecualikan.",
                       exemption="h", form="softcopy",
                       test="Nilai perorangan adalah penilaian atas diri seseorang; "
                            "membukanya merugikan pejabat tanpa menambah akuntabilitas."),
                object_(7, ["a", "e"], "Rekapitulasi saja tidak cukup; saya meminta nilai "
                                       "per jabatan tanpa nama."),
                objection_answer(42, True, "Keberatan diterima sebagian: nilai per jabatan "
                                           "tanpa nama akan diberikan oleh PPID.")]),
    # Not held: the PPID names the office that holds it.
    Spec(PI, "information_request", 5, 9, "Permohonan data penerima bantuan sosial 2026",
         "Mohon data jumlah penerima bantuan sosial per desa tahun 2026.", unit="bkpsdm",
         steps=[decide(3, "not_held", "BKPSDM tidak menguasai data bantuan sosial.",
                       office="Dinas Sosial Kabupaten Mamuju")]),
    Spec(PI, "information_request", 6, 24, "Permohonan notulen rapat perencanaan jalan 2015",
         "Mohon salinan notulen rapat perencanaan jalan kabupaten tahun 2015.",
         unit="dinas-pupr",
         steps=[decide(9, "not_held", "Setelah penelusuran arsip, notulen rapat tahun 2015 "
                                      "tidak ada dalam penguasaan Dinas PUPR: arsip sebelum "
                                      "2018 diserahkan ke Dinas Perpustakaan dan Kearsipan. "
                                      "Silakan ajukan ke dinas tersebut.",
                       office="Dinas Perpustakaan dan Kearsipan Kabupaten Mamuju")]),
]


def _users() -> dict[str, User]:
    users = {}
    # The PPID and its superior: roles a superuser gives (Wagtail admin → Groups).
    for (email, display, first, last), role in ((PPID_USER, roles.PPID),
                                                (PPID_SUPERIOR_USER, roles.PPID_SUPERIOR)):
        users[email] = ensure_demo_user(email=email, display_name=display, first_name=first,
                                        last_name=last, role=role)
    for email, display, first, last in CITIZENS:
        users[email] = ensure_demo_user(
            email=email, display_name=display, first_name=first, last_name=last
        )
    for email in [*ASN_BY_UNIT.values(), MODERATOR]:
        user = User.objects.filter(email=email).first()
        if user is not None:
            users[email] = user
    return users


def _categories(units: dict[str, Unit]) -> dict[str, Category]:
    categories = {}
    for slug, name, name_en, description, description_en, unit_slug, order in CATEGORIES:
        categories[slug], _created = Category.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name, "name_en": name_en, "description": description,
                "description_en": description_en, "default_unit": units[unit_slug],
                "sort_order": order,
            },
        )
    return categories


def _pages() -> dict:
    from wagtail.models import Page

    slugs = {spec.page for spec in THREADS if spec.page}
    return {
        page.slug: page
        for page in Page.objects.live().filter(slug__in=slugs, locale__language_code="id")
    }


@dataclass(order=True)
class _Action:
    at: dt.datetime
    order: int
    run: Callable[[], None] = field(compare=False)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def seed_forum(*, log) -> None:
    today = timezone.localdate()
    for year in (today.year - 1, today.year, today.year + 1):
        holidays_sync(year=year)
    units = {unit.slug: unit for unit in Unit.objects.all()}
    if not all(slug in units for slug in ("bkpsdm", "dinas-pupr", "disdukcapil", "diskominfo")):
        log("  forum: demo units missing; run the accounts seeder first")
        return
    categories = _categories(units)
    users = _users()
    citizens = [users[email] for email, *_rest in CITIZENS]
    pages = _pages()
    existing = set(Thread.objects.values_list("title", flat=True))

    calendar = WorkingCalendar.load(today - dt.timedelta(days=120), today + dt.timedelta(days=30))
    working_days = [
        day for day in (today - dt.timedelta(days=n) for n in range(120, -1, -1))
        if calendar.is_working_day(day)
    ]
    if not calendar.is_working_day(today):
        working_days.append(today)

    def working_day(ago: int) -> dt.date:
        return working_days[-1 - ago] if ago < len(working_days) else working_days[0]

    created: dict[int, Thread] = {}
    actions: list[_Action] = []
    for index, spec in enumerate(THREADS, start=1):
        if spec.title in existing:
            created[index] = Thread.objects.filter(title=spec.title).first()
            continue
        actions.extend(_plan(index, spec, working_day, categories, units, users, citizens,
                             pages, created))
    if actions:
        first_day = min(action.at for action in actions).date()
        for day in (d for d in working_days if d >= first_day):
            actions.append(_Action(_at(day, 6, 30), 0, _tick(day)))
    else:
        actions.append(_Action(timezone.now(), 0, _tick(today)))
    actions.sort()
    with override_settings(SERAMBI_RATE_LIMITS_ENABLED=False):
        for action in actions:
            if action.at > timezone.now():
                action.at = timezone.now()
            with clock.frozen(action.at):
                action.run()
        sla_tick(today=today)
    # Demo notices stay on the site; their emails are never sent.
    from forum_site.core import outbox

    from .notifications.services import EMAIL_KIND

    outbox.cancel(kind=EMAIL_KIND, object_ids=Notification.objects.filter(thread__in=[
        thread for thread in created.values() if thread is not None
    ]).values_list("pk", flat=True))
    log(f"  forum: {len(categories)} categories, {Thread.objects.count()} threads "
        f"({sum(1 for a in actions if a.order == 1)} new)")


def _tick(day: dt.date) -> Callable[[], None]:
    return lambda: sla_tick(today=day)


def _plan(index, spec, working_day, categories, units, users, citizens, pages, created):
    """The actions of one demo thread: opening, its steps, supporters and followers."""
    opened_on = working_day(spec.ago)
    author = citizens[spec.author % len(citizens)]
    category = categories[spec.category]
    unit = units[spec.unit] if spec.unit else None

    def unit_user():
        thread = created[index]
        return users.get(ASN_BY_UNIT.get(thread.unit.slug, "")) or users[MODERATOR]

    def open_thread():
        thread = services.thread_create(
            author=author, title=spec.title, body=spec.body, kind=spec.kind,
            category=category, unit=unit, publication_page=pages.get(spec.page),
        )
        if thread.visibility == ThreadVisibility.WAITING:
            # A demo citizen's first threads are pre-moderated: the moderator approves
            # them at once, so their deadlines start when they were opened.
            moderation_services.threads_moderate(moderator=users[MODERATOR], thread_ids=[thread.pk],
                                                 action="approve")
            thread.refresh_from_db()
        created[index] = thread

    plan = [_Action(_at(opened_on, 8, index % 50), 1, open_thread)]
    for number, step in enumerate(spec.steps):
        name, after = step[0], step[1]
        when = _at(working_day(max(spec.ago - after, 0)), 10 + number % 6, index % 50)
        plan.append(_Action(when, 2, _step(index, name, step, created, author, users,
                                           units, unit_user)))
    others = [user for user in citizens if user.pk != author.pk]
    reaction_day = _at(working_day(max(spec.ago - 1, 0)), 12, index % 50)

    def react():
        thread = created[index]
        for user in others[: spec.supporters]:
            services.thread_support(user=user, thread=thread)
        for user in others[len(others) - spec.followers:] if spec.followers else []:
            services.thread_follow(user=user, thread=thread)

    if spec.supporters or spec.followers:
        plan.append(_Action(reaction_day, 3, react))
    return plan


def _step(index, name, step, created, author, users, units, unit_user):
    def run():
        thread = Thread.objects.get(pk=created[index].pk)
        if name == "ack":
            services.thread_acknowledge(user=unit_user(), thread=thread, note=step[2])
        elif name == "answer":
            services.answer_publish(user=unit_user(), thread=thread, body=step[2])
        elif name == "decide":
            _kind, _after, outcome, text, exemption, test, form, office, files = step
            ppid_services.request_decide(
                user=users[PPID_USER[0]], thread=thread, outcome=outcome, body=text,
                exemption=exemption, consequence_test=test, information_form=form,
                holding_office=office,
                attachments=[SimpleUploadedFile(name, content) for name, content in files])
        elif name == "object":
            ppid_services.objection_file(user=author, thread=thread, grounds=step[2],
                                         reason=step[3])
        elif name == "objection_answer":
            ppid_services.objection_answer(user=users[PPID_SUPERIOR_USER[0]], thread=thread,
                                           upheld=step[2], answer=step[3])
        elif name == "komisi":
            ppid_services.komisi_record(user=author, thread=thread)
        elif name == "edit":
            first = thread.answers.order_by("created_at").first()
            services.answer_edit(user=first.author, answer=first, body=step[2])
        elif name == "confirm":
            services.thread_confirm_resolved(user=author, thread=thread)
        elif name == "dispute":
            services.thread_dispute(user=author, thread=thread, reason=step[2])
        elif name == "extend":
            services.thread_extend(user=unit_user(), thread=thread, reason=step[2])
        elif name == "reroute":
            services.thread_reroute(moderator=users[MODERATOR], thread=thread,
                                    unit=units[step[2]], reason=step[3])
        elif name == "close":
            _kind, _after, reason_kind, note, duplicate_title = step
            duplicate = (
                Thread.objects.filter(title=duplicate_title).first() if duplicate_title else None
            )
            services.thread_close(moderator=users[MODERATOR], thread=thread,
                                  reason_kind=reason_kind, reason=note,
                                  duplicate_of=duplicate)
    return run
