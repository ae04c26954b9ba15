"""Checks that citizen text stayed text: no script, no event handler, no dangerous URL."""

from html.parser import HTMLParser

DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_inert(html: str) -> None:
    collector = _Collector()
    collector.feed(html)
    for tag, attrs in collector.tags:
        if tag == "script":
            # Only our own file and JSON-LD data blocks.
            assert attrs.get("type") == "application/ld+json" or (
                attrs.get("src", "").startswith("/static/")
            ), (tag, attrs)
        if tag == "img" and attrs.get("class") == "site-header__logo":
            continue  # the office's own mark in the header (core.office), not citizen text
        assert tag not in ("img", "svg", "iframe", "object", "embed"), (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, attrs)
            if name in ("href", "src", "action", "formaction") and value:
                assert not value.strip().lower().startswith(DANGEROUS_SCHEMES), (tag, attrs)
