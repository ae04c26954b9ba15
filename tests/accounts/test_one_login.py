"""One login and one password reset for the whole site, allauth's (issue 15, finding 1).

Wagtail's own doors (`/admin/login/`, `/_util/login/`, `/admin/password_reset/`, the
password and email panels of `/admin/account/`) skipped allauth's brute-force limits and
its email confirmation. They now only redirect to allauth, and no other path can check a
password (forum_site/accounts/auth_backends.py)."""

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.test import Client
from django.urls import reverse

from forum_site.settings import base
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/akun/login/"


@pytest.fixture
def limits_on(settings):
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    return settings


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_locked_account_cannot_sign_in_through_the_wagtail_admin_login(limits_on, moderator):
    attacker = Client(REMOTE_ADDR="10.9.0.1")
    for _n in range(6):
        attacker.post(reverse("account_login"), {"login": moderator.email, "password": "salah-1"})
    # allauth has locked the account for this address; Wagtail's form must not let it in.
    response = attacker.post(
        "/admin/login/", {"username": moderator.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not _signed_in(attacker)


def test_wagtail_admin_login_takes_no_password_even_for_a_good_account(moderator):
    client = Client()
    response = client.post("/admin/login/", {"username": moderator.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not _signed_in(client)


def test_unconfirmed_email_gets_no_session_through_the_private_page_login():
    user = UserFactory(email="belum@example.id", verified_email=False)
    client = Client()
    response = client.post("/_util/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert not _signed_in(client)
    english = client.post("/en/_util/login/", {"username": user.email, "password": PASSWORD})
    assert english.status_code == 302 and english["Location"].startswith("/en/account/login/")
    assert not _signed_in(client)


def test_unconfirmed_email_gets_no_session_through_allauth_either():
    user = UserFactory(email="belum@example.id", verified_email=False)
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert not _signed_in(client)


def test_no_password_is_checked_outside_allauths_login(citizen):
    """Any other authenticate() caller (a login view mounted later) gets nobody."""
    assert authenticate(None, email=citizen.email, password=PASSWORD) is None
    assert authenticate(None, username=citizen.email, password=PASSWORD) is None


def test_old_login_urls_keep_a_same_site_next_and_drop_another_site():
    client = Client()
    kept = client.get("/admin/login/?next=/admin/pages/")
    assert kept["Location"] == f"{LOGIN}?next=%2Fadmin%2Fpages%2F"
    dropped = client.get("/admin/login/?next=https://evil.example/")
    assert dropped["Location"] == LOGIN
    scheme_relative = client.get("/_util/login/?next=//evil.example/")
    assert scheme_relative["Location"] == LOGIN


def test_admin_sends_visitors_to_allauths_login():
    response = Client().get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1] == (f"{LOGIN}?next=%2Fadmin%2Fpages%2F", 302)
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/forum/threads/"])
def test_signed_in_person_without_admin_access_gets_403_not_a_redirect_loop(
    citizen_client, path
):
    """allauth's login sends a signed-in person back to `next`, which refused them: the
    browser gave up with 'too many redirects'. They get a clear 403 page instead."""
    response = citizen_client.get(path, follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 2


def test_private_page_sends_visitors_to_allauths_login(home_page):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=home_page, restriction_type="login")
    response = Client().get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith(f"{LOGIN}?next=")
    assert response.status_code == 200


def test_private_page_of_a_group_answers_403_to_a_signed_in_outsider(home_page, citizen_client):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(page=home_page, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Hanya redaksi"))
    response = citizen_client.get("/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 2


def test_wagtail_password_reset_sends_no_email_and_leads_to_allauth(citizen):
    client = Client()
    for _n in range(7):
        response = client.post("/admin/password_reset/", {"email": citizen.email})
        assert response.status_code == 302
        assert response["Location"] == reverse("account_reset_password")
    assert mail.outbox == []
    old_link = client.get("/admin/password_reset/confirm/MQ/abc-123/")
    assert old_link["Location"] == reverse("account_reset_password")


def test_wagtail_account_page_changes_neither_password_nor_email(superuser_client, superuser):
    old_email = superuser.email
    superuser_client.post("/admin/account/", {
        "password-old_password": PASSWORD,
        "password-new_password1": "Pantai-Manakarra-9",
        "password-new_password2": "Pantai-Manakarra-9",
        "name_email-first_name": "Admin", "name_email-last_name": "Serambi",
        "name_email-email": "lain@example.id",
    })
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD)
    assert superuser.email == old_email
