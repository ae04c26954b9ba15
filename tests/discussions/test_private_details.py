"""The asker's own contact details (issue 16, §1): masked on every public surface, kept
apart for the people who may need to reach the asker (the unit's verified ASN and
moderators), marked as private, and erased with the account."""

import pytest
from django.urls import reverse

from discussions.models import Thread, ThreadPrivateDetail
from tests.accounts.factories import PASSWORD

from .conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

PHONE = "0812-4567-8910"
EMAIL = "siti.warga@contoh.id"


def _open_thread(citizen_client, category):
    response = citizen_client.post(reverse("discussions:thread_create"), {
        "kind": "question", "category": category.slug,
        "title": "Jadwal pelatihan dasar untuk tenaga honorer",
        "body": f"Mohon dihubungi di {PHONE} atau {EMAIL} untuk jadwal pelatihannya.",
        "similar_checked": "on", "masking_seen": "on",
    })
    assert response.status_code == 302
    return Thread.objects.get()


def test_the_unit_and_moderators_see_the_askers_details_marked_private(
        citizen_client, category, verified_asn_client, moderator_client, asn_b,
        anonymous_client):
    thread = _open_thread(citizen_client, category)
    assert PHONE not in thread.body and EMAIL not in thread.body  # masked when stored
    assert set(ThreadPrivateDetail.objects.values_list("kind", "value")) == {
        ("phone", PHONE), ("email", EMAIL)}
    for client in (verified_asn_client, moderator_client):
        page = client.get(thread.get_absolute_url()).content.decode()
        assert PHONE in page and EMAIL in page
        assert "Pribadi: data penanya" in page
    for client in (anonymous_client, client_for(asn_b), citizen_client):
        page = client.get(thread.get_absolute_url()).content.decode()
        assert PHONE not in page and EMAIL not in page
    for url in (reverse("discussions:feed"), reverse("core:dataset_csv",
                                                     kwargs={"slug": "threads"})):
        response = anonymous_client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else (
            response.content)
        assert PHONE.encode() not in body and EMAIL.encode() not in body


def test_the_details_go_with_the_account(citizen, citizen_client, category,
                                         verified_asn_client):
    thread = _open_thread(citizen_client, category)
    export = citizen_client.post(reverse("accounts:personal_data_export"))
    assert PHONE in export.content.decode()  # the asker's own data, in their export
    response = citizen_client.post(reverse("accounts:account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not ThreadPrivateDetail.objects.exists()
    assert Thread.objects.filter(pk=thread.pk).exists()  # the thread stays, masked
    assert PHONE not in verified_asn_client.get(thread.get_absolute_url()).content.decode()
