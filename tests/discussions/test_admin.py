"""The Wagtail admin screens for moderators, and what happens to the forum's public
record when an account is deleted."""

import pytest
from django.urls import reverse

from discussions.models import (
    Category,
    Holiday,
    OfficialAnswer,
    OfficialAnswerRevision,
    Thread,
    ThreadEvent,
    ThreadStatus,
)
from discussions.threads import services

from .factories import ThreadFactory


@pytest.mark.parametrize("url", [
    "/admin/forum-categories/", "/admin/forum-holidays/", "/admin/forum/threads/",
])
def test_moderator_reaches_the_forum_admin_screens(moderator, moderator_client, url, category):
    moderator.is_staff = True
    moderator.save()
    assert moderator_client.get(url).status_code == 200


def test_moderator_edits_a_category_profile_and_adds_a_holiday(moderator_client, category,
                                                               unit_a):
    url = reverse("forum-categories:edit", args=[category.pk])
    response = moderator_client.post(url, {
        "name": category.name, "name_en": "Training", "slug": category.slug,
        "description": "", "description_en": "", "default_unit": unit_a.pk,
        "first_response_days": 2, "answer_days": 4, "information_request_days": 10,
        "extension_days": 7, "closing_days": 10, "sort_order": 0, "is_active": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Category.objects.get(pk=category.pk).answer_days == 4
    response = moderator_client.post(reverse("forum-holidays:add"), {
        "date": "2026-12-31", "name": "Cuti Bersama Akhir Tahun", "kind": "collective_leave"})
    assert response.status_code == 302
    assert Holiday.objects.filter(date="2026-12-31").exists()


def test_citizen_and_asn_are_kept_out_of_the_forum_admin(citizen_client, verified_asn_client,
                                                         category):
    thread = ThreadFactory(category=category)
    for client in (citizen_client, verified_asn_client):
        for url in (reverse("discussions_admin:thread_index"),
                    reverse("discussions_admin:thread_moderate", args=[thread.pk]),
                    "/admin/forum-categories/"):
            assert client.get(url).status_code in (302, 403)


def test_moderator_reroutes_and_closes_in_the_admin(moderator_client, category, unit_b):
    thread = ThreadFactory(category=category)
    url = reverse("discussions_admin:thread_moderate", args=[thread.pk])
    response = moderator_client.post(url, {"action": "reroute", "unit": unit_b.pk,
                                           "reason": "Wewenang Dinas Kesehatan."})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.unit == unit_b
    response = moderator_client.post(url, {"action": "close", "reason_kind": "off_topic",
                                           "reason": ""})
    assert response.status_code == 200  # reason required
    response = moderator_client.post(url, {"action": "close", "reason_kind": "out_of_scope",
                                           "reason": "Urusan instansi vertikal."})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.CLOSED
    kinds = list(ThreadEvent.objects.filter(thread=thread).values_list("kind", flat=True))
    assert kinds == ["routed", "closed"]


def test_deleting_an_account_keeps_the_public_record(citizen, verified_asn, category):
    thread = ThreadFactory(category=category, author=citizen)
    services.thread_support(user=verified_asn, thread=thread)
    services.thread_follow(user=verified_asn, thread=thread)
    services.thread_follow(user=citizen, thread=thread)
    answer = services.answer_publish(user=verified_asn, thread=thread,
                                     body="Jawaban resmi yang cukup panjang untuk uji.")
    services.answer_edit(user=verified_asn, answer=answer,
                         body="Jawaban resmi yang sudah diperbaiki untuk uji.")
    services.thread_confirm_resolved(user=citizen, thread=thread)
    name = verified_asn.public_name
    verified_asn.asn_profile.delete()
    verified_asn.delete()
    citizen.delete()
    thread = Thread.objects.get(pk=thread.pk)
    assert thread.author is None
    # Support from a deleted account still counts; its follows are gone, counters agree.
    assert thread.supporters_count == thread.supports.count() == 1
    assert thread.followers_count == thread.follows.count() == 0
    answer = OfficialAnswer.objects.get(pk=answer.pk)
    assert answer.author is None and answer.signer_name
    assert OfficialAnswerRevision.objects.get().editor is None
    events = ThreadEvent.objects.filter(thread=thread)
    assert events.count() == 3 and not events.filter(actor__isnull=False).exists()
    assert events.filter(actor_name=name).exists()
