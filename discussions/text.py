"""Citizen text: normalising what people type, and rendering Markdown safely.

Everything a citizen or ASN writes is untrusted. Titles are plain text (escaped by the
template engine wherever they appear); bodies are Markdown, rendered on the server to an
allow-list of HTML by `render_markdown`. Raw HTML typed into a body never becomes markup:
Markdown's HTML pass-through is switched off, so `<b>` shows as the characters "<b>", and
nh3 then cleans the output as a second wall (URL schemes, attributes, rel on links).
"""

from __future__ import annotations

import re
import unicodedata
from html import escape
from xml.etree import ElementTree

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forum_site.core.text import has_visible_text

# Characters that take no room on screen: zero-width spaces and joiners, bidi controls,
# the BOM, soft hyphen… (Unicode category Cf), plus control characters other than
# newline and tab. A title made of them looks empty; bidi overrides can disguise text.
_KEEP_CONTROLS = {"\n", "\t"}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _is_invisible(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cf":
        return True
    return category == "Cc" and char not in _KEEP_CONTROLS


def normalise_text(value: str | None) -> str:
    """NFC, Unix newlines, no invisible characters, no trailing spaces, at most one
    empty line in a row, stripped."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(char for char in value if not _is_invisible(char))
    lines = [line.rstrip() for line in value.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def normalise_title(value: str | None) -> str:
    """A title is one line: whitespace of any kind collapses to single spaces."""
    value = normalise_text(value).replace("\n", " ")
    return _SPACES.sub(" ", value).strip()


def validate_visible(value: str) -> None:
    """Refuse text without a visible letter or digit: spaces, invisible characters,
    lone combining marks and filler characters alone (`forum_site.core.text`)."""
    if not has_visible_text(normalise_title(value)):
        raise ValidationError(
            _("Write some text with letters or digits; spaces, marks and invisible "
              "characters alone are not enough."), code="blank")


# --- Markdown --------------------------------------------------------------------------

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"


class _NoRawHtml(markdown.Extension):
    """Python-Markdown passes raw HTML through; we want it shown as text."""

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


# A list item: up to three spaces, then -, * or + (or a number and "." / ")"), a space.
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|(\d{1,9})[.)])[ \t]+\S")


class _ListsAfterParagraphs(markdown.preprocessors.Preprocessor):
    """People write a list straight under the line that introduces it:

        Pertanyaan saya:
        - a
        - b

    Python-Markdown needs an empty line before a list, so this became one paragraph.
    As in CommonMark, a bullet item (or an ordered one starting at 1) may interrupt a
    paragraph: the empty line is put in. Lines inside a list are left alone."""

    def run(self, lines):
        out, in_list, previous = [], False, ""
        for line in lines:
            match = _LIST_ITEM.match(line)
            if not line.strip():
                in_list = False
            elif match:
                starts = match.group(1) is None or int(match.group(1)) == 1
                if previous.strip() and not in_list and starts:
                    out.append("")
                in_list = in_list or starts or not previous.strip()
            out.append(line)
            previous = line
        return out


class _BareLink(markdown.inlinepatterns.InlineProcessor):
    """https://… typed on its own becomes a link (the address is its text). Trailing
    punctuation stays outside; never inside another link."""

    ANCESTOR_EXCLUDES = ("a",)

    def handleMatch(self, m, data):  # noqa: N802 - Markdown's API name
        element = ElementTree.Element("a")
        element.set("href", m.group(1))
        element.text = markdown.util.AtomicString(m.group(1))
        return element, m.start(0), m.end(0)


_BARE_LINK_RE = r"(?<![\w/\"'=<(\[])(https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"])"


class _Writing(markdown.Extension):
    """How people type: lists straight under a line, bare addresses as links."""

    def extendMarkdown(self, md):  # noqa: N802
        md.preprocessors.register(_ListsAfterParagraphs(md), "serambi_lists", 25)
        md.inlinePatterns.register(_BareLink(_BARE_LINK_RE, md), "serambi_bare_link", 115)


class _ShiftHeadings(markdown.treeprocessors.Treeprocessor):
    """A post sits under the page's h1 and h2s: # and ## become h3, the rest h4."""

    def run(self, root):
        for element in root.iter():
            if element.tag in ("h1", "h2"):
                element.tag = "h3"
            elif element.tag in ("h5", "h6"):
                element.tag = "h4"


class _Headings(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802
        md.treeprocessors.register(_ShiftHeadings(md), "serambi_headings", 5)


# Python-Markdown looks for the end of a link from every "[" it meets: text made of
# thousands of brackets costs seconds (quadratic). Past this many, brackets are plain text
# (bare https://… addresses still become links).
MAX_LINK_BRACKETS = 200


def _defuse(source: str) -> str:
    if source.count("[") > MAX_LINK_BRACKETS:
        source = source.replace("\\", "\\\\").replace("[", "\\[")
    return source


def render_markdown(source: str) -> str:
    """Markdown source → safe HTML (allow-listed tags; http, https and mailto links only,
    each with rel="nofollow ugc noopener"). As the help text says: a line starting with
    "-" (or "1.") makes a list, even straight under a line of text; a new line is a line
    break; [text](https://…) and a bare https://… address are links."""
    source = _defuse(source or "")
    try:
        html = markdown.markdown(
            source,
            extensions=["sane_lists", "tables", "nl2br", _NoRawHtml(), _Headings(), _Writing()],
            output_format="html",
        )
    except RecursionError:
        # Thousands of nested list or quote markers ("- - - - …"): Python-Markdown
        # recurses once per level. Such a text has no structure worth keeping.
        html = "".join(f"<p>{escape(part)}</p>" for part in source.split("\n\n"))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def plain_excerpt(source: str, *, length: int = 200) -> str:
    """The first `length` characters of a post as plain text (for descriptions, feeds)."""
    # Only the start is rendered: an excerpt is read on every page view and feed item.
    text = nh3.clean(render_markdown((source or "")[: max(length * 4, 2000)]), tags=set())
    text = _SPACES.sub(" ", text.replace("\n", " ")).strip()
    # nh3 leaves entities (&amp;) in text; the template engine escapes again on output.
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    text = text.replace("&#39;", "'").replace("&amp;", "&")
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…"
