"""The issue's "Done means", end to end over HTTP."""

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from discussions.models import Holiday, Thread, ThreadEvent, ThreadStatus
from discussions.threads.sla import sla_tick
from forum_site.accounts.services import consent_current_record

from .conftest import client_for


def _working_days_after(start, days, holidays):
    day = start
    while days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            days -= 1
    return day


def _first_working_day_after(start):
    return _working_days_after(start, 1, set())


def test_done_citizen_to_resolution_and_an_overdue_thread(
    citizen, citizen_client, verified_asn, verified_asn_client, category, unit_a,
    django_capture_on_commit_callbacks,
):
    today = timezone.localdate()
    holiday = _working_days_after(today, 2, set())
    Holiday.objects.create(date=holiday, name="Cuti Bersama Uji", kind="collective_leave")

    # A citizen opens a thread; it routes to the category's unit.
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(reverse("discussions:thread_create"), {
            "kind": "question", "category": category.slug,
            "title": "Kapan pendaftaran pelatihan dasar CPNS dibuka?",
            "body": "Saya CPNS formasi 2026. Kapan **pelatihan dasar** dibuka dan apa syaratnya?",
        })
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert response["Location"] == thread.get_absolute_url()
    assert thread.unit == unit_a and thread.status == ThreadStatus.OPEN
    routed = [m for m in mail.outbox if verified_asn.email in m.to]
    assert len(routed) == 1 and thread.title in routed[0].subject

    # The unit's ASN sees it in the queue and answers officially.
    response = verified_asn_client.get(reverse("discussions:unit_queue"))
    assert thread.title in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_asn_client.post(
            reverse("discussions:answer_publish", args=[thread.pk]),
            {"body": "Pelatihan dasar dibuka Februari 2027. Syaratnya SK CPNS dan surat tugas.",
             "seen_answers": "0"},
        )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.ANSWERED and thread.answers_count == 1

    # The citizen is emailed…
    to_citizen = [m for m in mail.outbox if citizen.email in m.to]
    assert len(to_citizen) == 1
    assert thread.get_absolute_url() in to_citizen[0].body

    # …and confirms it solved the problem.
    response = citizen_client.post(reverse("discussions:thread_confirm", args=[thread.pk]))
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.RESOLVED

    # The timeline shows every step.
    kinds = list(ThreadEvent.objects.filter(thread=thread).values_list("kind", flat=True))
    assert kinds == ["created", "answered", "confirmed"]
    page = citizen_client.get(thread.get_absolute_url()).content.decode()
    assert page.count('class="timeline__item"') == 3
    assert "Rahmat" not in page  # nobody else's name
    assert verified_asn.public_name in page

    # A second thread goes overdue on the working-day clock; the holiday is skipped.
    second = citizen.__class__.objects.create_user(
        email="kedua@example.id", password="x" * 12, display_name="Warga Kedua")
    consent_current_record(user=second)  # registration records it; posting requires it
    other = client_for(second)
    response = other.post(reverse("discussions:thread_create"), {
        "kind": "complaint", "category": category.slug,
        "title": "Antrean layanan kenaikan pangkat sangat lama",
        "body": "Berkas kenaikan pangkat saya belum diproses sejak tiga bulan lalu.",
        "similar_checked": "on",
    })
    assert response.status_code == 302
    late = Thread.objects.exclude(pk=thread.pk).get()
    expected_due = _working_days_after(today, category.first_response_days, {holiday})
    assert late.first_response_due == expected_due
    assert expected_due > _working_days_after(today, category.first_response_days, set())

    assert sla_tick(today=expected_due).overdue == 0
    late.refresh_from_db()
    assert not late.is_overdue
    assert sla_tick(today=_first_working_day_after(expected_due)).overdue == 1
    late.refresh_from_db()
    assert late.is_overdue
    page = other.get(late.get_absolute_url()).content.decode()
    assert "tag--overdue" in page
    listing = other.get(reverse("discussions:thread_list") + "?status=overdue").content.decode()
    assert late.title in listing and thread.title not in listing
