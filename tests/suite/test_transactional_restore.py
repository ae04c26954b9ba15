"""A transactional test leaves the migrated data behind it (tests/conftest.py restores it),
so the next test on the same worker still has the roles, the Wagtail Site and the content
types the migrations made."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Site

EXPECTED = {}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_1_transactional_test_runs_first():
    EXPECTED["groups"] = set(Group.objects.values_list("name", flat=True))
    EXPECTED["content_types"] = set(ContentType.objects.values_list("pk", "model"))
    assert EXPECTED["groups"] and Site.objects.exists()


def test_2_next_test_still_has_the_migrated_data(django_db_blocker):
    """No django_db marker: pytest-django runs it after the transactional test (a database
    test would be ordered before it); it reads the database as the next test would."""
    assert EXPECTED, "the transactional test ran first, in this process"
    with django_db_blocker.unblock():
        assert set(Group.objects.values_list("name", flat=True)) == EXPECTED["groups"]
        assert set(ContentType.objects.values_list("pk", "model")) == EXPECTED["content_types"]
        assert Site.objects.filter(is_default_site=True).exists()
