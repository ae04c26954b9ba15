"""Every kind of email the site sends links to the public address (SERAMBI_BASE_URL),
and every link answers there.

One scenario sends each kind: sign-up confirmation, password reset (known and unknown
address), ASN verification request and decision, the routed-thread notice, an anonymous
comment's confirmation, moderation decisions (published and rejected), status and answer
notifications with their unsubscribe links and List-Unsubscribe headers. Each email's
links are then opened the way a mail reader opens them: an anonymous GET on the host the
link names. Following the comment confirmation link confirms the comment.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.test import Client, TestCase
from django.urls import reverse

from discussions.models import Comment, CommentStatus, ThreadKind
from discussions.moderation import services as moderation_services
from discussions.threads import services
from forum_site.accounts import roles
from forum_site.accounts import services as account_services
from forum_site.accounts.models import AsnProfile
from forum_site.core.public_url import absolute_url, problem, rebase
from tests.accounts.factories import UserFactory
from tests.discussions.comment_support import post_comment
from tests.discussions.factories import CategoryFactory
from tests.email_links import email_links, link_problems, list_unsubscribe_link

pytestmark = pytest.mark.django_db

BASE = "https://serambi.test"  # forum_site/settings/test.py


def _after_commit(fn, *args, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return fn(*args, **kwargs)


class MailReader:
    """Opens the links of each new email as a mail client does: no session, a GET on
    the host the link names. Remembers which emails it has read."""

    def __init__(self):
        self.read = 0
        self.links: dict[str, list[str]] = {}  # subject → links

    def get(self, link: str):
        parts = urlsplit(link)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return Client().get(path, HTTP_HOST=parts.netloc, secure=parts.scheme == "https")

    def read_new(self) -> list:
        new = mail.outbox[self.read:]
        self.read = len(mail.outbox)
        for message in new:
            assert not link_problems(message), link_problems(message)
            links = email_links(message)
            assert links, f"{message.subject!r} has no link"
            for link in links:
                assert link.startswith(BASE + "/"), (message.subject, link)
                status = self.get(link).status_code
                assert status in (200, 302), (message.subject, link, status)
            self.links[message.subject] = links
        return new


def _one(messages, to):
    found = [m for m in messages if to in m.to]
    assert len(found) == 1, [(m.to, m.subject) for m in messages]
    return found[0]


def test_every_email_links_to_the_public_site_and_each_link_answers(
        client, citizen, moderator, verified_asn, unit_a, home_page):
    reader = MailReader()
    category = CategoryFactory(default_unit=unit_a)

    # Sign-up: allauth builds its link from the request; it must not say example.com.
    client.post(reverse("account_signup"), {
        "email": "nur.aini@contoh.id", "password1": "Kopi-Mamuju-2026!",
        "password2": "Kopi-Mamuju-2026!", "display_name": "Nur Aini",
        "privacy_consent": "on"})
    (signup,) = reader.read_new()
    assert "example.com" not in signup.body and "Kantor Regional" in signup.body

    # Password reset, for an account and for an unknown address (same answer to both).
    Client().post(reverse("account_reset_password"), {"email": citizen.email})
    Client().post(reverse("account_reset_password"), {"email": "siapa@contoh.id"})
    assert len(reader.read_new()) == 2

    # ASN verification: the link to the official address (opening it shows the button;
    # pressing it confirms), the request to moderators (admin link), then the decision.
    asker = UserFactory(display_name="Rahmat Calon", roles=[roles.CITIZEN])
    asker_client = Client()
    asker_client.force_login(asker)
    _after_commit(asker_client.post, reverse("accounts:asn_verification_request"), {
        "nip": "198503302010011002", "position": "Analis SDM Aparatur",
        "unit": str(unit_a.pk), "official_email": "rahmat@bkpsdm.mamujukab.go.id"})
    (confirmation,) = reader.read_new()
    assert confirmation.to == ["rahmat@bkpsdm.mamujukab.go.id"]
    (link,) = email_links(confirmation)
    parts = urlsplit(link)
    assert _after_commit(Client().post, parts.path, HTTP_HOST=parts.netloc,
                         secure=True).status_code == 302
    assert len(reader.read_new()) == 1  # the moderators'
    profile = AsnProfile.objects.get(user=asker)
    _after_commit(account_services.asn_verification_approve, profile=profile,
                  moderator=moderator)
    assert len(reader.read_new()) == 1

    # A citizen's thread goes to the unit: its ASN hear of it.
    thread = _after_commit(services.thread_create, author=citizen, kind=ThreadKind.QUESTION,
                           category=category, title="Jadwal pelatihan kepemimpinan 2027",
                           body="Kapan pendaftaran dibuka untuk pelatihan kepemimpinan?")
    assert reader.read_new()

    # An anonymous comment: its confirmation link shows the comment (GET), and posting
    # from that page confirms it.
    anonymous = Client()
    for text, email in (("Saya juga menunggu jadwal ini.", "rahma@contoh.id"),
                        ("Komentar kedua yang akan ditolak.", "budi@contoh.id")):
        _after_commit(post_comment, anonymous, thread, text, name="Rahma", email=email)
        (confirmation,) = reader.read_new()
        (link,) = email_links(confirmation)
        parts = urlsplit(link)
        assert Comment.objects.get(user_email=email).status == CommentStatus.UNCONFIRMED
        response = _after_commit(anonymous.post, parts.path, HTTP_HOST=parts.netloc,
                                 secure=True)
        assert response.status_code == 302
        assert Comment.objects.get(user_email=email).status == CommentStatus.PENDING

    # Moderation decisions: published, and rejected under a rule.
    published = Comment.objects.get(user_email="rahma@contoh.id")
    rejected = Comment.objects.get(user_email="budi@contoh.id")
    _after_commit(moderation_services.comments_moderate, moderator=moderator,
                  comment_ids=[published.pk], action="approve")
    _after_commit(moderation_services.comments_moderate, moderator=moderator,
                  comment_ids=[rejected.pk], action="reject", rule="off_topic")
    decisions = reader.read_new()
    # The asker hears of the published comment too (issue 17), with its permalink.
    assert {m.to[0] for m in decisions} == {"rahma@contoh.id", "budi@contoh.id",
                                            citizen.email}

    # Notifications: acknowledged (status), answered (asker and a follower), each with a
    # one-click unsubscribe link in the body and in List-Unsubscribe.
    follower = UserFactory(display_name="Pengikut", preferred_language="en")
    services.thread_follow(user=follower, thread=thread)
    _after_commit(services.thread_acknowledge, user=verified_asn, thread=thread,
                  note="Sedang kami siapkan.")
    _after_commit(services.answer_publish, user=verified_asn, thread=thread,
                  body="Pendaftaran dibuka Februari 2027.")
    notices = reader.read_new()
    assert len(notices) >= 3
    english = _one(notices, follower.email)
    assert "/en/" in english.body
    for message in notices:
        unsubscribe = list_unsubscribe_link(message)
        assert unsubscribe and unsubscribe.startswith(BASE + "/") and unsubscribe in message.body

    # Every email of the scenario was read.
    assert reader.read == len(mail.outbox) >= 12


def test_signup_email_greets_from_the_office_not_example_com(client, settings):
    client.post(reverse("account_signup"), {
        "email": "nur.aini@contoh.id", "password1": "Kopi-Mamuju-2026!",
        "password2": "Kopi-Mamuju-2026!", "display_name": "Nur Aini",
        "privacy_consent": "on"})
    body = mail.outbox[0].body
    assert f"Halo dari {settings.SERAMBI_OFFICE_NAME}!" in body
    assert "serambi.test" in body and "example.com" not in body


def test_migrate_points_wagtail_site_and_sites_row_at_the_base_url():
    """pytest-django migrated the test database: post_migrate synced both rows."""
    from django.contrib.sites.models import Site as DjangoSite
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("serambi.test", 443, BASE)
    row = DjangoSite.objects.get_current()
    assert row.domain == "serambi.test"
    assert row.name == "Kantor Regional Pengembangan ASN Mamuju"


def test_a_changed_base_url_moves_both_sites_on_the_next_migrate(settings):
    from django.contrib.sites.models import Site as DjangoSite
    from django.core.management import call_command
    from wagtail.models import Site

    settings.SERAMBI_BASE_URL = "http://forum.mamujukab.go.id:8080"
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "http://forum.mamujukab.go.id:8080"
    assert DjangoSite.objects.get_current().domain == "forum.mamujukab.go.id:8080"
    assert absolute_url("/forum/") == "http://forum.mamujukab.go.id:8080/forum/"
    assert rebase("http://testserver/akun/x/?a=1") == (
        "http://forum.mamujukab.go.id:8080/akun/x/?a=1")


@pytest.mark.parametrize("value", [
    "", "http://127.0.0.1:8000", "http://localhost:8000", "https://example.com",
    "https://serambi.localhost", "https://forum.test", "http://[::1]", "serambi.go.id",
    "https://serambi.mamujukab.go.id/forum", "http://serambi.mamujukab.go.id",
])
def test_production_refuses_a_missing_or_placeholder_base_url(settings, value):
    settings.SERAMBI_REQUIRE_PUBLIC_BASE_URL = True
    settings.SERAMBI_BASE_URL = value
    errors = [e for e in run_checks() if e.id == "serambi.E001"]
    assert len(errors) == 1 and problem(value)


def test_production_accepts_the_offices_https_address(settings):
    settings.SERAMBI_REQUIRE_PUBLIC_BASE_URL = True
    settings.SERAMBI_BASE_URL = "https://serambi.mamujukab.go.id"
    assert not [e for e in run_checks() if e.id == "serambi.E001"]


def test_development_does_not_require_a_public_address(settings):
    settings.SERAMBI_BASE_URL = "http://127.0.0.1:8000"
    assert not [e for e in run_checks() if e.id == "serambi.E001"]
