"""`manage.py grant_editorial_permissions` on Wagtail's own tree: Tim Komunikasi's page
permissions move from the root to the home pages (in a module of its own: the tests of
test_workflow.py share a tree that has them moved already)."""

import pytest

pytestmark = pytest.mark.django_db


def test_grant_editorial_permissions_command_confines_tim_komunikasi(home_page):
    from django.core.management import call_command
    from wagtail.models import GroupPagePermission

    from forum_site.accounts import roles

    group_perms = GroupPagePermission.objects.filter(group__name=roles.COMMUNICATIONS)
    assert group_perms.filter(page__depth=1).exists()  # Wagtail's default: the whole tree
    call_command("grant_editorial_permissions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("grant_editorial_permissions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not group_perms.filter(page__depth=1).exists()
    assert set(group_perms.values_list("page__depth", flat=True)) == {2}  # id + en home
    assert group_perms.count() == 4  # add + change, on each home page
