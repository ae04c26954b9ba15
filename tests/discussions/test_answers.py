"""Official answers: publishing, the conflict when two ASN answer at once, edits with a
public history, and the signature frozen at publish time."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from discussions.models import OfficialAnswer, OfficialAnswerRevision, ThreadEvent, ThreadStatus
from discussions.threads import services

from .conftest import client_for
from .factories import ThreadFactory
from .html_checks import assert_inert

FIRST = "Pelatihan dibuka bulan Februari. Pendaftaran melalui OPD masing-masing."
SECOND = "Sebagai tambahan: kuota tahun ini 40 orang dan diprioritaskan yang belum pernah ikut."


@pytest.fixture
def thread(category, citizen):
    return ThreadFactory(category=category, author=citizen)


def _publish(client, thread, body, seen):
    return client.post(reverse("discussions:answer_publish", args=[thread.pk]),
                       {"body": body, "seen_answers": str(seen)})


def test_answer_is_signed_and_linked_from_the_top(verified_asn, verified_asn_client, thread,
                                                  anonymous_client):
    response = _publish(verified_asn_client, thread, FIRST, 0)
    answer = OfficialAnswer.objects.get()
    assert response["Location"].endswith(f"#{answer.anchor}")
    assert (answer.signer_name, answer.signer_position, answer.signer_unit) == (
        verified_asn.get_full_name(), "Analis Kebijakan Ahli Muda",
        "Badan Kepegawaian dan Pengembangan SDM")
    page = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert f'href="#{answer.anchor}"' in page and f'id="{answer.anchor}"' in page
    assert 'class="official-answer"' in page and "Analis Kebijakan Ahli Muda" in page


def test_signature_does_not_change_when_the_position_does(verified_asn, verified_asn_client,
                                                          thread):
    _publish(verified_asn_client, thread, FIRST, 0)
    verified_asn.asn_profile.position = "Kepala Bidang"
    verified_asn.asn_profile.save()
    assert OfficialAnswer.objects.get().signer_position == "Analis Kebijakan Ahli Muda"


def test_second_asn_gets_a_conflict_not_a_lost_answer(verified_asn_client, second_asn, thread):
    """Both opened the form when there was no answer; the second to submit is told."""
    assert _publish(verified_asn_client, thread, FIRST, 0).status_code == 302
    other = client_for(second_asn)
    response = _publish(other, thread, SECOND, 0)
    assert response.status_code == 409
    page = response.content.decode()
    assert FIRST in page  # the answer published meanwhile is shown…
    assert SECOND in page  # …and the writer's text is kept in the form
    assert 'class="error-summary"' in page
    assert OfficialAnswer.objects.count() == 1
    # Submitting again (the form now knows about the first answer) publishes it.
    assert 'name="seen_answers" value="1"' in page
    assert _publish(other, thread, SECOND, 1).status_code == 302
    assert OfficialAnswer.objects.count() == 2
    thread.refresh_from_db()
    assert thread.answers_count == 2


def test_answer_without_a_seen_count_is_always_saved(verified_asn, second_asn, thread):
    services.answer_publish(user=verified_asn, thread=thread, body=FIRST)
    services.answer_publish(user=second_asn, thread=thread, body=SECOND)
    thread.refresh_from_db()
    assert thread.answers_count == 2 and thread.status == ThreadStatus.ANSWERED
    assert ThreadEvent.objects.filter(thread=thread, kind="answered").count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_asn_answering_at_the_same_moment(unit_a, citizen):
    """Real concurrency (PostgreSQL row locks): each request either saves its answer or
    gets the conflict page; never a 500, never a lost write."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the row lock is exercised on PostgreSQL")
    from forum_site.accounts import roles
    from tests.accounts.factories import AsnProfileFactory, UserFactory

    from .factories import CategoryFactory

    asns = [
        AsnProfileFactory(user=UserFactory(roles=[roles.ASN]), unit=unit_a, verified=True).user
        for _ in range(2)
    ]
    thread = ThreadFactory(category=CategoryFactory(default_unit=unit_a), author=citizen)
    barrier = threading.Barrier(2)
    statuses = []

    def answer(user, text):
        from django.db import connections

        client = client_for(user)
        barrier.wait()
        try:
            statuses.append(_publish(client, thread, text, 0).status_code)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=answer, args=(user, text))
               for user, text in zip(asns, (FIRST, SECOND), strict=True)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(statuses) == [302, 409]
    thread.refresh_from_db()
    assert thread.answers_count == OfficialAnswer.objects.filter(thread=thread).count() == 1


def test_answering_a_closed_thread_is_refused_with_a_message(verified_asn_client, category):
    thread = ThreadFactory(category=category, status=ThreadStatus.CLOSED, close_reason="off_topic")
    response = _publish(verified_asn_client, thread, FIRST, 0)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert not OfficialAnswer.objects.exists()


def test_edit_keeps_a_public_history_with_an_escaped_diff(verified_asn, verified_asn_client,
                                                          thread, anonymous_client):
    _publish(verified_asn_client, thread, FIRST, 0)
    answer = OfficialAnswer.objects.get()
    new_text = FIRST + "\n\n<script>alert(1)</script> Kuota 40 orang."
    response = verified_asn_client.post(reverse("discussions:answer_edit", args=[answer.pk]),
                                        {"body": new_text})
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.body == new_text and answer.revisions_count == 1 and answer.edited_at
    revision = OfficialAnswerRevision.objects.get()
    assert (revision.previous_body, revision.new_body, revision.editor) == (
        FIRST, new_text, verified_asn)
    assert ThreadEvent.objects.filter(thread=thread, kind="answer_edited").exists()

    page = anonymous_client.get(thread.get_absolute_url()).content.decode()
    history_url = reverse("discussions:answer_history", args=[answer.pk])
    assert history_url in page
    history = anonymous_client.get(history_url).content.decode()
    assert_inert(history)
    assert '<ins class="diff__line diff__line--ins">' in history
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Kuota 40 orang." in history
    assert verified_asn.get_full_name() in history


def test_unchanged_edit_is_a_form_error(verified_asn, verified_asn_client, thread):
    answer = services.answer_publish(user=verified_asn, thread=thread, body=FIRST)
    response = verified_asn_client.post(reverse("discussions:answer_edit", args=[answer.pk]),
                                        {"body": FIRST})
    assert response.status_code == 200
    assert not OfficialAnswerRevision.objects.exists()


def test_answer_history_and_events_are_append_only(verified_asn, thread):
    answer = services.answer_publish(user=verified_asn, thread=thread, body=FIRST)
    services.answer_edit(user=verified_asn, answer=answer, body=SECOND)
    revision = OfficialAnswerRevision.objects.get()
    event = ThreadEvent.objects.filter(thread=thread).first()
    for row in (revision, event):
        with pytest.raises(TypeError):
            row.save()
        with pytest.raises(TypeError):
            row.delete()
    with pytest.raises(TypeError):
        ThreadEvent.objects.filter(pk=event.pk).update(reason="diubah")
    with pytest.raises(TypeError):
        ThreadEvent.objects.all().delete()


def test_the_database_refuses_changes_to_the_timeline(verified_asn, thread):
    from django.db import DatabaseError, transaction

    services.answer_publish(user=verified_asn, thread=thread, body=FIRST)
    event = ThreadEvent.objects.filter(thread=thread).first()
    table = connection.ops.quote_name(ThreadEvent._meta.db_table)  # a constant, not input
    update_reason = f"UPDATE {table} SET reason = %s WHERE id = %s"  # noqa: S608
    update_actor = f"UPDATE {table} SET actor_id = %s WHERE id = %s"  # noqa: S608
    delete = f"DELETE FROM {table} WHERE id = %s"  # noqa: S608

    def run(sql, params):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)

    with pytest.raises(DatabaseError):
        run(update_reason, ["palsu", event.pk])
    with pytest.raises(DatabaseError):
        run(update_actor, [verified_asn.pk + 1, event.pk])
    # Clearing the reference of a deleted account is allowed (the name snapshot stays).
    run(update_actor, [None, event.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError):
            run(delete, [event.pk])
