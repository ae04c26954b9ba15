"""Comments over HTTP: the anonymous life cycle with email confirmation, registered
citizens, ASN, replies, edits, deletion, likes, masking and the anti-abuse rules."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from discussions.models import (
    Comment,
    CommentStatus,
    EmailStatus,
    ModerationLedgerEntry,
)
from tests.accounts.factories import UserFactory
from tests.outbox_rows import comment_emails

from .comment_support import (
    OUTCOME_TEXT,
    last_confirmation_path,
    make_comment,
    post_comment,
    started_token,
)
from .conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]


def _queue(moderator_client):
    return moderator_client.get(reverse("discussions_admin:moderation_queue"))


def test_anonymous_comment_on_outcome_confirm_queue_approve(outcome, anonymous_client,
                                                            moderator_client):
    response = post_comment(anonymous_client, outcome, OUTCOME_TEXT, name="Rahma",
                            email="rahma@contoh.id")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.UNCONFIRMED and not comment.is_public
    # Stored in the database; the email has the link, the link has no personal data.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rahma@contoh.id"]
    path = last_confirmation_path()
    assert "rahma" not in path.lower() and "contoh" not in path
    # Only its author's session shows it (marked as waiting; issue 16), nobody else's.
    assert OUTCOME_TEXT not in Client().get(outcome.url).content.decode()

    page = anonymous_client.get(path)
    assert page.status_code == 200 and "Konfirmasi" in page.content.decode()
    assert Comment.objects.get().status == CommentStatus.UNCONFIRMED  # GET does not confirm
    assert anonymous_client.post(path).status_code == 302
    assert Comment.objects.get().status == CommentStatus.PENDING

    queue = _queue(moderator_client).content.decode()
    assert OUTCOME_TEXT in queue and outcome.title in queue
    assert OUTCOME_TEXT not in Client().get(outcome.url).content.decode()

    response = moderator_client.post(reverse("discussions_admin:moderation_queue"), {
        "comments": [comment.pk], "action": "approve", "rule": "", "note": "",
    })
    assert response.status_code == 302
    html = anonymous_client.get(outcome.url).content.decode()
    assert OUTCOME_TEXT in html and "Rahma" in html
    assert "rahma@contoh.id" not in html
    assert ModerationLedgerEntry.objects.filter(action="approve", area="outcome").count() == 1
    # The author hears of the decision.
    assert mail.outbox[-1].to == ["rahma@contoh.id"]


@pytest.mark.parametrize("tamper", ["forged", "reused", "expired"])
def test_bad_confirmation_links_get_400(outcome, anonymous_client, settings, tamper):
    post_comment(anonymous_client, outcome, OUTCOME_TEXT, name="Rahma", email="r@contoh.id")
    path = last_confirmation_path()
    if tamper == "forged":
        path = path[:-4] + ("AAAA" if not path.endswith("AAAA/") else "BBBB") + "/"
    elif tamper == "reused":
        anonymous_client.post(path)
    else:
        settings.SERAMBI_COMMENT_CONFIRM_MAX_AGE = -1
    for response in (anonymous_client.get(path), anonymous_client.post(path)):
        assert response.status_code == 400
        assert "tidak berfungsi" in response.content.decode()
    if tamper != "reused":
        assert Comment.objects.get().status == CommentStatus.UNCONFIRMED


def test_garbage_confirmation_token_is_400(anonymous_client):
    url = reverse("discussions:comment_confirm", args=["bukan-token"])
    assert anonymous_client.get(url).status_code == 400


def test_mail_outage_keeps_comment_pending_and_retries(outcome, anonymous_client, settings):
    settings.EMAIL_BACKEND = "tests.discussions.broken_mail.BrokenBackend"
    response = post_comment(anonymous_client, outcome, OUTCOME_TEXT, name="Rahma",
                            email="rahma@contoh.id")
    assert response.status_code == 302
    comment = Comment.objects.get()
    email = comment_emails().get()
    assert comment.status == CommentStatus.UNCONFIRMED
    assert email.status == EmailStatus.PENDING and email.attempts == 1
    assert email.last_error == "OSError"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.management import call_command

    comment_emails().filter(pk=email.pk).update(
        next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    call_command("outbox_retry")
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 2
    assert anonymous_client.post(last_confirmation_path()).status_code == 302
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_unconfirmed_comments_are_purged(outcome, anonymous_client):
    post_comment(anonymous_client, outcome, OUTCOME_TEXT, name="Rahma", email="r@contoh.id")
    from django.core.management import call_command

    call_command("comments_maintenance")
    assert Comment.objects.count() == 1  # still within the window
    Comment.objects.update(submit_date=timezone.now() - dt.timedelta(days=8))
    call_command("comments_maintenance")
    assert Comment.objects.count() == 0


def test_new_citizen_is_premoderated_trusted_is_not(thread, citizen_client, trusted,
                                                     moderator, settings):
    post_comment(citizen_client, thread, "Saya juga menunggu jadwal pelatihan ini.")
    first = Comment.objects.get()
    assert first.status == CommentStatus.PENDING
    page = citizen_client.get(thread.get_absolute_url()).content.decode()
    assert "Menunggu moderasi" in page  # the author sees their waiting comment
    assert "0 komentar" in page

    for i in range(3):
        make_comment(thread, user=trusted, text=f"Komentar lama nomor {i}", moderator=moderator)
    trusted_client = client_for(trusted)
    post_comment(trusted_client, thread, "Jadwalnya sudah diumumkan di papan BKPSDM.")
    latest = Comment.objects.filter(user=trusted).latest("pk")
    assert latest.status == CommentStatus.APPROVED and latest.is_public
    thread.refresh_from_db()
    assert thread.comments_count == 4


def test_asn_comment_goes_straight_through(thread, verified_asn_client, anonymous_client):
    post_comment(verified_asn_client, thread, "Pendaftaran dibuka 2 Januari melalui SIMPEG.")
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.APPROVED
    html = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert "Pendaftaran dibuka 2 Januari" in html and "1 komentar" in html


def test_phone_number_is_masked_before_publication(thread, verified_asn_client,
                                                   anonymous_client, moderator_client):
    text = "Hubungi 0812-3456-7890 atau budi@contoh.go.id, NIK 7601012345678901."
    # First the author is shown the masked text (test_comment_masking.py), then it posts.
    assert post_comment(verified_asn_client, thread, text).status_code == 200
    assert post_comment(verified_asn_client, thread, text, masking_seen="on").status_code == 302
    comment = Comment.objects.get()
    assert "0812" not in comment.comment and "budi@" not in comment.comment
    assert sorted(comment.redactions) == ["email", "nik", "phone"]
    html = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert "[nomor telepon disamarkan]" in html and "0812-3456-7890" not in html
    assert "7601012345678901" not in html
    # Moderators see that masking happened, in the queue and in the ledger.
    queue = _queue(moderator_client).content.decode()
    assert "email, nik, phone" in queue
    assert ModerationLedgerEntry.objects.filter(action="redact").count() == 1


def test_replies_nest_three_levels_and_no_deeper(thread, verified_asn, verified_asn_client,
                                                 citizen_client):
    root = make_comment(thread, user=verified_asn, text="Komentar pertama")
    one = make_comment(thread, user=verified_asn, text="Balasan satu", parent=root)
    two = make_comment(thread, user=verified_asn, text="Balasan dua", parent=one)
    assert (root.level, one.level, two.level) == (0, 1, 2)
    response = post_comment(verified_asn_client, thread, "Balasan tiga", parent=two)
    assert response.status_code == 200
    assert "paling dalam tiga tingkat" in response.content.decode()
    html = citizen_client.get(thread.get_absolute_url()).content.decode()
    assert html.index("Komentar pertama") < html.index("Balasan satu") < html.index("Balasan dua")
    assert "comment--level-2" in html
    # The reply form works without JavaScript, on its own page.
    reply = citizen_client.get(reverse("discussions:comment_reply", args=[one.pk]))
    assert reply.status_code == 200 and 'name="parent"' in reply.content.decode()


def test_reply_goes_between_siblings_in_tree_order(thread, verified_asn):
    root = make_comment(thread, user=verified_asn, text="Akar")
    first = make_comment(thread, user=verified_asn, text="Anak pertama", parent=root)
    second = make_comment(thread, user=verified_asn, text="Anak kedua", parent=root)
    grandchild = make_comment(thread, user=verified_asn, text="Cucu", parent=first)
    orders = {c.pk: c.order for c in Comment.objects.filter(thread_id=root.pk)}
    assert orders[root.pk] < orders[first.pk] < orders[grandchild.pk] < orders[second.pk]
    assert len(set(orders.values())) == 4


def test_edit_within_window_keeps_history(thread, verified_asn, verified_asn_client, settings):
    comment = make_comment(thread, user=verified_asn, text="Jadwal pada tanggal 5.")
    url = reverse("discussions:comment_edit", args=[comment.pk])
    assert verified_asn_client.post(url, {"comment": "Jadwal pada tanggal 6."}).status_code == 302
    comment.refresh_from_db()
    assert comment.comment == "Jadwal pada tanggal 6." and comment.edited_at
    assert list(comment.revisions.values_list("previous_body", flat=True)) == [
        "Jadwal pada tanggal 5."]
    Comment.objects.filter(pk=comment.pk).update(
        submit_date=timezone.now() - dt.timedelta(hours=1))
    response = verified_asn_client.post(url, {"comment": "Jadwal pada tanggal 7."})
    assert response.status_code == 200 and "sudah lewat" in response.content.decode()
    comment.refresh_from_db()
    assert comment.comment == "Jadwal pada tanggal 6."


def test_only_the_author_edits_or_deletes(thread, verified_asn, citizen_client):
    comment = make_comment(thread, user=verified_asn, text="Komentar ASN")
    for name in ("comment_edit", "comment_delete"):
        url = reverse(f"discussions:{name}", args=[comment.pk])
        assert citizen_client.get(url).status_code == 403
        assert citizen_client.post(url, {"comment": "diubah"}).status_code == 403


def test_delete_keeps_replies(thread, verified_asn, verified_asn_client, anonymous_client,
                              asn_b):
    root = make_comment(thread, user=verified_asn, text="Komentar yang akan dihapus")
    make_comment(thread, user=asn_b, text="Balasan yang tetap ada", parent=root)
    url = reverse("discussions:comment_delete", args=[root.pk])
    assert verified_asn_client.post(url).status_code == 302
    html = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert "Komentar yang akan dihapus" not in html
    assert "Komentar dihapus oleh penulisnya" in html and "Balasan yang tetap ada" in html
    assert "1 komentar" in html
    thread.refresh_from_db()
    assert thread.comments_count == 1


def test_likes_once_per_user(thread, verified_asn, citizen, citizen_client, anonymous_client):
    comment = make_comment(thread, user=verified_asn, text="Komentar yang disukai")
    url = reverse("discussions:comment_like", args=[comment.pk])
    citizen_client.post(url)
    citizen_client.post(url)
    comment.refresh_from_db()
    assert comment.likes_count == 1 and comment.reactions.count() == 1
    assert "1 suka" in citizen_client.get(thread.get_absolute_url()).content.decode()
    citizen_client.post(url, {"undo": "1"})
    comment.refresh_from_db()
    assert comment.likes_count == 0
    assert anonymous_client.post(url).status_code == 302  # to the login page
    assert comment.reactions.count() == 0


def test_honeypot_and_minimum_fill_time(outcome, anonymous_client):
    response = post_comment(anonymous_client, outcome, OUTCOME_TEXT, name="Bot",
                            email="bot@contoh.id", website="http://spam.example")
    assert response.status_code == 200 and Comment.objects.count() == 0
    response = post_comment(anonymous_client, outcome, OUTCOME_TEXT, name="Cepat",
                            email="cepat@contoh.id", started=started_token(seconds_ago=0))
    assert response.status_code == 200 and "cepat" in response.content.decode().lower()
    response = post_comment(anonymous_client, outcome, OUTCOME_TEXT, name="Palsu",
                            email="palsu@contoh.id", started="palsu")
    assert response.status_code == 200
    assert Comment.objects.count() == 0


def test_duplicate_text_is_rejected(thread, verified_asn_client):
    post_comment(verified_asn_client, thread, "Terima kasih atas informasinya.")
    response = post_comment(verified_asn_client, thread, "Terima kasih atas informasinya.")
    assert response.status_code == 200
    assert "teks yang sama" in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("text,message", [
    ("\u200b\u200b\u200b", "karakter tak terlihat saja tidak cukup"),
    ("x" * 3001, "3000"),
    ("", "Tulis komentar"),
])
def test_invalid_text_gets_clear_errors(thread, verified_asn_client, text, message):
    response = post_comment(verified_asn_client, thread, text)
    assert response.status_code == 200 and message in response.content.decode()
    assert Comment.objects.count() == 0


def test_anonymous_needs_name_and_valid_email(outcome, anonymous_client):
    response = post_comment(anonymous_client, outcome, OUTCOME_TEXT, name="", email="bukan")
    html = response.content.decode()
    assert response.status_code == 200 and "nama" in html.lower()
    assert Comment.objects.count() == 0


def test_comment_rate_limit_gives_429(thread, verified_asn_client, settings):
    settings.SERAMBI_RATE_LIMITS = {**settings.SERAMBI_RATE_LIMITS,
                                    "comment_create": {"user": "2/m"}}
    for i in range(2):
        assert post_comment(verified_asn_client, thread, f"Komentar nomor {i}").status_code == 302
    response = post_comment(verified_asn_client, thread, "Komentar ketiga")
    assert response.status_code == 429 and response.has_header("Retry-After")


def test_confirmation_emails_capped_per_address(outcome, settings):
    from django.test import Client

    settings.SERAMBI_RATE_LIMITS = {**settings.SERAMBI_RATE_LIMITS,
                                    "confirmation_email": {"key": "2/h", "ip": "50/h"}}
    for i in range(2):
        response = post_comment(Client(REMOTE_ADDR=f"10.0.0.{i}"), outcome, f"Komentar {i}",
                                name="Korban", email="korban@contoh.id")
        assert response.status_code == 302
    response = post_comment(Client(REMOTE_ADDR="10.0.0.9"), outcome, "Komentar 3",
                            name="Korban", email="KORBAN@contoh.id")
    assert response.status_code == 429
    assert len(mail.outbox) == 2


def test_first_day_cap_for_new_accounts(thread, settings):
    settings.SERAMBI_RATE_LIMITS = {**settings.SERAMBI_RATE_LIMITS,
                                    "comment_create": {"new_user": "1/d", "user": "100/m"}}
    from forum_site.accounts import roles

    newcomer = UserFactory(display_name="Pendatang", roles=[roles.CITIZEN])
    client = client_for(newcomer)
    assert post_comment(client, thread, "Komentar pertama saya").status_code == 302
    assert post_comment(client, thread, "Komentar kedua saya").status_code == 429


def test_xss_payloads_render_inert(outcome, anonymous_client, moderator_client, moderator):
    payload = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    post_comment(anonymous_client, outcome,
                 f"{payload} [klik](javascript:alert(3)) [situs](https://contoh.id)",
                 name="<script>alert(5)</script>", email="xss@contoh.id",
                 user_url="javascript:alert(4)")
    anonymous_client.post(last_confirmation_path())
    comment = Comment.objects.get()
    moderator_client.post(reverse("discussions_admin:moderation_queue"), {
        "comments": [comment.pk], "action": "approve"})
    for html in (anonymous_client.get(outcome.url).content.decode(),
                 _queue(moderator_client).content.decode()):
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "javascript:alert" not in html
    page = anonymous_client.get(outcome.url).content.decode()
    assert 'rel="nofollow ugc noopener"' in page
    assert "&lt;script&gt;alert(5)" in page and "&lt;script&gt;alert(1)" in page


def test_comments_closed_on_closed_thread(thread, verified_asn_client):
    from discussions.models import ThreadStatus

    thread.status, thread.close_reason = ThreadStatus.CLOSED, "off_topic"
    thread.save()
    response = post_comment(verified_asn_client, thread, "Masih bisa komentar?")
    assert response.status_code == 200 and Comment.objects.count() == 0


def test_unknown_target_is_404(verified_asn_client):
    response = verified_asn_client.post(reverse("discussions:comment_post"),
                                        {"target": "thread:999999", "comment": "Halo"})
    assert response.status_code == 404
    response = verified_asn_client.post(reverse("discussions:comment_post"),
                                        {"target": "user:1", "comment": "Halo"})
    assert response.status_code == 404
