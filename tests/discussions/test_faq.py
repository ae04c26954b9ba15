"""FAQ from answered threads: the unit's ASN or a moderator promote a resolved thread
with an official answer; the entry is listed per unit and topic, searchable as its own
record type, offered on the new-thread form before similar threads, and flagged for
review when its source answer is edited or its review date passes."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from discussions.models import FaqEntry, ThreadStatus

from .conftest import client_for
from .factories import OfficialAnswerFactory, resolved_thread

QUESTION = "Bagaimana cara mendaftar pelatihan kepemimpinan pengawas?"
ANSWER = "Pendaftaran pelatihan kepemimpinan pengawas dibuka setiap Februari melalui laman BKPSDM."


def _resolved_with_answer(category, author, asn):
    thread = resolved_thread(category=category, author=author,
                             title="Kapan dan di mana daftar pelatihan kepemimpinan pengawas?")
    OfficialAnswerFactory(thread=thread, author=asn, body=ANSWER)
    thread.answers_count = 1
    thread.save(update_fields=["answers_count"])
    return thread


def _promote(client, thread, **extra):
    review_by = (timezone.localdate() + dt.timedelta(days=180)).isoformat()
    return client.post(reverse("discussions:faq_promote", args=[thread.pk]), {
        "question": QUESTION, "answer": ANSWER, "review_by": review_by, **extra})


def test_the_units_asn_promote_a_resolved_thread(client, citizen, verified_asn, asn_b,
                                                 category):
    thread = _resolved_with_answer(category, citizen, verified_asn)
    asn_client = client_for(verified_asn)
    page = asn_client.get(thread.get_absolute_url()).content.decode()
    promote_url = reverse("discussions:faq_promote", args=[thread.pk])
    assert promote_url in page
    form = asn_client.get(promote_url).content.decode()
    assert "Pendaftaran pelatihan kepemimpinan pengawas dibuka" in form  # from the answer
    assert _promote(client_for(asn_b), thread).status_code == 403
    assert _promote(client_for(citizen), thread).status_code == 403
    response = _promote(asn_client, thread)
    assert response.status_code == 302
    entry = FaqEntry.objects.get()
    assert (entry.unit, entry.category, entry.question) == (thread.unit, category, QUESTION)
    detail = client.get(entry.get_absolute_url()).content.decode()
    assert QUESTION in detail and thread.get_absolute_url() in detail
    listing = client.get(reverse("discussions:faq_list"), {"unit": thread.unit.slug})
    assert QUESTION in listing.content.decode()
    other_unit = client.get(reverse("discussions:faq_list"), {"unit": asn_b.asn_profile.unit.slug})
    assert QUESTION not in other_unit.content.decode()
    # The thread links to its entry.
    assert entry.get_absolute_url() in client.get(thread.get_absolute_url()).content.decode()


def test_only_resolved_threads_with_an_answer_become_entries(citizen, verified_asn, category):
    thread = _resolved_with_answer(category, citizen, verified_asn)
    thread.status = ThreadStatus.ANSWERED
    thread.save(update_fields=["status"])
    response = _promote(client_for(verified_asn), thread)
    assert response.status_code == 400
    assert not FaqEntry.objects.exists()


def test_faq_entries_are_searchable_and_offered_before_posting(
        client, citizen, verified_asn, category, django_capture_on_commit_callbacks):
    thread = _resolved_with_answer(category, citizen, verified_asn)
    with django_capture_on_commit_callbacks(execute=True):
        assert _promote(client_for(verified_asn), thread).status_code == 302
    entry = FaqEntry.objects.get()
    found = client.get(reverse("search:search"), {"q": "pengawas", "type": "faq"})
    assert entry.get_absolute_url() in found.content.decode()
    new = client_for(citizen).post(reverse("discussions:thread_create"), {
        "kind": "question", "category": category.slug,
        "title": "Cara mendaftar pelatihan kepemimpinan pengawas tahun depan",
        "body": "Saya ingin ikut pelatihan kepemimpinan pengawas, bagaimana caranya?"})
    assert new.status_code == 200
    html = new.content.decode()
    assert entry.get_absolute_url() in html
    assert html.index(entry.get_absolute_url()) < html.index('id="similar-heading"') \
        if 'id="similar-heading"' in html else True


def test_editing_the_source_answer_flags_the_entry(client, citizen, verified_asn, category):
    thread = _resolved_with_answer(category, citizen, verified_asn)
    asn_client = client_for(verified_asn)
    assert _promote(asn_client, thread).status_code == 302
    entry = FaqEntry.objects.get()
    assert "Sedang diperiksa" not in client.get(entry.get_absolute_url()).content.decode()
    answer = thread.answers.get()
    edit = asn_client.post(reverse("discussions:answer_edit", args=[answer.pk]),
                           {"body": ANSWER + " Kuota tahun ini 40 orang."})
    assert edit.status_code == 302
    entry.refresh_from_db()
    assert entry.review_reason == "source_edited"
    assert "Sedang diperiksa" in client.get(entry.get_absolute_url()).content.decode()
    # Saving the entry again clears the flag.
    assert _promote(asn_client, thread).status_code == 302
    entry.refresh_from_db()
    assert entry.review_reason == ""


def test_an_entry_past_its_review_date_is_flagged(client, citizen, verified_asn, category):
    thread = _resolved_with_answer(category, citizen, verified_asn)
    assert _promote(client_for(verified_asn), thread).status_code == 302
    FaqEntry.objects.update(review_by=timezone.localdate() - dt.timedelta(days=1))
    listing = client.get(reverse("discussions:faq_list")).content.decode()
    assert "Perlu ditinjau ulang" in listing
