"""The links in an email, and what makes one wrong.

Used by tests/conftest.py (every email any test sends: no link to a machine the reader
cannot reach, every link on the site resolves) and by tests/core/test_email_links.py
(which also follows each link over HTTP)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

URL_RE = re.compile(r"https?://[^\s<>\"')\]]+")
# Hosts a link in an email must never name: they are the machine that built it, or a
# placeholder, never the public site (SERAMBI_BASE_URL).
BAD_HOSTS = ("localhost", "127.0.0.1", "[::1]", "example.com", "testserver")


def email_texts(message) -> list[str]:
    """Body, HTML alternatives and the List-Unsubscribe header of an EmailMessage."""
    texts = [message.body]
    texts += [content for content, _mime in getattr(message, "alternatives", [])]
    header = message.extra_headers.get("List-Unsubscribe", "")
    if header:
        texts.append(header)
    return texts


def email_links(message) -> list[str]:
    links = []
    for text in email_texts(message):
        links += [url.rstrip(".,;:") for url in URL_RE.findall(text)]
    return links


def list_unsubscribe_link(message) -> str | None:
    header = message.extra_headers.get("List-Unsubscribe", "")
    match = re.fullmatch(r"<(https?://[^>]+)>", header)
    return match.group(1) if match else None


def link_language(path: str) -> str:
    """The language a path is in: English under /en/, else the default (Indonesian);
    URL words are translated, so a path resolves only in its own language."""
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and path.startswith(f"/{code}/"):
            return code
    return settings.LANGUAGE_CODE


def link_problems(message) -> list[str]:
    """What is wrong with the links of one email (empty when nothing is): a link to a
    loopback or placeholder host, the words example.com / localhost anywhere in it, or a
    link on the site whose path no URL pattern answers."""
    problems = []
    for text in email_texts(message):
        for word in ("example.com", "//localhost", "//127.0.0.1", "//testserver"):
            if word in text:
                problems.append(f"{message.subject!r} mentions {word}")
    site_host = urlsplit(settings.SERAMBI_BASE_URL).netloc
    for link in email_links(message):
        parts = urlsplit(link)
        host = parts.hostname or ""
        if any(host == bad.strip("[]") or parts.netloc.startswith(bad) for bad in BAD_HOSTS):
            problems.append(f"{message.subject!r} links to {link}")
        elif parts.netloc == site_host:
            try:
                with translation.override(link_language(parts.path)):
                    resolve(parts.path)
            except Resolver404:
                problems.append(f"{message.subject!r} links to {link}, which no page answers")
    return sorted(set(problems))
