"""Emails carry the substance, not only a link: the official answer's text (the same
text the public page shows), the unit's note when it acknowledges a thread, and the
text of a comment that was rejected or hidden (as stored: personal data masked)."""

import pytest
from django.core import mail
from django.urls import reverse

from discussions.models import Comment, CommentStatus

from .comment_support import post_comment
from .conftest import client_for
from .factories import FollowFactory, ThreadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

ANSWER = (
    "Pendaftaran pelatihan kepemimpinan 2027 dibuka pada:\n"
    "- gelombang 1: 3 Februari 2027\n"
    "- gelombang 2: 5 Mei 2027\n"
    "\n"
    "Syarat lengkap ada di https://bkpsdm.mamujukab.go.id/pelatihan."
)


def _mail_to(address):
    found = [m for m in mail.outbox if m.to == [address]]
    assert len(found) == 1, [(m.to, m.subject) for m in mail.outbox]
    return found[0]


def test_the_answer_email_carries_the_official_answer(
        verified_asn_client, citizen, category, anonymous_client):
    thread = ThreadFactory(category=category, author=citizen)
    follower = FollowFactory(thread=thread, user__preferred_language="en").user
    response = verified_asn_client.post(
        reverse("discussions:answer_publish", args=[thread.pk]),
        {"body": ANSWER, "seen_answers": "0"})
    assert response.status_code == 302
    public = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert "gelombang 2: 5 Mei 2027" in public
    for address, heading in ((citizen.email, "Jawaban Resmi:"),
                             (follower.email, "Official answer:")):
        body = _mail_to(address).body
        assert heading in body
        for line in ANSWER.splitlines():
            assert line in body, (line, body)
        # The signature still follows the text.
        assert body.index("gelombang 2") < body.index(
            "Ditandatangani" if address == citizen.email else "Signed")


def test_the_acknowledgement_email_carries_the_units_note(
        verified_asn_client, citizen, category):
    thread = ThreadFactory(category=category, author=citizen)
    note = "Sedang kami cek dengan bidang mutasi; jawaban menyusul minggu ini."
    response = verified_asn_client.post(
        reverse("discussions:thread_acknowledge", args=[thread.pk]), {"note": note})
    assert response.status_code == 302
    body = _mail_to(citizen.email).body
    assert f"Catatan dari unit:\n{note}" in body
    assert "Alasan:" not in body  # a note is not a reason


def test_the_acknowledgement_email_without_a_note_has_no_empty_heading(
        verified_asn_client, citizen, category):
    thread = ThreadFactory(category=category, author=citizen)
    verified_asn_client.post(reverse("discussions:thread_acknowledge", args=[thread.pk]),
                             {"note": ""})
    assert "Catatan dari unit" not in _mail_to(citizen.email).body


def test_the_rejection_email_carries_the_rejected_text_masked(
        thread, anonymous_client, moderator):
    text = "Hubungi saya di 0812-4455-6677, saya jual jasa titip berkas!"
    post_comment(anonymous_client, thread, text, name="Budi", email="budi@contoh.id",
                 masking_seen="on")
    comment = Comment.objects.get()
    comment.status = CommentStatus.PENDING  # confirmed (the confirmation is tested elsewhere)
    comment.confirmation_nonce = ""
    comment.save(update_fields=["status", "confirmation_nonce"])
    mail.outbox.clear()

    response = client_for(moderator).post(reverse("discussions_admin:moderation_queue"), {
        "comments": [comment.pk], "action": "reject", "rule": "spam",
        "note": "catatan internal moderator"})
    assert response.status_code == 302
    body = _mail_to("budi@contoh.id").body
    assert "Komentar Anda tidak diterbitkan." in body
    assert ("Komentar Anda, seperti yang Anda tulis (data pribadi disamarkan):\n"
            "Hubungi saya di [nomor telepon disamarkan], saya jual jasa") in body
    assert "0812" not in body
    assert "catatan internal moderator" not in body  # the moderator's note stays private


def test_the_hidden_comment_email_carries_its_text(thread, trusted, moderator):
    from .comment_support import make_comment

    comment = make_comment(thread, user=trusted, moderator=moderator,
                           text="Pelayanan di loket lantai dua sangat lambat.")
    mail.outbox.clear()
    client_for(moderator).post(reverse("discussions_admin:moderation_queue"), {
        "comments": [comment.pk], "action": "hide", "rule": "off_topic", "note": ""})
    body = _mail_to(trusted.email).body
    assert "Komentar Anda disembunyikan." in body
    assert "Pelayanan di loket lantai dua sangat lambat." in body


def test_the_published_email_does_not_repeat_the_text(thread, trusted, moderator):
    """Published: the link shows it; the email stays short."""
    from .comment_support import make_comment

    make_comment(thread, user=trusted, moderator=moderator,
                 text="Terima kasih atas penjelasannya, sangat membantu.")
    published = [m for m in mail.outbox if m.to == [trusted.email]]
    assert all("Komentar Anda, seperti" not in m.body for m in published)
    assert all("Terima kasih atas penjelasannya" not in m.body for m in published)
