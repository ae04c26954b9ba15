"""Load test (locust): readers, searchers, posters, commenters and flaggers against
gunicorn + PostgreSQL.

Run through bench/run.sh (which starts everything on loopback and checks the result):
    bash bench/run.sh 3m 30          # 3 minutes, 30 simulated people

The mix (weights 5 : 2 : 1 : 1 : 1):
- Readers: home, forum, threads, English home, open data, privacy.
- Searchers: /cari/ with words from the seeded content, now and then narrowed by a facet
  seen in the results (type, unit) or sorted by date; /api/search and /api/search/suggest
  with a prefix; the forum list's own filters.
- Posters (signed in): open threads, support threads, read.
- Commenters (signed in): read a thread and post a comment through the form on its page.
- Flaggers (signed in): read threads, report threads and comments (found through the
  search, type=comment) to the moderators via the report form (GET it, POST a rule and a
  note).

Every write carries a client id: a thread's title "[lt-<uuid>]", a comment's text
"[lc-<uuid>]", a report's note "[lf-<uuid>]". A write is *acknowledged* when the server
answers 302 (thread: to the new thread; comment: back to the thread; report: back to the
item); the ids are written to $BENCH_ACK_FILE at the end, and bench/check.py then finds
every acknowledged one in the database exactly once, on the item the client wrote to.

Bench accounts are new, so their comments wait for moderation (stored, not shown) and
their reports weigh 1 (SERAMBI_NEW_ACCOUNT_FLAG_WEIGHT). Flaggers report only threads the
posters opened in this run and the seeded comments, each at most BENCH_FLAGS_PER_ITEM
times (default 5, one below SERAMBI_FLAG_HIDE_THRESHOLD): reports never hide an item in
the middle of the run, so nobody follows a link to a hidden thread and gets a 404.
"""

from __future__ import annotations

import json
import os
import random
import re
import uuid
from collections import Counter

from locust import HttpUser, between, events, task

THREAD_LINK = re.compile(r'href="/forum/(\d+)/"')
CATEGORY_SELECT = re.compile(r'<select name="category".*?</select>', re.S)
CATEGORY_OPTION = re.compile(r'<option value="([a-z][a-z0-9-]*)"')
COMMENT_FORM = re.compile(r'<form class="form comment-form" method="post" '
                          r'action="/forum/komentar/".*?</form>', re.S)
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([a-z_]+)"(?: value="([^"]*)")?')
COMMENT_REPORT_LINK = re.compile(r'href="/forum/komentar/(\d+)/laporkan/"')
REASON_OPTION = re.compile(r'name="reason" value="([a-z_]+)"')
UNIT_FACET = re.compile(r'name="unit" value="([a-z0-9-]+)"')
COMMENT_HIT = re.compile(r'class="search-hit__title"><a href="(/[^"#]*)#komentar-\d+"')
THREAD_PATH = re.compile(r"/forum/\d+/")
ACKNOWLEDGED: list[dict] = []
FAILED_POSTS: list[str] = []
COMMENTS: dict[str, list] = {"acknowledged": [], "not_acknowledged": []}
FLAGS: dict[str, list] = {"acknowledged": [], "not_acknowledged": []}
PASSWORD = os.environ.get("BENCH_PASSWORD", "serambi-bench-2026")
ACCOUNTS = int(os.environ.get("BENCH_ACCOUNTS", "40"))
FLAGS_PER_ITEM = int(os.environ.get("BENCH_FLAGS_PER_ITEM", "5"))
_next_account = iter(range(10**6))
# Reports sent in this run: per item ("thread", pk) / ("comment", pk), and who sent them
# (one report per account and item is the rule; two locust users may share an account).
_flag_counts: Counter = Counter()
_flagged_by: set[tuple[int, str, int]] = set()

# Words people type, taken from the seeded threads, programs, news and answers.
SEARCH_WORDS = [
    "pelatihan", "pelatihan kepemimpinan", "KTP-el", "antrean KTP-el", "PDAM", "air keruh",
    "jalan poros Tapalang", "jalan berlubang", "SIASN", "pensiun", "sertifikat pelatihan",
    "kenaikan pangkat", "tunjangan kinerja", "cuti besar", "mutasi", "drainase",
    "PPPK", "magang", "SKP", "gaji berkala", "lampu jalan", "akta kelahiran", "Disdukcapil",
    "data ASN", "permohonan data", "sistem merit", "uji kompetensi", "Karpeg", "jabatan fungsional",
    "pelatihan digital", "kesehatan", "manajemen proyek", "PKP 2027", "\"pelatihan dasar\"",
]
# Words that find the seeded comments (the flaggers look for comments through the search).
COMMENT_WORDS = ["terima kasih", "kabupaten", "modul", "BKPSDM", "antrean", "pelatihan"]
SUGGEST_PREFIXES = ["pel", "pelat", "KTP", "jal", "SIA", "pen", "ser", "kena", "PDA", "mut",
                    "dat", "Kar", "uji", "man"]


def _thread_ids(client) -> list[int]:
    with client.get("/forum/", name="/forum/", catch_response=True) as response:
        ids = [int(i) for i in THREAD_LINK.findall(response.text or "")]
        response.success() if response.status_code == 200 else response.failure(
            f"status {response.status_code}")
    return ids or [1]


def _sign_in(user: HttpUser) -> int:
    """Sign in as the next bench account (bench/prepare.py); returns its number."""
    n = next(_next_account) % ACCOUNTS
    user.client.get("/akun/login/", name="/akun/login/")
    token = user.client.cookies.get("serambi_csrftoken", "")
    with user.client.post("/akun/login/", name="/akun/login/ POST", allow_redirects=False,
                          catch_response=True,
                          data={"login": f"bench-{n}@bench.localhost", "password": PASSWORD,
                                "csrfmiddlewaretoken": token}) as response:
        if response.status_code != 302:
            response.failure(f"login failed: {response.status_code}")
    return n


class Reader(HttpUser):
    """Reads the home page, the forum, threads, the privacy page and the open data."""

    weight = 5
    wait_time = between(0.5, 2)

    def on_start(self):
        self.threads = _thread_ids(self.client)

    @task(3)
    def thread(self):
        self.client.get(f"/forum/{random.choice(self.threads)}/", name="/forum/[id]/")

    @task(2)
    def forum(self):
        self.client.get("/forum/", name="/forum/")

    @task(2)
    def home(self):
        self.client.get("/", name="/")

    @task(1)
    def english_home(self):
        self.client.get("/en/", name="/en/")

    @task(1)
    def open_data(self):
        self.client.get("/data/", name="/data/")

    @task(1)
    def privacy(self):
        self.client.get("/privasi/", name="/privasi/")


class Searcher(HttpUser):
    """Searches the site (the page, the JSON API, suggestions) and filters the forum list."""

    weight = 2
    wait_time = between(0.5, 2)
    STATUSES = ["", "open", "answered", "overdue", "closed"]
    KINDS = ["", "question", "feedback", "complaint", "suggestion", "information_request"]

    @task(4)
    def search_page(self):
        """Search, then now and then narrow by a unit seen in the results, by type, or
        sort by date (what a visitor does with the facets on the page)."""
        q = random.choice(SEARCH_WORDS)
        response = self.client.get("/cari/", params={"q": q}, name="/cari/")
        units = UNIT_FACET.findall(response.text or "")
        refine = random.random()
        if refine < 0.25 and units:
            self.client.get("/cari/", params={"q": q, "unit": random.choice(units)},
                            name="/cari/?unit")
        elif refine < 0.45:
            self.client.get("/cari/", params={"q": q, "type": "thread"}, name="/cari/?type")
        elif refine < 0.6:
            self.client.get("/cari/", params={"q": q, "sort": "newest"}, name="/cari/?sort")

    @task(2)
    def search_api(self):
        params = {"q": random.choice(SEARCH_WORDS)}
        if random.random() < 0.3:
            params["type"] = random.choice(["thread", "program", "answer"])
        if random.random() < 0.3:
            params["sort"] = "newest"
        self.client.get("/api/search", params=params, name="/api/search")

    @task(3)
    def suggest(self):
        self.client.get("/api/search/suggest", params={"q": random.choice(SUGGEST_PREFIXES)},
                        name="/api/search/suggest")

    @task(2)
    def filter_list(self):
        params = {"status": random.choice(self.STATUSES), "kind": random.choice(self.KINDS),
                  "page": random.choice(["1", "1", "2"])}
        self.client.get("/forum/", params=params, name="/forum/?filters")


class Poster(HttpUser):
    """Signs in, opens threads (each with a client id) and supports others."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        self.account = _sign_in(self)
        form = self.client.get("/forum/baru/", name="/forum/baru/")
        select = CATEGORY_SELECT.search(form.text or "")
        self.categories = CATEGORY_OPTION.findall(select.group(0)) if select else []
        if not self.categories:
            raise RuntimeError("no categories on /forum/baru/: is the database seeded?")
        self.threads = _thread_ids(self.client)

    def _token(self) -> str:
        return self.client.cookies.get("serambi_csrftoken", "")

    @task(3)
    def open_thread(self):
        client_id = f"lt-{uuid.uuid4().hex}"
        data = {
            "kind": "question", "category": random.choice(self.categories),
            "title": f"Uji beban [{client_id}] bagaimana jadwal pelatihan?",
            "body": "Pesan uji beban otomatis. Mohon informasi jadwal pelatihan berikutnya.",
            "similar_checked": "on", "csrfmiddlewaretoken": self._token(),
        }
        with self.client.post("/forum/baru/", data=data, name="/forum/baru/ POST",
                              allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("Location", "")
            match = re.search(r"/forum/(\d+)/", location)
            if response.status_code == 302 and match:
                ACKNOWLEDGED.append({"client_id": client_id, "thread": int(match.group(1)),
                                     "account": self.account})
                self.threads.append(int(match.group(1)))
                response.success()
            else:
                FAILED_POSTS.append(client_id)
                response.failure(f"not acknowledged: {response.status_code}")

    @task(2)
    def support(self):
        pk = random.choice(self.threads)
        self.client.post(f"/forum/{pk}/dukung/", data={"csrfmiddlewaretoken": self._token()},
                         name="/forum/[id]/dukung/ POST", allow_redirects=False)

    @task(2)
    def read(self):
        self.client.get(f"/forum/{random.choice(self.threads)}/", name="/forum/[id]/")


class Commenter(HttpUser):
    """Signs in, reads a thread and comments on it through the form on the thread page
    (hidden fields and CSRF token taken from that form). Closed threads have no form:
    the commenter just reads those."""

    weight = 1
    wait_time = between(1, 3)

    def on_start(self):
        self.account = _sign_in(self)
        self.threads = _thread_ids(self.client)

    @task(3)
    def comment(self):
        pk = random.choice(self.threads + [a["thread"] for a in ACKNOWLEDGED[-20:]])
        page = self.client.get(f"/forum/{pk}/", name="/forum/[id]/")
        form = COMMENT_FORM.search(page.text or "")
        if form is None:
            return
        data = dict(HIDDEN_INPUT.findall(form.group(0)))
        client_id = f"lc-{uuid.uuid4().hex}"
        data["comment"] = (f"Uji beban [{client_id}]: terima kasih, saya juga menunggu "
                           "jadwal pelatihan berikutnya.")
        with self.client.post("/forum/komentar/", data=data, name="/forum/komentar/ POST",
                              allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and location.split("#")[0].endswith(f"/forum/{pk}/"):
                COMMENTS["acknowledged"].append({"client_id": client_id, "thread": pk})
                response.success()
            else:
                COMMENTS["not_acknowledged"].append(client_id)
                response.failure(f"not acknowledged: {response.status_code} {location}")

    @task(1)
    def read(self):
        self.client.get(f"/forum/{random.choice(self.threads)}/", name="/forum/[id]/")


class Flagger(HttpUser):
    """Signs in, reads threads and reports threads and comments through the report form
    (see the module docstring for which items and how often)."""

    weight = 1
    wait_time = between(2, 5)

    def on_start(self):
        self.account = _sign_in(self)
        self.threads = _thread_ids(self.client)

    def _may_flag(self, kind: str, pk: int) -> bool:
        return (_flag_counts[kind, pk] < FLAGS_PER_ITEM
                and (self.account, kind, pk) not in _flagged_by)

    def _report(self, kind: str, pk: int, url: str, name: str) -> None:
        _flag_counts[kind, pk] += 1  # taken before the requests: another user may race
        _flagged_by.add((self.account, kind, pk))
        form = self.client.get(url, name=name)
        reasons = REASON_OPTION.findall(form.text or "")
        client_id = f"lf-{uuid.uuid4().hex}"
        data = {"reason": random.choice(reasons or ["off_topic"]),
                "note": f"Uji beban [{client_id}] mohon diperiksa moderator.",
                "csrfmiddlewaretoken": self.client.cookies.get("serambi_csrftoken", "")}
        with self.client.post(url, data=data, name=f"{name} POST", allow_redirects=False,
                              catch_response=True) as response:
            if response.status_code == 302:
                FLAGS["acknowledged"].append({"client_id": client_id, kind: pk})
                response.success()
            else:
                FLAGS["not_acknowledged"].append(client_id)
                response.failure(f"not acknowledged: {response.status_code}")

    @task(2)
    def report_thread(self):
        """A thread the posters opened in this run, not by this account."""
        candidates = [a["thread"] for a in ACKNOWLEDGED[-50:]
                      if a["account"] != self.account and self._may_flag("thread", a["thread"])]
        if not candidates:
            return self.read()
        pk = random.choice(candidates)
        self.client.get(f"/forum/{pk}/", name="/forum/[id]/")
        self._report("thread", pk, f"/forum/{pk}/laporkan/", "/forum/[id]/laporkan/")

    @task(2)
    def report_comment(self):
        """Find comments through the search (type=comment), open the page one is on (a
        thread, a program, an outcome) and report one of its comments (the page links
        "Report" only on others' published comments)."""
        results = self.client.get("/cari/", params={"q": random.choice(COMMENT_WORDS),
                                                    "type": "comment"}, name="/cari/?type")
        pages = sorted(set(COMMENT_HIT.findall(results.text or "")))
        if not pages:
            return self.read()
        url = random.choice(pages)
        page = self.client.get(url, name="/forum/[id]/" if THREAD_PATH.fullmatch(url)
                               else "/[page with comments]/")
        comments = [int(pk) for pk in COMMENT_REPORT_LINK.findall(page.text or "")
                    if self._may_flag("comment", int(pk))]
        if comments:
            pk = random.choice(comments)
            self._report("comment", pk, f"/forum/komentar/{pk}/laporkan/",
                         "/forum/komentar/[id]/laporkan/")

    @task(3)
    def read(self):
        self.client.get(f"/forum/{random.choice(self.threads)}/", name="/forum/[id]/")


@events.quitting.add_listener
def _write_acknowledged(environment, **_kwargs):
    path = os.environ.get("BENCH_ACK_FILE", "bench-acknowledged.json")
    with open(path, "w") as handle:
        json.dump({"acknowledged": ACKNOWLEDGED, "not_acknowledged": FAILED_POSTS,
                   "comments": COMMENTS, "flags": FLAGS}, handle)
