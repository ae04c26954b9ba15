"""Feeds are inert: each Atom feed of the site, read as a feed reader reads it.

A reader renders an element as markup when its `type` is "html" or "xhtml" (after
decoding the XML escaping once); "text" (or no type) is shown as characters. So every
title, subtitle and summary must be plain text, or, if it were HTML, carry no script,
event handler or javascript: address."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from discussions.threads import services
from forum_site.core import opendata
from tests.discussions.factories import CategoryFactory, ThreadFactory
from tests.publications import factories as pages

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = ('Lihat <svg/onload=alert(1)> dan <a href="&#106;avascript:alert(2)">tautan</a> '
           "juga [klik](&#106;avascript:alert(3)) <img src=x onerror=alert(4)>")
TEXT_ELEMENTS = ("title", "subtitle", "summary", "content", "rights")


class _LiveMarkup(HTMLParser):
    """What a browser-based reader would make of an HTML-typed element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "svg", "iframe", "object", "embed", "math"):
            self.dangers.append(tag)
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.dangers.append(f"{tag}[{name}]")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                address = "".join(html.unescape(value or "").split()).lower()
                if address.startswith(("javascript:", "data:", "vbscript:")):
                    self.dangers.append(f"{tag}[{name}]={address[:20]}")


def assert_feed_inert(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    checked = []
    for name in TEXT_ELEMENTS:
        for element in root.iter(f"{ATOM}{name}"):
            kind = element.get("type", "text")
            text = element.text or ""
            if kind == "text":
                checked.append(element)
                continue
            parser = _LiveMarkup()
            parser.feed(text if kind == "html" else ET.tostring(element, encoding="unicode"))
            assert not parser.dangers, f"<{name} type={kind}> is live markup: {parser.dangers}"
    return checked


@pytest.fixture
def hostile_world(home_page, unit_a, verified_asn, citizen):
    category = CategoryFactory(default_unit=unit_a, slug="umum")
    thread = services.thread_create(
        author=citizen, kind="question", category=category,
        title='Judul <svg/onload=alert(5)> &#106;avascript:alert(6)', body=HOSTILE)
    services.answer_publish(user=verified_asn, thread=thread, body=HOSTILE)
    ThreadFactory(category=category, title="Terlambat <svg/onload=alert(7)>", body=HOSTILE,
                  is_overdue=True)
    programs = pages.program_index(parent=home_page)
    pages.publish(pages.program_page(title="Program <svg/onload=alert(8)>", summary=HOSTILE),
                  parent=programs)
    return {"unit": unit_a, "thread": thread}


def _feed_urls(world) -> list[str]:
    urls = [feed["url"] for feed in opendata.feeds()]
    urls.append(reverse("discussions:overdue_feed", kwargs={"slug": world["unit"].slug}))
    urls.append("/program/feed/")
    return urls


def test_every_feed_is_plain_text_and_inert(hostile_world):
    client = Client()
    summaries = 0
    for url in _feed_urls(hostile_world):
        checked = assert_feed_inert(client.get(url))
        summaries += sum(1 for element in checked if element.tag == f"{ATOM}summary")
    assert summaries >= 4  # threads, answers, overdue and programs were all read


def test_feed_text_keeps_what_was_written(hostile_world):
    """Inert, not mangled: the reader shows the characters the citizen typed."""
    root = ET.fromstring(Client().get(reverse("discussions:feed")).content)  # noqa: S314
    entry = next(e for e in root.iter(f"{ATOM}entry")
                 if "Judul" in e.find(f"{ATOM}title").text)
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert "<svg/onload=alert(1)>" in summary.text
    title = entry.find(f"{ATOM}title")
    assert title.get("type") == "text"
    assert "<svg/onload=alert(5)>" in title.text
