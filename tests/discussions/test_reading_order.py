"""Reading order on a thread (issue 17): the question, the Jawaban Resmi, then "did this
solve your problem?" for the asker, then deadlines, the timeline and the comments."""

import pytest

from discussions.threads import services

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_asker_reads_question_answer_decision_timeline_comments(
        thread, citizen, verified_asn):
    services.answer_publish(user=verified_asn, thread=thread,
                            body="Pendaftaran dibuka 1 Februari 2027 di laman BKPSDM.")
    html = client_for(citizen).get(thread.get_absolute_url()).content.decode()
    order = ['class="prose thread__body"', 'id="answers-heading"', 'id="asker-heading"',
             'id="deadlines-heading"', 'id="timeline-heading"', 'id="comments-heading"']
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_a_visitor_reads_the_answer_before_the_timeline(client, thread, verified_asn):
    services.answer_publish(user=verified_asn, thread=thread, body="Dibuka Februari 2027.")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert 'id="asker-heading"' not in html
    order = ['id="answers-heading"', 'id="deadlines-heading"', 'id="timeline-heading"',
             'id="comments-heading"']
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
