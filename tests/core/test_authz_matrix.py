"""The authorisation matrix: every role × every state-changing endpoint and admin area.

One table says, for each POST endpoint of the site, what each role gets (2xx, 302, 403,
404). The tests below check that:

- every route of the URLconf is in the table (POST endpoints) or in ``GET_ONLY``: a new
  endpoint without a row fails ``test_every_route_is_in_the_matrix``;
- each role gets the expected status for each POST endpoint, and a refused request
  changes nothing in the database;
- every admin area answers each role as expected;
- no GET, by any role, changes a row anywhere (row counts of every model before/after);
- every POST endpoint refuses a request without a CSRF token (403), except the ones in
  ``CSRF_EXEMPT`` with the reason written next to them.

Adding an endpoint: add one ``Endpoint(...)`` row to
``ENDPOINTS`` (or one name to ``GET_ONLY``) and, if it needs an object, a key to
``world``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from discussions.models import OfficialAnswer
from discussions.notifications.services import make_unsubscribe_token
from discussions.survey.models import ELEMENT_FIELDS as SURVEY_ELEMENTS
from forum_site.accounts.models import AsnProfile, PersonalDataRequest
from tests.accounts.factories import PASSWORD
from tests.conftest import make_people
from tests.discussions.factories import (
    CategoryFactory,
    OfficialAnswerFactory,
    ThreadFactory,
    resolved_thread,
    survey_response,
)

ROLES = ("anonymous", "citizen", "pending_asn", "verified_asn", "moderator", "comms", "superuser")
SIGNED_IN = ROLES[1:]

# Expectations: 302 is "done, back to a page"; 200 the page again (form errors or a
# confirmation); 403/404 refused. DENIED is a refusal by redirect: to the login page
# (login_required, Wagtail admin for people without admin access) or, for staff lacking
# one permission inside the Wagtail admin, back to the dashboard with a message.
# Every refusal (DENIED, 403, 404) must leave every table as it was.
DENIED = "denied"
LOGIN = {"anonymous": DENIED}


Expect = int | str


def everyone(status: Expect, **overrides: Expect) -> dict[str, Expect]:
    return dict.fromkeys(ROLES, status) | overrides


def signed_in(status: Expect, **overrides: Expect) -> dict[str, Expect]:
    return LOGIN | dict.fromkeys(SIGNED_IN, status) | overrides


def moderators_only(status: Expect, *, others: Expect = 403, **overrides: Expect
                    ) -> dict[str, Expect]:
    """Moderator and superuser may; every other signed-in role is refused."""
    base = signed_in(others, moderator=status, superuser=status)
    return base | overrides


@dataclass(frozen=True)
class Endpoint:
    name: str  # URL name (namespace:name)
    expect: dict[str, Expect]
    kwargs: Callable[[dict], dict] = field(default=lambda w: {})
    data: Callable[[dict], dict] = field(default=lambda w: {})


# --- The table ------------------------------------------------------------------------

ENDPOINTS: list[Endpoint] = [
    # Site-wide
    Endpoint("set_language", everyone(302), data=lambda w: {"language": "en", "next": "/"}),
    # Accounts (allauth): login/signup are for visitors; signed-in users are sent on.
    Endpoint(
        "account_login", everyone(302),
        data=lambda w: {"login": w["citizen"].email, "password": PASSWORD},
    ),
    Endpoint("account_logout", everyone(302)),
    Endpoint(
        "account_signup", everyone(302),
        data=lambda w: {
            "email": "baru@example.id", "password1": "kopi-susu-2026-x",
            "password2": "kopi-susu-2026-x", "display_name": "Warga Baru",
            "privacy_consent": "on",
        },
    ),
    Endpoint(
        "account_reset_password", everyone(302), data=lambda w: {"email": "siapa@example.id"}
    ),
    Endpoint("account_email", signed_in(302)),
    Endpoint("account_change_password", signed_in(200)),
    Endpoint("account_set_password", signed_in(302)),
    Endpoint("account_reauthenticate", signed_in(200)),
    # Login by code is off: with no code pending these only send people on (or show
    # the form again for a signed-in user asking for a code).
    Endpoint("account_request_reauthentication_code", signed_in(200)),
    Endpoint("account_confirm_reauthentication_code", everyone(302)),
    Endpoint("account_confirm_login_code", everyone(302)),
    Endpoint("account_confirm_email", everyone(404), kwargs=lambda w: {"key": "no-such-key"}),
    Endpoint(
        "account_reset_password_from_key", everyone(200),
        kwargs=lambda w: {"uidb36": "zz", "key": "bad-key"},
    ),
    # Second factor (allauth.mfa). Staff have TOTP in this matrix (see _staff_second_factor).
    # Changing it needs a fresh password: signed-in roles are sent to reauthenticate first,
    # visitors to the login (302 rather than DENIED: allauth keeps the suspended POST in a
    # new session row, to replay it after the password). With no login waiting for a code,
    # the code page sends people on; reauthenticating by code is for accounts with TOTP.
    Endpoint("mfa_authenticate", everyone(302)),
    Endpoint("mfa_reauthenticate", signed_in(302, moderator=200, comms=200, superuser=200)),
    Endpoint("mfa_activate_totp", everyone(302), data=lambda w: {"code": "123456"}),
    Endpoint("mfa_deactivate_totp", signed_in(404, moderator=302, comms=302, superuser=302)),
    Endpoint("mfa_generate_recovery_codes", everyone(302)),
    # My account
    Endpoint("accounts:overview", signed_in(200)),
    Endpoint(
        "accounts:asn_verification_request",
        # ASN (verified or waiting) already asked; moderators/comms/superuser may ask.
        signed_in(200, pending_asn=403, verified_asn=403),
    ),
    # The link to the official email: a broken one is a clear 400 for anyone (a working
    # one is followed end to end in tests/accounts/test_asn_verification.py).
    Endpoint("accounts:asn_email_confirm", everyone(400), kwargs=lambda w: {"token": "rusak"}),
    # Nothing waits for a confirmation in this world: a message, back to the account.
    Endpoint("accounts:asn_email_resend", signed_in(302)),
    Endpoint("accounts:personal_data_export", signed_in(200)),
    Endpoint(
        "accounts:personal_data_request", signed_in(302),
        data=lambda w: {"kind": "correction", "message": "Mohon perbaiki nama tampilan saya."},
    ),
    Endpoint("accounts:account_delete", signed_in(200), data=lambda w: {"password": "salah"}),
    Endpoint("accounts:consent", signed_in(302), data=lambda w: {"privacy_consent": "on"}),
    # Forum
    Endpoint(
        "discussions:thread_create", signed_in(302),
        data=lambda w: {
            "kind": "question", "category": w["category"].slug,
            "title": "Bagaimana cara mengurus kenaikan pangkat reguler secara daring?",
            "body": "Saya ingin tahu dokumen apa saja yang perlu diunggah untuk usulan.",
            "similar_checked": "on",
        },
    ),
    Endpoint("discussions:thread_support", signed_in(302), kwargs=lambda w: {"pk": w["thread"].pk}),
    Endpoint("discussions:thread_follow", signed_in(302), kwargs=lambda w: {"pk": w["thread"].pk}),
    Endpoint(
        "discussions:thread_confirm", everyone(403, anonymous=DENIED, citizen=302),
        kwargs=lambda w: {"pk": w["thread"].pk},
    ),
    Endpoint(
        "discussions:thread_dispute", everyone(403, anonymous=DENIED, citizen=302),
        kwargs=lambda w: {"pk": w["thread"].pk},
        data=lambda w: {"reason": "Jawabannya belum menjawab pertanyaan tentang jadwal."},
    ),
    Endpoint(
        "discussions:thread_acknowledge", moderators_only(302, verified_asn=302),
        kwargs=lambda w: {"pk": w["open_thread"].pk},
    ),
    Endpoint(
        # Allowed roles pass the permission check and get the form back with the rule
        # "extend only an acknowledged thread" (200); the rest are refused.
        "discussions:thread_extend", moderators_only(200, verified_asn=200),
        kwargs=lambda w: {"pk": w["open_thread"].pk},
        data=lambda w: {"reason": "Menunggu data dari bidang mutasi."},
    ),
    Endpoint(
        "discussions:thread_reroute", moderators_only(302),
        kwargs=lambda w: {"pk": w["thread"].pk},
        data=lambda w: {"unit": w["unit_b"].pk, "reason": "Ini urusan Dinas Kesehatan."},
    ),
    Endpoint(
        "discussions:thread_close", moderators_only(302),
        kwargs=lambda w: {"pk": w["thread"].pk},
        data=lambda w: {"reason_kind": "off_topic", "reason": "Tidak terkait layanan ASN."},
    ),
    Endpoint(
        "discussions:answer_publish", moderators_only(302, verified_asn=302),
        kwargs=lambda w: {"pk": w["thread"].pk},
        data=lambda w: {
            "body": "Pendaftaran dibuka bulan depan melalui laman BKPSDM.", "seen_answers": "1",
        },
    ),
    Endpoint(
        "discussions:answer_edit", moderators_only(302, others=403, moderator=403,
                                                   superuser=403, verified_asn=302),
        kwargs=lambda w: {"pk": w["answer"].pk},
        data=lambda w: {"body": "Pendaftaran dibuka tanggal 5 bulan depan."},
    ),
    # The public-information path, on the citizen's registered information request
    # (no decision yet, deadline not passed). PPID and atasan PPID are roles a superuser
    # gives; the superuser holds their permissions, nobody else in this matrix does.
    Endpoint(
        "discussions:ppid_decide", signed_in(403, superuser=302),
        kwargs=lambda w: {"pk": w["request_thread"].pk},
        data=lambda w: {"outcome": "refused", "exemption": "h",
                        "consequence_test": "Nilai perorangan adalah rahasia pribadi peserta.",
                        "body": "Permohonan ditolak karena memuat data pribadi peserta."},
    ),
    Endpoint(
        # The requester passes and is told it is too early to object (form again).
        "discussions:ppid_object", signed_in(403, citizen=200),
        kwargs=lambda w: {"pk": w["request_thread"].pk},
        data=lambda w: {"grounds": ["a"], "reason": "Penolakan ini tidak beralasan sama sekali."},
    ),
    Endpoint(
        # The atasan passes and is told there is no objection to answer (form again).
        "discussions:ppid_objection_answer", signed_in(403, superuser=200),
        kwargs=lambda w: {"pk": w["request_thread"].pk},
        data=lambda w: {"upheld": "1", "answer": "Keberatan diterima, informasi diberikan."},
    ),
    Endpoint(
        # The requester passes and is sent back with "not yet" (no objection answered).
        "discussions:ppid_komisi", signed_in(403, citizen=302),
        kwargs=lambda w: {"pk": w["request_thread"].pk},
    ),
    Endpoint(
        "discussions:notification_preferences", signed_in(302),
        data=lambda w: {"answer__email": "on", "answer__site": "on"},
    ),
    Endpoint(
        "discussions:unsubscribe", everyone(200),
        kwargs=lambda w: {"token": w["unsubscribe_token"]},
    ),
    # Comments (citizen's approved comment on the thread, an ASN comment to like/report)
    Endpoint(
        # Visitors must give name and email (form again: 200); accounts post (302).
        "discussions:comment_post", signed_in(302, anonymous=200),
        data=lambda w: {"target": f"thread:{w['thread'].pk}",
                        "comment": "Apakah jadwal ini juga berlaku untuk PPPK?"},
    ),
    Endpoint("discussions:comment_like", signed_in(302),
             kwargs=lambda w: {"pk": w["asn_comment"].pk}),
    # Reporting one's own comment or thread is refused with a form error (200).
    Endpoint("discussions:comment_flag", signed_in(302, verified_asn=200),
             kwargs=lambda w: {"pk": w["asn_comment"].pk}, data=lambda w: {"reason": "spam"}),
    Endpoint("discussions:thread_flag", signed_in(302, citizen=200),
             kwargs=lambda w: {"pk": w["thread"].pk}, data=lambda w: {"reason": "off_topic"}),
    Endpoint("discussions:comment_edit", signed_in(403, citizen=302),
             kwargs=lambda w: {"pk": w["comment"].pk},
             data=lambda w: {"comment": "Apakah jadwal ini berlaku untuk PPPK? Terima kasih."}),
    Endpoint("discussions:comment_delete", signed_in(403, citizen=302),
             kwargs=lambda w: {"pk": w["comment"].pk}),
    Endpoint("discussions:comment_confirm", everyone(400),
             kwargs=lambda w: {"token": "bukan-token-yang-sah"}),
    # Satisfaction survey: only the asker answers; the unit's ASN or a moderator write
    # the follow-up plan; moderators moderate survey comments.
    Endpoint("discussions:survey_answer", everyone(403, anonymous=DENIED, citizen=302),
             kwargs=lambda w: {"pk": w["resolved_thread"].pk},
             data=lambda w: dict.fromkeys(SURVEY_ELEMENTS, "4")),
    Endpoint("discussions:skm_follow_up", moderators_only(302, verified_asn=302),
             kwargs=lambda w: {"slug": w["unit_a"].slug, "year": 2026},
             data=lambda w: {"plan": "Menambah jam layanan konsultasi daring."}),
    # FAQ: the unit's verified ASN or a moderator turn a resolved thread into an entry.
    Endpoint("discussions:faq_promote", moderators_only(302, verified_asn=302),
             kwargs=lambda w: {"pk": w["faq_thread"].pk},
             data=lambda w: {"question": "Bagaimana cara mendaftar pelatihan pengawas?",
                             "answer": "Pendaftaran dibuka setiap Februari di laman BKPSDM.",
                             "review_by": "2099-12-31"}),
    Endpoint("discussions:skm_comment_queue", moderators_only(302),
             data=lambda w: {"response": w["survey_response"].pk, "decision": "approve"}),
    # Wagtail admin views of our apps (Wagtail sends non-staff to its login: 302)
    Endpoint(
        "accounts_admin:verification_review",
        moderators_only(302, others=DENIED),
        kwargs=lambda w: {"pk": w["asn_request"].pk},
        data=lambda w: {"decision": "approve", "reason": "NIP dan jabatan sesuai."},
    ),
    Endpoint(
        "accounts_admin:verification_revoke",
        moderators_only(302, others=DENIED),
        kwargs=lambda w: {"pk": w["verified_asn"].asn_profile.pk},
        data=lambda w: {"reason": "Sudah pindah tugas ke instansi lain."},
    ),
    Endpoint(
        "accounts_data_requests:answer",
        moderators_only(302, others=DENIED),
        kwargs=lambda w: {"pk": w["data_request"].pk},
        data=lambda w: {"response": "Nama sudah kami perbaiki.", "done": "on"},
    ),
    Endpoint(
        "discussions_admin:thread_moderate",
        moderators_only(302, others=DENIED),
        kwargs=lambda w: {"pk": w["thread"].pk},
        data=lambda w: {"action": "close", "reason_kind": "off_topic",
                        "reason": "Tidak terkait layanan ASN."},
    ),
    Endpoint(
        # Staff without the moderator role reach the admin but not the queue (403).
        "discussions_admin:moderation_queue", moderators_only(302, others=DENIED, comms=403),
        data=lambda w: {"comments": [w["pending_comment"].pk], "action": "approve"},
    ),
    Endpoint(
        "units:add", moderators_only(302, others=DENIED),
        data=lambda w: {"name": "Dinas Pendidikan", "short_name": "Disdik",
                        "slug": "disdik", "is_active": "on"},
    ),
    Endpoint(
        "units:edit", moderators_only(302, others=DENIED),
        kwargs=lambda w: {"pk": w["unit_a"].pk},
        data=lambda w: {"name": "BKPSDM Mamuju", "short_name": "BKPSDM",
                        "slug": "bkpsdm", "is_active": "on"},
    ),
    Endpoint(
        "units:delete", moderators_only(302, others=DENIED),
        kwargs=lambda w: {"pk": w["unit_b"].pk},
    ),
    Endpoint(
        "units:copy", moderators_only(200, others=DENIED),
        kwargs=lambda w: {"pk": w["unit_a"].pk},
    ),
]

# Routes that answer GET only (or treat POST like GET, changing nothing); checked below
# by POSTing to them as the superuser and counting rows.
GET_ONLY: dict[str, Callable[[dict], dict]] = {
    "sitemap": lambda w: {},
    "account_inactive": lambda w: {},
    "account_email_verification_sent": lambda w: {},
    "account_reset_password_done": lambda w: {},
    "account_reset_password_from_key_done": lambda w: {},
    "core:privacy": lambda w: {},
    "discussions:thread_list": lambda w: {},
    "discussions:thread_detail": lambda w: {"pk": w["thread"].pk},
    "discussions:unit_queue": lambda w: {},
    "discussions:feed": lambda w: {},
    "discussions:answer_history": lambda w: {"pk": w["answer"].pk},
    "discussions:notification_list": lambda w: {},
    "discussions:my_threads": lambda w: {},
    "discussions:followed_threads": lambda w: {},
    "discussions:ppid_receipt": lambda w: {"pk": w["request_thread"].pk},
    "discussions:ppid_receipt_pdf": lambda w: {"pk": w["request_thread"].pk},
    "discussions:ppid_decision_pdf": lambda w: {"pk": w["request_thread"].pk},
    "discussions:ppid_attachment": lambda w: {"pk": w["request_thread"].pk, "position": 1},
    "discussions:ppid_case_file_pdf": lambda w: {"pk": w["request_thread"].pk},
    "discussions:ppid_case_file_zip": lambda w: {"pk": w["request_thread"].pk},
    "discussions:ppid_request_register": lambda w: {},
    "discussions:ppid_objection_register": lambda w: {},
    "core:open_data": lambda w: {},
    "core:dataset_csv": lambda w: {"slug": "no-such-dataset"},
    "core:dataset_json": lambda w: {"slug": "no-such-dataset"},
    "discussions:comment_reply": lambda w: {"pk": w["comment"].pk},
    "discussions:comment_permalink": lambda w: {"pk": w["comment"].pk},
    "discussions:answer_feed": lambda w: {},
    "discussions:overdue_feed": lambda w: {"slug": w["unit_a"].slug},
    "discussions:moderation_ledger": lambda w: {},
    "discussions:skm_index": lambda w: {},
    "discussions:faq_list": lambda w: {},
    "discussions:faq_detail": lambda w: {"pk": 999999},
    "discussions:skm_unit": lambda w: {"slug": w["unit_a"].slug},
    "discussions:moderation_ledger_csv": lambda w: {},
    "search:search": lambda w: {},
    "search_api:search": lambda w: {},
    "search_api:suggest": lambda w: {},
    "transparency:statistics": lambda w: {},
    "transparency:unit_detail": lambda w: {"slug": w["unit_a"].slug},
    "transparency:information_report_index": lambda w: {},
    "transparency:information_report": lambda w: {"year": 2026},
    "transparency:information_report_csv": lambda w: {"year": 2026},
    "accounts_admin:verification_queue": lambda w: {},
    "accounts_data_requests:queue": lambda w: {},
    "discussions_admin:thread_index": lambda w: {},
    "units:index": lambda w: {},
    "units:index_results": lambda w: {},
    "units:history": lambda w: {"pk": w["unit_a"].pk},
    "units:history_results": lambda w: {"pk": w["unit_a"].pk},
    "units:usage": lambda w: {"pk": w["unit_a"].pk},
    # The outcome editor's program chooser (publications.admin_choosers): GET only.
    "program_chooser:choose": lambda w: {},
    "program_chooser:choose_results": lambda w: {},
    "mfa_index": lambda w: {},
    "mfa_view_recovery_codes": lambda w: {},
    "mfa_download_recovery_codes": lambda w: {},
    # Wagtail's own login and reset only redirect to allauth's (checking no password).
    "wagtail_login_redirect": lambda w: {},
    "wagtail_frontend_login_redirect": lambda w: {},
    "wagtail_password_reset_redirect": lambda w: {},
}

# POST endpoints that deliberately skip the CSRF token, and why.
CSRF_EXEMPT = {
    # RFC 8058 one-click unsubscribe: the mail client POSTs without a session; the signed
    # token in the URL is the proof, and it can only turn emails off.
    "discussions:unsubscribe",
    # The language switch is on every page; a token would set the CSRF cookie on every
    # page and no anonymous page could be cached. It only sets the language cookie, and
    # refuses a POST whose Origin is another site (checked below).
    "set_language",
}
ORIGIN_CHECKED = {"set_language"}

# Routes that are not ours to put in the table: Wagtail's and Django's own machinery
# (covered as admin areas below), unnamed utility routes.
FOREIGN_MODULES = ("wagtail.", "django.contrib.auth.", "django.views.generic.base")
OUR_NAMESPACES = ("units",)  # Wagtail viewsets we register, whose views are Wagtail's

# Admin areas: path → expected status per role. Wagtail sends anonymous visitors and
# signed-in people without admin access to its login page (302); staff who lack the
# permission for an area are sent back to the admin dashboard with a message (302, not
# to the login page), which is how Wagtail answers PermissionDenied inside its admin.
NO_ADMIN = dict.fromkeys(("anonymous", "citizen", "pending_asn", "verified_asn"), DENIED)
STAFF_ONLY = NO_ADMIN | {"moderator": 200, "comms": 200, "superuser": 200}
ADMIN_AREAS: dict[str, dict[str, Expect]] = {
    "/admin/": STAFF_ONLY,
    "/admin/pages/": STAFF_ONLY,
    "/admin/images/": STAFF_ONLY,
    "/admin/documents/": STAFF_ONLY,
    "/admin/snippets/": STAFF_ONLY | {"moderator": DENIED, "comms": DENIED, "superuser": DENIED},
    "/admin/reports/site-history/": STAFF_ONLY,  # each sees only what they may
    "/admin/users/": NO_ADMIN | {"moderator": DENIED, "comms": DENIED, "superuser": 200},
    "/admin/groups/": NO_ADMIN | {"moderator": DENIED, "comms": DENIED, "superuser": 200},
    "/admin/sites/": NO_ADMIN | {"moderator": DENIED, "comms": DENIED, "superuser": 200},
    "/admin/redirects/": NO_ADMIN | {"moderator": DENIED, "comms": DENIED, "superuser": 200},
    "/admin/workflows/list/": NO_ADMIN | {"moderator": DENIED, "comms": DENIED, "superuser": 200},
    "/admin/forum/threads/": NO_ADMIN | {"moderator": 200, "comms": DENIED, "superuser": 200},
    "/admin/asn-verification/": NO_ADMIN | {"moderator": 200, "comms": DENIED, "superuser": 200},
    "/admin/personal-data-requests/": NO_ADMIN
    | {"moderator": 200, "comms": DENIED, "superuser": 200},
    "/admin/units/": NO_ADMIN | {"moderator": 200, "comms": DENIED, "superuser": 200},
    # the outcome editor's program chooser lists programs, drafts included: staff only
    "/admin/program-chooser/?locale=id": STAFF_ONLY,
    "/admin/program-chooser/results/?locale=id&q=pelatihan": STAFF_ONLY,
    "/admin/forum/threads/moderation/": NO_ADMIN
    | {"moderator": 200, "comms": 403, "superuser": 200},
}


# --- Fixtures ---------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _staff_second_factor(settings):
    """As in production: staff must have a second factor (the world gives them one)."""
    settings.SERAMBI_STAFF_MFA_REQUIRED = True


@pytest.fixture(scope="module")
def world(module_db):
    """The objects every row may point at, built once for the module (each test runs in
    a savepoint, so what a POST changes is undone before the next): one user per role, a
    thread asked by the citizen in unit A's category with one official answer, a waiting
    ASN request, a data request."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from discussions.comments import services as comment_services
    from discussions.moderation import services as moderation_services
    from discussions.threads import services

    people = make_people()
    for role in ("moderator", "comms", "superuser"):
        TOTP.activate(people[role], generate_totp_secret())
    citizen, verified_asn = people["citizen"], people["verified_asn"]
    category = CategoryFactory(default_unit=people["unit_a"], slug="kepegawaian")
    thread = ThreadFactory(category=category, author=citizen)
    answer = services.answer_publish(
        user=verified_asn, thread=thread, body="Pendaftaran dibuka bulan depan."
    )
    thread.refresh_from_db()
    open_thread = ThreadFactory(category=category, author=citizen)
    request_thread = services.thread_create(
        author=citizen, kind="information_request", category=category,
        title="Permohonan salinan laporan kinerja BKPSDM 2026",
        body="Mohon salinan laporan kinerja instansi pemerintah tahun 2026.",
    )
    target = comment_services.target_for(thread)
    comment = comment_services.comment_create(
        target=target, user=citizen, body="Apakah jadwal ini juga untuk PPPK?")
    pending_comment = comment_services.comment_create(
        target=target, user=citizen, body="Mohon info syarat berkasnya juga.")
    moderation_services.comments_moderate(
        moderator=people["moderator"], comment_ids=[comment.pk], action="approve")
    asn_comment = comment_services.comment_create(
        target=target, user=verified_asn, body="Berlaku untuk PNS dan PPPK.")
    answered_survey = resolved_thread(category=category)
    faq_thread = resolved_thread(category=category, author=citizen)
    OfficialAnswerFactory(thread=faq_thread, author=verified_asn)
    return people | {
        "resolved_thread": resolved_thread(category=category, author=citizen),
        "faq_thread": faq_thread,
        "survey_response": survey_response(
            thread=answered_survey, scores=[3] * 9, comment="Pelayanannya cepat.",
            comment_status="pending"),
        "comment": comment, "pending_comment": pending_comment, "asn_comment": asn_comment,
        "category": category, "thread": thread, "open_thread": open_thread,
        "request_thread": request_thread,
        "answer": answer, "asn_request": AsnProfile.objects.get(user=people["pending_asn"]),
        "data_request": _data_request(citizen),
        "unsubscribe_token": make_unsubscribe_token(user_id=citizen.pk, kind="answer"),
    }


@pytest.fixture(autouse=True)
def _savepoint(db):
    """Every test in its own savepoint inside the module's transaction (see module_db)."""


def _data_request(user) -> PersonalDataRequest:
    from forum_site.accounts import services

    return services.personal_data_request_create(
        user=user, kind="correction", message="Mohon perbaiki nama tampilan saya."
    )


def _client(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world[role])
    return client


def _counted_models() -> list:
    return [model for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy]


_COUNT_QUERIES: dict[str, tuple[list, str, list]] = {}


def _row_counts() -> dict[str, int]:
    """Each table's `_default_manager.count()`, in one query instead of one per table
    (about a hundred: the matrix counts twice per refused case). The query is compiled
    once per database vendor."""
    from django.db import connection

    if connection.vendor not in _COUNT_QUERIES:
        models = _counted_models()
        parts, params = [], []
        for number, model in enumerate(models):
            query = model._default_manager.order_by().values("pk").query
            sql, sql_params = query.get_compiler(connection=connection).as_sql()
            # Django's own compiled SQL and a number: no outside input.
            parts.append(f"SELECT {number}, COUNT(*) FROM ({sql}) AS counted_{number}")  # noqa: S608
            params.extend(sql_params)
        _COUNT_QUERIES[connection.vendor] = (models, " UNION ALL ".join(parts), params)
    models, sql, params = _COUNT_QUERIES[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        counts = dict(cursor.fetchall())
    return {model._meta.label: counts[number] for number, model in enumerate(models)}


def _routes():
    """(name, module) of every named route in the URLconf."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, pattern.callback.__module__

    return list(walk(get_resolver().url_patterns))


def _ours(name: str, module: str) -> bool:
    return name.split(":")[0] in OUR_NAMESPACES or not module.startswith(FOREIGN_MODULES)


# --- Tests -------------------------------------------------------------------------------


def test_every_route_is_in_the_matrix():
    ours = {name for name, module in _routes() if _ours(name, module)}
    in_table = {endpoint.name for endpoint in ENDPOINTS} | set(GET_ONLY)
    missing = sorted(ours - in_table)
    assert not missing, f"Add a row to ENDPOINTS or GET_ONLY for: {missing}"
    stale = sorted(in_table - {name for name, _module in _routes()})
    assert not stale, f"Rows for routes that no longer exist: {stale}"
    assert all(set(endpoint.expect) == set(ROLES) for endpoint in ENDPOINTS)
    assert all(set(expect) == set(ROLES) for expect in ADMIN_AREAS.values())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_post_matrix(world, endpoint: Endpoint, role: str):
    client = _client(world, role)
    url = reverse(endpoint.name, kwargs=endpoint.kwargs(world))
    expected = endpoint.expect[role]
    refused = expected in (DENIED, 403, 404)
    before = _row_counts() if refused else None  # only a refusal is checked for changes
    response = client.post(url, endpoint.data(world))
    _assert_status(response, expected, f"{role} POST {endpoint.name}")
    if refused:
        assert _row_counts() == before, f"refused {role} POST {endpoint.name} changed data"


def _assert_status(response, expected: Expect, what: str) -> None:
    if expected == DENIED:
        location = response.headers.get("Location", "")
        assert response.status_code == 302, f"{what}: {response.status_code}, expected DENIED"
        assert "login" in location or location.rstrip("/").endswith("/admin"), (
            f"{what}: redirected to {location}, not to a login page or the dashboard"
        )
    else:
        assert response.status_code == expected, (
            f"{what}: {response.status_code}, expected {expected}"
        )


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_post_without_csrf_token_is_refused(world, endpoint: Endpoint):
    if endpoint.name in ORIGIN_CHECKED:
        client = Client(enforce_csrf_checks=True)
        url = reverse(endpoint.name, kwargs=endpoint.kwargs(world))
        response = client.post(url, endpoint.data(world),
                               headers={"Origin": "https://evil.example"})
        assert response.status_code == 403 and not response.cookies
        return
    if endpoint.name in CSRF_EXEMPT:
        pytest.skip("deliberately exempt: see CSRF_EXEMPT")
    # The role most likely to be let through: the superuser (or anonymous where the
    # superuser is refused, e.g. login forms).
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["superuser"])
    url = reverse(endpoint.name, kwargs=endpoint.kwargs(world))
    before = _row_counts()
    response = client.post(url, endpoint.data(world))
    assert response.status_code == 403, f"{endpoint.name} accepted a POST without CSRF token"
    assert _row_counts() == before
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post(url, endpoint.data(world)).status_code == 403


@pytest.mark.parametrize(
    "name", [e.name for e in ENDPOINTS] + sorted(GET_ONLY), ids=lambda name: name
)
def test_get_changes_nothing(world, name: str):
    by_name = {e.name: e.kwargs for e in ENDPOINTS} | GET_ONLY
    url = reverse(name, kwargs=by_name[name](world))
    clients = {role: _client(world, role) for role in ROLES}  # logins happen here
    before = _row_counts()
    for role, client in clients.items():
        response = client.get(url)
        assert response.status_code < 500, f"{role} GET {name}: {response.status_code}"
    assert _row_counts() == before, f"GET {name} changed rows"


@pytest.mark.parametrize("name", sorted(GET_ONLY))
def test_get_only_routes_ignore_post(world, name: str):
    superuser_client = _client(world, "superuser")
    url = reverse(name, kwargs=GET_ONLY[name](world))
    before = _row_counts()
    response = superuser_client.post(url, {"anything": "x"})
    assert response.status_code in (200, 302, 403, 404, 405)
    assert _row_counts() == before, f"POST to GET-only {name} changed rows"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", sorted(ADMIN_AREAS))
def test_admin_areas(world, path: str, role: str):
    response = _client(world, role).get(path)
    _assert_status(response, ADMIN_AREAS[path][role], f"{role} GET {path}")
    if role in ("anonymous", "citizen", "pending_asn", "verified_asn"):
        assert "login" in response.headers.get("Location", "")


def test_the_matrix_objects_are_real(world):
    """Guard against a row pointing at nothing: the world has what the rows use."""
    assert OfficialAnswer.objects.filter(pk=world["answer"].pk).exists()
    assert world["asn_request"].status == AsnProfile.Status.PENDING
