"""Opening threads (routing, similar threads, the hourly limit), re-routing, closing,
disputing, acknowledging, extending, support and follow."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from discussions.models import (
    Follow,
    Notification,
    Support,
    Thread,
    ThreadEvent,
    ThreadKind,
    ThreadStatus,
)
from discussions.threads import services

from .conftest import client_for
from .factories import ThreadFactory

BODY = "Mohon informasi lengkap mengenai jadwal dan persyaratan pendaftarannya."


def _create(client, category, title="Jadwal pelatihan teknis pengadaan 2027", **extra):
    data = {"kind": "question", "category": category.slug, "title": title, "body": BODY,
            **extra}
    return client.post(reverse("discussions:thread_create"), data)


def test_thread_routes_to_the_category_default_unit(citizen_client, category, unit_a):
    assert _create(citizen_client, category).status_code == 302
    thread = Thread.objects.get()
    assert thread.unit == unit_a
    event = ThreadEvent.objects.get(thread=thread)
    assert (event.kind, event.from_status, event.to_status) == ("created", "", "open")
    assert event.data == {"unit": unit_a.name, "chosen_by_author": False}


def test_citizen_can_pick_the_unit(citizen_client, category, unit_b, asn_b,
                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _create(citizen_client, category, unit=unit_b.slug)
    thread = Thread.objects.get()
    assert thread.unit == unit_b
    assert [m.to for m in mail.outbox] == [[asn_b.email]]


def test_new_thread_form_renders_with_markdown_help(citizen_client, category):
    page = citizen_client.get(reverse("discussions:thread_create")).content.decode()
    assert 'name="title"' in page and "<details" in page and "Pelatihan &amp; Pengembangan" in page


def test_similar_threads_are_suggested_before_posting(citizen_client, category):
    other = ThreadFactory(category=category, title="Jadwal pelatihan kepemimpinan pengawas")
    ThreadFactory(category=category, title="Air bersih di kelurahan tidak mengalir")
    response = _create(citizen_client, category, title="Kapan jadwal pelatihan kepemimpinan?")
    assert response.status_code == 200
    page = response.content.decode()
    assert other.get_absolute_url() in page and "Air bersih" not in page
    assert 'name="similar_checked" value="on"' in page or 'name="similar_checked"' in page
    assert Thread.objects.count() == 2
    # The second submit (similar threads seen) posts.
    response = _create(citizen_client, category, title="Kapan jadwal pelatihan kepemimpinan?",
                       similar_checked="on")
    assert response.status_code == 302 and Thread.objects.count() == 3


def test_thread_about_a_publication_page(citizen_client, category, home_page):
    url = reverse("discussions:thread_create") + f"?about={home_page.pk}"
    page = citizen_client.get(url).content.decode()
    assert home_page.title in page
    assert _create(citizen_client, category, about=str(home_page.pk)).status_code == 302
    assert Thread.objects.get().publication_page_id == home_page.pk


def test_page_discussions_tag_lists_threads_of_any_translation(rf, category, home_page):
    from django.template import Context, Template
    from wagtail.models import Page

    thread = ThreadFactory(category=category, publication_page=home_page)
    english = Page.objects.get(translation_key=home_page.translation_key,
                               locale__language_code="en")
    request = rf.get("/")
    html = Template("{% load discussions_tags %}{% page_discussions page %}").render(
        Context({"page": english, "request": request}))
    assert thread.title in html
    assert f"?about={english.pk}" in html
    slot = Template('{% include "discussions/includes/page_discussion.html" %}').render(
        Context({"page": home_page, "request": request}))
    assert thread.title in slot


def test_home_forum_slot_lists_the_latest_threads(category):
    from django.template.loader import render_to_string

    threads = [ThreadFactory(category=category, title=f"Diskusi terbaru nomor {n}")
               for n in range(6)]
    html = render_to_string("discussions/includes/home_activity.html")
    assert threads[-1].title in html and threads[0].title not in html
    assert reverse("discussions:thread_create") in html


def test_thread_create_is_limited_per_hour(citizen_client, category):
    """Test settings keep the production limits: new accounts open 2 threads an hour."""
    for n in range(2):
        assert _create(citizen_client, category, title=f"Pertanyaan pertama nomor {n}",
                       similar_checked="on").status_code == 302
    response = _create(citizen_client, category, title="Pertanyaan ketiga dalam satu jam",
                       similar_checked="on")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "<h1>" in response.content.decode()
    assert Thread.objects.count() == 2


def test_reroute_logs_the_reason_resets_the_deadline_and_tells_the_new_unit(
        moderator, moderator_client, category, unit_b, asn_b,
        django_capture_on_commit_callbacks):
    thread = ThreadFactory(category=category, answer_due=dt.date(2026, 1, 5), is_overdue=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(reverse("discussions:thread_reroute", args=[thread.pk]),
                                         {"unit": unit_b.pk, "reason": "Urusan puskesmas."})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.unit == unit_b and not thread.is_overdue
    assert thread.answer_due > dt.date(2026, 1, 5)
    event = ThreadEvent.objects.get(thread=thread, kind="routed")
    assert event.reason == "Urusan puskesmas." and event.actor == moderator
    assert event.data["unit"] == unit_b.name
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([asn_b.email, thread.author.email])
    to_asker = next(m for m in mail.outbox if m.to == [thread.author.email])
    assert unit_b.name in to_asker.body and "Urusan puskesmas." in to_asker.body


def test_reroute_needs_a_reason(moderator_client, category, unit_b):
    thread = ThreadFactory(category=category)
    response = moderator_client.post(reverse("discussions:thread_reroute", args=[thread.pk]),
                                     {"unit": unit_b.pk, "reason": " "})
    assert response.status_code == 200
    assert 'href="#reroute_reason"' in response.content.decode()
    thread.refresh_from_db()
    assert thread.unit != unit_b


def test_close_as_duplicate_shows_the_author_why(moderator_client, citizen, citizen_client,
                                                 category, django_capture_on_commit_callbacks):
    original = ThreadFactory(category=category, title="Pertanyaan asli tentang sertifikat")
    thread = ThreadFactory(category=category, author=citizen)
    url = reverse("discussions:thread_close", args=[thread.pk])
    response = moderator_client.post(url, {"reason_kind": "duplicate", "reason": "Sama."})
    assert response.status_code == 200  # duplicate needs the original's number
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(url, {
            "reason_kind": "duplicate", "duplicate_of": original.pk,
            "reason": "Pertanyaan yang sama sudah dijawab di utas lain.",
        })
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.CLOSED and thread.duplicate_of == original
    page = citizen_client.get(thread.get_absolute_url()).content.decode()
    assert "Pertanyaan yang sama sudah dijawab di utas lain." in page
    assert original.get_absolute_url() in page
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    assert thread.get_absolute_url() in mail.outbox[0].body


def test_close_with_an_unknown_original_is_a_form_error(moderator_client, category):
    thread = ThreadFactory(category=category)
    response = moderator_client.post(reverse("discussions:thread_close", args=[thread.pk]), {
        "reason_kind": "duplicate", "duplicate_of": 987654, "reason": "Sama."})
    assert response.status_code == 200
    assert 'href="#close_duplicate_of"' in response.content.decode()


def test_dispute_reopens_and_tells_the_unit(citizen, citizen_client, verified_asn, category,
                                            django_capture_on_commit_callbacks):
    thread = ThreadFactory(category=category, author=citizen)
    services.answer_publish(user=verified_asn, thread=thread, body="Jawaban yang belum tuntas.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(reverse("discussions:thread_dispute", args=[thread.pk]),
                                       {"reason": "Berkas saya tetap belum diproses."})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.REOPENED and thread.closing_due is None
    event = ThreadEvent.objects.get(thread=thread, kind="disputed")
    assert (event.from_status, event.to_status) == ("answered", "reopened")
    assert [m.to for m in mail.outbox] == [[verified_asn.email]]
    page = citizen_client.get(thread.get_absolute_url()).content.decode()
    assert "Berkas saya tetap belum diproses." in page


def test_confirm_only_when_answered(citizen, citizen_client, category):
    thread = ThreadFactory(category=category, author=citizen)
    response = citizen_client.post(reverse("discussions:thread_confirm", args=[thread.pk]),
                                   follow=True)
    assert response.status_code == 200
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.OPEN
    assert 'class="notice notice--error"' in response.content.decode()


def test_acknowledge_is_the_first_response(verified_asn_client, citizen, category,
                                           django_capture_on_commit_callbacks):
    thread = ThreadFactory(category=category, author=citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_asn_client.post(
            reverse("discussions:thread_acknowledge", args=[thread.pk]),
            {"note": "Sedang kami cek dengan bidang mutasi."})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.first_response_at and thread.status == ThreadStatus.OPEN
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    again = verified_asn_client.post(reverse("discussions:thread_acknowledge", args=[thread.pk]),
                                     {"note": ""})
    assert again.status_code == 200
    assert ThreadEvent.objects.filter(thread=thread, kind="acknowledged").count() == 1


def test_information_request_extends_once_with_a_public_reason(verified_asn_client, citizen,
                                                              category, anonymous_client):
    from django.utils import timezone

    due = timezone.localdate() + dt.timedelta(days=3)
    thread = ThreadFactory(category=category, author=citizen,
                           kind=ThreadKind.INFORMATION_REQUEST, answer_due=due)
    url = reverse("discussions:thread_extend", args=[thread.pk])
    assert verified_asn_client.post(url, {"reason": ""}).status_code == 200
    response = verified_asn_client.post(url, {"reason": "Dokumen masih di arsip UPT."})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.extended_at and thread.extension_reason == "Dokumen masih di arsip UPT."
    assert (thread.answer_due - due).days >= 7  # 7 working days ≥ 9 calendar days
    assert "Dokumen masih di arsip UPT." in anonymous_client.get(
        thread.get_absolute_url()).content.decode()
    verified_asn_client.post(url, {"reason": "Sekali lagi."}, follow=True)
    assert ThreadEvent.objects.filter(thread=thread, kind="extended").count() == 1


def test_only_information_requests_can_be_extended(verified_asn, category):
    from django.core.exceptions import ValidationError

    thread = ThreadFactory(category=category)
    with pytest.raises(ValidationError):
        services.thread_extend(user=verified_asn, thread=thread, reason="Butuh waktu.")


def test_support_and_follow_keep_exact_counters(citizen, category):
    from tests.accounts.factories import UserFactory

    thread = ThreadFactory(category=category)
    users = UserFactory.create_batch(3)
    for user in users:
        client = client_for(user)
        for _twice in range(2):
            client.post(reverse("discussions:thread_support", args=[thread.pk]))
            client.post(reverse("discussions:thread_follow", args=[thread.pk]))
    thread.refresh_from_db()
    assert (thread.supporters_count, thread.followers_count) == (3, 3)
    assert Support.objects.count() == Follow.objects.count() == 3
    client = client_for(users[0])
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'name="undo" value="1"' in page
    client.post(reverse("discussions:thread_support", args=[thread.pk]), {"undo": "1"})
    client.post(reverse("discussions:thread_follow", args=[thread.pk]), {"undo": "1"})
    client.post(reverse("discussions:thread_follow", args=[thread.pk]), {"undo": "1"})
    thread.refresh_from_db()
    assert (thread.supporters_count, thread.followers_count) == (2, 2)


def test_the_asker_cannot_support_their_own_thread(citizen, citizen_client, category):
    thread = ThreadFactory(category=category, author=citizen)
    citizen_client.post(reverse("discussions:thread_support", args=[thread.pk]))
    thread.refresh_from_db()
    assert thread.supporters_count == 0


def test_forum_list_filters_stay_in_the_url_and_paginate(anonymous_client, category,
                                                          category_b, settings):
    settings.SERAMBI_FORUM_PAGE_SIZE = 2
    for n in range(3):
        ThreadFactory(category=category, title=f"Pertanyaan pelatihan nomor {n}",
                      kind=ThreadKind.COMPLAINT)
    ThreadFactory(category=category_b, title="Pertanyaan puskesmas lain")
    url = reverse("discussions:thread_list")
    page = anonymous_client.get(url + "?kind=complaint&category=pelatihan").content.decode()
    assert "Pertanyaan puskesmas lain" not in page
    assert "kind=complaint&amp;category=pelatihan&amp;page=2" in page
    page2 = anonymous_client.get(url + "?kind=complaint&category=pelatihan&page=2")
    assert page2.status_code == 200 and "Pertanyaan pelatihan nomor 0" in page2.content.decode()
    # Nonsense in the URL is ignored, never an error page.
    assert anonymous_client.get(url + "?status=nope&unit=nope&page=abc").status_code == 200


def test_status_tags_have_text(anonymous_client, category):
    ThreadFactory(category=category, status=ThreadStatus.REOPENED, is_overdue=True)
    page = anonymous_client.get(reverse("discussions:thread_list")).content.decode()
    assert '<strong class="tag tag--reopened">Dibuka kembali</strong>' in page
    assert '<strong class="tag tag--overdue">Terlambat</strong>' in page


def test_notifications_are_created_for_the_recipients_only(verified_asn, citizen, category):
    thread = services.thread_create(author=citizen, title="Pertanyaan soal mutasi pegawai",
                                    body=BODY, kind="question", category=category)
    assert list(Notification.objects.values_list("user", "kind")) == [(verified_asn.pk, "routed")]
    assert thread.status == ThreadStatus.OPEN
