"""Validation rules on publication pages and snippets."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from publications.models import OutcomeIndicator
from tests.publications import factories as f

pytestmark = pytest.mark.django_db


def test_program_end_date_cannot_precede_start(area):
    page = f.program_page(area=area, start_date=dt.date(2026, 3, 2),
                          end_date=dt.date(2026, 3, 1))
    with pytest.raises(ValidationError) as excinfo:
        page.clean()
    assert "end_date" in excinfo.value.message_dict


def test_program_that_has_not_started_has_no_participants(area):
    page = f.program_page(area=area, status="open", participants=12)
    with pytest.raises(ValidationError) as excinfo:
        page.clean()
    assert "participants" in excinfo.value.message_dict


def test_outcome_actual_finish_cannot_precede_actual_start():
    page = f.outcome_page(actual_start=dt.date(2026, 5, 1), actual_end=dt.date(2026, 4, 1))
    with pytest.raises(ValidationError):
        page.clean()


def test_indicator_with_actual_value_needs_a_measurement_date():
    indicator = OutcomeIndicator(name="Waktu tunggu", unit_of_measure="menit", baseline=95,
                                 target=30, actual=40)
    with pytest.raises(ValidationError):
        indicator.clean()


def test_partner_mou_cannot_end_before_signing():
    partner = f.PartnerInstitutionFactory.build(mou_signed_on=dt.date(2026, 1, 1),
                                                mou_valid_until=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError):
        partner.clean()


def test_competency_area_label_follows_the_language(area):
    from django.utils import translation

    with translation.override("en"):
        assert area.label == "Project management"
    with translation.override("id"):
        assert area.label == "Manajemen Proyek"
