"""Forum fixtures. The shared ones (units, one user per role, clients) come from
tests/conftest.py: unit_a is the verified ASN's unit (BKPSDM), unit_b another unit."""

import pytest

from discussions.models import Holiday

from .factories import CategoryFactory


@pytest.fixture(autouse=True)
def _no_seeded_holidays(db):
    """Migration 0003 seeds this year's real holidays; tests choose their own, so
    deadlines do not depend on the day the suite runs."""
    Holiday.objects.all().delete()


@pytest.fixture
def category(unit_a):
    return make_category(unit_a)


@pytest.fixture
def category_b(unit_b):
    return make_category_b(unit_b)


def make_category(unit_a):
    """What `category` builds, for fixtures of a wider scope (see module_db)."""
    return CategoryFactory(
        name="Pelatihan & Pengembangan Kompetensi", slug="pelatihan", default_unit=unit_a
    )


def make_category_b(unit_b):
    return CategoryFactory(name="Pelayanan Publik", slug="pelayanan-publik", default_unit=unit_b)


@pytest.fixture
def asn_b(db, unit_b):
    """A verified ASN of the other unit."""
    from forum_site.accounts import roles
    from tests.accounts.factories import AsnProfileFactory, UserFactory

    return AsnProfileFactory(
        user=UserFactory(display_name="Budi Dinkes", roles=[roles.CITIZEN, roles.ASN]),
        unit=unit_b, position="Perawat Ahli Muda", verified=True,
    ).user


@pytest.fixture
def second_asn(db, unit_a):
    """Another verified ASN of unit_a (for two people answering at once)."""
    from forum_site.accounts import roles
    from tests.accounts.factories import AsnProfileFactory, UserFactory

    return AsnProfileFactory(
        user=UserFactory(display_name="Rina BKPSDM", first_name="Rina", last_name="Sari",
                         roles=[roles.CITIZEN, roles.ASN]),
        unit=unit_a, position="Pranata Komputer Ahli Pertama", verified=True,
    ).user


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


# --- comments -------------------------------------------------------------------------


@pytest.fixture
def outcome(home_page):
    """A published outcome page (comments allowed)."""
    from tests.publications import factories as f

    index = f.outcome_index(parent=home_page)
    return f.publish(f.outcome_page(), parent=index)


@pytest.fixture
def program(home_page):
    from tests.publications import factories as f

    index = f.program_index(parent=home_page)
    return f.publish(f.program_page(), parent=index)


@pytest.fixture
def thread(category, citizen):
    from .factories import ThreadFactory

    return ThreadFactory(category=category, author=citizen)


@pytest.fixture
def trusted(db):
    """An established citizen whose comments go straight through (post-moderation)."""
    import datetime as dt

    from django.utils import timezone

    from forum_site.accounts import roles
    from tests.accounts.factories import UserFactory

    return UserFactory(display_name="Andi Terpercaya", roles=[roles.CITIZEN],
                       date_joined=timezone.now() - dt.timedelta(days=60))


@pytest.fixture
def established_users(db):
    """Five citizens older than a month (their flags weigh fully)."""
    import datetime as dt

    from django.utils import timezone

    from forum_site.accounts import roles
    from tests.accounts.factories import UserFactory

    return [UserFactory(display_name=f"Warga Lama {i}", roles=[roles.CITIZEN],
                        date_joined=timezone.now() - dt.timedelta(days=40))
            for i in range(5)]


@pytest.fixture
def commit_after_requests(monkeypatch):
    """Run on-commit callbacks (emails, hooks) after each test-client request, as they
    run after each request's transaction in production (the test's own transaction
    never commits)."""
    from django.test import Client, TestCase

    original = Client.request

    def request(self, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)
