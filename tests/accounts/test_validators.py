"""NIP validation: 18 digits = birth date (8) + appointment YYYYMM (6) + sex (1) + sequence (3)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from forum_site.accounts.validators import normalise_nip, validate_nip
from tests.accounts.factories import nip_for


def _code(value: str) -> str:
    with pytest.raises(ValidationError) as excinfo:
        validate_nip(value)
    return excinfo.value.code


def _next_month() -> tuple[int, int]:
    today = timezone.localdate()
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)


@pytest.mark.parametrize(
    "nip",
    [
        "198503302010011002",  # male, appointed at 24
        "199001012015032001",  # female
        "196512312000122999",  # last day of the year, sequence 999
        "200002292020071001",  # 29 February of a leap year
        "197001011987011001",  # appointed the year they turned 17
    ],
)
def test_validate_nip_accepts_valid_numbers(nip):
    assert validate_nip(nip) is None


@pytest.mark.parametrize("n", [0, 1, 500, 4321, 11999])
def test_validate_nip_accepts_factory_numbers(n):
    assert validate_nip(nip_for(n)) is None
    assert validate_nip(nip_for(n, sex="2")) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("19850330 201001 1 002", "198503302010011002"),
        ("19850330.201001.1.002", "198503302010011002"),
        ("19850330-201001-1-002", "198503302010011002"),
        ("  198503302010011002\n", "198503302010011002"),
    ],
)
def test_validate_nip_normalises_spaces_dots_and_dashes(typed, expected):
    assert normalise_nip(typed) == expected
    assert validate_nip(typed) is None


@pytest.mark.parametrize(
    ("nip", "count"),
    [("19850330201001100", 17), ("1985033020100110021", 19), ("1985", 4)],
)
def test_validate_nip_rejects_wrong_length(nip, count):
    with pytest.raises(ValidationError) as excinfo:
        validate_nip(nip)
    assert excinfo.value.code == "nip_length"
    assert excinfo.value.params == {"count": count}


@pytest.mark.parametrize(
    "nip",
    [
        "19850330201001100A",
        "NIP198503302010011",
        "1985O3302010011002",  # letter O, not zero
        "",
        "１９８５０３３０２０１００１１００２",  # full-width digits
        "١٩٨٥٠٣٣٠٢٠١٠٠١١٠٠٢",  # Arabic-Indic digits
    ],
)
def test_validate_nip_rejects_non_ascii_digits_and_letters(nip):
    assert _code(nip) == "nip_not_digits"


@pytest.mark.parametrize(
    "nip",
    [
        "199002302015031001",  # 30 February
        "199013012015031001",  # birth month 13
        "199000102015031001",  # birth month 00
        "199001002015031001",  # day 00
        "199104312015031001",  # 31 April
        "199102292015031001",  # 29 February of a common year
    ],
)
def test_validate_nip_rejects_impossible_birth_dates(nip):
    assert _code(nip) == "nip_birth_date"


def test_validate_nip_rejects_implausible_birth_years():
    assert _code("193912312000011001") == "nip_birth_range"
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert _code(f"{tomorrow:%Y%m%d}{tomorrow.year + 20}011001") == "nip_birth_range"


@pytest.mark.parametrize("month", ["13", "00", "99"])
def test_validate_nip_rejects_appointment_month_out_of_range(month):
    assert _code(f"198503302010{month}1002") == "nip_appointment_month"


def test_validate_nip_rejects_appointment_in_the_future():
    year, month = _next_month()
    assert _code(f"19850330{year:04d}{month:02d}1002") == "nip_appointment_future"
    today = timezone.localdate()
    assert validate_nip(f"19850330{today.year:04d}{today.month:02d}1002") is None


@pytest.mark.parametrize(
    "nip",
    [
        "199001012006121001",  # appointed at 16
        "199001011990011001",  # appointed the year of birth
        "199001011980011001",  # appointed before birth
    ],
)
def test_validate_nip_rejects_appointment_before_age_17(nip):
    assert _code(nip) == "nip_appointment_age"


@pytest.mark.parametrize("sex", ["0", "3", "9"])
def test_validate_nip_rejects_sex_digit_other_than_1_or_2(sex):
    assert _code(f"19850330201001{sex}002") == "nip_sex"


def test_validate_nip_rejects_sequence_000():
    assert _code("198503302010011000") == "nip_sequence"
    assert validate_nip("198503302010011001") is None


def test_validate_nip_messages_are_translated():
    from django.utils import translation

    with pytest.raises(ValidationError) as excinfo:
        validate_nip("19850330201001100")
    with translation.override("en"):
        message_en = str(excinfo.value.messages[0])
    with translation.override("id"):
        message_id = str(excinfo.value.messages[0])
    assert "17" in message_en and "17" in message_id
    assert message_en != message_id
