"""ASN verification end to end over HTTP: request, moderator queue, approve or reject.

The NIP is private: moderators see it in the Wagtail admin, nobody else sees it anywhere —
not in emails to moderators, not on the user's own pages, not on any public page."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils import translation

from forum_site.accounts import roles
from forum_site.accounts.models import AsnProfile
from tests.accounts.factories import AsnProfileFactory, UserFactory, nip_for

NIP = "198503302010011002"
NIP_TYPED = "19850330 201001 1 002"


@pytest.fixture
def request_data(unit_a):
    return {
        "nip": NIP_TYPED,
        "position": "  Analis   SDM Aparatur ",
        "unit": str(unit_a.pk),
        "official_email": "Siti.Warga@BKPSDM.mamujukab.go.id",
    }


def confirm_link(official_email: str) -> str:
    """The path of the confirmation link in the newest email to the official address."""
    message = [m for m in mail.outbox if m.to == [official_email.lower()]][-1]
    match = re.search(r"https://serambi\.test(/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def submit(django_capture_on_commit_callbacks):
    """POST the request form, running the after-commit email tasks; then, as the applicant
    does, open the link sent to the official address (in another browser: no sign-in)
    and press its button. confirm=False stops before the link."""

    def post(client, data, *, confirm=True):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("accounts:asn_verification_request"), data)
        if confirm and response.status_code == 302 and (
                response["Location"] == reverse("accounts:overview")):
            link = confirm_link(data["official_email"])
            mailbox = Client()
            assert mailbox.get(link).status_code == 200
            with django_capture_on_commit_callbacks(execute=True):
                assert mailbox.post(link).status_code == 302
        return response

    return post


@pytest.fixture
def decide(django_capture_on_commit_callbacks):
    def post(client, profile, decision, reason=""):
        url = reverse("accounts_admin:verification_review", args=[profile.pk])
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"decision": decision, "reason": reason})

    return post


def _badge(html: str) -> str:
    """The verified-ASN badge block (how official answers are signed), up to its section end."""
    match = re.search(r'class="[^"]*official-answer[^"]*".*?(?=</section>|<form)', html, re.S)
    assert match, "no verified badge on the page"
    return match.group(0)


def _label(status) -> str:
    with translation.override("id"):
        return str(status.label)


def test_asn_request_form_lists_active_units_only(citizen_client, unit_a, unit_b):
    unit_b.is_active = False
    unit_b.save()
    response = citizen_client.get(reverse("accounts:asn_verification_request"))
    assert response.status_code == 200
    html = response.content.decode()
    assert unit_a.name in html or unit_a.short_name in html
    assert f'value="{unit_b.pk}"' not in html
    for field in ("nip", "position", "unit", "official_email"):
        assert f'name="{field}"' in html


def test_asn_request_waits_for_the_official_email_then_emails_moderators(
    citizen, citizen_client, moderator, moderator_client, superuser, comms, request_data,
    submit, unit_a, django_capture_on_commit_callbacks
):
    response = submit(citizen_client, request_data, confirm=False)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:overview")
    profile = AsnProfile.objects.get(user=citizen)
    # First the official address proves itself: one email, to it, no NIP; the
    # moderators hear nothing yet and their queue is empty.
    assert profile.status == AsnProfile.Status.AWAITING_EMAIL
    assert [m.to for m in mail.outbox] == [["siti.warga@bkpsdm.mamujukab.go.id"]]
    assert NIP not in mail.outbox[0].body and NIP[:8] not in mail.outbox[0].body
    assert not moderator_client.get(
        reverse("accounts_admin:verification_queue")).context["profiles"]
    link = confirm_link(request_data["official_email"])
    mailbox = Client()
    page = mailbox.get(link)
    assert "siti.warga@bkpsdm.mamujukab.go.id" in page.content.decode()
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.AWAITING_EMAIL  # opening the link is not enough
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert mailbox.post(link).status_code == 302
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.PENDING
    assert profile.email_confirmed_at is not None
    assert profile.nip == NIP  # stored normalised
    assert profile.position == "Analis SDM Aparatur"
    assert profile.official_email == "siti.warga@bkpsdm.mamujukab.go.id"
    assert profile.unit == unit_a
    assert profile.requested_at is not None and profile.decided_at is None
    assert not citizen.groups.filter(name=roles.ASN).exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([moderator.email, superuser.email])
    assert comms.email not in message.to and citizen.email not in message.to
    for text in (message.subject, message.body):
        assert NIP not in text
        assert NIP[:8] not in text  # not even the birth date part
        assert citizen.email not in text
        assert profile.official_email not in text
    assert citizen.display_name in message.body
    assert reverse("accounts_admin:verification_queue") in message.body


def test_asn_request_status_shown_on_overview_without_nip(
    citizen_client, request_data, submit
):
    submit(citizen_client, request_data)
    response = citizen_client.get(reverse("accounts:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert _label(AsnProfile.Status.PENDING) in html
    assert NIP not in html
    assert NIP_TYPED not in html


def test_asn_approval_end_to_end(
    citizen, citizen_client, moderator, moderator_client, request_data, submit, decide, unit_a
):
    submit(citizen_client, request_data)
    profile = AsnProfile.objects.get(user=citizen)
    mail.outbox.clear()

    queue = moderator_client.get(reverse("accounts_admin:verification_queue"))
    assert queue.status_code == 200
    assert citizen.email in queue.content.decode()
    review_url = reverse("accounts_admin:verification_review", args=[profile.pk])
    assert review_url in queue.content.decode()
    assert moderator_client.get(review_url).status_code == 200

    response = decide(moderator_client, profile, "approve")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts_admin:verification_queue")
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.VERIFIED
    assert profile.decided_by == moderator
    assert profile.decided_at is not None
    assert citizen.groups.filter(name=roles.ASN).exists()
    assert citizen.groups.filter(name=roles.CITIZEN).exists()
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    assert NIP not in mail.outbox[0].body and NIP not in mail.outbox[0].subject

    # The queue no longer lists it; the "verified" tab does.
    assert review_url not in moderator_client.get(
        reverse("accounts_admin:verification_queue")
    ).content.decode()
    verified_tab = moderator_client.get(
        reverse("accounts_admin:verification_queue"), {"status": "verified"}
    )
    assert review_url in verified_tab.content.decode()

    # The user now sees the verified badge: name, position and unit, never the NIP.
    html = citizen_client.get(reverse("accounts:overview")).content.decode()
    assert _label(AsnProfile.Status.VERIFIED) in html
    badge = _badge(html)
    assert citizen.get_full_name() in badge or citizen.display_name in badge
    assert "Analis SDM Aparatur" in badge
    assert unit_a.name in badge or unit_a.short_name in badge
    assert NIP not in html


def test_asn_queue_tolerates_an_unknown_status_filter(moderator_client, pending_asn):
    response = moderator_client.get(
        reverse("accounts_admin:verification_queue"), {"status": "<script>"}
    )
    assert response.status_code == 200
    assert pending_asn.email in response.content.decode()
    assert "<script>" not in response.content.decode().split("<body", 1)[-1]


def test_asn_rejection_requires_a_reason(pending_asn, moderator_client, decide):
    profile = pending_asn.asn_profile
    mail.outbox.clear()

    for reason in ("", "   "):
        response = decide(moderator_client, profile, "reject", reason)
        assert response.status_code == 200
        assert "reason" in response.context["form"].errors

    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.PENDING
    assert profile.decided_by is None
    assert mail.outbox == []


def test_asn_rejection_emails_and_shows_the_reason(
    pending_asn, moderator, moderator_client, decide
):
    profile = pending_asn.asn_profile
    reason = "Jabatan tidak sesuai dengan SK pengangkatan."

    response = decide(moderator_client, profile, "reject", reason)

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.REJECTED
    assert profile.decision_reason == reason
    assert profile.decided_by == moderator
    assert not pending_asn.groups.filter(name=roles.ASN).exists()
    assert [m.to for m in mail.outbox] == [[pending_asn.email]]
    assert reason in mail.outbox[0].body
    assert profile.nip not in mail.outbox[0].body

    client = Client()
    client.force_login(pending_asn)
    html = client.get(reverse("accounts:overview")).content.decode()
    assert _label(AsnProfile.Status.REJECTED) in html
    assert reason in html
    assert profile.nip not in html


def test_asn_rejected_user_may_request_again(
    pending_asn, pending_asn_client, moderator_client, decide, submit, unit_b
):
    profile = pending_asn.asn_profile
    old_nip = profile.nip
    decide(moderator_client, profile, "reject", "Unit keliru.")
    mail.outbox.clear()

    assert pending_asn_client.get(reverse("accounts:asn_verification_request")).status_code == 200
    response = submit(
        pending_asn_client,
        {
            "nip": old_nip,
            "position": "Pranata Komputer",
            "unit": str(unit_b.pk),
            "official_email": "rahmat@dinkes.mamujukab.go.id",
        },
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.PENDING
    assert profile.unit == unit_b
    assert profile.decision_reason == "" and profile.decided_by is None
    assert AsnProfile.objects.filter(user=pending_asn).count() == 1
    assert len(mail.outbox) == 2  # the link to the new official address, then moderators
    assert profile.official_email in mail.outbox[0].to


def test_asn_decision_on_a_decided_request_is_refused(
    verified_asn, moderator_client, decide
):
    profile = verified_asn.asn_profile
    decided_at = profile.decided_at
    response = decide(moderator_client, profile, "reject", "Terlambat.")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.VERIFIED
    assert profile.decided_at == decided_at
    assert verified_asn.groups.filter(name=roles.ASN).exists()


def test_asn_review_of_unknown_request_is_404(moderator_client):
    url = reverse("accounts_admin:verification_review", args=[999999])
    assert moderator_client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "citizen", "verified_asn", "comms", "pending_asn"])
def test_asn_queue_refused_to_non_moderators(role, request, pending_asn, decide):
    client = request.getfixturevalue(f"{role}_client")
    profile = pending_asn.asn_profile
    mail.outbox.clear()

    for response in (
        client.get(reverse("accounts_admin:verification_queue")),
        client.get(reverse("accounts_admin:verification_review", args=[profile.pk])),
        decide(client, profile, "approve"),
    ):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"].startswith(
                (reverse("account_login"), reverse("wagtailadmin_home"))
            )

    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.PENDING
    assert profile.decided_by is None
    assert not pending_asn.groups.filter(name=roles.ASN).exists()
    assert mail.outbox == []


def test_asn_second_request_while_pending_is_403(pending_asn, pending_asn_client, request_data,
                                                 submit):
    before = AsnProfile.objects.get(user=pending_asn)
    assert pending_asn_client.get(reverse("accounts:asn_verification_request")).status_code == 403
    response = submit(pending_asn_client, {**request_data, "nip": nip_for(4242)})
    assert response.status_code == 403
    after = AsnProfile.objects.get(user=pending_asn)
    assert (after.nip, after.requested_at) == (before.nip, before.requested_at)
    assert mail.outbox == []


def test_asn_request_by_verified_asn_is_403(verified_asn_client, request_data, submit):
    response = submit(verified_asn_client, request_data)
    assert response.status_code == 403
    assert not AsnProfile.objects.filter(nip=NIP).exists()


def test_asn_request_requires_login(client, request_data, submit):
    response = submit(client, request_data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not AsnProfile.objects.exists()


@pytest.mark.parametrize(
    "nip",
    [
        "",
        "12345",
        "19850330201001100",
        "1985033020100110021",
        "19850330201001100A",
        "199002302015031001",
        "198503302010131002",
        "198503302010013002",
        "198503302010011000",
        "199001012006121001",
        "198503302999011002",
        "1" * 31,
        "'; DROP TABLE accounts_asnprofile; --",
    ],
)
def test_asn_request_invalid_nip_gives_form_error(
    citizen, citizen_client, request_data, submit, nip
):
    response = submit(citizen_client, {**request_data, "nip": nip})
    assert response.status_code == 200
    assert "nip" in response.context["form"].errors
    assert not AsnProfile.objects.filter(user=citizen).exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("position", "x" * 151),
        ("position", "   "),
        ("official_email", "a" * 250 + "@example.id"),
        ("official_email", "bukan-email"),
        ("unit", "999999"),
        ("unit", "bukan-angka"),
        ("unit", ""),
    ],
)
def test_asn_request_invalid_fields_give_form_errors(
    citizen, citizen_client, request_data, submit, field, value
):
    response = submit(citizen_client, {**request_data, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not AsnProfile.objects.filter(user=citizen).exists()


def test_asn_request_inactive_unit_is_refused(citizen, citizen_client, request_data, submit,
                                              unit_a):
    unit_a.is_active = False
    unit_a.save()
    response = submit(citizen_client, request_data)
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors


def test_a_nip_another_account_names_is_not_revealed_and_goes_to_the_moderators(
    pending_asn, citizen, citizen_client, moderator_client, request_data, submit, decide
):
    """Typing someone else's NIP neither claims it nor tells the visitor it is taken: the
    answer is the same as for a free NIP, and the moderator sees the conflict."""
    nip = pending_asn.asn_profile.nip
    response = submit(citizen_client, {**request_data, "nip": nip})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:overview")
    assert "sudah terdaftar" not in citizen_client.get(response["Location"]).content.decode()
    mine = AsnProfile.objects.get(user=citizen)
    assert mine.status == AsnProfile.Status.PENDING and mine.nip == nip

    queue = moderator_client.get(reverse("accounts_admin:verification_queue"))
    assert queue.content.decode().count("NIP") >= 3  # header + two conflict marks
    assert {p.pk for p in queue.context["profiles"] if p.nip_conflict} == {
        mine.pk, pending_asn.asn_profile.pk}
    review = moderator_client.get(
        reverse("accounts_admin:verification_review", args=[mine.pk])).content.decode()
    assert pending_asn.public_name in review

    # The first one verified holds the NIP; the second cannot be verified with it.
    assert decide(moderator_client, pending_asn.asn_profile, "approve").status_code == 302
    refused = decide(moderator_client, mine, "approve")
    assert refused.status_code == 200
    assert pending_asn.public_name in str(refused.context["form"].non_field_errors())
    mine.refresh_from_db()
    assert mine.status == AsnProfile.Status.PENDING
    assert not citizen.groups.filter(name=roles.ASN).exists()


def test_only_one_account_can_be_verified_per_nip_in_the_database(unit_a):
    from django.db import IntegrityError, transaction
    AsnProfileFactory(unit=unit_a, nip=NIP, verified=True)
    second = AsnProfileFactory(unit=unit_a, nip=NIP)
    second.status = AsnProfile.Status.VERIFIED
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_the_nip_of_someone_elses_rejected_request_is_accepted(
    citizen, citizen_client, request_data, submit, unit_a
):
    other = AsnProfileFactory(unit=unit_a, nip=NIP, rejected=True)
    response = submit(citizen_client, request_data)
    assert response.status_code == 302
    assert AsnProfile.objects.get(user=citizen).status == AsnProfile.Status.PENDING
    other.refresh_from_db()
    assert other.status == AsnProfile.Status.REJECTED


@pytest.mark.parametrize("email", [
    "siti@gmail.com", "siti@mamujukab.go.id.evil.example", "siti@evilgo.id",
])
def test_an_official_email_outside_the_office_domains_is_a_form_error(
    citizen, citizen_client, request_data, submit, email
):
    response = submit(citizen_client, {**request_data, "official_email": email})
    assert response.status_code == 200
    errors = response.context["form"].errors["official_email"]
    assert "@go.id" in str(errors)
    assert not AsnProfile.objects.filter(user=citizen).exists()
    assert not mail.outbox


def test_the_office_narrows_the_domains(settings, citizen, citizen_client, request_data,
                                         submit):
    settings.SERAMBI_OFFICIAL_EMAIL_DOMAINS = ["mamujukab.go.id"]
    refused = submit(citizen_client, {**request_data, "official_email": "a@bkn.go.id"})
    assert "@mamujukab.go.id" in str(refused.context["form"].errors["official_email"])
    assert submit(citizen_client, request_data).status_code == 302  # bkpsdm.mamujukab.go.id


def test_broken_expired_and_replaced_links_are_clear_400s(
    settings, citizen, citizen_client, request_data, submit, django_capture_on_commit_callbacks
):
    submit(citizen_client, request_data, confirm=False)
    first = confirm_link(request_data["official_email"])
    anyone = Client()

    broken = anyone.post(first[:-8] + "xxxxxxx/")
    assert broken.status_code == 400 and "tidak sah" in broken.content.decode()

    settings.SERAMBI_ASN_EMAIL_CONFIRM_DAYS = 0
    expired = anyone.post(first)
    assert expired.status_code == 400 and "kedaluwarsa" in expired.content.decode()
    settings.SERAMBI_ASN_EMAIL_CONFIRM_DAYS = 3

    # Correcting the details sends a new link; the old one is void.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        citizen_client.post(reverse("accounts:asn_verification_request"),
                            {**request_data, "position": "Pranata Komputer"})
    stale = anyone.post(first)
    assert stale.status_code == 400
    profile = AsnProfile.objects.get(user=citizen)
    assert profile.status == AsnProfile.Status.AWAITING_EMAIL
    assert anyone.post(confirm_link(request_data["official_email"])).status_code == 302
    profile.refresh_from_db()
    assert profile.status == AsnProfile.Status.PENDING
    # Pressing again changes nothing.
    again = anyone.post(confirm_link(request_data["official_email"]))
    assert again.status_code == 302
    assert AsnProfile.objects.get(user=citizen).status == AsnProfile.Status.PENDING


def test_the_applicant_can_have_the_link_sent_again(
    citizen, citizen_client, request_data, submit, django_capture_on_commit_callbacks
):
    submit(citizen_client, request_data, confirm=False)
    overview = citizen_client.get(reverse("accounts:overview")).content.decode()
    assert reverse("accounts:asn_email_resend") in overview
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen_client.post(reverse("accounts:asn_email_resend"))
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["siti.warga@bkpsdm.mamujukab.go.id"]]
    # Nothing to resend once confirmed: a clear message, no email.
    assert Client().post(confirm_link(request_data["official_email"])).status_code == 302
    mail.outbox.clear()
    response = citizen_client.post(reverse("accounts:asn_email_resend"), follow=True)
    assert not mail.outbox
    assert "konfirmasi" in response.content.decode()


def test_overview_requires_login(client):
    response = client.get(reverse("accounts:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["citizen", "pending_asn", "verified_asn"])
def test_overview_query_budget(db, role, request, django_assert_max_num_queries):
    client = request.getfixturevalue(f"{role}_client")
    client.get(reverse("accounts:overview"))  # warm per-process caches
    # session, user, ASN profile with its unit and decider, data requests; the header's
    # unread-notification count (permissions ×2, count); the work links (the unit-queue
    # landing reads the verified ASN profile again)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:overview"))
    assert response.status_code == 200


def test_verification_queue_queries_do_not_grow_with_requests(
    moderator_client, unit_a, unit_b, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("accounts_admin:verification_queue")
    AsnProfileFactory(unit=unit_a)
    moderator_client.get(url)
    with CaptureQueriesContext(connection) as few:
        moderator_client.get(url)
    AsnProfileFactory.create_batch(15, unit=unit_a)
    AsnProfileFactory.create_batch(15, unit=unit_b)
    with django_assert_num_queries(len(few.captured_queries)):
        response = moderator_client.get(url)
    assert response.content.decode().count("/admin/asn-verification/") >= 31


def _parameterless_paths():
    """Every GET-able public route without URL parameters, in Indonesian and English."""

    def walk(patterns, prefix):
        for entry in patterns:
            pattern = entry.pattern
            if isinstance(pattern, LocalePrefixPattern):
                part = pattern.language_prefix
            elif isinstance(pattern, RoutePattern) and not pattern.converters:
                part = str(pattern)
            else:
                continue
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + part)
            elif isinstance(entry, URLPattern):
                yield "/" + prefix + part

    paths = set()
    for language in ("id", "en"):
        with translation.override(language):
            paths.update(walk(get_resolver().url_patterns, ""))
    private = ("/admin/", "/documents/")
    return sorted(p for p in paths if not p.startswith(private)) + [
        "/", "/en/", "/tidak-ada/", "/en/no-such-page/",
    ]


_HREF_RE = re.compile(r'href="(/[^"#?]*)')


def test_nip_never_appears_on_any_public_page(home_page, verified_asn, pending_asn, citizen):
    """Every parameterless route plus every page linked from them (a small crawl), as an
    anonymous visitor and as another signed-in citizen."""
    nips = [verified_asn.asn_profile.nip, pending_asn.asn_profile.nip]
    viewers = [Client(), Client()]
    viewers[1].force_login(citizen)
    queue = _parameterless_paths()
    assert reverse("account_login") in queue and reverse("core:privacy") in queue
    seen: set[str] = set()
    while queue and len(seen) < 300:
        path = queue.pop(0)
        if path in seen or path.startswith(("/admin/", "/documents/", "/static/")):
            continue
        seen.add(path)
        for viewer in viewers:
            response = viewer.get(path)
            assert response.status_code < 500, path
            raw = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            body = raw.decode(errors="replace")
            for nip in nips:
                assert nip not in body, path
            if response.get("Content-Type", "").startswith("text/html"):
                queue.extend(set(_HREF_RE.findall(body)) - seen)
    assert len(seen) >= 20


def test_nip_not_shown_to_the_asn_themselves(verified_asn, verified_asn_client):
    nip = verified_asn.asn_profile.nip
    for url in (reverse("accounts:overview"), "/"):
        assert nip not in verified_asn_client.get(url).content.decode()


def test_moderator_sees_nip_in_admin_review(pending_asn, moderator_client):
    """The one place the NIP is shown: to moderators, so they can check it."""
    profile = pending_asn.asn_profile
    response = moderator_client.get(
        reverse("accounts_admin:verification_review", args=[profile.pk])
    )
    assert profile.nip in response.content.decode()


def test_asn_new_user_factory_roles(unit_a):
    """Sanity of the fixtures the suite rests on: group names come from the migration."""
    user = UserFactory(roles=[roles.CITIZEN, roles.ASN])
    assert set(user.groups.values_list("name", flat=True)) == {roles.CITIZEN, roles.ASN}


@pytest.mark.parametrize("token", [
    "rusak", "a" * 2000, "..", "%00", "ＮＩＰ", "eyJ0eXAiOiJKV1Qi:1:2", ":" * 50,
])
def test_any_token_in_the_link_is_a_clear_400_never_a_500(client, db, token):
    # db: the error page shows the office's identity (core.office reads its setting).
    from urllib.parse import quote
    url = reverse("accounts:asn_email_confirm", args=["x"]).replace("/x/", f"/{quote(token)}/")
    assert client.get(url).status_code in (400, 404)
    assert client.post(url).status_code in (400, 404)
