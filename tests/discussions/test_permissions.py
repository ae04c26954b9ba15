"""Who may do what, over HTTP: forged forms and changed ids get 403 or 404, never a
write."""

import pytest
from django.urls import reverse

from discussions.models import OfficialAnswer, Thread, ThreadStatus

from .conftest import client_for
from .factories import OfficialAnswerFactory, ThreadFactory

ANSWER = "Jawaban resmi yang cukup panjang untuk lolos validasi formulir."


@pytest.fixture
def thread(category, citizen):
    return ThreadFactory(category=category, author=citizen)


def _answer_url(thread):
    return reverse("discussions:answer_publish", args=[thread.pk])


def test_citizen_cannot_publish_an_official_answer_even_with_forged_fields(
        citizen_client, thread):
    response = citizen_client.post(_answer_url(thread), {
        "body": ANSWER, "seen_answers": "0", "author": "1", "signer_name": "Kepala Dinas",
        "signer_position": "Kepala", "unit": str(thread.unit_id),
    })
    assert response.status_code == 403
    assert not OfficialAnswer.objects.exists()
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.OPEN


def test_citizen_does_not_see_the_answer_form(citizen_client, thread):
    page = citizen_client.get(thread.get_absolute_url()).content.decode()
    assert _answer_url(thread) not in page


def test_anonymous_visitor_is_sent_to_sign_in(anonymous_client, thread):
    response = anonymous_client.post(_answer_url(thread), {"body": ANSWER})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not OfficialAnswer.objects.exists()


def test_pending_asn_cannot_answer(pending_asn_client, thread):
    assert pending_asn_client.post(_answer_url(thread), {"body": ANSWER}).status_code == 403


def test_asn_cannot_answer_for_another_unit(asn_b, thread):
    response = client_for(asn_b).post(_answer_url(thread), {"body": ANSWER})
    assert response.status_code == 403
    assert not OfficialAnswer.objects.exists()


def test_asn_of_the_unit_and_moderator_can_answer(verified_asn_client, moderator_client, thread):
    assert verified_asn_client.post(_answer_url(thread), {"body": ANSWER}).status_code == 302
    assert moderator_client.post(_answer_url(thread), {"body": ANSWER + " Tambahan."}
                                 ).status_code == 302
    signers = list(OfficialAnswer.objects.order_by("pk").values_list("signer_position", flat=True))
    assert signers == ["Analis Kebijakan Ahli Muda", "Moderator Serambi"]


def test_answer_endpoint_refuses_get(verified_asn_client, thread):
    assert verified_asn_client.get(_answer_url(thread)).status_code == 405


def test_unknown_thread_is_404(verified_asn_client):
    assert verified_asn_client.post(reverse("discussions:answer_publish", args=[999999]),
                                    {"body": ANSWER}).status_code == 404
    assert verified_asn_client.get(reverse("discussions:thread_detail", args=[999999])
                                   ).status_code == 404


def test_nobody_edits_another_persons_answer(verified_asn, second_asn, moderator, citizen,
                                             thread):
    answer = OfficialAnswerFactory(thread=thread, author=verified_asn)
    url = reverse("discussions:answer_edit", args=[answer.pk])
    for user in (second_asn, moderator, citizen):
        client = client_for(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"body": "Teks pengganti yang cukup panjang sekali."}
                           ).status_code == 403
    answer.refresh_from_db()
    assert answer.revisions_count == 0
    assert client_for(verified_asn).get(url).status_code == 200
    assert client_for(verified_asn).get(
        reverse("discussions:answer_edit", args=[answer.pk + 1000])).status_code == 404


def test_only_the_asker_confirms_or_disputes(verified_asn_client, moderator_client, category):
    thread = ThreadFactory(category=category, status=ThreadStatus.ANSWERED)
    for client in (verified_asn_client, moderator_client):
        assert client.post(reverse("discussions:thread_confirm", args=[thread.pk])
                           ).status_code == 403
        assert client.post(reverse("discussions:thread_dispute", args=[thread.pk]),
                           {"reason": "Belum selesai."}).status_code == 403
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.ANSWERED


@pytest.mark.parametrize("action", ["thread_reroute", "thread_close"])
def test_only_moderators_reroute_or_close(action, verified_asn_client, citizen_client, thread,
                                          unit_b):
    data = {"unit": unit_b.pk, "reason": "Salah alamat.", "reason_kind": "off_topic"}
    for client in (verified_asn_client, citizen_client):
        response = client.post(reverse(f"discussions:{action}", args=[thread.pk]), data)
        assert response.status_code == 403
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.OPEN and thread.unit.slug == "bkpsdm"


def test_unit_queue_is_for_asn_and_moderators(citizen_client, verified_asn_client,
                                              moderator_client, anonymous_client):
    url = reverse("discussions:unit_queue")
    assert citizen_client.get(url).status_code == 403
    assert anonymous_client.get(url).status_code == 302
    assert verified_asn_client.get(url).status_code == 200
    assert moderator_client.get(url).status_code == 200


def test_asn_queue_shows_only_their_unit(verified_asn_client, moderator_client, category,
                                         category_b):
    own = ThreadFactory(category=category, title="Pertanyaan untuk BKPSDM tentang cuti")
    other = ThreadFactory(category=category_b, title="Pertanyaan untuk Dinkes tentang puskesmas")
    page = verified_asn_client.get(reverse("discussions:unit_queue")).content.decode()
    assert own.title in page and other.title not in page
    page = moderator_client.get(reverse("discussions:unit_queue")).content.decode()
    assert own.title in page and other.title in page
    page = moderator_client.get(reverse("discussions:unit_queue") + "?unit=dinkes"
                                ).content.decode()
    assert own.title not in page and other.title in page


def test_queue_puts_overdue_first_then_nearest_deadline(verified_asn_client, category):
    import datetime as dt

    late = ThreadFactory(category=category, title="Sudah lewat batas waktu jawaban",
                         is_overdue=True, answer_due=dt.date(2026, 8, 1))
    soon = ThreadFactory(category=category, title="Batas waktunya paling dekat sekali",
                         answer_due=dt.date(2026, 9, 1), first_response_due=dt.date(2026, 9, 1))
    later = ThreadFactory(category=category, title="Batas waktunya masih cukup lama",
                          answer_due=dt.date(2026, 9, 20), first_response_due=dt.date(2026, 9, 15))
    ThreadFactory(category=category, title="Sudah dijawab tidak masuk antrean",
                  status=ThreadStatus.ANSWERED)
    page = verified_asn_client.get(reverse("discussions:unit_queue")).content.decode()
    positions = [page.index(t.title) for t in (late, soon, later)]
    assert positions == sorted(positions)
    assert "Sudah dijawab tidak masuk antrean" not in page


def test_reaction_needs_an_account(anonymous_client, thread):
    response = anonymous_client.post(reverse("discussions:thread_support", args=[thread.pk]))
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.supporters_count == 0


def test_new_thread_form_needs_an_account(anonymous_client):
    response = anonymous_client.get(reverse("discussions:thread_create"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Thread.objects.exists()
