"""The "Pratinjau" button (issue 17): a thread, an official answer or a comment shown as it
will be published (Markdown rendered, personal data masked) before sending, without
JavaScript, and nothing stored."""

import pytest
from django.urls import reverse

from discussions.models import Comment, OfficialAnswer, Thread
from tests.discussions.comment_support import post_comment
from tests.discussions.factories import OfficialAnswerFactory

pytestmark = pytest.mark.django_db

BODY = "Pertanyaan saya:\n- jadwal pendaftaran\n- syarat peserta\n\nHubungi 0812-4567-8910."
RENDERED = "<ul>\n<li>jadwal pendaftaran</li>\n<li>syarat peserta</li>\n</ul>"


def _preview(html: str) -> str:
    start = html.index('id="pratinjau"')
    return html[start:html.index("</section>", start)]


def test_the_thread_form_offers_the_button(citizen_client):
    html = citizen_client.get(reverse("discussions:thread_create")).content.decode()
    assert '<button class="button button--secondary" type="submit" name="preview" value="1">' \
           "Pratinjau</button>" in html


def test_a_thread_preview_renders_masks_and_keeps_the_text(citizen_client, category):
    response = citizen_client.post(reverse("discussions:thread_create"), {
        "kind": "question", "category": category.slug, "preview": "1",
        "title": "Jadwal pelatihan kepemimpinan tahun depan", "body": BODY})
    assert response.status_code == 200
    html = response.content.decode()
    preview = _preview(html)
    assert RENDERED in preview
    assert "[nomor telepon disamarkan]" in preview and "0812-4567-8910" not in preview
    assert "Belum ada yang dikirim." in preview
    assert "Hubungi 0812-4567-8910.</textarea>" in html  # the author's text stays in the form
    assert not Thread.objects.exists()


def test_an_invalid_thread_preview_shows_the_errors_not_a_preview(citizen_client, category):
    html = citizen_client.post(reverse("discussions:thread_create"), {
        "kind": "question", "category": category.slug, "preview": "1", "title": "",
        "body": BODY}).content.decode()
    assert 'id="pratinjau"' not in html
    assert not Thread.objects.exists()


def test_an_official_answer_preview_stays_on_the_thread(verified_asn_client, thread):
    response = verified_asn_client.post(
        reverse("discussions:answer_publish", args=[thread.pk]),
        {"body": BODY, "seen_answers": "0", "preview": "1"})
    assert response.status_code == 200
    preview = _preview(response.content.decode())
    assert RENDERED in preview and "[nomor telepon disamarkan]" in preview
    assert not OfficialAnswer.objects.exists()


def test_an_answer_edit_preview(verified_asn, verified_asn_client, thread):
    answer = OfficialAnswerFactory(thread=thread, author=verified_asn)
    url = reverse("discussions:answer_edit", args=[answer.pk])
    assert "Pratinjau</button>" in verified_asn_client.get(url).content.decode()
    response = verified_asn_client.post(url, {"body": BODY, "preview": "1"})
    assert RENDERED in _preview(response.content.decode())
    answer.refresh_from_db()
    assert answer.body != BODY


@pytest.mark.parametrize("who", ["citizen_client", "anonymous_client"])
def test_a_comment_preview(request, who, thread):
    client = request.getfixturevalue(who)
    response = post_comment(client, thread, BODY, preview="1",
                            **({"name": "Budi", "email": "budi@example.org"}
                               if who == "anonymous_client" else {}))
    assert response.status_code == 200
    preview = _preview(response.content.decode())
    assert RENDERED in preview and "[nomor telepon disamarkan]" in preview
    assert not Comment.objects.exists()
