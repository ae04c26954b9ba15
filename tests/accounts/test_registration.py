"""Registration, email confirmation, login and password reset over HTTP (django-allauth)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from forum_site.accounts import roles
from forum_site.accounts.models import Consent, User
from tests.accounts.factories import PASSWORD, UserFactory

NEW_PASSWORD = "Kopi-Mamuju-2026!"
# Email links are on the public base URL (SERAMBI_BASE_URL), whatever host was requested.
LINK_RE = re.compile(re.escape(settings.SERAMBI_BASE_URL) + r"(/\S+)")


def signup_data(**overrides):
    data = {
        "email": "nur.aini@example.id",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "display_name": "Nur Aini",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def signup(client, **overrides):
    return client.post(reverse("account_signup"), signup_data(**overrides))


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def link_in(message) -> str:
    match = LINK_RE.search(message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_signup_page_renders_consent_and_display_name_fields(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("email", "password1", "password2", "display_name", "privacy_consent"):
        assert f'name="{field}"' in html
    assert reverse("core:privacy") in html


@pytest.mark.django_db
def test_signup_creates_citizen_with_consent_and_sends_indonesian_verification(client):
    response = signup(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="nur.aini@example.id")
    assert user.display_name == "Nur Aini"
    assert list(user.groups.values_list("name", flat=True)) == [roles.CITIZEN]
    assert not user.is_staff and not user.is_superuser
    consent = Consent.objects.get(user=user)
    assert consent.purpose == Consent.Purpose.PRIVACY_NOTICE
    assert consent.version == settings.PRIVACY_NOTICE_VERSION
    assert consent.given_at is not None
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nur.aini@example.id"]
    assert message.subject.startswith("[Serambi] ")
    with translation.override("id"):
        assert translation.gettext("Please Confirm Your Email Address") in message.subject
    assert "Please Confirm" not in message.subject
    assert "Anda" in message.body
    assert "/confirm-email/" in link_in(message) or "konfirmasi" in link_in(message)


@pytest.mark.django_db
def test_signup_under_en_sends_english_verification():
    client = Client()
    with translation.override("en"):
        url = reverse("account_signup")
    assert url.startswith("/en/")
    response = client.post(url, signup_data())
    assert response.status_code == 302
    assert mail.outbox[0].subject == "[Serambi] Please Confirm Your Email Address"


@pytest.mark.django_db
def test_signup_records_the_current_privacy_notice_version(client, settings):
    settings.PRIVACY_NOTICE_VERSION = "2027-03"
    signup(client)
    assert Consent.objects.get().version == "2027-03"


@pytest.mark.django_db
def test_signup_normalises_display_name_and_lowercases_email(client):
    signup(client, email="Nur.AINI@Example.ID", display_name="  Nur    Aini \t")
    user = User.objects.get()
    assert user.email == "nur.aini@example.id"
    assert user.display_name == "Nur Aini"


@pytest.mark.django_db
def test_signup_user_cannot_log_in_before_confirming(client):
    signup(client)
    other = Client()
    response = other.post(
        reverse("account_login"),
        {"login": "nur.aini@example.id", "password": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not is_logged_in(other)
    assert other.get(reverse("accounts:overview")).status_code == 302


@pytest.mark.django_db
def test_signup_confirmation_link_needs_post_and_then_logs_in(client):
    signup(client)
    confirm_url = link_in(mail.outbox[0])

    page = client.get(confirm_url)
    assert page.status_code == 200
    assert not EmailAddress.objects.get(email="nur.aini@example.id").verified  # GET is safe

    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nur.aini@example.id").verified
    assert is_logged_in(client)
    assert int(client.session["_auth_user_id"]) == User.objects.get().pk
    assert client.get(reverse("accounts:overview")).status_code == 200


@pytest.mark.django_db
def test_signup_confirmed_user_can_log_in_from_another_browser(client):
    signup(client)
    client.post(link_in(mail.outbox[0]))
    other = Client()
    response = other.post(
        reverse("account_login"), {"login": "nur.aini@example.id", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:overview")
    assert is_logged_in(other)


@pytest.mark.django_db
def test_signup_confirmation_with_a_forged_key_does_not_verify(client):
    signup(client)
    response = client.post(reverse("account_confirm_email", args=["forged-key"]))
    assert response.status_code in (200, 404)
    assert not EmailAddress.objects.get(email="nur.aini@example.id").verified
    assert not is_logged_in(client)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"privacy_consent": None}, "privacy_consent"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": "    "}, "display_name"),
        ({"display_name": "x" * 51}, "display_name"),
        ({"password2": "Kopi-Mamuju-2027!"}, "password2"),
        ({"password1": "rahasia", "password2": "rahasia"}, "password1"),
        ({"password1": "1234567890123", "password2": "1234567890123"}, "password1"),
        ({"email": "bukan-email"}, "email"),
        ({"email": ""}, "email"),
    ],
)
@pytest.mark.django_db
def test_signup_invalid_form_shows_errors_and_creates_nothing(client, overrides, field):
    response = signup(client, **overrides)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.exists()
    assert not Consent.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_signup_with_existing_email_looks_the_same_and_tells_the_owner(client):
    owner = UserFactory(email="siti@example.id", roles=[roles.CITIZEN])
    fresh = signup(Client(), email="baru@example.id")
    mail.outbox.clear()

    response = signup(client, email="SITI@example.id", display_name="Penyusup")

    assert response.status_code == fresh.status_code == 302
    assert response["Location"] == fresh["Location"]
    assert User.objects.filter(email__iexact="siti@example.id").count() == 1
    owner.refresh_from_db()
    assert owner.display_name != "Penyusup"
    assert [m.to for m in mail.outbox] == [["siti@example.id"]]
    assert not is_logged_in(client)
    # The page that follows is the same "check your email" page.
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_password_reset_same_response_for_known_and_unknown_email(client):
    UserFactory(email="siti@example.id")
    url = reverse("account_reset_password")

    known = Client().post(url, {"email": "siti@example.id"})
    unknown = Client().post(url, {"email": "tidak.ada@example.id"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("account_reset_password_done")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["siti@example.id", "tidak.ada@example.id"]
    reset_mail = next(m for m in mail.outbox if m.to == ["siti@example.id"])
    assert "/password/reset/key/" in reset_mail.body or LINK_RE.search(reset_mail.body)


@pytest.mark.django_db
def test_password_reset_link_sets_a_new_password(client):
    UserFactory(email="siti@example.id")
    client.post(reverse("account_reset_password"), {"email": "siti@example.id"})
    key_url = link_in(mail.outbox[0])

    form_page = client.get(key_url, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else key_url
    response = client.post(
        set_url, {"password1": "Pantai-Manakarra-9", "password2": "Pantai-Manakarra-9"}
    )
    assert response.status_code == 302
    fresh = Client()
    fresh.post(reverse("account_login"), {"login": "siti@example.id",
                                          "password": "Pantai-Manakarra-9"})
    assert "_auth_user_id" in fresh.session


@pytest.mark.django_db
def test_login_wrong_password_gives_the_same_error_as_unknown_email():
    UserFactory(email="siti@example.id")
    url = reverse("account_login")

    wrong_password = Client().post(url, {"login": "siti@example.id", "password": "salah-salah"})
    unknown_email = Client().post(url, {"login": "siapa@example.id", "password": "salah-salah"})

    assert wrong_password.status_code == unknown_email.status_code == 200
    errors_a = wrong_password.context["form"].errors
    errors_b = unknown_email.context["form"].errors
    assert errors_a and errors_a == errors_b
    assert "_auth_user_id" not in wrong_password.wsgi_request.session


@pytest.mark.parametrize("typed", ["siti@example.id", "SITI@EXAMPLE.ID", "Siti@Example.Id"])
@pytest.mark.django_db
def test_login_email_is_case_insensitive(typed):
    user = UserFactory(email="siti@example.id")
    client = Client()
    response = client.post(reverse("account_login"), {"login": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:overview")
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_login_refused_for_deactivated_account():
    UserFactory(email="siti@example.id", is_active=False)
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "siti@example.id", "password": PASSWORD}
    )
    assert not is_logged_in(client)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] != reverse("accounts:overview")


@pytest.mark.django_db
def test_logout_requires_post_and_ends_the_session(citizen_client):
    citizen_client.get(reverse("account_logout"))
    assert is_logged_in(citizen_client)
    response = citizen_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not is_logged_in(citizen_client)
