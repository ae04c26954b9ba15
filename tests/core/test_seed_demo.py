"""`manage.py seed_demo`: idempotent demo content — units, one account per role, home page."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Site

from forum_site.accounts import roles
from forum_site.accounts.models import AsnProfile, Consent, Unit, User

pytestmark = pytest.mark.django_db


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    """Row counts of every model in our apps, plus the Wagtail and allauth rows we seed."""
    labels = ("accounts", "publications", "discussions", "serambi_search")
    counts: dict[str, int] = {}
    for label in labels:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            counts[model._meta.label] = model._default_manager.count()
    counts["wagtailcore.Page"] = Page.objects.count()
    counts["wagtailcore.Site"] = Site.objects.count()
    counts["account.EmailAddress"] = EmailAddress.objects.count()
    counts["auth.User_groups"] = User.groups.through.objects.count()
    return counts


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (seeding the whole demo site takes seconds), inside a
    transaction rolled back afterwards; each test still runs in its own savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = _seed()
        yield output
        transaction.set_rollback(True)


def test_seed_demo_reports_success(seeded):
    assert "Demo data ready." in seeded


@pytest.mark.slow(reason="runs the whole demo site (seed_demo: 7-9 s of CPU, and growing)")
def test_seed_demo_is_idempotent(seeded):
    first = _counts()
    assert "Demo data ready." in _seed()
    assert _counts() == first


def test_seed_demo_creates_units(seeded):
    assert Unit.objects.filter(is_active=True).count() >= 2
    assert Unit.objects.filter(slug="bkpsdm").exists()
    for unit in Unit.objects.all():
        unit.full_clean()


def test_seed_demo_creates_one_account_per_role(seeded):
    for role in roles.ALL_ROLES:
        assert User.objects.filter(groups__name=role, is_active=True).exists(), role
    assert User.objects.filter(is_superuser=True).exists()
    assert AsnProfile.objects.filter(status=AsnProfile.Status.VERIFIED).exists()
    assert AsnProfile.objects.filter(status=AsnProfile.Status.PENDING).exists()
    asn_group = Group.objects.get(name=roles.ASN)
    for profile in AsnProfile.objects.select_related("user"):
        profile.full_clean()  # the demo NIPs are valid NIPs
        assert (asn_group in profile.user.groups.all()) == profile.is_verified
    for user in User.objects.all():
        assert EmailAddress.objects.filter(user=user, verified=True).exists(), user.email
    # Every demo account is left as a real registration leaves it: consented.
    for user in User.objects.filter(is_superuser=False):
        assert Consent.objects.filter(user=user).exists(), user.email


def test_seed_demo_accounts_can_sign_in(seeded):
    from forum_site.accounts.demo import DEMO_PASSWORD

    moderator = User.objects.filter(groups__name=roles.MODERATOR).first()
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": moderator.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert client.get(reverse("accounts_admin:verification_queue")).status_code == 200


def test_seed_demo_creates_the_home_page_in_both_languages(seeded):
    from publications.models import HomePage

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert HomePage.objects.filter(locale__language_code="id", live=True).exists()
    assert HomePage.objects.filter(locale__language_code="en", live=True).exists()
    client = Client()
    home_id, home_en = client.get("/"), client.get("/en/")
    assert home_id.status_code == home_en.status_code == 200
    assert '<html lang="id"' in home_id.content.decode()
    assert '<html lang="en"' in home_en.content.decode()


def test_seed_demo_never_publishes_demo_nips(seeded):
    client = Client()
    pages = ["/", "/en/"]
    html = "".join(client.get(p).content.decode() for p in pages)
    for nip in AsnProfile.objects.values_list("nip", flat=True):
        assert nip not in html
