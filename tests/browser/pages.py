"""The public page types the browser gate checks — ONE list; add a line per page type.

Each entry names the page type, its URL in Indonesian (the default language, at the root)
and in English (under /en/, URL words translated), the status it must answer, its kind
(which decides the weight budget) and which structured data it must carry. URLs point at
objects that `manage.py seed_demo` creates, so the gate sees real content.

    .venv/bin/python -m tests.browser.pages BASE_URL  # "name<TAB>lang<TAB>path<TAB>status"
                                                      # of the site at BASE_URL (lighthouse.sh)
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

KIB = 1024

# Budgets (transferred bytes, compressed: HTML, CSS, JS, fonts; images excluded). Issue 8.
BUDGETS = {
    "thread": 60 * KIB,
    "page": 100 * KIB,
}


@dataclass(frozen=True)
class PageType:
    name: str
    urls: dict[str, str]  # language code -> path
    kind: str = "page"  # key of BUDGETS
    status: int = 200
    jsonld: bool = False  # must carry parseable JSON-LD with @context and @type
    feed: bool = False  # must advertise an Atom feed with <link rel="alternate">
    # Django URL name, when the page has one: test_registry.py checks that reverse() in
    # each language gives the URLs above, so a renamed or retranslated URL is caught early.
    route: str = ""
    # Forms that must work with JavaScript off, submitted for real: CSS selector of the form
    # and the values to fill in (field name -> value).
    nojs_submit: dict[str, dict[str, str]] = field(default_factory=dict)
    # Credentials ({"login": ..., "password": ...}) for a page only a signed-in user sees.
    # The gate signs in once per account through the real login form and visits the page
    # (JavaScript on and off) with that session.
    login: dict[str, str] | None = None

    @property
    def budget(self) -> int:
        return BUDGETS[self.kind]


# A citizen account that `seed_demo` creates (forum_site/accounts/demo.py; test_registry.py
# checks the two stay in step).
DEMO_LOGIN = {"login": "warga@serambi.localhost", "password": "serambi-demo-2026"}
# The BKPSDM unit's ASN account (discussions/demo.py ASN_BY_UNIT), for the unit queue.
ASN_LOGIN = {"login": "asn.bkpsdm@serambi.localhost", "password": "serambi-demo-2026"}

# The demo PPID officer (discussions/demo.py PPID_USER), for the case papers of any request.
PPID_LOGIN = {"login": "petugas.ppid@serambi.localhost", "password": "serambi-demo-2026"}

# A demo thread with a published official answer and comments: the first of
# discussions/demo.py THREADS (answered by BKPSDM; comments/demo.py comments on it;
# test_registry.py checks the title stays in step). Its id depends on what else the
# database holds and on the order seed_demo opens threads in, so it is not written here:
# `resolve(base_url)` asks the running site for it (the search API, this exact title, a
# thread with an official answer) before any page is visited, and the URLs below carry a
# placeholder, {thread_with_answer}, until then.
THREAD_WITH_ANSWER_TITLE = "Kapan pendaftaran Pelatihan Kepemimpinan Pengawas 2027 dibuka?"
# A demo public-information request granted by the PPID with two attached documents
# (discussions/demo.py; test_registry.py checks it): its page shows the path's panel, and
# its receipt (for the requester and PPID staff) the decision and the documents.
INFORMATION_REQUEST_TITLE = "Permohonan data jumlah ASN per golongan"
# A demo request nobody has decided yet: the PPID officer sees the written-decision form
# on its page (radio lists, the multiple-file input).
UNDECIDED_REQUEST_TITLE = "Permohonan daftar lokasi perekaman KTP-el keliling 2027"

# The annual information-service report seed_demo publishes (forum_site/transparency/demo.py).
REPORT_YEAR = dt.date.today().year

PAGES: list[PageType] = [
    PageType("home", {"id": "/", "en": "/en/"}),
    PageType(
        "login",
        {"id": "/akun/login/", "en": "/en/account/login/"},
        route="account_login",
        nojs_submit={"form:has(input[type=password])": DEMO_LOGIN},
    ),
    PageType("registration", {"id": "/akun/signup/", "en": "/en/account/signup/"},
             route="account_signup"),
    PageType("privacy", {"id": "/privasi/", "en": "/en/privacy/"}, route="core:privacy"),
    PageType(
        "not-found",
        {"id": "/halaman-yang-tidak-ada/", "en": "/en/no-such-page/"},
        status=404,
    ),
    # Publications (publications/demo.py). Wagtail pages have no Django URL name; their
    # English slugs differ from the Indonesian ones at the list level.
    PageType("program-index", {"id": "/program/", "en": "/en/programs/"}, feed=True),
    PageType(
        "program",
        {"id": "/program/manajemen-proyek-gedung-layanan/",
         "en": "/en/programs/manajemen-proyek-gedung-layanan/"},
        jsonld=True,
    ),
    PageType("outcome-index", {"id": "/capaian/", "en": "/en/outcomes/"}, feed=True),
    PageType(
        "outcome",
        {"id": "/capaian/mpp-mamuju-selesai-lebih-cepat/",
         "en": "/en/outcomes/mpp-mamuju-selesai-lebih-cepat/"},
        jsonld=True,
    ),
    PageType("partners", {"id": "/mitra/", "en": "/en/partners/"}),
    PageType("news-index", {"id": "/berita/", "en": "/en/news/"}, feed=True),
    PageType(
        "news",
        {"id": "/berita/mpp-mamuju-rampung-lebih-cepat/",
         "en": "/en/news/mpp-mamuju-rampung-lebih-cepat/"},
        jsonld=True,
    ),
    PageType("report-index", {"id": "/laporan/", "en": "/en/reports/"}, feed=True),
    PageType(
        "report",
        {"id": "/laporan/laporan-kinerja-semester-i-2026/",
         "en": "/en/reports/laporan-kinerja-semester-i-2026/"},
        jsonld=True,
    ),
    PageType("public-information",
             {"id": "/informasi-publik/", "en": "/en/public-information/"}),
    PageType("open-data", {"id": "/data/", "en": "/en/data/"}, route="core:open_data"),
    # Forum (discussions/demo.py).
    PageType("forum", {"id": "/forum/", "en": "/en/forum/"}, route="discussions:thread_list",
             feed=True),
    PageType(
        "thread",
        {"id": "/forum/{thread_with_answer}/", "en": "/en/forum/{thread_with_answer}/"},
        kind="thread",
        jsonld=True,
    ),
    # The same thread is long (discussions/comments/demo.py LONG_THREAD_EXTRA): the page
    # above is page 1 of its comments, this one the second (issue 20).
    PageType(
        "thread-page-2",
        {"id": "/forum/{thread_with_answer}/?page=2",
         "en": "/en/forum/{thread_with_answer}/?page=2"},
        kind="thread",
        jsonld=True,
    ),
    # Signed in. The form is checked with JavaScript off (action, method, submit button)
    # but not submitted: a new thread would change the forum list other pages are
    # compared against, and thread creation without JavaScript is covered by
    # tests/discussions.
    PageType("thread-new", {"id": "/forum/baru/", "en": "/en/forum/new/"},
             route="discussions:thread_create", login=DEMO_LOGIN),
    PageType("unit-queue", {"id": "/forum/antrean/", "en": "/en/forum/queue/"},
             route="discussions:unit_queue", login=ASN_LOGIN),
    PageType("my-threads", {"id": "/forum/diskusi-saya/", "en": "/en/forum/my-threads/"},
             route="discussions:my_threads", login=DEMO_LOGIN),
    PageType("followed-threads", {"id": "/forum/diikuti/", "en": "/en/forum/following/"},
             route="discussions:followed_threads", login=DEMO_LOGIN),
    # Search (search/): results with hits (threads, answers, programs, outcomes; facets and
    # highlights) and without (the help text). The query box is submitted with JS off.
    PageType(
        "search",
        {"id": "/cari/?q=pelatihan+kepemimpinan", "en": "/en/search/?q=leadership+training"},
        nojs_submit={"form.search-box": {"q": "pelatihan"}},
    ),
    PageType("search-no-hits", {"id": "/cari/?q=zzqxw", "en": "/en/search/?q=zzqxw"}),
    # Comments and moderation (discussions/comments/demo.py): the public ledger.
    PageType("moderation-ledger",
             {"id": "/forum/catatan-moderasi/", "en": "/en/forum/moderation-ledger/"},
             route="discussions:moderation_ledger"),
    # The public registers of the public-information path (UU 14/2008, Perki 1/2021):
    # the demo's requests at every step, objections, the Komisi Informasi.
    PageType("information-request-register",
             {"id": "/forum/permohonan-informasi/register/",
              "en": "/en/forum/information-requests/register/"},
             route="discussions:ppid_request_register"),
    PageType("information-objection-register",
             {"id": "/forum/permohonan-informasi/keberatan/",
              "en": "/en/forum/information-requests/objections/"},
             route="discussions:ppid_objection_register"),
    # A decided request: its public page (the path's panel, the attached documents) and
    # its receipt, which only the requester and PPID staff see.
    PageType(
        "information-request",
        {"id": "/forum/{information_request}/", "en": "/en/forum/{information_request}/"},
        kind="thread",
        jsonld=True,
    ),
    PageType(
        "information-request-decision-form",
        {"id": "/forum/{undecided_request}/", "en": "/en/forum/{undecided_request}/"},
        kind="thread",
        jsonld=True,
        login=PPID_LOGIN,
    ),
    PageType(
        "information-request-receipt",
        {"id": "/forum/{information_request}/tanda-terima/",
         "en": "/en/forum/{information_request}/receipt/"},
        login=PPID_LOGIN,
    ),
    # Satisfaction survey and FAQ (discussions/survey/demo.py): every unit's figures, one
    # unit's page (element scores, follow-up plan), the FAQ list.
    PageType("satisfaction-survey", {"id": "/forum/survei/", "en": "/en/forum/survey/"},
             route="discussions:skm_index"),
    PageType("satisfaction-survey-unit",
             {"id": "/forum/survei/bkpsdm/", "en": "/en/forum/survey/bkpsdm/"}),
    PageType("faq", {"id": "/forum/faq/", "en": "/en/forum/faq/"},
             route="discussions:faq_list"),
    # Transparency (forum_site/transparency; demo data from the forum, publications and
    # transparency seeders). The report year is the current one, as seed_demo makes it.
    # The statistics page carries every section, the moderation ledger's too (its SVG
    # charts and scrollable tables are checked here: `-k statistics`).
    PageType("statistics", {"id": "/statistik/", "en": "/en/statistics/"},
             route="transparency:statistics", feed=True),
    PageType("unit", {"id": "/statistik/unit/bkpsdm/", "en": "/en/statistics/units/bkpsdm/"},
             feed=True),
    PageType(
        "information-report",
        {"id": f"/statistik/permohonan-informasi/{REPORT_YEAR}/",
         "en": f"/en/statistics/information-requests/{REPORT_YEAR}/"},
    ),
    PageType(
        "information-report-page",
        {"id": f"/laporan-layanan-informasi-publik-{REPORT_YEAR}/",
         "en": f"/en/public-information-service-report-{REPORT_YEAR}/"},
    ),
]

LANGUAGES = ("id", "en")


# Placeholder -> value, filled by resolve() from the site under test.
_RESOLVED: dict[str, str] = {}


def _lookup(title: str, answered: str = "yes") -> str:
    """The search API's answer to "this exact title, threads with (or without) an
    official answer"."""
    return "/api/search?" + urllib.parse.urlencode({
        "q": f'"{title}"', "type": "thread", "answered": answered,
    })


THREAD_WITH_ANSWER_LOOKUP = _lookup(THREAD_WITH_ANSWER_TITLE)
# Placeholder in the page URLs -> (exact title, answered "yes"/"no") of the demo thread.
LOOKUPS = {
    "thread_with_answer": (THREAD_WITH_ANSWER_TITLE, "yes"),
    "information_request": (INFORMATION_REQUEST_TITLE, "yes"),
    "undecided_request": (UNDECIDED_REQUEST_TITLE, "no"),
}


def thread_with_answer_id(search_response: dict, title: str = THREAD_WITH_ANSWER_TITLE) -> int:
    """The demo thread's id in the search API's JSON (LookupError if it is not there)."""
    for result in search_response.get("results", []):
        if result["type"] == "thread" and result["title"] == title:
            return int(result["id"])
    raise LookupError(f"no thread titled {title!r} "
                      "(is the site seeded with `manage.py seed_demo`?)")


def find_thread_with_answer(base_url: str, title: str = THREAD_WITH_ANSWER_TITLE,
                            answered: str = "yes") -> int:
    """The id of the demo thread `title` on the site at `base_url`."""
    url = base_url.rstrip("/") + _lookup(title, answered)
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - the site under test
        return thread_with_answer_id(json.load(response), title)


def resolve(base_url: str) -> None:
    """Look up, once, the objects whose ids the page URLs cannot know in advance."""
    for placeholder, (title, answered) in LOOKUPS.items():
        if placeholder not in _RESOLVED:
            _RESOLVED[placeholder] = str(find_thread_with_answer(base_url, title, answered))


@dataclass(frozen=True)
class PageCase:
    page: PageType
    lang: str

    @property
    def path(self) -> str:
        path = self.page.urls[self.lang]
        if "{" not in path:
            return path
        try:
            return path.format(**_RESOLVED)
        except KeyError as exc:
            raise RuntimeError(
                f"{self.id}: {path} needs pages.resolve(base_url) first") from exc

    @property
    def id(self) -> str:
        return f"{self.page.name}-{self.lang}"


CASES: list[PageCase] = [PageCase(p, lang) for p in PAGES for lang in LANGUAGES]


if __name__ == "__main__":
    import sys

    # The ids some URLs need come from the site: pass its address (bench/lighthouse.sh).
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.browser.pages BASE_URL  (a site with the demo data)")
    resolve(sys.argv[1])
    for case in CASES:
        print(f"{case.page.name}\t{case.lang}\t{case.path}\t{case.page.status}")
