"""Moderation over HTTP: the queue (moderators only), bulk decisions with a rule, flags
that hide content pending review, replies hidden with their parent, counts through hide
and restore, thread hiding, and the append-only ledger."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from discussions.comments import selectors as comment_selectors
from discussions.comments import services as comment_services
from discussions.models import (
    Comment,
    CommentStatus,
    Flag,
    ModerationLedgerEntry,
    Notification,
    Thread,
    ThreadVisibility,
)
from discussions.moderation import services as moderation_services
from discussions.threads import selectors
from tests.accounts.factories import UserFactory
from tests.outbox_rows import notification_email_status, notification_emails

from .comment_support import make_comment
from .conftest import client_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

QUEUE = "discussions_admin:moderation_queue"


def _decide(client, *, comments=(), threads=(), action, rule="", note=""):
    return client.post(reverse(QUEUE), {
        "comments": list(comments), "threads": list(threads), "action": action,
        "rule": rule, "note": note,
    })


@pytest.fixture
def tree(thread, verified_asn, asn_b):
    root = make_comment(thread, user=verified_asn, text="Komentar induk tentang jadwal")
    reply = make_comment(thread, user=asn_b, text="Balasan di bawah induk", parent=root)
    deeper = make_comment(thread, user=verified_asn, text="Balasan lebih dalam", parent=reply)
    other = make_comment(thread, user=asn_b, text="Komentar lain yang berdiri sendiri")
    return root, reply, deeper, other


def _page(client, thread):
    return client.get(thread.get_absolute_url()).content.decode()


def test_hiding_a_comment_hides_its_replies_and_restore_brings_them_back(
        tree, thread, moderator_client, anonymous_client):
    root, reply, deeper, other = tree
    html = _page(anonymous_client, thread)
    assert "4 komentar" in html
    assert _decide(moderator_client, comments=[root.pk], action="hide",
                   rule="abuse", note="hinaan").status_code == 302
    html = _page(anonymous_client, thread)
    for hidden in ("Komentar induk", "Balasan di bawah induk", "Balasan lebih dalam"):
        assert hidden not in html
    assert "Komentar lain yang berdiri sendiri" in html and "1 komentar" in html
    thread.refresh_from_db()
    assert thread.comments_count == 1
    assert comment_selectors.comments_public().count() == 1

    _decide(moderator_client, comments=[root.pk], action="restore")
    html = _page(anonymous_client, thread)
    assert "4 komentar" in html and "Balasan lebih dalam" in html
    thread.refresh_from_db()
    assert thread.comments_count == 4
    actions = list(ModerationLedgerEntry.objects.order_by("at", "pk")
                   .values_list("action", "rule", "note"))
    assert actions == [("hide", "abuse", "hinaan"), ("restore", "", "")]


def test_hiding_needs_a_published_rule(tree, moderator_client):
    root = tree[0]
    response = _decide(moderator_client, comments=[root.pk], action="hide", rule="")
    assert response.status_code == 200 and "aturan" in response.content.decode()
    response = _decide(moderator_client, comments=[root.pk], action="hide", rule="ngawur")
    assert response.status_code == 200
    root.refresh_from_db()
    assert root.status == CommentStatus.APPROVED
    assert not ModerationLedgerEntry.objects.exists()


def test_bulk_reject_tells_authors_the_rule(thread, citizen, moderator_client, verified_asn):
    first = make_comment(thread, user=citizen, text="Iklan pinjaman cepat cair")
    second = make_comment(thread, user=citizen, text="Iklan pinjaman tanpa agunan")
    assert first.status == second.status == CommentStatus.PENDING
    mail.outbox.clear()
    _decide(moderator_client, comments=[first.pk, second.pk], action="reject", rule="spam")
    assert set(Comment.objects.values_list("status", flat=True)) == {CommentStatus.REJECTED}
    assert len(mail.outbox) == 2
    assert all("Spam atau iklan" in message.body for message in mail.outbox)
    # The author sees the rule on the page too.
    html = client_for(citizen).get(thread.get_absolute_url()).content.decode()
    assert "Ditolak" in html and "Spam atau iklan" in html
    assert ModerationLedgerEntry.objects.filter(action="reject", rule="spam").count() == 2


def test_queue_filters_by_area(thread, outcome, citizen, moderator_client):
    make_comment(thread, user=citizen, text="Komentar di forum menunggu")
    make_comment(outcome, user=citizen, text="Komentar di capaian menunggu")
    html = moderator_client.get(reverse(QUEUE), {"area": "outcome"}).content.decode()
    assert "Komentar di capaian menunggu" in html and "Komentar di forum menunggu" not in html


def test_flags_hide_after_threshold_from_established_accounts(
        thread, verified_asn, established_users, anonymous_client, settings):
    comment = make_comment(thread, user=verified_asn, text="Komentar yang melanggar aturan")
    url = reverse("discussions:comment_flag", args=[comment.pk])
    for user in established_users[:2]:
        assert client_for(user).post(url, {"reason": "abuse"}).status_code == 302
    assert "Komentar yang melanggar aturan" in _page(anonymous_client, thread)
    client_for(established_users[2]).post(url, {"reason": "abuse", "note": "kasar"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN and comment.needs_review
    assert "Komentar yang melanggar aturan" not in _page(anonymous_client, thread)
    entry = ModerationLedgerEntry.objects.get(action="auto_hide")
    assert entry.rule == "abuse" and entry.automatic and entry.area == "forum"
    # The ledger page counts it.
    ledger = anonymous_client.get(reverse("discussions:moderation_ledger")).content.decode()
    assert "Disembunyikan setelah dilaporkan" in ledger


def test_new_accounts_flags_count_for_less(thread, verified_asn, anonymous_client):
    from forum_site.accounts import roles

    comment = make_comment(thread, user=verified_asn, text="Komentar yang dilaporkan akun baru")
    url = reverse("discussions:comment_flag", args=[comment.pk])
    for i in range(3):
        newcomer = UserFactory(display_name=f"Akun Baru {i}", roles=[roles.CITIZEN])
        client_for(newcomer).post(url, {"reason": "spam"})
    comment.refresh_from_db()
    assert comment.flags_weight == 3 and comment.status == CommentStatus.APPROVED


def test_flag_once_per_item_and_daily_cap(thread, verified_asn, established_users, settings):
    settings.SERAMBI_RATE_LIMITS = {**settings.SERAMBI_RATE_LIMITS,
                                    "flag_create": {"user": "2/d"}}
    comments = [make_comment(thread, user=verified_asn, text=f"Komentar nomor {i}")
                for i in range(3)]
    client = client_for(established_users[0])
    url = reverse("discussions:comment_flag", args=[comments[0].pk])
    assert client.post(url, {"reason": "spam"}).status_code == 302
    again = client.post(url, {"reason": "spam"})
    assert again.status_code == 200 and "sudah melaporkan" in again.content.decode()
    assert client.post(reverse("discussions:comment_flag", args=[comments[1].pk]),
                       {"reason": "spam"}).status_code == 302
    assert client.post(reverse("discussions:comment_flag", args=[comments[2].pk]),
                       {"reason": "spam"}).status_code == 429
    assert Flag.objects.count() == 2


def test_flag_needs_reason_and_account(thread, verified_asn, anonymous_client, citizen_client):
    comment = make_comment(thread, user=verified_asn, text="Komentar biasa saja")
    url = reverse("discussions:comment_flag", args=[comment.pk])
    assert anonymous_client.post(url, {"reason": "spam"}).status_code == 302  # to login
    response = citizen_client.post(url, {"reason": ""})
    assert response.status_code == 200 and not Flag.objects.exists()


def test_thread_flags_hide_thread_and_moderator_restores(
        thread, established_users, anonymous_client, moderator_client):
    url = reverse("discussions:thread_flag", args=[thread.pk])
    for user in established_users[:3]:
        client_for(user).post(url, {"reason": "off_topic"})
    thread.refresh_from_db()
    assert thread.visibility == ThreadVisibility.PENDING
    assert anonymous_client.get(thread.get_absolute_url()).status_code == 404
    assert thread not in selectors.threads_public()
    assert thread.title not in anonymous_client.get(reverse("discussions:thread_list")
                                                   ).content.decode()
    assert moderator_client.get(thread.get_absolute_url()).status_code == 200
    assert thread.title in moderator_client.get(reverse(QUEUE)).content.decode()
    _decide(moderator_client, threads=[thread.pk], action="restore")
    assert anonymous_client.get(thread.get_absolute_url()).status_code == 200
    _decide(moderator_client, threads=[thread.pk], action="hide", rule="spam")
    assert Thread.objects.get().visibility == ThreadVisibility.HIDDEN
    assert anonymous_client.get(thread.get_absolute_url()).status_code == 404
    kinds = list(ModerationLedgerEntry.objects.filter(item_kind="thread")
                 .order_by("at", "pk").values_list("action", flat=True))
    assert kinds == ["auto_hide", "restore", "hide"]


def test_comments_on_hidden_thread_leave_public_selectors(tree, thread, moderator_client):
    assert comment_selectors.comments_public().count() == 4
    _decide(moderator_client, threads=[thread.pk], action="hide", rule="spam")
    assert comment_selectors.comments_public().count() == 0


@pytest.mark.parametrize("method,name,args", [
    ("get", QUEUE, []),
    ("post", QUEUE, []),
])
@pytest.mark.parametrize("who", ["citizen_client", "verified_asn_client", "comms_client"])
def test_non_moderators_get_403_on_moderation(request, tree, method, name, args, who):
    client = request.getfixturevalue(who)
    root = tree[0]
    response = getattr(client, method)(reverse(name, args=args), {
        "comments": [root.pk], "action": "hide", "rule": "spam"})
    if who == "comms_client":  # in the Wagtail admin, but not a moderator
        assert response.status_code == 403
    else:  # Wagtail sends people without admin access to its login page
        assert response.status_code == 302 and "login" in response["Location"]
    root.refresh_from_db()
    assert root.status == CommentStatus.APPROVED and not ModerationLedgerEntry.objects.exists()


def test_moderation_service_refuses_non_moderators(tree, citizen, verified_asn):
    from django.core.exceptions import PermissionDenied


    for user in (citizen, verified_asn):
        with pytest.raises(PermissionDenied):
            moderation_services.comments_moderate(moderator=user, comment_ids=[tree[0].pk],
                                                  action="hide", rule="spam")
        with pytest.raises(PermissionDenied):
            moderation_services.threads_moderate(moderator=user, thread_ids=[1], action="hide",
                                                 rule="spam")


def test_ledger_rows_cannot_change(tree, moderator):
    from django.db import DatabaseError, transaction


    moderation_services.comments_moderate(moderator=moderator, comment_ids=[tree[0].pk],
                                          action="hide", rule="spam")
    entry = ModerationLedgerEntry.objects.get()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        ModerationLedgerEntry.objects.update(rule="abuse")
    from django.db.models import QuerySet

    with pytest.raises(DatabaseError), transaction.atomic():
        QuerySet(model=ModerationLedgerEntry).update(rule="abuse")
    assert ModerationLedgerEntry.objects.get().rule == "spam"


def test_ledger_is_not_in_any_admin(superuser_client):
    from django.contrib import admin

    assert ModerationLedgerEntry not in admin.site._registry
    html = superuser_client.get("/admin/").content.decode()
    assert "moderationledgerentry" not in html


def test_no_reply_to_a_hidden_comment(tree, thread, moderator_client, verified_asn_client):
    from .comment_support import post_comment

    root = tree[0]
    _decide(moderator_client, comments=[root.pk], action="hide", rule="abuse")
    assert verified_asn_client.get(
        reverse("discussions:comment_reply", args=[root.pk])).status_code == 404
    response = post_comment(verified_asn_client, thread, "Balasan ke komentar tersembunyi",
                            parent=root)
    # Not found, as the reply page: the form page would quote the hidden comment.
    assert response.status_code == 404
    assert not Comment.objects.filter(comment="Balasan ke komentar tersembunyi").exists()


def test_thread_list_shows_public_comment_counts(tree, thread, moderator_client,
                                                 anonymous_client):
    html = anonymous_client.get(reverse("discussions:thread_list")).content.decode()
    assert "4 komentar" in html
    _decide(moderator_client, comments=[tree[3].pk], action="hide", rule="spam")
    html = anonymous_client.get(reverse("discussions:thread_list")).content.decode()
    assert "3 komentar" in html


def test_asker_is_told_the_rule_when_a_moderator_hides_and_restores_the_thread(
        thread, anonymous_client, moderator_client):
    mail.outbox.clear()
    _decide(moderator_client, threads=[thread.pk], action="hide", rule="personal_data",
            note="Nomor HP warga di judul")
    notification = Notification.objects.get(user=thread.author, kind="status")
    assert notification.event.kind == "hidden" and notification.event.reason
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [thread.author.email]
    body = mail.outbox[0].body
    assert notification.event.reason in body
    assert "Nomor HP" not in body  # the moderator's note stays in the ledger
    _decide(moderator_client, threads=[thread.pk], action="restore")
    assert Notification.objects.filter(user=thread.author, event__kind="restored").exists()
    page = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert notification.event.reason in page  # the timeline keeps the public reason
    assert "Nomor HP" not in page


# --- what moderators see: reports and earlier texts -------------------------------------


def _flagged_comment(thread, author, reporters, *, text, edits=()):

    comment = make_comment(thread, user=author, text=text)
    for edit in edits:
        comment_services.comment_edit(user=author, comment=comment, body=edit)
    for reporter in reporters:
        moderation_services.comment_flag(user=reporter, comment=comment, reason="abuse",
                                         note=f"catatan dari {reporter.display_name}")
    return comment


def test_queue_shows_reports_by_role_and_earlier_texts(
        thread, verified_asn, asn_b, established_users, moderator_client):
    _flagged_comment(thread, verified_asn, [established_users[0], asn_b],
                     text="Teks pertama yang kasar", edits=["Teks kedua yang diubah"])
    html = moderator_client.get(reverse(QUEUE)).content.decode()
    assert "Teks kedua yang diubah" in html  # the current text
    assert "Teks pertama yang kasar" in html and "1 teks sebelumnya" in html
    assert "2 laporan" in html and "Warga Lama 0" in html
    assert "catatan dari Warga Lama 0" in html
    assert "Warga (" in html and "ASN (" in html
    for reporter in (established_users[0], asn_b):
        assert reporter.email not in html


def test_thread_reports_show_in_queue_and_thread_screen(
        thread, established_users, moderator_client):

    for user in established_users[:3]:
        moderation_services.thread_flag(user=user, thread=thread, reason="off_topic")
    html = moderator_client.get(reverse(QUEUE)).content.decode()
    assert "3 laporan" in html and "Warga Lama 2" in html
    assert established_users[0].email not in html
    detail = moderator_client.get(
        reverse("discussions_admin:thread_moderate", args=[thread.pk])).content.decode()
    assert "3 laporan" in detail and "Warga Lama 1" in detail
    assert established_users[1].email not in detail


def _queue_queries(client, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget):
        response = client.get(reverse(QUEUE))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("items", [1, 6])
def test_queue_queries_do_not_grow_with_reports_and_revisions(
        items, thread, verified_asn, established_users, moderator_client,
        django_assert_max_num_queries, category, citizen):

    from .factories import ThreadFactory

    for i in range(items):
        _flagged_comment(thread, verified_asn, established_users[:2],
                         text=f"Komentar antrean {i}", edits=[f"Komentar antrean {i} diubah"])
        other = ThreadFactory(category=category, author=citizen, title=f"Utas dilaporkan {i}")
        for user in established_users[:3]:
            moderation_services.thread_flag(user=user, thread=other, reason="spam")
    # 15 for the queue, plus the office identity read on a cold cache (core.office: one
    # SELECT inside a savepoint, 3 in all; later requests read the cached copy).
    html = _queue_queries(moderator_client, django_assert_max_num_queries, 18)
    assert html.count("Komentar antrean") == 2 * items  # the current and the earlier text


# --- a thread hidden after reports tells its asker ----------------------------------------


def test_asker_is_told_when_reports_hide_the_thread_and_email_is_retried(
        thread, established_users, moderator_client, settings):
    from io import StringIO

    from django.core.management import call_command

    from discussions.models import EmailStatus

    settings.EMAIL_BACKEND = "tests.discussions.broken_mail.BrokenBackend"
    mail.outbox.clear()
    url = reverse("discussions:thread_flag", args=[thread.pk])
    for user, reason in zip(established_users[:3], ["spam", "off_topic", "off_topic"],
                            strict=True):
        client_for(user).post(url, {"reason": reason, "note": "catatan pelapor"})
    thread.refresh_from_db()
    assert thread.visibility == ThreadVisibility.PENDING
    notification = Notification.objects.get(user=thread.author, kind="status")
    event = notification.event
    assert event.kind == "auto_hidden" and event.actor is None and event.actor_role == "system"
    assert event.reason == "Di luar topik"  # the rule most reports named
    assert notification_email_status(notification) == EmailStatus.PENDING  # mail is down

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notification_emails([notification]).update(next_attempt_at=timezone.now())
    call_command("outbox_retry", stdout=StringIO())
    assert notification_email_status(notification) == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [[thread.author.email]]
    body = mail.outbox[0].body
    assert "melaporkan diskusi Anda" in body and "Di luar topik" in body
    for reporter in established_users[:3]:  # reporters stay unnamed
        assert reporter.display_name not in body and reporter.email not in body
    assert "catatan pelapor" not in body
    # Only the asker is told; the timeline shows it once the thread is shown again.
    assert Notification.objects.count() == 1
    _decide(moderator_client, threads=[thread.pk], action="restore")
    page = client_for(thread.author).get(thread.get_absolute_url()).content.decode()
    assert "Disembunyikan setelah beberapa laporan" in page


def test_flags_below_the_threshold_tell_nobody(thread, established_users):

    for user in established_users[:2]:
        moderation_services.thread_flag(user=user, thread=thread, reason="spam")
    assert not Notification.objects.exists()


# --- hiding a thread indexes it once ------------------------------------------------------


@pytest.fixture
def index_calls(monkeypatch):
    """Every `index_later` call, passed through to the real one."""
    import search.services

    calls = []
    real = search.services.index_later

    def spy(record_type, ids):
        ids = sorted(int(pk) for pk in ids)
        calls.append((record_type, ids))
        return real(record_type, ids)

    monkeypatch.setattr(search.services, "index_later", spy)
    return calls


@pytest.mark.parametrize("action,rule", [("hide", "spam"), ("restore", "")])
def test_moderating_a_thread_indexes_it_once(
        action, rule, tree, thread, moderator_client, index_calls, established_users):

    if action == "restore":
        for user in established_users[:3]:
            moderation_services.thread_flag(user=user, thread=thread, reason="spam")
    index_calls.clear()
    _decide(moderator_client, threads=[thread.pk], action=action, rule=rule)
    assert index_calls.count(("thread", [thread.pk])) == 1
    assert [c for c in index_calls if c[0] == "thread"] == [("thread", [thread.pk])]
    comments = [c for c in index_calls if c[0] == "comment"]
    assert comments == [("comment", sorted(c.pk for c in tree))]


def test_reports_hiding_a_thread_index_it_once(thread, established_users, index_calls):
    from django.test import TestCase


    for user in established_users[:2]:
        moderation_services.thread_flag(user=user, thread=thread, reason="spam")
    index_calls.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        moderation_services.thread_flag(user=established_users[2], thread=thread, reason="spam")
    assert [c for c in index_calls if c[0] == "thread"] == [("thread", [thread.pk])]
