"""Personal data (UU 27/2022) over HTTP: download my data, delete my account, consent
asked again when the privacy notice changes, and requests to the office."""

import datetime as dt
import json

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from discussions.models import OfficialAnswer, OfficialAnswerRevision, Support, Thread
from forum_site.accounts.models import AsnProfile, Consent, PersonalDataRequest, User
from tests.accounts.factories import PASSWORD, UserFactory
from tests.discussions.factories import (
    FollowFactory,
    OfficialAnswerFactory,
    SupportFactory,
    ThreadEventFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


def _export(client) -> dict:
    response = client.post(reverse("accounts:personal_data_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_personal_data_export_contains_own_data_and_nobody_elses(
    verified_asn, verified_asn_client, citizen
):
    own = ThreadFactory(author=verified_asn, title="Pertanyaan saya tentang diklat PIM")
    ThreadFactory(author=citizen, title="Pertanyaan warga lain yang bukan milik saya")
    OfficialAnswerFactory(thread=own, author=verified_asn)
    SupportFactory(thread=own, user=verified_asn)
    FollowFactory(thread=own, user=verified_asn)
    SupportFactory(thread=own, user=citizen)

    data = _export(verified_asn_client)

    profile = AsnProfile.objects.get(user=verified_asn)
    assert data["account"]["email"] == verified_asn.email
    assert data["account"]["display_name"] == "Dewi Pegawai"
    assert data["account"]["last_name"] == verified_asn.last_name
    assert data["asn_profile"]["nip"] == profile.nip
    assert data["consents"][0]["version"]
    assert [t["title"] for t in data["discussions"]["threads"]] == [own.title]
    assert len(data["discussions"]["official_answers"]) == 1
    assert data["discussions"]["supports"] == [
        {"thread_id": own.pk, "created_at": data["discussions"]["supports"][0]["created_at"]}
    ]
    assert len(data["discussions"]["follows"]) == 1
    text = json.dumps(data)
    assert citizen.email not in text and "bukan milik saya" not in text


def test_personal_data_export_is_post_only_and_needs_sign_in(anonymous_client, citizen_client):
    url = reverse("accounts:personal_data_export")
    response = anonymous_client.post(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert citizen_client.get(url).status_code == 405


def test_personal_data_export_is_rate_limited(citizen_client, settings):
    settings.SERAMBI_RATE_LIMITS = {**settings.SERAMBI_RATE_LIMITS,
                                    "personal_data_export": {"user": "1/h"}}
    _export(citizen_client)
    assert citizen_client.post(reverse("accounts:personal_data_export")).status_code == 429


def test_account_page_links_download_delete_and_requests(citizen_client):
    page = citizen_client.get(reverse("accounts:overview")).content.decode()
    assert reverse("accounts:personal_data_export") in page
    assert reverse("accounts:account_delete") in page
    assert reverse("accounts:personal_data_request") in page


def test_account_delete_anonymises_and_keeps_posts_under_pseudonym(citizen, citizen_client):
    thread = ThreadFactory(author=citizen, title="Bagaimana cara mengurus mutasi ASN?")
    ThreadEventFactory(thread=thread, actor=citizen, actor_name="Siti Warga")
    support_thread = ThreadFactory()
    SupportFactory(thread=support_thread, user=citizen)
    Thread.objects.filter(pk=support_thread.pk).update(supporters_count=1)
    followed = ThreadFactory()
    FollowFactory(thread=followed, user=citizen)
    Thread.objects.filter(pk=followed.pk).update(followers_count=1)
    other_session = Client()
    other_session.force_login(citizen)

    response = citizen_client.post(reverse("accounts:account_delete"), {"password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(pk=citizen.pk)
    assert user.email == f"deleted-{citizen.pk}@invalid"
    assert (user.first_name, user.last_name) == ("", "")
    assert user.display_name.startswith("Pengguna terhapus #")
    assert not user.is_active and not user.has_usable_password()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email=citizen.email).exists()
    # Supports still count without the person; follows go with their counter.
    assert Support.objects.filter(thread=support_thread, user=None).count() == 1
    assert Thread.objects.get(pk=followed.pk).followers_count == 0
    # Signed out here and in every other session.
    for client in (citizen_client, other_session):
        response = client.get(reverse("accounts:overview"))
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    # The thread is still public, under the pseudonym, and the old name is gone.
    page = Client().get(thread.get_absolute_url()).content.decode()
    assert thread.title in page and user.display_name in page
    assert "Siti Warga" not in page


def test_account_delete_erases_nip_and_keeps_answer_signed_by_position_and_unit(
    verified_asn, verified_asn_client
):
    verified_asn.first_name, verified_asn.last_name = "Dewi", "Lestari"
    verified_asn.save()
    nip = verified_asn.asn_profile.nip
    answer = OfficialAnswerFactory(author=verified_asn, signer_name="Dewi Lestari")
    ThreadEventFactory(thread=answer.thread, kind="answered", actor=verified_asn,
                       actor_name="Dewi Pegawai", actor_role="asn", to_status="answered")
    OfficialAnswerRevision.objects.create(
        answer=answer, editor=verified_asn, editor_name="Dewi Lestari",
        previous_body="Teks lama jawaban resmi.", new_body=answer.body,
    )

    response = verified_asn_client.post(
        reverse("accounts:account_delete"), {"password": PASSWORD}
    )

    assert response.status_code == 302
    assert not AsnProfile.objects.filter(nip=nip).exists()
    assert not AsnProfile.objects.filter(user=verified_asn).exists()
    answer = OfficialAnswer.objects.get(pk=answer.pk)
    assert answer.signer_name == ""
    assert answer.signer_position == "Analis Kebijakan Ahli Muda"
    assert answer.signer_unit == "Badan Kepegawaian dan Pengembangan SDM"
    revision = OfficialAnswerRevision.objects.get(answer=answer)
    assert revision.editor_id is None and "Dewi" not in revision.editor_name
    page = Client().get(answer.thread.get_absolute_url()).content.decode()
    assert "Analis Kebijakan Ahli Muda" in page and "Badan Kepegawaian" in page
    assert "Dewi" not in page
    history = Client().get(reverse("discussions:answer_history", args=[answer.pk]))
    assert "Dewi" not in history.content.decode()


def test_account_delete_with_wrong_password_shows_error_and_keeps_account(
    citizen, citizen_client
):
    response = citizen_client.post(reverse("accounts:account_delete"), {"password": "salah"})
    assert response.status_code == 200
    assert "Kata sandi tidak benar." in response.content.decode()
    citizen.refresh_from_db()
    assert citizen.is_active and citizen.email.startswith("warga")
    assert citizen_client.get(reverse("accounts:overview")).status_code == 200


def test_account_delete_page_needs_sign_in(anonymous_client):
    for name in ("account_delete", "consent", "personal_data_request"):
        response = anonymous_client.get(reverse(f"accounts:{name}"))
        assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_account_delete_page_asks_for_password(citizen_client):
    page = citizen_client.get(reverse("accounts:account_delete")).content.decode()
    assert 'type="password"' in page and 'autocomplete="current-password"' in page


def test_consent_asked_again_before_posting_after_notice_version_changes(
    citizen, citizen_client, settings
):
    settings.PRIVACY_NOTICE_VERSION = "2099-01"
    create_url = reverse("discussions:thread_create")

    # Reading stays open; posting asks for consent first, coming back afterwards.
    assert citizen_client.get(reverse("discussions:thread_list")).status_code == 200
    response = citizen_client.get(create_url)
    assert response.status_code == 302
    consent_url = response["Location"]
    assert consent_url.startswith(reverse("accounts:consent")) and "next=" in consent_url
    page = citizen_client.get(consent_url).content.decode()
    assert reverse("core:privacy") in page

    response = citizen_client.post(reverse("accounts:consent"), {"next": create_url})
    assert response.status_code == 200  # not ticked: error, nothing recorded
    assert not Consent.objects.filter(user=citizen, version="2099-01").exists()

    response = citizen_client.post(
        reverse("accounts:consent"), {"next": create_url, "privacy_consent": "on"}
    )
    assert response.status_code == 302 and response["Location"] == create_url
    consent = Consent.objects.get(user=citizen, version="2099-01")
    assert consent.purpose == Consent.Purpose.PRIVACY_NOTICE
    assert citizen_client.get(create_url).status_code == 200


def test_consent_required_before_first_post(citizen_client, settings):
    user = UserFactory(consented=False)
    client = Client()
    client.force_login(user)
    response = client.post(reverse("discussions:thread_create"), {"title": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:consent"))
    assert not Thread.objects.exists()


def test_consent_next_ignores_other_hosts(citizen_client, citizen, settings):
    settings.PRIVACY_NOTICE_VERSION = "2099-02"
    response = citizen_client.post(
        reverse("accounts:consent"),
        {"next": "https://jahat.example/", "privacy_consent": "on"},
    )
    assert response["Location"] == reverse("accounts:overview")


def test_personal_data_request_lifecycle_with_72_hour_deadline(
    citizen, citizen_client, moderator_client, moderator
):
    before = timezone.now()
    response = citizen_client.post(reverse("accounts:personal_data_request"), {
        "kind": "correction", "message": "Nama tampilan saya salah eja, mohon dibetulkan.",
    })
    assert response.status_code == 302
    item = PersonalDataRequest.objects.get(user=citizen)
    assert item.status == PersonalDataRequest.Status.OPEN
    assert item.due_at - item.created_at == dt.timedelta(hours=72)
    assert item.created_at >= before
    page = citizen_client.get(reverse("accounts:overview")).content.decode()
    assert "Perbaiki data saya" in page and "Terbuka" in page

    # The moderators' queue in the Wagtail admin flags it once it is overdue.
    queue = moderator_client.get(reverse("accounts_data_requests:queue")).content.decode()
    assert citizen.email in queue and "Terlambat" not in queue
    PersonalDataRequest.objects.filter(pk=item.pk).update(
        due_at=timezone.now() - dt.timedelta(minutes=1)
    )
    queue = moderator_client.get(reverse("accounts_data_requests:queue")).content.decode()
    assert "Terlambat" in queue

    response = moderator_client.post(
        reverse("accounts_data_requests:answer", args=[item.pk]),
        {"response": "Nama tampilan sudah kami betulkan.", "done": "on"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == PersonalDataRequest.Status.DONE
    assert item.handled_by == moderator and item.handled_at
    page = citizen_client.get(reverse("accounts:overview")).content.decode()
    assert "Nama tampilan sudah kami betulkan." in page and "Selesai" in page


def test_personal_data_request_needs_a_message(citizen, citizen_client):
    response = citizen_client.post(reverse("accounts:personal_data_request"), {"kind": "other"})
    assert response.status_code == 200
    assert not PersonalDataRequest.objects.exists()


def test_personal_data_request_admin_refuses_citizens(citizen_client):
    response = citizen_client.get(reverse("accounts_data_requests:queue"))
    assert response.status_code in (302, 403)


def test_account_page_query_budget(citizen, citizen_client, django_assert_max_num_queries):
    for n in range(5):
        PersonalDataRequest.objects.create(
            user=citizen, kind="access", message=f"Permintaan {n}",
            created_at=timezone.now(), due_at=timezone.now() + dt.timedelta(hours=72),
        )
    with django_assert_max_num_queries(10):
        response = citizen_client.get(reverse("accounts:overview"))
    assert response.status_code == 200
