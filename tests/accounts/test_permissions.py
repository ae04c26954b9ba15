"""Role × action matrix, checked through the check_* functions and over HTTP.

Roles: anonymous, citizen (Warga), ASN awaiting verification, ASN verified for unit A,
moderator, Tim Komunikasi, superuser. A cell is either allowed or denied; the HTTP
columns also pin *how* a denial looks (login redirect, 403, or Wagtail's redirect)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forum_site.accounts import permissions
from forum_site.accounts.models import AsnProfile, Unit

ROLES = ["anonymous", "citizen", "pending_asn", "verified_asn", "moderator", "comms", "superuser"]

REQUEST_ASN = "request ASN verification"
VERIFY_ASN = "verify ASN"
MANAGE_UNITS = "manage units"
ANSWER_A = "answer officially for unit A"
ANSWER_B = "answer officially for unit B"
EDIT_PUBLICATIONS = "edit publications"
ADMIN = "access Wagtail admin"

ALLOWED = {
    "anonymous": set(),
    "citizen": {REQUEST_ASN},
    "pending_asn": set(),
    "verified_asn": {ANSWER_A},
    "moderator": {REQUEST_ASN, VERIFY_ASN, MANAGE_UNITS, ANSWER_A, ANSWER_B, ADMIN},
    "comms": {REQUEST_ASN, EDIT_PUBLICATIONS, ADMIN},
    "superuser": {
        REQUEST_ASN, VERIFY_ASN, MANAGE_UNITS, ANSWER_A, ANSWER_B, EDIT_PUBLICATIONS, ADMIN,
    },
}

CHECKS = {
    REQUEST_ASN: lambda user, a, b: permissions.check_can_request_asn_verification(user=user),
    VERIFY_ASN: lambda user, a, b: permissions.check_can_verify_asn(user=user),
    MANAGE_UNITS: lambda user, a, b: permissions.check_can_manage_units(user=user),
    ANSWER_A: lambda user, a, b: permissions.check_can_answer_officially(user=user, unit=a),
    ANSWER_B: lambda user, a, b: permissions.check_can_answer_officially(user=user, unit=b),
    EDIT_PUBLICATIONS: lambda user, a, b: permissions.check_can_edit_publications(user=user),
}

MATRIX = [(role, action) for role in ROLES for action in CHECKS]


@pytest.fixture
def role_user(request, db):
    def get(role):
        return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)

    return get


@pytest.fixture
def role_client(request, db):
    def get(role):
        return request.getfixturevalue(f"{role}_client")

    return get


@pytest.mark.parametrize(("role", "action"), MATRIX, ids=[f"{r}-{a}" for r, a in MATRIX])
def test_check_functions_role_action_matrix(role, action, role_user, unit_a, unit_b):
    user = role_user(role)
    if action in ALLOWED[role]:
        assert CHECKS[action](user, unit_a, unit_b) is None
    else:
        with pytest.raises(PermissionDenied):
            CHECKS[action](user, unit_a, unit_b)


def _assert_denied_public(response, role):
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 403


def _assert_denied_admin(response, role):
    """Wagtail sends people without admin access to its login door (which leads a visitor
    to allauth's login and answers a signed-in person 403), and staff who lack one
    permission back to the dashboard; nobody denied ever gets a 200."""
    assert response.status_code == 302
    allowed_targets = [reverse("wagtail_login_redirect")]
    if ADMIN in ALLOWED[role]:
        allowed_targets.append(reverse("wagtailadmin_home"))
    assert any(response["Location"].startswith(t) for t in allowed_targets), response["Location"]


HTTP_ACTIONS = {
    REQUEST_ASN: (lambda home: reverse("accounts:asn_verification_request"), "public"),
    VERIFY_ASN: (lambda home: reverse("accounts_admin:verification_queue"), "admin"),
    MANAGE_UNITS: (lambda home: reverse("units:index"), "admin"),
    ADMIN: (lambda home: reverse("wagtailadmin_home"), "admin"),
    EDIT_PUBLICATIONS: (lambda home: reverse("wagtailadmin_pages:edit", args=[home.pk]), "admin"),
}

# In Wagtail the Moderator group also holds page edit/publish permissions (inherited from
# Wagtail's "Moderators" group, which 0002_roles renames) so it can review pages in the
# approval workflow: over HTTP a moderator can open the page editor, although
# check_can_edit_publications (the rule for our own services) denies them.
HTTP_ALLOWED = {role: set(actions) for role, actions in ALLOWED.items()}
HTTP_ALLOWED["moderator"].add(EDIT_PUBLICATIONS)

HTTP_MATRIX = [(role, action) for role in ROLES for action in HTTP_ACTIONS]


@pytest.mark.parametrize(
    ("role", "action"), HTTP_MATRIX, ids=[f"{r}-{a}" for r, a in HTTP_MATRIX]
)
def test_http_role_action_matrix(role, action, role_client, home_page, unit_a, unit_b):
    url_for, kind = HTTP_ACTIONS[action]
    response = role_client(role).get(url_for(home_page))
    if action in HTTP_ALLOWED[role]:
        assert response.status_code == 200
    elif kind == "public":
        _assert_denied_public(response, role)
    else:
        _assert_denied_admin(response, role)


def test_check_can_answer_officially_follows_the_unit_of_the_profile(verified_asn, unit_b):
    profile = verified_asn.asn_profile
    profile.unit = unit_b
    profile.save()
    verified_asn.refresh_from_db()
    assert permissions.check_can_answer_officially(user=verified_asn, unit=unit_b) is None
    with pytest.raises(PermissionDenied):
        permissions.check_can_answer_officially(
            user=verified_asn, unit=Unit.objects.exclude(pk=unit_b.pk).get()
        )


def test_checks_deny_deactivated_accounts(moderator, verified_asn, comms, unit_a):
    for user in (moderator, verified_asn, comms):
        user.is_active = False
        user.save()
    with pytest.raises(PermissionDenied):
        permissions.check_can_verify_asn(user=moderator)
    with pytest.raises(PermissionDenied):
        permissions.check_can_manage_units(user=moderator)
    with pytest.raises(PermissionDenied):
        permissions.check_can_answer_officially(user=verified_asn, unit=unit_a)
    with pytest.raises(PermissionDenied):
        permissions.check_can_edit_publications(user=comms)
    with pytest.raises(PermissionDenied):
        permissions.check_can_request_asn_verification(user=comms)


def test_rejected_asn_may_request_again_but_not_answer(citizen, unit_a):
    from tests.accounts.factories import AsnProfileFactory

    AsnProfileFactory(user=citizen, unit=unit_a, rejected=True)
    citizen.refresh_from_db()
    assert citizen.asn_profile.status == AsnProfile.Status.REJECTED
    assert permissions.check_can_request_asn_verification(user=citizen) is None
    with pytest.raises(PermissionDenied):
        permissions.check_can_answer_officially(user=citizen, unit=unit_a)
    assert not permissions.is_verified_asn(citizen)


def test_verified_asn_with_group_but_no_profile_cannot_answer(citizen, unit_a):
    """The ASN group alone grants nothing: the verified profile is what counts."""
    from django.contrib.auth.models import Group

    from forum_site.accounts import roles

    citizen.groups.add(Group.objects.get(name=roles.ASN))
    with pytest.raises(PermissionDenied):
        permissions.check_can_answer_officially(user=citizen, unit=unit_a)


def test_is_moderator_helpers_match_roles(
    citizen, pending_asn, verified_asn, moderator, comms, superuser, unit_a
):
    assert [permissions.is_moderator(u) for u in (citizen, verified_asn, comms)] == [False] * 3
    assert permissions.is_moderator(moderator) and permissions.is_moderator(superuser)
    assert not permissions.is_moderator(AnonymousUser())
    assert permissions.is_verified_asn(verified_asn, unit=unit_a)
    assert permissions.is_verified_asn(verified_asn)
    assert not permissions.is_verified_asn(pending_asn)
    assert permissions.verified_asn_profile(AnonymousUser()) is None


def test_the_moderator_permission_comes_with_the_signed_in_user(
        citizen, moderator, comms, superuser):
    """The permission behind is_moderator is read in the user's own query of each request
    (no permission query on a signed-in page, issue 20) and answers as has_perm does:
    through a group or given directly, and gone on the next request once taken away."""
    from django.contrib.auth.models import Group, Permission
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from forum_site.accounts import roles
    from forum_site.accounts.auth_backends import AllauthOnlyBackend

    def read(user):  # as AuthenticationMiddleware reads the user of a request
        return AllauthOnlyBackend().get_user(user.pk)

    with CaptureQueriesContext(connection) as queries:
        flags = [permissions.is_moderator(read(u)) for u in (citizen, moderator, comms,
                                                              superuser)]
    assert flags == [False, True, False, True]
    assert len(queries) == 4  # one query a user, no permission lookup after it
    permission = Permission.objects.get(codename="verify_asnprofile")
    citizen.user_permissions.add(permission)
    assert permissions.is_moderator(read(citizen))
    citizen.user_permissions.remove(permission)
    moderator.groups.remove(Group.objects.get(name=roles.MODERATOR))
    assert not permissions.is_moderator(read(citizen))
    assert not permissions.is_moderator(read(moderator))
    moderator.is_active = False
    moderator.groups.add(Group.objects.get(name=roles.MODERATOR))
    moderator.save()
    assert not permissions.is_moderator(moderator)
