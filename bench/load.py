"""Load test (locust): readers, searchers and posters against gunicorn + PostgreSQL.

Run through bench/run.sh (which starts everything on loopback and checks the result):
    bash bench/run.sh 3m 30          # 3 minutes, 30 simulated people
Every thread a poster opens carries a client id ("[lt-<uuid>]") in its title. A post is
*acknowledged* when the server answers 302 to the new thread's page; the ids of the
acknowledged posts are written to $BENCH_ACK_FILE at the end, and bench/check.py then
finds every one of them in the database exactly once.

Flaggers (issue 5, comments) are not here yet: add a FlagUser once flags exist.
"""

from __future__ import annotations

import json
import os
import random
import re
import uuid

from locust import HttpUser, between, events, task

THREAD_LINK = re.compile(r'href="/forum/(\d+)/"')
CATEGORY_SELECT = re.compile(r'<select name="category".*?</select>', re.S)
CATEGORY_OPTION = re.compile(r'<option value="([a-z][a-z0-9-]*)"')
ACKNOWLEDGED: list[dict] = []
FAILED_POSTS: list[str] = []
PASSWORD = os.environ.get("BENCH_PASSWORD", "serambi-bench-2026")
ACCOUNTS = int(os.environ.get("BENCH_ACCOUNTS", "40"))
_next_account = iter(range(10**6))


def _thread_ids(client) -> list[int]:
    with client.get("/forum/", name="/forum/", catch_response=True) as response:
        ids = [int(i) for i in THREAD_LINK.findall(response.text or "")]
        response.success() if response.status_code == 200 else response.failure(
            f"status {response.status_code}")
    return ids or [1]


class Reader(HttpUser):
    """Reads the home page, the forum, threads, the privacy page and the open data."""

    weight = 6
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
    """Filters the forum list (search itself comes with issue 6)."""

    weight = 2
    wait_time = between(0.5, 2)
    STATUSES = ["", "open", "answered", "overdue", "closed"]
    KINDS = ["", "question", "feedback", "complaint", "suggestion", "information_request"]

    @task
    def filter_list(self):
        params = {"status": random.choice(self.STATUSES), "kind": random.choice(self.KINDS),
                  "page": random.choice(["1", "1", "2"])}
        self.client.get("/forum/", params=params, name="/forum/?filters")


class Poster(HttpUser):
    """Signs in, opens threads (each with a client id) and supports others."""

    weight = 2
    wait_time = between(1, 3)

    def on_start(self):
        n = next(_next_account) % ACCOUNTS
        self.client.get("/akun/login/", name="/akun/login/")
        token = self.client.cookies.get("serambi_csrftoken", "")
        with self.client.post("/akun/login/", name="/akun/login/ POST", allow_redirects=False,
                              catch_response=True,
                              data={"login": f"bench-{n}@bench.localhost", "password": PASSWORD,
                                    "csrfmiddlewaretoken": token}) as response:
            if response.status_code != 302:
                response.failure(f"login failed: {response.status_code}")
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
                ACKNOWLEDGED.append({"client_id": client_id, "thread": int(match.group(1))})
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


@events.quitting.add_listener
def _write_acknowledged(environment, **_kwargs):
    path = os.environ.get("BENCH_ACK_FILE", "bench-acknowledged.json")
    with open(path, "w") as handle:
        json.dump({"acknowledged": ACKNOWLEDGED, "not_acknowledged": FAILED_POSTS}, handle)
