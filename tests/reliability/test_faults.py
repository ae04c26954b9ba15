"""Faults: the mail server down, Redis down (and back), the search engine unreachable.

What must hold in each: posting still succeeds, nothing acknowledged is lost, degraded
features say so, and everything works again when the service returns.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from discussions.models import EmailStatus, Notification, OfficialAnswer, Thread
from forum_site.accounts.models import User
from forum_site.core.models import OutboxEmail
from tests.accounts.factories import PASSWORD
from tests.discussions.factories import CategoryFactory, ThreadFactory
from tests.outbox_rows import notification_emails

BROKEN_MAIL = "tests.discussions.broken_mail.BrokenBackend"
WORKING_MAIL = "django.core.mail.backends.locmem.EmailBackend"
TITLE = "Apakah formasi PPPK tahun depan dibuka untuk tenaga kesehatan?"
BODY = "Saya perawat honorer dan ingin tahu syarat serta jadwal pendaftarannya."


@pytest.fixture
def category(unit_a):
    return CategoryFactory(default_unit=unit_a, slug="kepegawaian")


def _post_thread(client, category, title=TITLE):
    return client.post(reverse("discussions:thread_create"), {
        "kind": "question", "category": category.slug, "title": title, "body": BODY,
        "similar_checked": "on",
    })


# --- the mail server is down -------------------------------------------------------------


def test_mail_down_posting_and_answering_succeed_and_emails_are_retried(
        settings, citizen, citizen_client, verified_asn_client, category,
        django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = BROKEN_MAIL
    with django_capture_on_commit_callbacks(execute=True):
        assert _post_thread(citizen_client, category).status_code == 302
    thread = Thread.objects.get(title=TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        response = verified_asn_client.post(
            reverse("discussions:answer_publish", args=[thread.pk]),
            {"body": "Formasi dibuka bulan Maret; syaratnya ada di laman BKPSDM."},
        )
    assert response.status_code == 302
    assert OfficialAnswer.objects.filter(thread=thread).count() == 1
    pending = notification_emails(Notification.objects.filter(user=citizen)).filter(
        status=EmailStatus.PENDING)
    assert pending.exists() and not mail.outbox
    # The thread page says nothing is wrong: the answer is there for everyone.
    assert "Formasi dibuka bulan Maret" in citizen_client.get(thread.get_absolute_url()).text

    # The server is back: the cron sweep sends what is pending, once.
    settings.EMAIL_BACKEND = WORKING_MAIL
    settings.SERAMBI_EMAIL_RETRY_DELAY = 0
    OutboxEmail.objects.update(next_attempt_at=timezone.now())
    call_command("outbox_retry", stdout=StringIO())
    assert not pending.exists()
    assert citizen.email in [address for message in mail.outbox for address in message.to]
    sent = len(mail.outbox)
    call_command("outbox_retry", stdout=StringIO())
    assert len(mail.outbox) == sent


def test_mail_down_registration_keeps_the_account_and_says_so(settings, client, db):
    """allauth sends the confirmation during the request: a mail outage used to be a 500
    (the account saved, the person shown an error). Now the account is kept and the page
    says the email could not be sent; signing in later sends a new link."""
    settings.EMAIL_BACKEND = BROKEN_MAIL
    response = client.post(reverse("account_signup"), {
        "email": "baru@example.id", "display_name": "Warga Baru", "privacy_consent": "on",
        "password1": "kopi-susu-2026-x", "password2": "kopi-susu-2026-x",
    }, follow=True)
    assert response.status_code == 200
    assert User.objects.filter(email="baru@example.id").exists()
    assert "Kami tidak dapat mengirim email" in response.text

    settings.EMAIL_BACKEND = WORKING_MAIL
    response = client.post(reverse("account_login"),
                           {"login": "baru@example.id", "password": "kopi-susu-2026-x"})
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["baru@example.id"]]


def test_mail_down_password_reset_answers_normally(settings, client, citizen):
    settings.EMAIL_BACKEND = BROKEN_MAIL
    response = client.post(reverse("account_reset_password"), {"email": citizen.email})
    assert response.status_code == 302


# --- the cache (Redis) is down, then back ---------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A private redis-server on a free loopback port that a test can stop and start."""

    def __init__(self, tmp_path):
        self.port = _free_port()
        self.dir = tmp_path
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv, loopback only
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def redis_server(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    """The production cache backend on the private server, with a short pause after a
    failure so the test sees the recovery."""
    settings.CACHES = {"default": {
        "BACKEND": "forum_site.core.cache.ResilientRedisCache",
        "LOCATION": redis_server.url,
        "OPTIONS": {"RETRY_SECONDS": 0.2},
    }}
    settings.SERAMBI_RATE_LIMITS = {**settings.SERAMBI_RATE_LIMITS,
                                    "thread_create": {"user": "2/h"}}
    settings.ACCOUNT_RATE_LIMITS = {"login": "30/m/ip", "login_failed": "10/m/ip,5/5m/key"}
    yield redis_server
    cache.clear()


PUBLIC_PAGES = ["/", "/en/", "/forum/", "/privasi/", "/data/", "/akun/login/", "/akun/signup/"]


def test_redis_down_pages_render_posting_and_login_work_then_limits_return(
        redis_cache, citizen, citizen_client, client, category, home_page):
    thread = ThreadFactory(category=category)
    redis_cache.stop()

    for path in [*PUBLIC_PAGES, thread.get_absolute_url()]:
        assert client.get(path).status_code == 200, path
    # Rate limits fail open: three threads although the limit is 2 an hour.
    for n in range(3):
        assert _post_thread(citizen_client, category, title=f"{TITLE} ({n})").status_code == 302
    assert Thread.objects.filter(author=citizen).count() == 3
    # allauth's login (its own rate limits take a lock in the cache) still signs in.
    login = client.post(reverse("account_login"), {"login": citizen.email, "password": PASSWORD})
    assert login.status_code == 302 and "login" not in login["Location"]

    # Redis is back: after the short pause the limits count again.
    redis_cache.start()
    time.sleep(0.3)
    statuses = [
        _post_thread(citizen_client, category, title=f"{TITLE} lagi {n}").status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert cache.get("serambi-probe", "miss") == "miss"
    cache.set("serambi-probe", "hit")
    assert cache.get("serambi-probe") == "hit"


# --- the search engine is unreachable -------------------------------------------------------


def _closed_port() -> int:
    """A loopback port nobody listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def search_unreachable(settings):
    """Elasticsearch configured as the engine, at an address where nothing answers."""
    from search import engines

    settings.SERAMBI_SEARCH_ENGINE = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    settings.SERAMBI_SEARCH_INDEX = "serambi-fault-test"
    settings.SERAMBI_ELASTICSEARCH_OPTIONS = {"request_timeout": 2, "max_retries": 0}
    engines.reset()
    yield
    engines.reset()


def test_search_unreachable_posting_still_succeeds(
        search_unreachable, client, citizen_client, category,
        django_capture_on_commit_callbacks):
    """A real connection refused (no recorder): the thread is saved and listed, search
    answers from the database engine, and the drift is recorded for search_reconcile."""
    from search.models import EngineStatus

    with django_capture_on_commit_callbacks(execute=True):
        assert _post_thread(citizen_client, category).status_code == 302
    thread = Thread.objects.get(title=TITLE)
    assert client.get(reverse("discussions:thread_list")).content.decode().count(TITLE) == 1
    response = client.get(reverse("search:search"), {"q": "formasi PPPK"})
    assert response.status_code == 200
    assert thread.get_absolute_url() in response.content.decode()
    assert client.get("/api/search", {"q": "formasi PPPK"}).json()["engine"] == "database"
    status = EngineStatus.objects.get(engine="elasticsearch")
    assert status.needs_reconcile and status.failures >= 1
