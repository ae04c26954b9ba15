"""The masking step on a corpus: personal data in the formats people type it, and the
numbers official answers are full of that must stay (dates, Rupiah, thread numbers,
budget lines)."""

import pytest

from forum_site.core.redaction import MASKS, redact

MASKED = [
    # NIK: 16 digits, together, in groups of four, as printed on the KTP
    ("NIK saya 7306014507850002, mohon dicek.", "nik"),
    ("nik: 7306 0145 0785 0002", "nik"),
    ("NIK 73.06.01.450785.0002 ya", "nik"),
    ("7306-0145-0785-0002", "nik"),
    # KK: 16 digits after "KK" / "kartu keluarga"
    ("No. KK 7306011203090001", "kk"),
    ("nomor kartu keluarga: 7306 0112 0309 0001", "kk"),
    # NIP: 18 digits, together or with the usual spaces
    ("NIP 198501012010011001", "nip"),
    ("NIP saya 19850101 201001 1 001.", "nip"),
    ("19850101 201001 1 001", "nip"),
    # NPWP: 15 digits in its format, or 16 after the word
    ("NPWP 01.234.567.8-901.000", "npwp"),
    ("npwp: 08.123.456.7-890.000", "npwp"),
    ("NPWP 012345678901000", "npwp"),
    ("NPWP baru 7306014507850002", "npwp"),
    # Phones: 08…, 62…, +62…, spaces, dots, dashes, parentheses
    ("Nomor HP saya 0812-4567-8910", "phone"),
    ("hubungi 081245678910 sore hari", "phone"),
    ("WA: +62 812 4567 8910", "phone"),
    ("telp 62-812-4567-8910.", "phone"),
    ("0812.4567.8910", "phone"),
    ("(0812) 4567-8910", "phone"),
    ("+6281245678910", "phone"),
    ("0852 1234 567", "phone"),
    # Email, plain and written to dodge harvesters
    ("email budi.santoso@gmail.com ya", "email"),
    ("kirim ke budi [at] gmail [dot] com", "email"),
    ("budi (at) kantor.go.id", "email"),
    ("budi @ gmail.com", "email"),
]

KEPT = [
    "Rapat tanggal 27-11-2026 pukul 08.00-16.00 WITA.",
    "Jadwal 2026-11-27 dan 27/11/2026, juga 27.11.2026.",
    "Anggaran Rp 1.250.000.000,00 untuk 120 peserta.",
    "Total Rp1.500.000.000 (satu koma lima miliar).",
    "Nilai kontrak 1.500.000.000.000 rupiah.",
    "Pagu Rp 1500000000000000 tahun 2026.",
    "IDR 2.345.678.901.234.567 adalah contoh angka besar.",
    "Lihat utas #12345 dan utas nomor 67890.",
    "Kode rekening 5.2.02.01.01.0024 dan 5.1.02.01.01.0001.",
    "Sub kegiatan 1.02.02.2.01.0001 Belanja Jasa.",
    "Tahun 2024 2025 2026 2027 dibandingkan.",
    "Nomor surat 800/123/BKPSDM/XI/2026.",
    "Layanan buka 08.00 - 16.00, Senin sampai Jumat.",
    "Realisasi 87,5% dari target 1.234 peserta.",
    "Kantor BKPSDM, Jl. Jenderal Sudirman No. 12, Mamuju 91511.",
    "Peraturan Pemerintah Nomor 11 Tahun 2017 dan UU 14/2008 Pasal 22.",
    "Hubungi kantor di bkpsdm.mamujukab.go.id.",
]


@pytest.mark.parametrize("text,kind", MASKED, ids=[t for t, _k in MASKED])
def test_personal_data_is_masked(text, kind):
    masked, kinds = redact(text)
    assert kinds == [kind], masked
    assert MASKS[kind] in masked
    digits = "".join(ch for ch in masked if ch.isdigit())
    assert len(digits) < 6, masked  # nothing of the number is left
    assert "@" not in masked and "gmail" not in masked and "kantor.go.id" not in masked


@pytest.mark.parametrize("text", KEPT)
def test_dates_amounts_and_numbers_are_kept(text):
    assert redact(text) == (text, [])


def test_several_in_one_text_each_masked_in_place():
    text = ("Nama saya Budi, NIK 7306014507850002, HP 0812 4567 8910 atau "
            "0813 2222 3333, email budi@contoh.id. Anggaran Rp 1.250.000.000.")
    masked, kinds = redact(text)
    assert kinds == ["email", "nik", "phone"]
    assert masked == (
        "Nama saya Budi, NIK [NIK disamarkan], HP [nomor telepon disamarkan] atau "
        "[nomor telepon disamarkan], email [email disamarkan]. Anggaran Rp 1.250.000.000.")


def test_two_phones_written_one_after_the_other_are_two_masks():
    masked, _kinds = redact("0812 4567 8910 0813 2222 3333")
    assert masked == "[nomor telepon disamarkan] [nomor telepon disamarkan]"


# --- Hostile text costs linear work ------------------------------------------------------
# A 10,000-character body of "1 1 1 …" made the number search try every run of groups
# (81 s of CPU per post, seen as a fuzz test over the time limit); letters without an @
# made the email search quadratic (2.7 s). Counted, not timed: the number of candidate
# runs examined grows with the text, not with its square.

def _classify_calls(monkeypatch, text):
    from forum_site.core import redaction
    calls = []
    real = redaction._classify

    def counting(groups, **kwargs):
        calls.append(len(groups))
        return real(groups, **kwargs)

    monkeypatch.setattr(redaction, "_classify", counting)
    redaction.redact(text)
    return calls


@pytest.mark.parametrize("unit", ["1 ", "1.", "12-", "0812 ", "(1) ", "+62 "])
def test_a_long_run_of_numbers_is_examined_in_linear_work(monkeypatch, unit):
    text = unit * (10_000 // len(unit))
    calls = _classify_calls(monkeypatch, text)
    groups = text.count(unit)
    assert len(calls) <= 20 * groups
    assert max(calls, default=0) <= 18  # no candidate longer than the longest number


@pytest.mark.parametrize("unit", ["(0", "(1) ", "+62 8", "1,"])
def test_runs_too_short_to_be_a_number_are_not_examined(monkeypatch, unit):
    """Thousands of runs of a few digits each ("(0(0(0…") cost one look at each run's
    length, not a classification: no number we mask has fewer than ten digits."""
    text = unit * (10_000 // len(unit))
    assert _classify_calls(monkeypatch, text) == []
    assert redact(text) == (text, [])


def test_bounds_keep_every_masked_format_masked():
    """The bounds (18 digits, 64 + 63 characters of an address) are above every format."""
    text = ("a" * 64 + "@" + "b" * 63 + ".go.id, NIP 19850101 201001 1 001, "
            "+62 812 4567 8910")
    masked, kinds = redact(text)
    assert kinds == ["email", "nip", "phone"], masked
