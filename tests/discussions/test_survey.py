"""The satisfaction survey (SKM, PermenPANRB 14/2017) as people meet it: the invitation
when a thread is resolved, the asker's questionnaire (only theirs, once, editable for a
short time), and the public figures per unit and year against hand-computed examples."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from discussions.models import (
    ModerationLedgerEntry,
    Notification,
    NotificationKind,
    SurveyResponse,
    ThreadStatus,
)
from discussions.survey import services as survey_services
from discussions.survey.models import ELEMENT_FIELDS
from discussions.survey.skm import index_from_sums, minimum_sample

from .conftest import client_for
from .factories import (
    OfficialAnswerFactory,
    ThreadFactory,
    resolved_thread,
    score_grid,
    survey_response,
)

ALL_THREE = dict.fromkeys(ELEMENT_FIELDS, "3")


def _answered(citizen, category):
    thread = ThreadFactory(author=citizen, category=category, status=ThreadStatus.ANSWERED,
                           answered_at=timezone.now(), closing_due=timezone.localdate(),
                           indexed=False)
    OfficialAnswerFactory(thread=thread)
    return thread


# --- the regulation's arithmetic, hand-computed -------------------------------------------


def test_ikm_matches_a_hand_computed_example():
    # 29 respondents; element sums 105, 101, 100, 116, 102, 105, 106, 105, 115 (955).
    sums = dict(zip(ELEMENT_FIELDS, [105, 101, 100, 116, 102, 105, 106, 105, 115], strict=True))
    index = index_from_sums(sums, 29)
    # IKM = 25 × (Σ NRR × 1/9) = 25 × 955 / 261 = 91.4750… → 91.48, category A.
    assert index.ikm == Decimal("91.48")
    assert index.category.letter == "A"
    time = index.elements[2]
    assert (time.field, time.nrr, time.value, time.category.letter) == (
        "service_time", Decimal("3.4483"), Decimal("86.21"), "B")
    assert index.elements[3].value == Decimal("100.00")


@pytest.mark.parametrize(("respondents", "total", "ikm", "letter"), [
    (19, 604, "88.30", "B"),   # 25 × 604 / 171 = 88.3041
    (24, 763, "88.31", "A"),   # 25 × 763 / 216 = 88.3102
    (43, 1367, "88.31", "A"),  # 88.3075 rounds up to 88.31 before the category
    (26, 717, "76.60", "C"),
    (19, 524, "76.61", "B"),
    (10, 234, "65.00", "C"),
    (38, 889, "64.99", "D"),
    (5, 45, "25.00", "D"),
])
def test_ikm_category_bounds(respondents, total, ikm, letter):
    grid = score_grid(respondents=respondents, total=total)
    sums = {name: sum(row[i] for row in grid) for i, name in enumerate(ELEMENT_FIELDS)}
    index = index_from_sums(sums, respondents)
    assert (index.ikm, index.category.letter) == (Decimal(ikm), letter)


@pytest.mark.parametrize(("population", "sample"), [
    (0, 0), (3, 3), (10, 10), (12, 12), (15, 14), (19, 18), (20, 19), (21, 20),
    (100, 80), (101, 80), (105, 83), (1000, 278), (250_000, 384),
])
def test_minimum_sample_follows_the_regulation_table(population, sample):
    assert minimum_sample(population) == sample


# --- invitation ------------------------------------------------------------------------


def test_confirming_invites_the_asker_once_on_the_page_and_by_email(
        citizen, category, django_capture_on_commit_callbacks):
    thread = _answered(citizen, category)
    client = client_for(citizen)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("discussions:thread_confirm", args=[thread.pk]))
    assert response.status_code == 302
    invites = Notification.objects.filter(thread=thread, kind=NotificationKind.SURVEY)
    assert invites.count() == 1
    survey_url = reverse("discussions:survey_answer", args=[thread.pk])
    emails = [m for m in mail.outbox if survey_url in m.body]
    assert len(emails) == 1 and emails[0].to == [citizen.email]
    page = client.get(thread.get_absolute_url()).content.decode()
    assert survey_url in page
    # A second resolution path (e.g. the clock) does not invite again.
    thread.refresh_from_db()
    survey_services.survey_invite(thread=thread)
    assert invites.count() == 1


def test_auto_resolution_invites_the_asker(citizen, category):
    from discussions.threads.services.deadlines import thread_auto_resolve

    thread = _answered(citizen, category)
    assert thread_auto_resolve(thread_id=thread.pk,
                               today=timezone.localdate() + dt.timedelta(days=1))
    assert Notification.objects.filter(thread=thread, kind=NotificationKind.SURVEY).count() == 1


def test_others_do_not_see_the_invitation(citizen, verified_asn, category):
    thread = resolved_thread(author=citizen, category=category)
    survey_url = reverse("discussions:survey_answer", args=[thread.pk])
    page = client_for(verified_asn).get(thread.get_absolute_url()).content.decode()
    assert survey_url not in page


# --- answering -----------------------------------------------------------------------------


def test_the_asker_answers_once_and_may_change_it_for_a_short_time(citizen, category):
    thread = resolved_thread(author=citizen, category=category)
    client = client_for(citizen)
    url = reverse("discussions:survey_answer", args=[thread.pk])
    form = client.get(url)
    assert form.status_code == 200 and 'type="radio"' in form.content.decode()
    data = {**ALL_THREE, "comment": "Petugas ramah, hubungi saya di 0812-3456-7890.",
            "gender": "f", "education": "s1"}
    assert client.post(url, data).status_code == 302
    row = SurveyResponse.objects.get(thread=thread)
    assert row.scores() == [3] * 9 and row.unit == thread.unit
    assert "3456-7890" not in row.comment and row.comment_status == "pending"
    assert ModerationLedgerEntry.objects.filter(item_kind="survey", item_id=row.pk,
                                                action="redact").exists()
    # Changing within the window edits the one response.
    assert client.post(url, {**ALL_THREE, "cost": "4"}).status_code == 302
    assert SurveyResponse.objects.filter(thread=thread).count() == 1
    row.refresh_from_db()
    assert row.cost == 4 and row.comment == "" and row.comment_status == "none"
    # After the window: refused with a message, nothing changes.
    SurveyResponse.objects.filter(pk=row.pk).update(
        editable_until=timezone.now() - dt.timedelta(minutes=1))
    refused = client.post(url, {**ALL_THREE, "cost": "1"})
    assert refused.status_code == 400
    assert "tidak dapat diubah" in refused.content.decode()
    row.refresh_from_db()
    assert row.cost == 4


def test_nobody_but_the_asker_answers(citizen, verified_asn, moderator, category):
    from tests.conftest import make_citizen

    thread = resolved_thread(author=citizen, category=category)
    url = reverse("discussions:survey_answer", args=[thread.pk])
    for user in (make_citizen(), verified_asn, moderator):
        assert client_for(user).post(url, ALL_THREE).status_code == 403
        assert client_for(user).get(url).status_code == 403
    from django.test import Client

    assert Client().post(url, ALL_THREE).status_code == 302  # to the login
    assert not SurveyResponse.objects.exists()


def test_incomplete_or_out_of_scale_ratings_are_refused(citizen, category):
    thread = resolved_thread(author=citizen, category=category)
    url = reverse("discussions:survey_answer", args=[thread.pk])
    client = client_for(citizen)
    response = client.post(url, {**ALL_THREE, "procedure": "5", "facilities": ""})
    assert response.status_code == 400
    assert "dari 1 sampai 4" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_an_unresolved_thread_takes_no_response(citizen, category):
    thread = _answered(citizen, category)
    url = reverse("discussions:survey_answer", args=[thread.pk])
    assert client_for(citizen).post(url, ALL_THREE).status_code == 400
    assert not SurveyResponse.objects.exists()


# --- public figures --------------------------------------------------------------------------


def _unit_with_responses(category, *, served: int, respondents: int, total: int):
    threads = [resolved_thread(category=category) for _ in range(served)]
    for thread, scores in zip(threads, score_grid(respondents=respondents, total=total),
                              strict=False):
        survey_response(thread=thread, scores=scores)
    return threads


@pytest.mark.parametrize(("respondents", "total", "ikm", "category_text"), [
    (19, 604, "88.30", "Baik"), (24, 763, "88.31", "Sangat Baik"),
])
def test_unit_page_shows_the_index_at_the_bound(client, category, respondents, total, ikm,
                                                category_text):
    _unit_with_responses(category, served=respondents, respondents=respondents, total=total)
    unit = category.default_unit
    page = client.get(reverse("discussions:skm_unit", args=[unit.slug])).content.decode()
    assert f"IKM: {ikm.replace('.', ',')}" in page or f"IKM: {ikm}" in page
    assert f"({category_text})" in page
    index = client.get(reverse("discussions:skm_index")).content.decode()
    assert unit.name in index


def test_below_the_minimum_sample_no_score_is_shown(client, category):
    # 20 served → the table asks for 19; 18 answered.
    _unit_with_responses(category, served=20, respondents=18, total=18 * 36)
    unit = category.default_unit
    page = client.get(reverse("discussions:skm_unit", args=[unit.slug])).content.decode()
    assert "Belum cukup responden" in page
    assert "IKM:" not in page and "100,00" not in page and "100.00" not in page


def test_comments_are_shown_anonymously_after_moderation(client, citizen, moderator,
                                                         category):
    thread = resolved_thread(author=citizen, category=category)
    client_for(citizen).post(reverse("discussions:survey_answer", args=[thread.pk]),
                             {**ALL_THREE, "comment": "Balasan cepat dan jelas sekali."})
    unit_url = reverse("discussions:skm_unit", args=[thread.unit.slug])
    assert "Balasan cepat" not in client.get(unit_url).content.decode()
    row = SurveyResponse.objects.get()
    queue = reverse("discussions:skm_comment_queue")
    assert client_for(citizen).post(queue, {"response": row.pk,
                                            "decision": "approve"}).status_code == 403
    moderator_client = client_for(moderator)
    assert "Balasan cepat" in moderator_client.get(queue).content.decode()
    assert moderator_client.post(queue, {"response": row.pk,
                                         "decision": "approve"}).status_code == 302
    page = client.get(unit_url).content.decode()
    assert "Balasan cepat dan jelas sekali." in page
    assert citizen.public_name not in page


def test_the_units_asn_publish_a_follow_up_plan(client, verified_asn, asn_b, category):
    unit = category.default_unit
    year = timezone.localdate().year
    url = reverse("discussions:skm_follow_up", args=[unit.slug, year])
    data = {"plan": "Menambah jadwal layanan konsultasi daring setiap Kamis.",
            "elements": ["service_time"]}
    assert client_for(asn_b).post(url, data).status_code == 403
    assert client_for(verified_asn).post(url, data).status_code == 302
    page = client.get(reverse("discussions:skm_unit", args=[unit.slug])).content.decode()
    assert "Menambah jadwal layanan konsultasi daring" in page
    assert "Waktu pelayanan" in page


# --- statistics, unit page, open data, annual report ---------------------------------------


def test_statistics_unit_page_open_data_and_report_carry_the_survey(client, category,
                                                                    category_b):
    _unit_with_responses(category, served=19, respondents=19, total=604)  # 88.30, B
    _unit_with_responses(category_b, served=20, respondents=2, total=2 * 36)
    unit, other = category.default_unit, category_b.default_unit
    year = timezone.localdate().year
    stats = client.get(reverse("transparency:statistics")).content.decode()
    assert 'id="satisfaction"' in stats
    assert "88,30" in stats or "88.30" in stats
    assert "Belum cukup responden" in stats
    unit_page = client.get(reverse("transparency:unit_detail", args=[unit.slug])).content
    assert b"88,30" in unit_page or b"88.30" in unit_page
    other_page = client.get(reverse("transparency:unit_detail", args=[other.slug])).content
    assert "Belum cukup responden" in other_page.decode()
    csv = client.get(reverse("core:dataset_csv", args=["satisfaction-survey"]))
    assert csv.status_code == 200
    lines = b"".join(csv.streaming_content).decode().splitlines()
    rows = {line.split(",")[1]: line for line in lines[1:]}
    assert ",19,19,18,true,88.3,B," in rows[unit.slug]  # decimals written without trailing 0
    assert rows[other.slug].split(",")[4:9] == ["2", "19", "false", "", ""]
    report = client.get(reverse("transparency:information_report", args=[year]))
    assert "Survei Kepuasan Masyarakat" in report.content.decode() or \
        "report-satisfaction" in report.content.decode()


def test_the_respondents_export_has_their_response_and_deletion_keeps_only_the_rating(
        citizen, category):
    from tests.accounts.factories import PASSWORD

    thread = resolved_thread(author=citizen, category=category)
    client = client_for(citizen)
    client.post(reverse("discussions:survey_answer", args=[thread.pk]),
                {**ALL_THREE, "gender": "f", "comment": "Terima kasih atas bantuannya."})
    export = client.post(reverse("accounts:personal_data_export"))
    data = json.loads(b"".join(export.streaming_content) if export.streaming else export.content)
    forum = data["discussions"]
    assert forum["satisfaction_survey"][0]["thread_id"] == thread.pk
    assert client.post(reverse("accounts:account_delete"),
                       {"password": PASSWORD, "confirm": "on"}).status_code == 302
    row = SurveyResponse.objects.get(thread=thread)
    assert row.respondent is None and row.gender == "" and row.scores() == [3] * 9


def test_the_survey_pages_work_in_english(client, citizen, category):
    from django.utils import translation

    thread = resolved_thread(author=citizen, category=category)
    with translation.override("en"):
        form_url = reverse("discussions:survey_answer", args=[thread.pk])
        unit_url = reverse("discussions:skm_unit", args=[thread.unit.slug])
        faq_url = reverse("discussions:faq_list")
    assert form_url.startswith("/en/forum/") and "/survey/" in form_url
    form = client_for(citizen).get(form_url).content.decode()
    assert "Staff conduct" in form and "Rate the service" in form
    page = client.get(unit_url).content.decode()
    assert "Not enough responses" in page and "Follow-up plan" in page
    assert client.get(faq_url).status_code == 200
