import pytest

from tests.discussions.factories import CategoryFactory, HolidayFactory


@pytest.fixture
def independence_day(db):
    return HolidayFactory()  # Monday 17 August 2026


@pytest.fixture
def category_a(unit_a):
    return CategoryFactory(name="Layanan Kepegawaian", slug="layanan-kepegawaian",
                           default_unit=unit_a)


@pytest.fixture
def category_b(unit_b):
    return CategoryFactory(name="Pelayanan Kesehatan", slug="pelayanan-kesehatan",
                           default_unit=unit_b)
