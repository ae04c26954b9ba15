"""Forum fixtures. The shared ones (units, one user per role, clients) come from
tests/conftest.py: unit_a is the verified ASN's unit (BKPSDM), unit_b another unit."""

import pytest
from django.core.cache import cache

from discussions.models import Holiday

from .factories import CategoryFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_seeded_holidays(db):
    """Migration 0003 seeds this year's real holidays; tests choose their own, so
    deadlines do not depend on the day the suite runs."""
    Holiday.objects.all().delete()


@pytest.fixture
def category(unit_a):
    return CategoryFactory(
        name="Pelatihan & Pengembangan Kompetensi", slug="pelatihan", default_unit=unit_a
    )


@pytest.fixture
def category_b(unit_b):
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
