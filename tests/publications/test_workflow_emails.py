"""Wagtail's review emails in the recipient's admin language (issue 18).

Wagtail renders each workflow and comment email in the recipient's preferred admin
language, but its Indonesian catalogue leaves most of them English ("The page … has been
submitted for approval …" under "Apa kabar"). Serambi ships them in its own catalogue
(forum_site/core/translation_overrides.py, WORKFLOW_EMAILS). Submitted, rejected,
approved and a comment, over HTTP, as Tim Komunikasi and a moderator see them; each
email's links open for its recipient."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.admin.utils import get_user_display_name
from wagtail.models import PageSubscription
from wagtail.users.models import UserProfile

from publications.models import TrainingProgramPage
from tests.publications import factories as f
from tests.publications.test_workflow import approve, program_form

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(
    r"\b(Hello|has been|submitted|approved|rejected|You can|here:|moderation stage|"
    r"workflow|Edit your|notification preferences|comments on|New comments)\b")
TITLE = "Pelatihan Penulisan Naskah Dinas"


def _prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def _submit(comms_client, page, form):
    response = comms_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                                 {**form, "action-submit": "1"})
    assert response.status_code == 302


def _reject(moderator_client, page, comment):
    state = TrainingProgramPage.objects.get(pk=page.pk).current_workflow_state
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=[page.pk, "reject", state.current_task_state.pk])
    assert moderator_client.post(url, {"comment": comment}).status_code in (200, 302)


def _mail_to(user):
    found = [message for message in mail.outbox if message.to == [user.email]]
    assert len(found) == 1, [(m.to, m.subject) for m in mail.outbox]
    return found[0]


def _texts(message):
    html = message.alternatives[0][0] if message.alternatives else ""
    visible = re.sub(r"<style.*?</style>|<[^>]+>", " ", html, flags=re.S)
    return message.subject, message.body, " ".join(visible.split())


def _links_open(client, message):
    """Every link of the email opens (200) for the signed-in recipient."""
    links = set(re.findall(r"https://serambi\.test[^\s<>\"]*", message.body))
    assert links
    for link in links:
        parts = urlsplit(link)
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code == 200, link


def _assert_indonesian(message, *phrases):
    subject, body, html = _texts(message)
    for text in (subject, body, html):
        words = re.sub(r"https://\S+", " ", text)  # addresses have English path words
        assert not ENGLISH.search(words), text
    for phrase in phrases:
        assert phrase in body, (phrase, body)
        assert phrase in html or not html, (phrase, html)
    assert "Apa kabar" not in body and "disini" not in body


@pytest.fixture
def draft(tree, area):
    return f.add_draft(f.program_page(area=area, slug="pelatihan-naskah-dinas"),
                       parent=tree.programs)


def test_review_emails_reach_indonesian_staff_in_indonesian(
    comms_client, moderator_client, comms, moderator, draft, area, unit_a
):
    form = program_form(area=area, unit=unit_a)
    _submit(comms_client, draft, form)
    submitted = _mail_to(moderator)
    assert submitted.subject == (
        f'Halaman "{TITLE}" diajukan untuk disetujui pada tahap moderasi '
        '"Persetujuan Moderator"')
    _assert_indonesian(submitted, "Halo ", "Lihat pratinjau halamannya di sini:",
                       "Ubah halamannya di sini:", "Ubah pengaturan notifikasi Anda di sini:")
    _links_open(moderator_client, submitted)

    mail.outbox.clear()
    _reject(moderator_client, draft, "Tambahkan tenggat pendaftaran.")
    rejected = _mail_to(comms)
    assert rejected.subject == f'Halaman "{TITLE}" ditolak dalam "Persetujuan Moderator".'
    _assert_indonesian(
        rejected, f"ditolak oleh {get_user_display_name(moderator)} pada tahap", "dalam alur kerja",
        'Catatan yang diberikan: "Tambahkan tenggat pendaftaran."', "Ubah halamannya di sini:")
    _links_open(comms_client, rejected)

    mail.outbox.clear()
    _submit(comms_client, draft, form)
    mail.outbox.clear()
    approve(moderator_client, TrainingProgramPage.objects.get(pk=draft.pk))
    approved = _mail_to(comms)
    assert approved.subject == f'Halaman "{TITLE}" telah disetujui dalam "Persetujuan Moderator".'
    _assert_indonesian(approved, "telah disetujui dalam alur kerja", "Lihat halamannya di sini:")
    assert "https://serambi.test/program/pelatihan-naskah-dinas/" in approved.body
    _links_open(comms_client, approved)


@pytest.mark.parametrize("chosen_in", ["admin", "account"])
def test_an_english_speaking_editor_gets_english(
    chosen_in, comms_client, moderator_client, comms, moderator, draft, area, unit_a
):
    if chosen_in == "admin":  # Wagtail's account settings
        _prefer(comms, "en")
    else:  # Serambi's account language, no admin preference
        comms.preferred_language = "en"
        comms.save(update_fields=["preferred_language"])
    _submit(comms_client, draft, program_form(area=area, unit=unit_a))
    # The moderator, who chose no admin language, gets their account's language
    # (Indonesian), not the English of the request that sent it.
    assert _mail_to(moderator).subject.startswith(f'Halaman "{TITLE}" diajukan')
    mail.outbox.clear()
    _reject(moderator_client, draft, "Tambahkan tenggat pendaftaran.")
    rejected = _mail_to(comms)
    assert rejected.subject == (
        f'The page "{TITLE}" has been rejected during "Persetujuan Moderator".')
    assert rejected.body.startswith("Hello ")
    assert "You can edit the page here:" in rejected.body
    assert "Halaman" not in rejected.body and "Ubah" not in rejected.body


def test_comment_notifications_in_indonesian(
    moderator_client, comms, moderator, draft, area, unit_a
):
    PageSubscription.objects.create(page=draft, user=comms, comment_notifications=True)
    data = {
        **program_form(area=area, unit=unit_a),
        "comments-TOTAL_FORMS": "1", "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "",
        "comments-0-DELETE": "", "comments-0-resolved": "", "comments-0-id": "",
        "comments-0-contentpath": "title", "comments-0-text": "Judulnya terlalu panjang.",
        "comments-0-position": "",
        "comments-0-replies-TOTAL_FORMS": "0", "comments-0-replies-INITIAL_FORMS": "0",
        "comments-0-replies-MIN_NUM_FORMS": "0", "comments-0-replies-MAX_NUM_FORMS": "0",
    }
    response = moderator_client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    assert response.status_code == 302
    message = _mail_to(comms)
    editor = get_user_display_name(moderator)
    assert message.subject == f'{editor} memperbarui komentar pada "{TITLE}"'
    _assert_indonesian(message, "Komentar baru", '"Judulnya terlalu panjang."',
                       "Ubah halamannya di sini:")
