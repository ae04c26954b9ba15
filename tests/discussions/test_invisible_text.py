"""Text that is not there: titles, bodies, answers, comments and display names made only
of characters that draw nothing (lone combining marks, U+034F, U+FE0F, Hangul fillers,
the blank Braille pattern…) are refused with a clear, translated form error; long
unbroken words wrap instead of overflowing their cards."""

from pathlib import Path

import pytest
from django.urls import reverse

from discussions.models import Comment, OfficialAnswer, Thread
from forum_site.accounts.models import User
from tests.accounts.test_registration import signup

from .comment_support import post_comment

pytestmark = pytest.mark.django_db

NOTHING = {
    "combining acute x20": "\u0301" * 20,
    "combining grapheme joiner": "\u034f" * 20,
    "variation selector 16": "\ufe0f" * 20,
    "hangul filler": "\u3164" * 20,
    "braille blank": "\u2800" * 20,
    "hangul choseong filler": "\u115f" * 20,
    "halfwidth hangul filler": "\uffa0" * 20,
    "mixed with spaces": "\u3164 \u2800 \u0301 \u115f \u1160 \ufe0f " * 4,
}
MESSAGE = "huruf atau angka"  # "…with letters or digits…" in the Indonesian message
GOOD_TITLE = "Jadwal pelatihan kepemimpinan 2027"
GOOD_BODY = "Mohon penjelasan jadwal pelatihan kepemimpinan tahun depan."


def _thread_post(client, category, **fields):
    data = {"kind": "question", "category": category.slug, "title": GOOD_TITLE,
            "body": GOOD_BODY, "similar_checked": "on"}
    data.update(fields)
    return client.post(reverse("discussions:thread_create"), data)


@pytest.mark.parametrize("field", ["title", "body"])
@pytest.mark.parametrize("text", NOTHING.values(), ids=NOTHING.keys())
def test_thread_without_letters_or_digits_is_refused(citizen_client, category, field, text):
    response = _thread_post(citizen_client, category, **{field: text})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page and f'href="#id_{field}' in page
    assert MESSAGE in page
    assert not Thread.objects.exists()


def test_marks_on_real_letters_are_fine(citizen_client, category):
    response = _thread_post(citizen_client, category,
                            title="Caf\u0065\u0301 di kantor BKPSDM \u2764\ufe0f")
    assert response.status_code == 302
    assert Thread.objects.get().title.startswith("Café")


@pytest.mark.parametrize("text", NOTHING.values(), ids=NOTHING.keys())
def test_answer_without_letters_or_digits_is_refused(verified_asn_client, thread, text):
    response = verified_asn_client.post(
        reverse("discussions:answer_publish", args=[thread.pk]),
        {"body": text * 2, "seen_answers": "0"})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not OfficialAnswer.objects.exists()


@pytest.mark.parametrize("text", NOTHING.values(), ids=NOTHING.keys())
def test_comment_without_letters_or_digits_is_refused(verified_asn_client, thread, text):
    response = post_comment(verified_asn_client, thread, text)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not Comment.objects.exists()


def test_display_name_without_letters_is_refused(client):
    response = signup(client, display_name="\u3164\u3164 \u2800\u2800")
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not User.objects.filter(email="nur.aini@example.id").exists()


def test_long_words_wrap_in_cards_titles_and_comments():
    """The stylesheets let an unbroken 150-letter title break anywhere rather than
    overflow the list, the queue, the home page's cards and comments."""
    root = Path(__file__).resolve().parents[2]
    site = (root / "forum_site/static/css/serambi.css").read_text()
    forum = (root / "discussions/static/discussions/discussions.css").read_text()
    rule = next(line for line in site.splitlines() if "overflow-wrap: anywhere" in line)
    for selector in ("h1", "h2", "h3", ".card", ".prose"):
        assert selector in rule.split("{")[0]
    for selector in (".thread-item", ".comment {"):
        line = next(line for line in forum.splitlines() if line.startswith(selector))
        assert "overflow-wrap: anywhere" in line
