"""The page registry stays in step with the URL configuration and the demo data.

No browser needed: these run in every `make test`, so a renamed or retranslated URL
breaks here, with a plain message, before the browser gate visits a 404.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from . import pages
from .pages import ASN_LOGIN, CASES, DEMO_LOGIN, LANGUAGES, PAGES, PPID_LOGIN


def test_registry_names_are_unique_and_every_page_has_both_languages():
    assert len({p.name for p in PAGES}) == len(PAGES)
    for page in PAGES:
        assert set(page.urls) == set(LANGUAGES), page.name
        assert page.urls["en"].startswith("/en/"), page.name
        assert not page.urls["id"].startswith("/en/"), page.name


@pytest.mark.parametrize("case", [c for c in CASES if c.page.route], ids=lambda c: c.id)
def test_registry_url_is_what_django_reverses(case):
    with translation.override(case.lang):
        assert reverse(case.page.route) == case.path


def test_registry_demo_login_is_a_seed_demo_account():
    from forum_site.accounts import demo

    assert DEMO_LOGIN["password"] == demo.DEMO_PASSWORD
    assert DEMO_LOGIN["login"] in [account[0] for account in demo.ACCOUNTS]


def test_registry_signed_in_pages_use_seed_demo_accounts():
    from discussions import demo as forum_demo
    from forum_site.accounts import demo

    assert ASN_LOGIN["login"] in forum_demo.ASN_BY_UNIT.values()
    assert ASN_LOGIN["password"] == demo.DEMO_PASSWORD
    assert PPID_LOGIN["login"] == forum_demo.PPID_USER[0]
    assert PPID_LOGIN["password"] == demo.DEMO_PASSWORD
    for page in PAGES:
        if page.login:
            assert page.login in (DEMO_LOGIN, ASN_LOGIN, PPID_LOGIN), page.name


def test_registry_information_request_is_a_demo_request_decided_with_documents():
    from discussions import demo as forum_demo

    (spec,) = [s for s in forum_demo.THREADS if s.title == pages.INFORMATION_REQUEST_TITLE]
    assert spec.kind == "information_request"
    decisions = [step for step in spec.steps if step[0] == "decide"]
    assert len(decisions) == 1 and len(decisions[0][-1]) >= 2  # documents attached


def test_registry_undecided_request_is_a_demo_request_nobody_decided():
    from discussions import demo as forum_demo

    (spec,) = [s for s in forum_demo.THREADS if s.title == pages.UNDECIDED_REQUEST_TITLE]
    assert spec.kind == "information_request" and not spec.steps


@pytest.mark.parametrize("case", [c for c in CASES if "_request}" in c.page.urls[c.lang]],
                         ids=lambda c: c.id)
def test_registry_information_request_urls_are_what_django_reverses(case, monkeypatch):
    monkeypatch.setitem(pages._RESOLVED, "information_request", "42")
    monkeypatch.setitem(pages._RESOLVED, "undecided_request", "42")
    name = ("discussions:ppid_receipt" if case.page.name.endswith("receipt")
            else "discussions:thread_detail")
    with translation.override(case.lang):
        assert reverse(name, args=[42]) == case.path


def test_registry_thread_with_answer_is_the_first_demo_thread():
    from discussions import demo as forum_demo

    first = forum_demo.THREADS[0]
    assert first.title == pages.THREAD_WITH_ANSWER_TITLE
    assert any(step[0] == "answer" for step in first.steps)


@pytest.mark.django_db
def test_registry_looks_the_thread_up_through_the_search_api(client, monkeypatch):
    """Whatever id seeding gave the demo thread, the gate asks the site for it: the
    answered thread with that exact title, not a look-alike or an unanswered one."""
    from search.services import index_records
    from tests.discussions.factories import OfficialAnswerFactory, ThreadFactory

    title = pages.THREAD_WITH_ANSWER_TITLE
    ThreadFactory(title=title.replace("2027", "2026"), answers_count=1)  # a look-alike
    ThreadFactory(title=title, indexed=False)  # the same title, unanswered
    thread = ThreadFactory(title=title, answers_count=1, indexed=False)
    OfficialAnswerFactory(thread=thread)
    index_records(record_type="thread", ids=list(
        type(thread).objects.values_list("pk", flat=True)))
    response = client.get(pages.THREAD_WITH_ANSWER_LOOKUP)
    assert response.status_code == 200
    assert pages.thread_with_answer_id(response.json()) == thread.pk

    (case,) = [c for c in CASES if c.id == "thread-en"]
    monkeypatch.setattr(pages, "_RESOLVED", {})
    with pytest.raises(RuntimeError):
        case.path  # noqa: B018 - unresolved: a clear error, not a visit to a 404
    monkeypatch.setitem(pages._RESOLVED, "thread_with_answer", str(thread.pk))
    assert case.path == f"/en/forum/{thread.pk}/"
    with pytest.raises(LookupError):
        pages.thread_with_answer_id({"results": []})


def test_registry_thread_page_2_exists_in_the_demo():
    """Issue 20: the demo thread has a second page of comments for the gate to visit."""
    from django.conf import settings

    from discussions.comments import demo as comments_demo

    assert comments_demo.LONG_THREAD_EXTRA > settings.SERAMBI_COMMENTS_PER_PAGE
    assert {page.name for page in PAGES} >= {"thread", "thread-page-2"}
