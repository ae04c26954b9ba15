"""What people type renders as the help text says: a list straight under a line of
text, a new line as a line break, links written as [text](https://…) or as a bare
https://… address. Seen on the pages, over HTTP."""

import re

import pytest
from django.urls import reverse

from discussions.models import Comment, Thread
from discussions.text import render_markdown

from .comment_support import make_comment

pytestmark = pytest.mark.django_db

QUESTION = (
    "Pertanyaan saya:\n"
    "- kapan pendaftaran dibuka\n"
    "- apa syaratnya\n"
    "\n"
    "Langkah yang sudah saya coba:\n"
    "1. bertanya ke loket\n"
    "2. membaca laman https://bkpsdm.mamujukab.go.id/pelatihan.\n"
    "\n"
    "Terima kasih,\n"
    "Siti"
)


def _ask(client, category, body):
    response = client.post(reverse("discussions:thread_create"), {
        "kind": "question", "category": category.slug,
        "title": "Jadwal pelatihan kepemimpinan 2027", "body": body,
        "similar_checked": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    return Thread.objects.get()


def test_a_list_under_a_line_of_text_is_a_list_on_the_thread_page(
        citizen_client, anonymous_client, category):
    thread = _ask(citizen_client, category, QUESTION)
    html = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert "<p>Pertanyaan saya:</p>" in html
    assert re.search(r"<ul>\s*<li>kapan pendaftaran dibuka</li>\s*<li>apa syaratnya</li>\s*"
                     r"</ul>", html)
    assert re.search(r"<p>Langkah yang sudah saya coba:</p>\s*<ol>\s*<li>bertanya ke loket"
                     r"</li>", html)
    # A bare address is a link (the full stop after it is not part of it).
    assert ('<a href="https://bkpsdm.mamujukab.go.id/pelatihan" rel="nofollow ugc noopener">'
            "https://bkpsdm.mamujukab.go.id/pelatihan</a>.") in html
    # A new line is a line break, not a space.
    assert re.search(r"Terima kasih,<br>\s*Siti", html)


def test_a_comment_keeps_its_list_and_line_breaks(thread, trusted, moderator,
                                                  anonymous_client):
    make_comment(thread, user=trusted, moderator=moderator,
                 text="Saya juga ingin tahu:\n- biaya\n- tempat\n\nSalam\nAndi")
    assert Comment.objects.get().is_public
    html = anonymous_client.get(thread.get_absolute_url()).content.decode()
    assert re.search(r"<p>Saya juga ingin tahu:</p>\s*<ul>\s*<li>biaya</li>\s*"
                     r"<li>tempat</li>\s*</ul>\s*<p>Salam<br>\s*Andi</p>", html)


@pytest.mark.parametrize("source,expected", [
    ("Pertanyaan saya:\n- a\n- b", "<p>Pertanyaan saya:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("Pertanyaan saya:\n* a\n* b", "<p>Pertanyaan saya:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
    ("Urutan:\n1. a\n2. b", "<p>Urutan:</p>\n<ol>\n<li>a</li>\n<li>b</li>\n</ol>"),
    # A number that does not start at 1 does not interrupt a sentence (as in CommonMark).
    ("Tahun\n2026. Jadi begitu", "<p>Tahun<br>\n2026. Jadi begitu</p>"),
    ("baris satu\nbaris dua", "<p>baris satu<br>\nbaris dua</p>"),
    ("[laman BKPSDM](https://bkpsdm.go.id)",
     '<p><a href="https://bkpsdm.go.id" rel="nofollow ugc noopener">laman BKPSDM</a></p>'),
    ("lihat https://bkpsdm.go.id/a_b_c, lalu",
     '<p>lihat <a href="https://bkpsdm.go.id/a_b_c" rel="nofollow ugc noopener">'
     "https://bkpsdm.go.id/a_b_c</a>, lalu</p>"),
    # Never a link inside a link, never a link in code, never a javascript: link.
    ("[lihat https://a.go.id](https://b.go.id)",
     '<p><a href="https://b.go.id" rel="nofollow ugc noopener">lihat https://a.go.id</a></p>'),
    ("`https://a.go.id`", "<p><code>https://a.go.id</code></p>"),
    ("[x](javascript:alert(1))", "<p><a rel=\"nofollow ugc noopener\">x</a></p>"),
    ("<b>tebal</b>\n- a", "<p>&lt;b&gt;tebal&lt;/b&gt;</p>\n<ul>\n<li>a</li>\n</ul>"),
])
def test_markdown_as_the_help_text_promises(source, expected):
    assert render_markdown(source) == expected


def test_the_help_text_says_what_renders(citizen_client):
    html = citizen_client.get(reverse("discussions:thread_create")).content.decode()
    assert "baris yang diawali - (atau 1.) untuk daftar" in html
    assert "Baris baru tetap menjadi baris baru" in html


# --- Hostile structure ----------------------------------------------------------------------
# Python-Markdown recurses once per nested list or quote level, and scans forward from
# every "[" for the end of a link: "- - - - …" was a 500 (RecursionError) and "a [a [ …"
# seconds of rendering on each page view (the page's description renders the body).

@pytest.mark.parametrize("body", [
    "- " * 4_000 + "akhir",
    "> " * 4_000 + "akhir",
    "1. " * 3_000 + "akhir",
], ids=["nested lists", "nested quotes", "nested numbered lists"])
def test_thousands_of_nesting_markers_post_and_render(citizen_client, anonymous_client,
                                                      category, body):
    thread = _ask(citizen_client, category, body)
    response = anonymous_client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert "akhir" in thread.body_html


def test_a_flood_of_brackets_is_plain_text_and_a_link_still_works():
    html = render_markdown("[a " * 3_000 + "[tautan](https://contoh.go.id) https://bkn.go.id")
    assert "[a [a" in html
    assert '<a href="https://bkn.go.id"' in html
    assert render_markdown("\\" + "[" * 300).count("\\") == 1


def test_a_few_brackets_still_make_links():
    assert '<a href="https://contoh.go.id"' in render_markdown("[tautan](https://contoh.go.id)")
