"""Every step of the thread life cycle, derived from its one table
(`discussions.threads.lifecycle.TRANSITIONS`) and taken over HTTP as the people who hold
each role: from every status (allowed from its from-statuses, refused with the table's
message from the others), by every role the table does not name (403), and on a hidden
thread where the step needs a public one (refused with the table's message). A refused
step changes nothing. Then the thread page offers exactly the steps `available()` names."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from discussions.models import (
    FaqEntry,
    OfficialAnswer,
    Support,
    ThreadEvent,
    ThreadKind,
    ThreadStatus,
    ThreadVisibility,
)
from discussions.ppid.services import information_request_register
from discussions.text import render_markdown
from discussions.threads import lifecycle
from discussions.threads.lifecycle import (
    ANSWER_AUTHOR,
    ASKER,
    MEMBER,
    MODERATOR,
    PPID,
    TRANSITIONS,
    UNIT,
)
from forum_site.accounts import roles as account_roles
from tests.conftest import make_citizen, make_people

from .conftest import client_for
from .factories import CategoryFactory, ThreadFactory
from .ppid_helpers import with_role

# The roles each person holds on the test threads (`discussions.permissions` decides them;
# the ASN is of the thread's unit and wrote its official answer; PPID staff hold their
# role on information requests, the kind the `decide` step's threads are).
ROLES = {
    "asn": {UNIT, MEMBER, ANSWER_AUTHOR},
    "moderator": {UNIT, MODERATOR, MEMBER},
    "asker": {ASKER, MEMBER},
    "citizen": {MEMBER},
    "ppid": {PPID, MEMBER},
}
ACTOR_FOR = {UNIT: "asn", ANSWER_AUTHOR: "asn", ASKER: "asker", MODERATOR: "moderator",
             MEMBER: "citizen", PPID: "ppid"}
STEPS = [t for t in TRANSITIONS.values() if t.url_name]
INFORMATION_STEPS = ("extend", "decide")  # taken on information requests


def _hidden_actor(step) -> str:
    """Who takes a step on a hidden thread: a moderator sees it; for a step that is not a
    moderator's, the superuser (a moderator who is PPID staff too)."""
    return "moderator" if step.roles & ROLES["moderator"] else "superuser"


def _cases():
    for step in STEPS:
        actor = ACTOR_FOR[sorted(step.roles)[0]]
        for status in ThreadStatus.values:
            outcome = "done" if status in step.sources else "refused"
            yield pytest.param(step.name, status, actor, outcome,
                               id=f"{step.name}-{status}-{actor}-{outcome}")
        source = sorted(step.sources)[0]
        for person, roles in ROLES.items():
            if not roles & step.roles:
                yield pytest.param(step.name, source, person, "forbidden",
                                   id=f"{step.name}-{source}-{person}-forbidden")
        if step.published_only:
            yield pytest.param(step.name, source, _hidden_actor(step), "hidden",
                               id=f"{step.name}-{source}-hidden")


@pytest.fixture(scope="module")
def people(module_db):
    made = make_people()
    return {
        "asn": made["verified_asn"], "moderator": made["moderator"], "asker": make_citizen(),
        "citizen": make_citizen(), "unit_b": made["unit_b"], "superuser": made["superuser"],
        "ppid": with_role(make_citizen(), account_roles.PPID),
        "category": CategoryFactory(default_unit=made["unit_a"]),
    }


def _thread(step, status, people, *, hidden=False):
    """A thread in `status` meeting the step's other conditions (an information request
    not yet extended or decided for `extend` and `decide`, an official answer for the
    steps about one)."""
    today = timezone.localdate()
    thread = ThreadFactory(
        category=people["category"], author=people["asker"], status=status,
        kind=(ThreadKind.INFORMATION_REQUEST if step.name in INFORMATION_STEPS
              else ThreadKind.QUESTION),
        answer_due=today + dt.timedelta(days=10),
        closing_due=today + dt.timedelta(days=5) if status == ThreadStatus.ANSWERED else None,
        close_reason="off_topic" if status == ThreadStatus.CLOSED else "",
        visibility=ThreadVisibility.HIDDEN if hidden else ThreadVisibility.PUBLISHED,
        indexed=False,
    )
    if step.name in INFORMATION_STEPS:
        information_request_register(thread=thread)  # as `thread_create` does
    answer = None
    if step.name in ("edit_answer", "make_faq"):
        body = "Jawaban resmi: pendaftaran dibuka bulan Maret melalui laman BKPSDM."
        answer = OfficialAnswer.objects.create(
            thread=thread, author=people["asn"], signer_name="Dewi Pegawai",
            signer_position="Analis", signer_unit="BKPSDM", body=body,
            body_html=render_markdown(body))
        thread.answers_count = 1
        thread.save(update_fields=["answers_count"])
    return thread, answer


def _post(step, client, thread, answer, people):
    data = {
        "answer": {"body": "Pendaftaran dibuka bulan Maret melalui laman BKPSDM.",
                   "seen_answers": thread.answers_count},
        "acknowledge": {"note": "Sedang kami periksa bersama bidang mutasi."},
        "extend": {"reason": "Dokumen masih di arsip UPT."},
        "edit_answer": {"body": "Jawaban resmi yang diperbaiki: pendaftaran dibuka April."},
        "confirm": {},
        "dispute": {"reason": "Berkas saya tetap belum diproses."},
        "reroute": {"unit": people["unit_b"].pk, "reason": "Bukan kewenangan unit ini."},
        "close": {"reason_kind": "off_topic", "reason": "Di luar topik forum ini."},
        "support": {},
        "decide": {"outcome": "refused", "exemption": "h", "cost": "0",
                   "consequence_test": "Nilai perorangan peserta adalah rahasia pribadi; "
                                       "membukanya merugikan peserta lebih besar.",
                   "body": "Permohonan ditolak karena berisi nilai perorangan peserta."},
        "make_faq": {"question": "Kapan pendaftaran pelatihan dibuka?",
                     "answer": "Pendaftaran dibuka bulan Maret melalui laman BKPSDM.",
                     "review_by": (timezone.localdate() + dt.timedelta(days=300)).isoformat()},
    }[step.name]
    pk = answer.pk if step.name == "edit_answer" else thread.pk
    return client.post(reverse(step.url_name, args=[pk]), data)


def _written(thread) -> tuple:
    """What a step leaves behind: the thread's status, its timeline, its support and FAQ."""
    thread.refresh_from_db()
    return (thread.status, ThreadEvent.objects.filter(thread=thread).count(),
            Support.objects.filter(thread=thread).count(),
            FaqEntry.objects.filter(thread=thread).count())


@pytest.mark.parametrize(("name", "status", "person", "outcome"), list(_cases()))
def test_every_step_of_the_table_over_http(db, people, name, status, person, outcome):
    step = TRANSITIONS[name]
    thread, answer = _thread(step, status, people, hidden=outcome == "hidden")
    before = _written(thread)
    client = client_for(people[person])
    response = _post(step, client, thread, answer, people)
    after = _written(thread)
    if outcome == "done":
        assert response.status_code == 302, response.content.decode()[:2000]
        assert after[0] == (step.target or status)
        assert after[1:] != before[1:]  # a timeline entry, a support or a FAQ entry
        return
    assert after == before  # nothing changed
    if outcome == "forbidden":
        assert response.status_code == 403
        return
    if response.status_code == 302:  # a button without a form: the page says why
        response = client.get(response["Location"])
    else:
        assert response.status_code in (200, 400)
    with translation.override("id"):
        message = str(step.hidden if outcome == "hidden" else step.refused)
    assert escape(message) in response.content.decode()


# The forms and buttons the thread page shows, and which step each belongs to.
OFFERED = {
    "answer": 'action="{}"'.format, "acknowledge": 'action="{}"'.format,
    "extend": 'action="{}"'.format, "dispute": 'action="{}"'.format,
    "confirm": 'action="{}"'.format, "reroute": 'action="{}"'.format,
    "close": 'action="{}"'.format, "support": 'action="{}"'.format,
    "make_faq": 'href="{}"'.format, "decide": 'action="{}"'.format,
}


@pytest.mark.parametrize("status", ThreadStatus.values)
@pytest.mark.parametrize("person", list(ROLES))
def test_the_thread_page_offers_what_available_says(db, people, person, status):
    """The page asks the table: each step's form or button is on it exactly when
    `available()` names the step for this person."""
    step = TRANSITIONS["make_faq"]  # a thread with an official answer
    thread, _answer = _thread(step, status, people)
    page = client_for(people[person]).get(thread.get_absolute_url()).content.decode()
    steps = lifecycle.available(people[person], thread)
    for name, marker in OFFERED.items():
        url = reverse(TRANSITIONS[name].url_name, args=[thread.pk])
        assert (marker(url) in page) == (name in steps), (name, person, status)
    edit = 'href="{}"'.format(reverse("discussions:answer_edit", args=[_answer.pk]))
    assert (edit in page) == ("edit_answer" in steps and person == "asn"), (person, status)


@pytest.mark.parametrize("status", ThreadStatus.values)
@pytest.mark.parametrize("person", ["ppid", "asn", "citizen"])
def test_an_information_request_offers_the_decision_when_available_says(db, people, person,
                                                                        status):
    """The PPID's written decision form is on an information request's page exactly when
    the table's `decide` step is available to the visitor."""
    thread, _answer = _thread(TRANSITIONS["decide"], status, people)
    page = client_for(people[person]).get(thread.get_absolute_url()).content.decode()
    offered = 'action="{}"'.format(reverse("discussions:ppid_decide", args=[thread.pk]))
    steps = lifecycle.available(people[person], thread)
    assert (offered in page) == ("decide" in steps), (person, status)
    assert ("decide" in steps) == (person == "ppid" and status in TRANSITIONS["decide"].sources)
