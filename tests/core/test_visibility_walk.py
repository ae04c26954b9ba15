"""Hidden stays hidden: every URL pattern of the site, as every kind of visitor, with
hidden, pending, rejected and deleted objects.

The world below holds a thread hidden by a moderator (with an official answer, its edit
history, a timeline note, a comment and a follower who was notified), a thread hidden
after reports (pending review), a new account's thread waiting for pre-moderation and
another one rejected (their author is none of the roles below), and on a public thread
comments that are hidden, rejected, pending, deleted after an edit, and a reply under a
hidden comment; a program page has a hidden comment too. Each carries a unique word
(`MARKERS`). Every URL pattern of the URLconf must have a case in `CASES` (or be named
in `FOREIGN` with the reason): `test_every_route_has_a_case` fails for a new route
without one. Each case's requests are made as an anonymous visitor, a citizen (who
followed the hidden thread before it was hidden), an ASN of another unit and a
moderator, following redirects; no response may contain a marker. Moderators may see
hidden content only on the routes in `MODERATOR_SEES` (the thread screen and the
moderation admin).

The rule under test is one: `discussions.permissions.can_view_thread` /
`can_view_comment` (and `selectors.threads_visible_to` / `threads_public` as queries).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from discussions.comments import services as comment_services
from discussions.models import CommentStatus, Follow, Support, Thread, ThreadVisibility
from discussions.moderation import services as moderation_services
from discussions.notifications.services import make_unsubscribe_token
from discussions.threads import services
from forum_site.accounts import roles
from forum_site.core import opendata
from tests.accounts.factories import AsnProfileFactory, UserFactory
from tests.discussions.factories import CategoryFactory
from tests.publications import factories as pages

MARKERS = {
    "hidden_thread": "penandathreadtersembunyi",
    "hidden_note": "penandacatatantersembunyi",
    "hidden_answer": "penandajawabantersembunyi",
    "hidden_answer_before": "penandarevisitersembunyi",
    "hidden_thread_comment": "penandakomentarthreadtersembunyi",
    "pending_thread": "penandathreadditahan",
    "waiting_thread": "penandathreadmenunggumoderasi",
    "rejected_thread": "penandathreadditolakmoderator",
    # The asker's own contact detail, masked in public, kept for the unit and moderators.
    "private_detail": "penandakontakpribadi",
    "hidden_comment": "penandakomentardisembunyikan",
    "rejected_comment": "penandakomentarditolak",
    "pending_comment": "penandakomentarmenunggu",
    "deleted_comment": "penandakomentardihapus",
    "reply_under_hidden": "penandabalasantersembunyi",
    "page_hidden_comment": "penandakomentarhalamantersembunyi",
    "hidden_survey_comment": "penandasurveithreadtersembunyi",
    "hidden_faq": "penandafaqtersembunyi",
    "pending_survey_comment": "penandasurveimenunggu",
    # A document attached to the PPID's decision on the hidden request (name and bytes).
    "hidden_attachment": "penandalampirantersembunyi",
}
PUBLIC_MARKER = "penandakomentarpublik"  # shown to everyone: proves pages are read

ROLES = ("anonymous", "citizen", "other_asn", "moderator")


@dataclass(frozen=True)
class Req:
    method: str
    url: str
    data: dict | None = None


Case = Callable[[dict], list[Req]]


def get(url: str, **data) -> Req:
    return Req("get", url, data or None)


def post(url: str, **data) -> Req:
    return Req("post", url, data)


def _each_thread(name: str, method=post, **data) -> Case:
    return lambda w: [method(reverse(name, kwargs={"pk": pk}), **data)
                      for pk in w["hidden_thread_ids"]]


def _each_comment(name: str, method=get, **data) -> Case:
    return lambda w: [method(reverse(name, kwargs={"pk": pk}), **data)
                      for pk in w["hidden_comment_ids"]]


def _plain(name: str, **kwargs) -> Case:
    return lambda w: [get(reverse(name, kwargs=kwargs))]


# Words every hidden text shares with public ones (a query echoes its words, so the
# markers themselves are never searched for).
SEARCH_WORDS = ("pelayanan", "layanan", "jadwal", "jawaban penanya", "komentar", "diterima",
                "pertanyaan", "penjelasan kepegawaian")


def _searches(name: str) -> Case:
    return lambda w: [get(reverse(name), q=words) for words in SEARCH_WORDS]


def _comment_post(w) -> list[Req]:
    url = reverse("discussions:comment_post")
    public = f"thread:{w['thread'].pk}"
    requests = [get(url, target=f"thread:{pk}") for pk in w["hidden_thread_ids"]]
    for pk in w["hidden_comment_ids"]:
        requests.append(get(url, target=public, parent=str(pk)))
        # An empty comment shows the form again, quoting the parent: it must be visible.
        requests.append(post(url, target=public, parent=str(pk), comment=""))
        requests.append(post(url, target=f"page:{w['program'].pk}", parent=str(pk),
                             comment=""))
    return requests


def _datasets(kind: str) -> Case:
    return lambda w: [get(reverse(f"core:dataset_{kind}", kwargs={"slug": d.slug}))
                      for d in opendata.registered()]


def _pages(w) -> list[Req]:
    return [get("/"), get("/en/"), get(w["program"].url), get(w["thread_page_url"])]


CASES: dict[str, Case] = {
    # Site-wide
    "set_language": lambda w: [post(reverse("set_language"), language="en",
                                    next=w["hidden_thread"].get_absolute_url())],
    "sitemap": _plain("sitemap"),
    "wagtail_serve": _pages,
    # Search (the page, the JSON API, suggestions) for every marker
    "search:search": _searches("search:search"),
    "search_api:search": _searches("search_api:search"),
    "search_api:suggest": _searches("search_api:suggest"),
    # Accounts
    "account_login": _plain("account_login"),
    "account_logout": _plain("account_logout"),
    "account_inactive": _plain("account_inactive"),
    "account_signup": _plain("account_signup"),
    "account_reauthenticate": _plain("account_reauthenticate"),
    "account_request_reauthentication_code": _plain("account_request_reauthentication_code"),
    "account_confirm_reauthentication_code": _plain("account_confirm_reauthentication_code"),
    "account_email": _plain("account_email"),
    "account_email_verification_sent": _plain("account_email_verification_sent"),
    "account_change_password": _plain("account_change_password"),
    "account_set_password": _plain("account_set_password"),
    "account_reset_password": _plain("account_reset_password"),
    "account_confirm_login_code": _plain("account_confirm_login_code"),
    "account_confirm_email": _plain("account_confirm_email", key="no-such-key"),
    "account_reset_password_from_key_done": _plain("account_reset_password_from_key_done"),
    "account_reset_password_from_key": _plain("account_reset_password_from_key",
                                              uidb36="zz", key="bad-key"),
    "account_reset_password_done": _plain("account_reset_password_done"),
    "accounts:overview": _plain("accounts:overview"),
    "accounts:asn_verification_request": _plain("accounts:asn_verification_request"),
    "accounts:asn_email_confirm": _plain("accounts:asn_email_confirm", token="rusak"),
    "accounts:asn_email_resend": _plain("accounts:asn_email_resend"),
    "accounts:personal_data_export": _plain("accounts:personal_data_export"),
    "accounts:personal_data_request": _plain("accounts:personal_data_request"),
    "accounts:account_delete": _plain("accounts:account_delete"),
    "accounts:consent": _plain("accounts:consent"),
    # Site pages and open data (every registered dataset, both formats)
    "core:privacy": _plain("core:privacy"),
    "core:open_data": _plain("core:open_data"),
    "core:dataset_csv": _datasets("csv"),
    "core:dataset_json": _datasets("json"),
    # Forum: lists, feeds, queue
    "discussions:thread_list": lambda w: [get(reverse("discussions:thread_list")),
                                          get(reverse("discussions:thread_list"),
                                              status="overdue")],
    "discussions:thread_create": lambda w: [get(reverse("discussions:thread_create"))],
    "discussions:unit_queue": lambda w: [get(reverse("discussions:unit_queue")),
                                         get(reverse("discussions:unit_queue"),
                                             unit=str(w["unit_a"].pk))],
    "discussions:feed": _plain("discussions:feed"),
    "discussions:answer_feed": _plain("discussions:answer_feed"),
    "discussions:overdue_feed": lambda w: [get(reverse("discussions:overdue_feed",
                                                       kwargs={"slug": w["unit_a"].slug}))],
    # Forum: one thread (the hidden and the pending one)
    "discussions:thread_detail": _each_thread("discussions:thread_detail", method=get),
    "discussions:thread_support": _each_thread("discussions:thread_support"),
    "discussions:thread_follow": _each_thread("discussions:thread_follow"),
    "discussions:thread_confirm": _each_thread("discussions:thread_confirm"),
    "discussions:thread_dispute": _each_thread("discussions:thread_dispute", reason=""),
    "discussions:thread_acknowledge": _each_thread("discussions:thread_acknowledge"),
    "discussions:thread_extend": _each_thread("discussions:thread_extend", reason=""),
    "discussions:thread_reroute": _each_thread("discussions:thread_reroute", reason=""),
    "discussions:thread_close": _each_thread("discussions:thread_close", reason=""),
    "discussions:answer_publish": _each_thread("discussions:answer_publish", body=""),
    "discussions:thread_flag": _each_thread("discussions:thread_flag", method=get),
    # The public-information path: the hidden thread is an information request
    # (registered, answered); its papers, forms and the public registers.
    "discussions:ppid_receipt": _each_thread("discussions:ppid_receipt", method=get),
    "discussions:ppid_receipt_pdf": _each_thread("discussions:ppid_receipt_pdf", method=get),
    "discussions:ppid_decision_pdf": _each_thread("discussions:ppid_decision_pdf", method=get),
    "discussions:ppid_attachment": lambda w: [
        get(reverse("discussions:ppid_attachment", kwargs={"pk": pk, "position": 1}))
        for pk in w["hidden_thread_ids"]],
    "discussions:ppid_case_file_pdf": _each_thread("discussions:ppid_case_file_pdf",
                                                   method=get),
    "discussions:ppid_case_file_zip": _each_thread("discussions:ppid_case_file_zip",
                                                   method=get),
    "discussions:ppid_decide": _each_thread("discussions:ppid_decide", body=""),
    "discussions:ppid_object": _each_thread("discussions:ppid_object", reason=""),
    "discussions:ppid_objection_answer": _each_thread("discussions:ppid_objection_answer",
                                                      answer=""),
    "discussions:ppid_komisi": _each_thread("discussions:ppid_komisi"),
    "discussions:ppid_request_register": _plain("discussions:ppid_request_register"),
    "discussions:ppid_objection_register": _plain("discussions:ppid_objection_register"),
    "discussions:answer_edit": lambda w: [get(reverse("discussions:answer_edit",
                                                      kwargs={"pk": w["answer"].pk}))],
    "discussions:answer_history": lambda w: [get(reverse("discussions:answer_history",
                                                         kwargs={"pk": w["answer"].pk}))],
    # Forum: comments (every comment nobody but its author or a moderator may see)
    "discussions:comment_post": _comment_post,
    "discussions:comment_permalink": _each_comment("discussions:comment_permalink"),
    "discussions:comment_reply": _each_comment("discussions:comment_reply"),
    "discussions:comment_like": _each_comment("discussions:comment_like", method=post),
    "discussions:comment_flag": _each_comment("discussions:comment_flag"),
    "discussions:comment_edit": _each_comment("discussions:comment_edit"),
    "discussions:comment_delete": _each_comment("discussions:comment_delete"),
    "discussions:comment_confirm": lambda w: [get(reverse("discussions:comment_confirm",
                                                          kwargs={"token": "x"}))],
    "discussions:moderation_ledger": _plain("discussions:moderation_ledger"),
    # Satisfaction survey: the asker's form on hidden threads; figures and comments
    "discussions:survey_answer": _each_thread("discussions:survey_answer", method=get),
    "discussions:skm_index": _plain("discussions:skm_index"),
    # FAQ: the entry of the hidden thread is neither listed, shown, nor made again
    "discussions:faq_promote": _each_thread("discussions:faq_promote", method=get),
    "discussions:faq_list": _plain("discussions:faq_list"),
    "discussions:faq_detail": lambda w: [get(reverse("discussions:faq_detail",
                                                     kwargs={"pk": w["hidden_faq"].pk}))],
    "discussions:skm_unit": lambda w: [get(reverse("discussions:skm_unit",
                                                   kwargs={"slug": w["unit_a"].slug}))],
    "discussions:skm_follow_up": lambda w: [get(reverse(
        "discussions:skm_follow_up", kwargs={"slug": w["unit_a"].slug, "year": w["year"]}))],
    "discussions:skm_comment_queue": _plain("discussions:skm_comment_queue"),
    "discussions:moderation_ledger_csv": _plain("discussions:moderation_ledger_csv"),
    "discussions:notification_list": _plain("discussions:notification_list"),
    "discussions:notification_preferences": _plain("discussions:notification_preferences"),
    "discussions:unsubscribe": lambda w: [get(reverse("discussions:unsubscribe",
                                                      kwargs={"token": w["token"]}))],
    # Transparency
    "transparency:statistics": _plain("transparency:statistics"),
    "transparency:unit_detail": lambda w: [get(reverse("transparency:unit_detail",
                                                       kwargs={"slug": w["unit_a"].slug}))],
    "transparency:information_report_index": _plain("transparency:information_report_index"),
    "transparency:information_report": lambda w: [get(reverse(
        "transparency:information_report", kwargs={"year": w["year"]}))],
    "transparency:information_report_csv": lambda w: [get(reverse(
        "transparency:information_report_csv", kwargs={"year": w["year"]}))],
    # Our Wagtail admin views (moderators; everyone else is sent to the admin login)
    "discussions_admin:thread_index": _plain("discussions_admin:thread_index"),
    "discussions_admin:thread_moderate": _each_thread("discussions_admin:thread_moderate",
                                                      method=get),
    "discussions_admin:moderation_queue": lambda w: [
        get(reverse("discussions_admin:moderation_queue")),
        get(reverse("discussions_admin:moderation_queue"), show="hidden")],
    "accounts_admin:verification_queue": _plain("accounts_admin:verification_queue"),
    "accounts_admin:verification_review": lambda w: [get(reverse(
        "accounts_admin:verification_review", kwargs={"pk": w["other_asn"].asn_profile.pk}))],
    "accounts_admin:verification_revoke": lambda w: [get(reverse(
        "accounts_admin:verification_revoke", kwargs={"pk": w["other_asn"].asn_profile.pk}))],
    # A person's own lists: the citizen followed the hidden thread before it was hidden.
    "discussions:my_threads": _plain("discussions:my_threads"),
    "discussions:followed_threads": _plain("discussions:followed_threads"),
    "units:edit": lambda w: [get(reverse("units:edit", kwargs={"pk": w["unit_a"].pk}))],
    # Wagtail's old doors only redirect to allauth's; the second-factor screens show no
    # forum content (allauth.mfa, mounted under /akun/).
    "wagtail_login_redirect": _plain("wagtail_login_redirect"),
    "wagtail_frontend_login_redirect": _plain("wagtail_frontend_login_redirect"),
    "wagtail_password_reset_redirect": lambda w: [get("/admin/password_reset/")],
    **{name: _plain(name) for name in (
        "mfa_index", "mfa_authenticate", "mfa_reauthenticate", "mfa_activate_totp",
        "mfa_deactivate_totp", "mfa_generate_recovery_codes", "mfa_view_recovery_codes",
        "mfa_download_recovery_codes")},
    "accounts_data_requests:queue": _plain("accounts_data_requests:queue"),
    "accounts_data_requests:answer": lambda w: [get(reverse(
        "accounts_data_requests:answer", kwargs={"pk": 999999}))],
}

# Routes with no case, and why none can show forum content.
FOREIGN_MODULES = (
    "wagtail.",  # Wagtail's admin, its APIs, images, documents (staff only, or files)
    "django.contrib.auth.",  # Wagtail's page-privacy login form
    "django.views.generic.base",  # robots.txt, the privacy page, error-page test routes
)
OURS_DESPITE_MODULE = {"wagtail_serve", "core:privacy"}

# Where a moderator is meant to see hidden content (the thread screen and moderation).
MODERATOR_SEES = {
    "discussions:thread_detail", "discussions:thread_support", "discussions:thread_follow",
    "discussions:thread_confirm", "discussions:thread_dispute",
    "discussions:thread_acknowledge", "discussions:thread_extend",
    "discussions:thread_reroute", "discussions:thread_close", "discussions:answer_publish",
    "discussions:answer_history", "discussions:answer_edit", "discussions_admin:thread_index",
    "discussions_admin:thread_moderate", "discussions_admin:moderation_queue",
    # The comments of a hidden thread are public comments on a thread moderators see.
    "discussions:comment_reply", "discussions:comment_like", "discussions:comment_flag",
    "discussions:comment_permalink",
    "set_language",  # back to the hidden thread's page
    # A request's papers (receipt, letters, case file) follow its thread screen.
    "discussions:ppid_receipt", "discussions:ppid_receipt_pdf",
    "discussions:ppid_decision_pdf", "discussions:ppid_case_file_pdf",
    "discussions:ppid_attachment",
    "discussions:ppid_case_file_zip", "discussions:ppid_decide", "discussions:ppid_object",
    "discussions:ppid_objection_answer", "discussions:ppid_komisi",
    "discussions:skm_comment_queue",  # survey comments waiting for moderation
    "discussions:faq_promote",  # a thread screen: the FAQ form of a thread moderators see
    # A signed-in moderator sent to a sign-in page lands on their work, the moderation
    # queue (forum_site/accounts/landing.py).
    "account_login", "account_signup", "account_confirm_login_code", "mfa_authenticate",
}


def _routes() -> list[tuple[str, str]]:
    """(key, module) of every URL pattern: its full name, or its pattern if unnamed."""

    def walk(patterns, namespace="", prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                if pattern.name:
                    key = f"{namespace}:{pattern.name}" if namespace else pattern.name
                else:
                    key = prefix + str(pattern.pattern)
                yield key, pattern.callback.__module__

    return list(walk(get_resolver().url_patterns))


def _foreign(key: str, module: str) -> bool:
    return key not in OURS_DESPITE_MODULE and module.startswith(FOREIGN_MODULES)


# --- the world ---------------------------------------------------------------------------


def _asn(unit, name):
    return AsnProfileFactory(
        user=UserFactory(display_name=name, roles=[roles.CITIZEN, roles.ASN]),
        unit=unit, position="Analis SDM Aparatur", verified=True,
    ).user


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end
    (as Django's setUpTestData); each test runs in its own savepoint within it."""
    from django.db import transaction
    from django.test.utils import override_settings

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="walk-media-"),
                                   SERAMBI_FLAG_HIDE_THRESHOLD=1,
                                   SERAMBI_RATE_LIMITS_ENABLED=False,
                                   SERAMBI_THREAD_PREMODERATION=True):
                yield _build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _ppid_decision_with_attachment(thread) -> None:
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile

    from discussions.ppid import services as ppid_services

    officer = UserFactory(display_name="Petugas PPID")
    Group.objects.get(name=roles.PPID).user_set.add(officer)
    marker = MARKERS["hidden_attachment"]
    ppid_services.request_decide(
        user=officer, thread=thread, outcome="granted", information_form="softcopy",
        body="Data yang dimohon kami lampirkan pada keputusan ini.",
        attachments=[SimpleUploadedFile(f"lampiran {marker}.pdf",
                                        f"%PDF-1.4\n% {marker}\n".encode())])


def _build_world() -> dict:
    from django.utils import timezone

    from tests.accounts.factories import UnitFactory
    from tests.conftest import make_home_page

    home_page = make_home_page()
    unit_a = UnitFactory(name="Badan Kepegawaian", short_name="BKPSDM", slug="bkpsdm")
    unit_b = UnitFactory(name="Dinas Kesehatan", short_name="Dinkes", slug="dinkes")
    citizen = UserFactory(display_name="Siti Warga", roles=[roles.CITIZEN])
    moderator = UserFactory(display_name="Moderator Serambi", roles=[roles.MODERATOR])
    author = UserFactory(display_name="Penanya Lama", roles=[roles.CITIZEN],
                         date_joined=timezone.now() - dt.timedelta(days=90))
    newcomer = UserFactory(display_name="Warga Baru", roles=[roles.CITIZEN])
    asn = _asn(unit_a, "Dewi BKPSDM")
    other_asn = _asn(unit_b, "Budi Dinkes")
    category = CategoryFactory(default_unit=unit_a, slug="kepegawaian")
    programs = pages.program_index(parent=home_page)
    with TestCase.captureOnCommitCallbacks(execute=True):
        program = pages.publish(pages.program_page(), parent=programs)

    def new_thread(word, kind="question", by=author, approve=True, contact=""):
        thread = services.thread_create(
            author=by, kind=kind, category=category,
            title=f"Pertanyaan {word} tentang layanan",
            body=f"Mohon penjelasan tentang {word} dan jadwal pelayanan kepegawaian.{contact}",
        )
        # Pre-moderation is on: the author's first threads wait for the moderator.
        assert thread.visibility == ThreadVisibility.WAITING
        if approve:
            moderation_services.threads_moderate(
                moderator=moderator, thread_ids=[thread.pk], action="approve")
            thread.refresh_from_db()
        return thread

    def comment(target_obj, user, word, parent=None):
        return comment_services.comment_create(
            target=comment_services.target_for(target_obj), user=user, parent=parent,
            body=f"Komentar {word} tentang jadwal pelayanan.")

    def moderate(ids, action, rule="spam"):
        moderation_services.comments_moderate(
            moderator=moderator, comment_ids=ids, action=action, rule=rule)

    with TestCase.captureOnCommitCallbacks(execute=True):
        hidden = new_thread(MARKERS["hidden_thread"], kind="information_request",
                            contact=f" Email saya {MARKERS['private_detail']}@contoh.id.")
        services.thread_follow(user=citizen, thread=hidden)
        services.thread_acknowledge(user=asn, thread=hidden,
                                    note=f"Diterima {MARKERS['hidden_note']}.")
        answer = services.answer_publish(
            user=asn, thread=hidden,
            body=f"Jawaban {MARKERS['hidden_answer_before']} untuk penanya.")
        services.answer_edit(user=asn, answer=answer,
                             body=f"Jawaban {MARKERS['hidden_answer']} untuk penanya.")
        hidden_thread_comment = comment(hidden, asn, MARKERS["hidden_thread_comment"])
        _ppid_decision_with_attachment(hidden)
        pending_thread = new_thread(MARKERS["pending_thread"])
        waiting_thread = new_thread(MARKERS["waiting_thread"], by=newcomer, approve=False)
        rejected_thread = new_thread(MARKERS["rejected_thread"], by=newcomer, approve=False)
        moderation_services.threads_moderate(
            moderator=moderator, thread_ids=[rejected_thread.pk], action="reject", rule="spam")
        thread = new_thread("umum")
        comment(thread, asn, PUBLIC_MARKER)
        hidden_comment = comment(thread, asn, MARKERS["hidden_comment"])
        rejected = comment(thread, newcomer, MARKERS["rejected_comment"])
        pending = comment(thread, newcomer, MARKERS["pending_comment"])
        deleted = comment(thread, asn, MARKERS["deleted_comment"])
        page_comment = comment(program, asn, MARKERS["page_hidden_comment"])
    # The decisions, each as its own request would commit it.
    with TestCase.captureOnCommitCallbacks(execute=True):
        comment_services.comment_edit(user=asn, comment=deleted,
                                      body="Komentar ini sudah saya perbaiki isinya.")
        comment_services.comment_delete(user=asn, comment=deleted)
        moderate([hidden_comment.pk, page_comment.pk], "hide")
        moderate([rejected.pk], "reject")
        # The reply's parent is hidden afterwards: the reply goes with it.
        hidden_parent = comment(thread, asn, "induk balasan")
        reply_hidden = comment(thread, asn, MARKERS["reply_under_hidden"],
                               parent=hidden_parent)
        moderate([hidden_parent.pk], "hide")
        moderation_services.threads_moderate(
            moderator=moderator, thread_ids=[hidden.pk], action="hide", rule="spam")
        moderation_services.thread_flag(user=other_asn, thread=pending_thread, reason="spam")
    # Survey comments: approved on the hidden thread, pending on a public one.
    from tests.discussions.factories import survey_response

    survey_response(thread=hidden, scores=[4] * 9, comment_status="approved",
                    comment=f"Puas {MARKERS['hidden_survey_comment']}.")
    survey_response(thread=thread, scores=[3] * 9, comment_status="pending",
                    comment=f"Cepat {MARKERS['pending_survey_comment']}.")
    # A FAQ entry made from the hidden thread (before it was hidden).
    from discussions.models import FaqEntry

    hidden_faq = FaqEntry.objects.create(
        thread=hidden, source_answer=answer, unit=unit_a, category=category,
        question=f"Pertanyaan {MARKERS['hidden_faq']} umum?",
        answer=f"Jawaban {MARKERS['hidden_faq']} untuk semua penanya.",
        answer_html=f"<p>Jawaban {MARKERS['hidden_faq']} untuk semua penanya.</p>",
        review_by=dt.date(2099, 1, 1))
    # Past its deadline: the overdue feed, queue and statistics would list it if shown.
    Thread.objects.filter(pk__in=[hidden.pk, pending_thread.pk, waiting_thread.pk,
                                  rejected_thread.pk]).update(
        is_overdue=True, answer_due=dt.date(2020, 1, 1), status="open")
    hidden.refresh_from_db()
    assert hidden.visibility == ThreadVisibility.HIDDEN
    assert hidden.private_details.filter(value__contains=MARKERS["private_detail"]).exists()
    pending_thread.refresh_from_db()
    assert pending_thread.visibility == ThreadVisibility.PENDING
    rejected_thread.refresh_from_db()
    assert rejected_thread.visibility == ThreadVisibility.REJECTED
    for row, status in ((pending, CommentStatus.PENDING), (rejected, CommentStatus.REJECTED)):
        row.refresh_from_db()
        assert row.status == status
    return {
        "unit_a": unit_a, "thread": thread, "hidden_thread": hidden, "answer": answer,
        "hidden_faq": hidden_faq,
        "program": program, "other_asn": other_asn, "citizen": citizen,
        "moderator": moderator,
        "hidden_thread_ids": [hidden.pk, pending_thread.pk, waiting_thread.pk,
                              rejected_thread.pk],
        "hidden_comment_ids": [hidden_comment.pk, rejected.pk, pending.pk, deleted.pk,
                               reply_hidden.pk, hidden_parent.pk, hidden_thread_comment.pk,
                               page_comment.pk],
        "thread_page_url": thread.get_absolute_url(),
        "token": make_unsubscribe_token(user_id=citizen.pk, kind="answer"),
        "year": hidden.created_at.year,
    }


def _client(world, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world[role])
    return client


# --- tests ---------------------------------------------------------------------------------


def test_every_route_has_a_case():
    routes = _routes()
    ours = {key for key, module in routes if not _foreign(key, module)}
    missing = sorted(ours - set(CASES))
    assert not missing, f"Add a case to CASES (or a reason to FOREIGN) for: {missing}"
    stale = sorted(set(CASES) - {key for key, _module in routes})
    assert not stale, f"Cases for routes that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_route_shows_hidden_content(db, world, name):
    supports = Support.objects.count(), Follow.objects.count()
    for role in ROLES:
        client = _client(world, role)
        for req in CASES[name](world):
            with TestCase.captureOnCommitCallbacks(execute=True):
                response = getattr(client, req.method)(req.url, req.data or {}, follow=True)
            assert response.status_code < 500, f"{role} {req.method} {req.url}"
            body = b"".join(response.streaming_content) if response.streaming else (
                response.content)
            text = body.decode("utf-8", "replace")
            if role == "moderator" and name in MODERATOR_SEES:
                continue
            leaked = [key for key, marker in MARKERS.items() if marker in text]
            assert not leaked, (
                f"{role} {req.method.upper()} {req.url} {req.data} shows {leaked}")
    # A hidden thread takes no support and no followers, whoever asks.
    assert (Support.objects.count(), Follow.objects.count()) == supports


def test_public_content_is_found_by_the_same_walk(db, world):
    """The walk reads real pages: what is public does show."""
    response = Client().get(world["thread_page_url"])
    assert PUBLIC_MARKER in response.content.decode()
    response = Client().get(reverse("search_api:search"), {"q": "pelayanan"})
    assert PUBLIC_MARKER in response.content.decode()
    moderator = _client(world, "moderator")
    page = moderator.get(world["hidden_thread"].get_absolute_url()).content.decode()
    assert MARKERS["hidden_answer"] in page and MARKERS["hidden_attachment"] in page
    document = moderator.get(reverse("discussions:ppid_attachment",
                                     args=[world["hidden_thread"].pk, 1]))
    assert MARKERS["hidden_attachment"].encode() in b"".join(document.streaming_content)

