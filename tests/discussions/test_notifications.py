"""Notifications: who gets what, in which language, turning kinds off, one-click
unsubscribe, the on-site list, and a failing mail server that loses nothing."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from discussions.models import (
    EmailStatus,
    Notification,
    NotificationPreference,
    OfficialAnswer,
    ThreadStatus,
)
from discussions.notifications import services as notification_services
from discussions.notifications.services import make_unsubscribe_token
from discussions.threads import services
from forum_site.core import outbox
from tests.outbox_rows import notification_email, notification_email_status

from .conftest import client_for
from .factories import FollowFactory, ThreadFactory

ANSWER = "Pendaftaran dibuka bulan Februari melalui OPD masing-masing."


@pytest.fixture
def thread(category, citizen):
    return ThreadFactory(category=category, author=citizen)


def _answer(user, thread, capture):
    with capture(execute=True):
        return services.answer_publish(user=user, thread=thread, body=ANSWER)


def test_asker_and_followers_are_told_about_an_answer(
        verified_asn, citizen, thread, django_capture_on_commit_callbacks):
    followers = [FollowFactory(thread=thread).user for _ in range(2)]
    FollowFactory(thread=thread, user=citizen)  # the asker following gets one email, not two
    _answer(verified_asn, thread, django_capture_on_commit_callbacks)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([citizen.email, *(f.email for f in followers)])
    kinds = dict(Notification.objects.values_list("user", "kind"))
    assert kinds[citizen.pk] == "answer" and kinds[followers[0].pk] == "followed_answer"
    assert all(notification_email_status(n) == EmailStatus.SENT
               for n in Notification.objects.all())


def test_email_is_in_indonesian_or_english_as_the_user_chose(
        verified_asn, citizen, thread, django_capture_on_commit_callbacks):
    english = FollowFactory(thread=thread, user__preferred_language="en").user
    _answer(verified_asn, thread, django_capture_on_commit_callbacks)
    by_user = {m.to[0]: m for m in mail.outbox}
    assert "Jawaban Resmi" in by_user[citizen.email].subject
    assert f"/forum/{thread.pk}/" in by_user[citizen.email].body
    assert "Official answer" in by_user[english.email].subject or "official answer" in (
        by_user[english.email].subject.lower())
    assert f"/en/forum/{thread.pk}/" in by_user[english.email].body


def test_every_email_has_one_click_unsubscribe(verified_asn, citizen, thread,
                                               django_capture_on_commit_callbacks):
    _answer(verified_asn, thread, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = header[1:-1]
    assert url in message.body
    assert citizen.email not in url and citizen.public_name not in url
    assert url.startswith(settings.SERAMBI_BASE_URL + "/")
    path = urlsplit(url).path
    from django.test import Client

    client = Client()  # the mail client: no session, no CSRF token
    assert client.get(path).status_code == 200
    assert not NotificationPreference.objects.exists()  # GET changes nothing
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    pref = NotificationPreference.objects.get(user=citizen, kind="answer")
    assert pref.email is False and pref.on_site is True


def test_unsubscribed_kind_is_not_emailed_but_stays_on_site(
        verified_asn, citizen, thread, django_capture_on_commit_callbacks):
    notification_services.notification_unsubscribe(token=make_unsubscribe_token(user_id=citizen.pk,
                                                                   kind="answer"))
    _answer(verified_asn, thread, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    notification = Notification.objects.get(user=citizen)
    assert notification.show_on_site
    assert notification_email_status(notification) == EmailStatus.NONE


def test_forged_unsubscribe_token_is_refused(anonymous_client, citizen):
    token = make_unsubscribe_token(user_id=citizen.pk, kind="answer")
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for bad in (forged, "nonsense", make_unsubscribe_token(user_id=citizen.pk, kind="x")):
        response = anonymous_client.post(reverse("discussions:unsubscribe", args=[bad]))
        assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_preferences_page_turns_kinds_off(citizen, citizen_client, verified_asn, thread,
                                          django_capture_on_commit_callbacks):
    url = reverse("discussions:notification_preferences")
    page = citizen_client.get(url).content.decode()
    assert 'name="answer__email"' in page and 'name="routed__email"' not in page
    response = citizen_client.post(url, {"status__email": "on", "status__site": "on"})
    assert response.status_code == 302
    _answer(verified_asn, thread, django_capture_on_commit_callbacks)
    assert mail.outbox == [] and not Notification.objects.filter(user=citizen).exists()
    asn_page = client_for(verified_asn).get(url).content.decode()
    assert 'name="routed__email"' in asn_page


def test_on_site_list_and_mark_all_read(verified_asn, citizen, citizen_client, thread,
                                        django_capture_on_commit_callbacks):
    _answer(verified_asn, thread, django_capture_on_commit_callbacks)
    url = reverse("discussions:notification_list")
    page = citizen_client.get(url).content.decode()
    assert thread.title in page and "notification-item--unread" in page
    answer = OfficialAnswer.objects.get()
    assert f"#{answer.anchor}" in page
    assert citizen_client.post(url).status_code == 302
    assert not Notification.objects.filter(user=citizen, read_at__isnull=True).exists()
    other = client_for(verified_asn).get(url).content.decode()
    assert thread.title not in other  # only one's own notifications


def test_failing_mail_server_never_loses_the_answer(
        verified_asn_client, citizen, thread, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.discussions.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_asn_client.post(
            reverse("discussions:answer_publish", args=[thread.pk]), {"body": ANSWER})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == ThreadStatus.ANSWERED and OfficialAnswer.objects.count() == 1
    notification = Notification.objects.get(user=citizen)
    email = notification_email(notification)
    assert email.status == EmailStatus.PENDING
    assert email.attempts == 1 and email.last_error == "OSError"

    # The mail server is back; the retry sweep (cron) sends it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from io import StringIO

    call_command("outbox_retry", stdout=StringIO())
    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING and email.attempts == 1  # not due yet
    email.next_attempt_at = timezone.now()
    email.save(update_fields=["next_attempt_at"])
    call_command("outbox_retry", stdout=StringIO())
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.attempts == 2
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    call_command("outbox_retry", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_email_gives_up_after_the_configured_attempts(verified_asn, thread, settings,
                                                      django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.discussions.broken_mail.BrokenBackend"
    settings.SERAMBI_EMAIL_MAX_ATTEMPTS = 2
    settings.SERAMBI_EMAIL_RETRY_DELAY = 0
    _answer(verified_asn, thread, django_capture_on_commit_callbacks)
    outbox.retry_due()
    email = notification_email(Notification.objects.get())
    assert email.status == EmailStatus.FAILED and email.attempts == 2
    assert outbox.retry_due() == 0


def test_thread_create_survives_a_broken_mail_server(citizen_client, category, verified_asn,
                                                     settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.discussions.broken_mail.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(reverse("discussions:thread_create"), {
            "kind": "question", "category": category.slug,
            "title": "Pertanyaan saat server surat mati", "body": ANSWER})
    assert response.status_code == 302
    assert notification_email_status(Notification.objects.get()) == EmailStatus.PENDING


def test_the_header_count_read_with_the_user_keeps_the_lists_rule(
        citizen, verified_asn, moderator, superuser, thread):
    """Issue 20: the count comes in the signed-in user's own query (no query of its
    own), by the list's rule: a notification about a thread a moderator hid counts for
    moderators (and superusers) only, one about the reader's own hidden thread counts
    for them, read ones never."""
    from discussions.models import Notification, NotificationKind, ThreadVisibility

    hidden = ThreadFactory(category=thread.category, author=verified_asn,
                           visibility=ThreadVisibility.HIDDEN)
    own_hidden = ThreadFactory(category=thread.category, author=citizen,
                               visibility=ThreadVisibility.HIDDEN)
    for user in (citizen, moderator, superuser):
        for about in (thread, hidden, own_hidden):
            Notification.objects.create(user=user, kind=NotificationKind.STATUS, thread=about)
        Notification.objects.create(user=user, kind=NotificationKind.STATUS, thread=thread,
                                    read_at=timezone.now())
    expected = {citizen: 2, moderator: 3, superuser: 3}
    for user, count in expected.items():
        client = client_for(user)
        html = client.get("/forum/").content.decode()
        assert f'<span class="count-badge">{count}</span><span class="visually-hidden"> ' \
               "belum dibaca</span>" in html, user
        listed = client.get(reverse("discussions:notification_list")).content.decode()
        assert listed.count("notification-item--unread") == count, user


def test_the_header_counts_unread_notifications_for_the_signed_in_user(
        citizen, citizen_client, anonymous_client, thread):
    """Issue 17: the count in the header, for signed-in users only (an anonymous page
    costs no notification query and stays cacheable)."""
    from discussions.models import Notification, NotificationKind

    for _ in range(3):
        Notification.objects.create(user=citizen, kind=NotificationKind.STATUS, thread=thread)
    html = citizen_client.get("/forum/").content.decode()
    assert ('Notifikasi <span class="count-badge">3</span><span class="visually-hidden"> '
            "belum dibaca</span>") in html
    citizen_client.post(reverse("discussions:notification_list"))  # mark all as read
    html = citizen_client.get("/forum/").content.decode()
    assert "count-badge" not in html and ">Notifikasi</a>" in html

    response = anonymous_client.get("/forum/")
    assert "Notifikasi" not in response.content.decode()
