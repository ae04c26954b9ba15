"""Personal data masked on every public surface: one masking step for every free text
that becomes public (thread title and body, official answers and their edits, notes and
reasons, comments, display names) before it is stored; the forms say so; a command
re-masks what was stored before and re-indexes it."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from discussions.models import (
    Comment,
    ModerationAction,
    ModerationLedgerEntry,
    OfficialAnswer,
    Thread,
    ThreadKind,
)
from forum_site.accounts.models import User
from tests.accounts.test_registration import signup

from .comment_support import make_comment
from .factories import ThreadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("commit_after_requests")]

PHONE, NIK, NIP, EMAIL = "0812-4567-8910", "7306014507850002", "19850101 201001 1 001", (
    "budi.santoso@contoh.id")
# A tail of the phone number as well as the whole: a four-digit fragment alone also turns
# up by chance in CSRF tokens and hashed static names (a run on PostgreSQL failed so).
RAW = (PHONE, "4567-8910", NIK, "19850101", "budi.santoso")
BODY = (f"Nomor HP saya {PHONE}, NIK {NIK}, NIP {NIP}, email {EMAIL}. Mohon dibantu "
        "jadwal pelatihan kepemimpinan.")


def _assert_masked(text: str, where: str) -> None:
    leaked = [raw for raw in RAW if raw in text]
    assert not leaked, f"{where} shows {leaked}"


def _get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_a_thread_is_masked_on_every_surface(citizen_client, anonymous_client, category,
                                             verified_asn):
    data = {"kind": "question", "category": category.slug, "similar_checked": "on",
            "title": f"Jadwal pelatihan, hubungi {PHONE}", "body": BODY}
    # First the author sees, on the server-rendered form, how it will be published.
    response = citizen_client.post(reverse("discussions:thread_create"), data)
    assert response.status_code == 200 and not Thread.objects.exists()
    preview = response.content.decode()
    assert "Data pribadi akan disamarkan" in preview
    assert "Jadwal pelatihan, hubungi [nomor telepon disamarkan]" in preview
    assert 'name="masking_seen"' in preview
    response = citizen_client.post(reverse("discussions:thread_create"),
                                   {**data, "masking_seen": "on"})
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert "[nomor telepon disamarkan]" in thread.title
    page = _get(anonymous_client, thread.get_absolute_url())
    assert "[NIK disamarkan]" in page and "[NIP disamarkan]" in page
    assert "[email disamarkan]" in page
    surfaces = {
        "thread page": page,
        "English page": _get(anonymous_client, f"/en{thread.get_absolute_url()}"),
        "forum list": _get(anonymous_client, reverse("discussions:thread_list")),
        "Atom feed": _get(anonymous_client, reverse("discussions:feed")),
        "threads.csv": _get(anonymous_client, reverse("core:dataset_csv",
                                                      kwargs={"slug": "threads"})),
        "threads.json": _get(anonymous_client, reverse("core:dataset_json",
                                                       kwargs={"slug": "threads"})),
        "search API": _get(anonymous_client, reverse("search_api:search"), q="pelatihan"),
        "search page": _get(anonymous_client, reverse("search:search"), q="pelatihan"),
    }
    for where, text in surfaces.items():
        _assert_masked(text, where)
    assert "disamarkan" in surfaces["search API"]
    emails = [message for message in mail.outbox if verified_asn.email in message.to]
    assert emails
    for message in emails:
        _assert_masked(message.subject + message.body, "email to the unit")
    ledger = ModerationLedgerEntry.objects.get(action=ModerationAction.REDACT,
                                               item_id=thread.pk)
    assert ledger.note == "email, nik, nip, phone"


def test_official_answers_and_their_edits_are_masked(verified_asn_client, anonymous_client,
                                                     thread):
    url = reverse("discussions:answer_publish", args=[thread.pk])
    response = verified_asn_client.post(url, {
        "body": f"Silakan hubungi petugas kami di {PHONE} atau {EMAIL}.",
        "seen_answers": "0"})
    assert response.status_code == 302
    answer = OfficialAnswer.objects.get()
    response = verified_asn_client.post(
        reverse("discussions:answer_edit", args=[answer.pk]),
        {"body": f"Silakan kirim NIK {NIK} dan NIP {NIP} ke petugas. Anggaran "
                 "Rp 1.250.000.000 tahun 2026."})
    assert response.status_code == 302
    page = _get(anonymous_client, thread.get_absolute_url())
    history = _get(anonymous_client, reverse("discussions:answer_history", args=[answer.pk]))
    feed = _get(anonymous_client, reverse("discussions:answer_feed"))
    for where, text in (("thread", page), ("history", history), ("feed", feed)):
        _assert_masked(text, where)
    assert "Rp 1.250.000.000 tahun 2026" in page  # amounts and years stay


def test_notes_and_reasons_are_masked(verified_asn_client, citizen_client, moderator_client,
                                      anonymous_client, category, citizen):
    request = ThreadFactory(category=category, author=citizen,
                            kind=ThreadKind.INFORMATION_REQUEST)
    verified_asn_client.post(reverse("discussions:thread_acknowledge", args=[request.pk]),
                             {"note": f"Ditangani petugas, hubungi {PHONE}."})
    verified_asn_client.post(reverse("discussions:thread_extend", args=[request.pk]),
                             {"reason": f"Menunggu data NIK {NIK} dari Dukcapil."})
    answered = ThreadFactory(category=category, author=citizen)
    verified_asn_client.post(reverse("discussions:answer_publish", args=[answered.pk]),
                             {"body": "Pendaftaran dibuka bulan depan.", "seen_answers": "0"})
    citizen_client.post(reverse("discussions:thread_dispute", args=[answered.pk]),
                        {"reason": f"Belum jelas, tolong telepon {PHONE}."})
    moderator_client.post(reverse("discussions:thread_close", args=[answered.pk]),
                          {"reason_kind": "off_topic", "reason": f"Tanya ke {EMAIL}."})
    request.refresh_from_db()
    answered.refresh_from_db()
    assert request.extended_at and answered.status == "closed"
    for thread in (request, answered):
        page = _get(anonymous_client, thread.get_absolute_url())
        _assert_masked(page, f"thread {thread.pk}")
        assert "disamarkan" in page


def test_display_names_are_masked(client):
    response = signup(client, display_name=f"Budi {PHONE}")
    assert response.status_code == 302
    assert User.objects.get(email="nur.aini@example.id").display_name == (
        "Budi [nomor telepon disamarkan]")


def test_forms_say_before_posting_that_personal_data_is_masked(citizen_client,
                                                              anonymous_client, thread):
    notice = "disamarkan sebelum diterbitkan"
    assert notice in _get(citizen_client, reverse("discussions:thread_create"))
    assert notice in _get(anonymous_client, reverse("discussions:comment_post"),
                          target=f"thread:{thread.pk}")
    assert "disamarkan" in _get(anonymous_client, reverse("account_signup"))


def test_the_command_remasks_stored_text_and_reindexes(anonymous_client, category, citizen,
                                                       verified_asn):
    """Rows written before masking covered them (here: straight into the database)."""
    thread = ThreadFactory(category=category, author=citizen,
                           title=f"Pelatihan kepemimpinan, HP {PHONE}", body=BODY)
    answer = OfficialAnswer.objects.create(
        thread=thread, author=verified_asn, signer_name="Dewi", signer_position="Analis",
        signer_unit="BKPSDM", body=f"Hubungi {EMAIL}.", body_html=f"<p>Hubungi {EMAIL}.</p>")
    comment = make_comment(thread, user=verified_asn, text="Komentar tentang pelatihan.")
    Comment.objects.filter(pk=comment.pk).update(comment=f"Telepon saya {PHONE}",
                                                 body_html=f"<p>Telepon saya {PHONE}</p>")
    User.objects.filter(pk=citizen.pk).update(display_name=f"Siti {PHONE}")
    from search.services import index_records

    index_records(record_type="thread", ids=[thread.pk])
    index_records(record_type="answer", ids=[answer.pk])
    assert PHONE in _get(anonymous_client, reverse("search_api:search"), q="pelatihan")

    call_command("personal_data_remask", stdout=open("/dev/null", "w"))  # noqa: SIM115

    page = _get(anonymous_client, thread.get_absolute_url())
    _assert_masked(page, "thread page")
    assert "Siti [nomor telepon disamarkan]" in page
    _assert_masked(_get(anonymous_client, reverse("search_api:search"), q="pelatihan"),
                   "search API")
    assert ModerationLedgerEntry.objects.filter(action=ModerationAction.REDACT).count() == 3
    call_command("personal_data_remask", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ModerationLedgerEntry.objects.filter(action=ModerationAction.REDACT).count() == 3
