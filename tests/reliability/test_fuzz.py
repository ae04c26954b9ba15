"""Fuzz: Hypothesis drives every public form and every public GET query parameter with
arbitrary text: control characters, RTL overrides, 10,000-character values, numbers
where text is expected and text where numbers are, and raw bytes that are not UTF-8
(the only way a lone surrogate can reach us over HTTP: its UTF-8-like encoding
``%ED%A0%80`` in a query string or form body). Whatever arrives, the answer is never a
500 (the test client re-raises any exception a view lets through).

Adding a form or a page (comments, search, statistics): one row in ``FORMS`` or
``QUERIES``. Bounded: ``FUZZ_EXAMPLES`` examples per row (default 20), no deadline.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, quote_from_bytes

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from discussions.comments import services as comment_services
from discussions.notifications.services import make_unsubscribe_token
from discussions.survey.models import ELEMENT_FIELDS as SURVEY_ELEMENTS
from discussions.threads import services as forum_services
from forum_site.accounts import roles
from tests.accounts.factories import UserFactory
from tests.discussions.factories import CategoryFactory, ThreadFactory, resolved_thread

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
FUZZ = hypothesis_settings(
    max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)

# --- what we throw ------------------------------------------------------------------------

TRICKY = [
    "", " ", "\x00", "\x00abc", "\r\n\r\n", "\t", "\x1b[31m", "\u202e\u202dabc",
    "\u200f\u200e", "\ufeff", "\uffff", "\U0010ffff", "🇮🇩" * 50, "Z̴̢̛a̵l̸g̷o̶",
    "'; DROP TABLE discussions_thread; --", "<script>alert(1)</script>", "{{ 7*7 }}",
    "{% debug %}", "../../../../etc/passwd", "//evil.example/", "javascript:alert(1)",
    "https://evil.example/", "/\\evil.example", "-1", "0", "1e309", "NaN", "9" * 40,
    "١٢٣", "%00", "%", "&", "=", "?", "#", "a" * 10_000,
]
huge = st.text(min_size=1, max_size=8).map(lambda s: (s * (10_000 // len(s) + 1))[:10_000])
nasty_text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(max_size=200),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Co", "Mn"]),
            max_size=60),
    st.integers().map(str),
    huge,
)
raw_bytes = st.one_of(
    st.binary(max_size=300),
    st.sampled_from([b"\xed\xa0\x80", b"\xed\xb0\x80abc", b"\xff\xfe", b"\xc0\xaf",
                     b"\x80", b"a\x00b"]),
)


@dataclass(frozen=True)
class Form:
    name: str
    role: str  # "anonymous" or a key of the world's people, who posts
    url: Callable[[dict], str]
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Query:
    name: str
    role: str
    url: Callable[[dict], str]
    params: tuple[str, ...]


COMMENT_FIELDS = ("target", "comment", "name", "email", "consent", "website", "started",
                  "parent")
SEARCH_PARAMS = ("q", "type", "unit", "category", "area", "year", "status", "answered",
                 "sort", "page", "lang")


def _thread_url(w, name):
    return reverse(name, args=[w["thread"].pk])


FORMS = [
    Form("thread create", "citizen", lambda w: reverse("discussions:thread_create"),
         ("kind", "category", "unit", "title", "body", "about", "similar_checked")),
    Form("registration", "anonymous", lambda w: reverse("account_signup"),
         ("email", "display_name", "password1", "password2", "privacy_consent")),
    Form("login", "anonymous", lambda w: reverse("account_login"),
         ("login", "password", "remember", "next")),
    Form("password reset", "anonymous", lambda w: reverse("account_reset_password"),
         ("email",)),
    Form("language switch", "anonymous", lambda w: reverse("set_language"),
         ("language", "next")),
    Form("consent", "citizen", lambda w: reverse("accounts:consent"),
         ("privacy_consent", "next")),
    Form("personal-data request", "citizen",
         lambda w: reverse("accounts:personal_data_request"), ("kind", "message")),
    Form("ASN verification request", "citizen",
         lambda w: reverse("accounts:asn_verification_request"),
         ("nip", "position", "unit", "official_email")),
    Form("account delete", "citizen", lambda w: reverse("accounts:account_delete"),
         ("password",)),
    Form("support", "citizen", lambda w: _thread_url(w, "discussions:thread_support"),
         ("undo",)),
    Form("dispute", "citizen", lambda w: _thread_url(w, "discussions:thread_dispute"),
         ("reason",)),
    Form("official answer", "verified_asn",
         lambda w: _thread_url(w, "discussions:answer_publish"), ("body", "seen_answers")),
    Form("answer edit", "verified_asn",
         lambda w: reverse("discussions:answer_edit", args=[w["answer"].pk]), ("body",)),
    Form("acknowledge", "verified_asn",
         lambda w: _thread_url(w, "discussions:thread_acknowledge"), ("note",)),
    Form("extend", "verified_asn", lambda w: _thread_url(w, "discussions:thread_extend"),
         ("reason",)),
    Form("close", "moderator", lambda w: _thread_url(w, "discussions:thread_close"),
         ("reason_kind", "duplicate_of", "reason")),
    Form("re-route", "moderator", lambda w: _thread_url(w, "discussions:thread_reroute"),
         ("unit", "reason")),
    Form("notification settings", "citizen",
         lambda w: reverse("discussions:notification_preferences"),
         ("answer__email", "answer__site", "status__email")),
    Form("unsubscribe", "anonymous",
         lambda w: reverse("discussions:unsubscribe", args=[w["token"]]), ("confirm",)),
    Form("comment (anonymous)", "anonymous", lambda w: reverse("discussions:comment_post"),
         COMMENT_FIELDS),
    Form("comment (registered)", "citizen", lambda w: reverse("discussions:comment_post"),
         COMMENT_FIELDS),
    Form("comment reply", "citizen",
         lambda w: reverse("discussions:comment_reply", args=[w["comment"].pk]),
         COMMENT_FIELDS),
    Form("comment report", "citizen",
         lambda w: reverse("discussions:comment_flag", args=[w["comment"].pk]),
         ("reason", "note")),
    Form("comment edit", "verified_asn",
         lambda w: reverse("discussions:comment_edit", args=[w["comment"].pk]), ("comment",)),
    Form("comment like", "citizen",
         lambda w: reverse("discussions:comment_like", args=[w["comment"].pk]), ("undo",)),
    Form("thread report", "citizen", lambda w: _thread_url(w, "discussions:thread_flag"),
         ("reason", "note")),
    Form("PPID decision", "ppid_officer",
         lambda w: reverse("discussions:ppid_decide", args=[w["request"].pk]),
         ("outcome", "exemption", "consequence_test", "holding_office", "information_form",
          "cost", "cost_note", "body", "attachments")),
    Form("objection", "citizen",
         lambda w: reverse("discussions:ppid_object", args=[w["request"].pk]),
         ("grounds", "reason")),
    Form("objection answer", "ppid_superior",
         lambda w: reverse("discussions:ppid_objection_answer", args=[w["request"].pk]),
         ("upheld", "answer")),
    Form("Komisi Informasi step", "citizen",
         lambda w: reverse("discussions:ppid_komisi", args=[w["request"].pk]), ("confirm",)),
    Form("satisfaction survey", "citizen",
         lambda w: reverse("discussions:survey_answer", args=[w["resolved"].pk]),
         (*SURVEY_ELEMENTS, "comment", "gender", "age_band", "education", "occupation")),
    Form("survey follow-up plan", "verified_asn",
         lambda w: reverse("discussions:skm_follow_up", args=["bkpsdm", 2026]),
         ("plan", "elements")),
    Form("FAQ entry", "verified_asn",
         lambda w: reverse("discussions:faq_promote", args=[w["resolved"].pk]),
         ("question", "answer", "question_en", "answer_en", "review_by")),
    Form("survey comment moderation", "moderator",
         lambda w: reverse("discussions:skm_comment_queue"), ("response", "decision")),
]

QUERIES = [
    Query("home", "anonymous", lambda w: "/", ("page", "q")),
    Query("thread list", "anonymous", lambda w: reverse("discussions:thread_list"),
          ("status", "kind", "category", "unit", "page", "q", "sort")),
    Query("thread page", "anonymous", lambda w: w["thread"].get_absolute_url(), ("page",)),
    Query("answer history", "anonymous",
          lambda w: reverse("discussions:answer_history", args=[w["answer"].pk]), ("page",)),
    Query("feed", "anonymous", lambda w: reverse("discussions:feed"), ("category", "unit")),
    Query("privacy", "anonymous", lambda w: reverse("core:privacy"), ("lang",)),
    Query("open data", "anonymous", lambda w: reverse("core:open_data"), ("format",)),
    Query("login page", "anonymous", lambda w: reverse("account_login"), ("next",)),
    Query("signup page", "anonymous", lambda w: reverse("account_signup"), ("next",)),
    Query("sitemap", "anonymous", lambda w: reverse("sitemap"), ("p", "page")),
    Query("new thread page", "citizen", lambda w: reverse("discussions:thread_create"),
          ("about", "category")),
    Query("consent page", "citizen", lambda w: reverse("accounts:consent"), ("next",)),
    Query("unit queue", "verified_asn", lambda w: reverse("discussions:unit_queue"),
          ("unit", "page", "status")),
    Query("notifications", "citizen", lambda w: reverse("discussions:notification_list"),
          ("page",)),
    Query("search page", "anonymous", lambda w: reverse("search:search"), SEARCH_PARAMS),
    Query("search API", "anonymous", lambda w: reverse("search_api:search"), SEARCH_PARAMS),
    Query("search suggestions", "anonymous", lambda w: reverse("search_api:suggest"),
          ("q", "lang")),
    Query("moderation ledger", "anonymous",
          lambda w: reverse("discussions:moderation_ledger"), ("page", "month", "rule")),
    Query("request register", "anonymous",
          lambda w: reverse("discussions:ppid_request_register"), ("page", "year")),
    Query("objection register", "anonymous",
          lambda w: reverse("discussions:ppid_objection_register"), ("page", "year")),
    Query("request receipt", "citizen",
          lambda w: reverse("discussions:ppid_receipt", args=[w["request"].pk]), ("page",)),
    Query("FAQ", "anonymous", lambda w: reverse("discussions:faq_list"), ("unit", "category")),
    Query("satisfaction survey", "anonymous", lambda w: reverse("discussions:skm_index"),
          ("year",)),
    Query("satisfaction survey of a unit", "anonymous",
          lambda w: reverse("discussions:skm_unit", args=["bkpsdm"]), ("year",)),
]


@pytest.fixture(scope="module")
def world(module_db):
    """What every row points at, built once for the module: each test runs in its own
    savepoint (``_savepoint``), so what its examples write (threads, comments, answers,
    survey responses) is undone before the next row, which sees this world as built;
    within one test, examples see each other's writes, as before."""
    from django.conf import settings

    from tests.conftest import (
        make_citizen,
        make_home_page,
        make_moderator,
        make_unit_a,
        make_verified_asn,
    )
    from tests.discussions.ppid_helpers import with_role

    rate_limits, settings.SERAMBI_RATE_LIMITS_ENABLED = settings.SERAMBI_RATE_LIMITS_ENABLED, False
    try:
        unit_a = make_unit_a()
        citizen, verified_asn = make_citizen(), make_verified_asn(unit_a)
        people = {
            "citizen": citizen, "verified_asn": verified_asn, "moderator": make_moderator(),
            "ppid_officer": with_role(UserFactory(display_name="Petugas PPID"), roles.PPID),
            "ppid_superior": with_role(UserFactory(display_name="Atasan PPID"),
                                       roles.PPID_SUPERIOR),
        }
        make_home_page()
        category = CategoryFactory(default_unit=unit_a, slug="kepegawaian")
        thread = ThreadFactory(category=category, author=citizen)
        answer = forum_services.answer_publish(
            user=verified_asn, thread=thread, body="Pendaftaran dibuka bulan depan di BKPSDM."
        )
        comment = comment_services.comment_create(
            target=comment_services.target_for(thread), user=verified_asn,
            body="Jadwalnya sudah diumumkan di papan informasi.",
        )
        request = forum_services.thread_create(
            author=citizen, kind="information_request", category=category,
            title="Permohonan salinan laporan kinerja 2026",
            body="Mohon salinan laporan kinerja instansi pemerintah tahun 2026.",
        )
        resolved = resolved_thread(category=category, author=citizen)
    finally:
        settings.SERAMBI_RATE_LIMITS_ENABLED = rate_limits
    return {"people": people, "thread": thread, "answer": answer, "comment": comment,
            "request": request, "resolved": resolved,
            "token": make_unsubscribe_token(user_id=citizen.pk, kind="answer")}


@pytest.fixture(autouse=True)
def _savepoint(db, settings):
    """Every test in its own savepoint inside the module's transaction (see module_db),
    with the rate limits off (twenty examples in a row are not an attack)."""
    settings.SERAMBI_RATE_LIMITS_ENABLED = False


def _client(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world["people"][role])
    return client


def _assert_answered(response, what: str):
    assert response.status_code < 500, f"{what}: {response.status_code}"


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_forms_never_500(world, form: Form):
    client, url = _client(world, form.role), form.url(world)

    @FUZZ
    @given(data=st.fixed_dictionaries({}, optional=dict.fromkeys(form.fields, nasty_text)))
    def post_text(data):
        _assert_answered(client.post(url, data), f"POST {form.name} {data!r:.200}")

    @FUZZ
    @given(data=st.dictionaries(st.sampled_from(form.fields), raw_bytes, max_size=4))
    def post_bytes(data):
        body = "&".join(f"{key}={quote_from_bytes(value)}" for key, value in data.items())
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        _assert_answered(response, f"POST {form.name} raw {body:.200}")

    post_text()
    post_bytes()


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_query_parameters_never_500(world, query: Query):
    client, url = _client(world, query.role), query.url(world)

    @FUZZ
    @given(params=st.dictionaries(st.sampled_from(query.params) | nasty_text, nasty_text,
                                  max_size=4))
    def get_text(params):
        qs = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params.items())
        _assert_answered(client.get(f"{url}?{qs}"), f"GET {query.name} ?{qs:.200}")

    @FUZZ
    @given(params=st.dictionaries(st.sampled_from(query.params), raw_bytes, max_size=3))
    def get_bytes(params):
        qs = "&".join(f"{k}={quote_from_bytes(v)}" for k, v in params.items())
        _assert_answered(client.get(f"{url}?{qs}"), f"GET {query.name} raw ?{qs:.200}")

    get_text()
    get_bytes()


def test_every_public_page_type_has_a_fuzz_row():
    """The forms and pages above cover the public URL names of the forum and accounts;
    a new public route must get a row (or be added to the list of exceptions)."""
    covered = {"discussions:thread_create", "account_signup", "account_login",
               "account_reset_password", "set_language", "accounts:consent",
               "accounts:personal_data_request", "accounts:asn_verification_request",
               "accounts:account_delete", "discussions:thread_support",
               "discussions:thread_dispute", "discussions:answer_publish",
               "discussions:answer_edit", "discussions:thread_acknowledge",
               "discussions:thread_extend", "discussions:thread_close",
               "discussions:thread_reroute", "discussions:notification_preferences",
               "discussions:unsubscribe", "discussions:thread_list",
               "discussions:thread_detail", "discussions:answer_history", "discussions:feed",
               "core:privacy", "core:open_data", "sitemap",
               "discussions:unit_queue", "discussions:notification_list",
               "discussions:survey_answer", "discussions:skm_follow_up",
               "discussions:skm_comment_queue", "discussions:skm_index",
               "discussions:skm_unit", "discussions:faq_promote",
               "discussions:faq_list", "discussions:faq_detail"}
    assert len(FORMS) + len(QUERIES) >= len(covered) - 1
