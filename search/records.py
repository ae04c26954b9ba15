"""The flat record every searchable thing is projected to, and the registry of projections.

`search` never imports the apps whose content it indexes. Each app registers one
`Projection` per record type (publications/search_records.py, discussions/search_records.py)
from its AppConfig.ready(); a projection knows how to list its public objects and how to turn
one object into a `SearchRecord`. Adding a searchable type is one small module:

    from search.records import Projection, SearchRecord, register

    @register
    class CommentProjection(Projection):
        type = "comment"
        label = _("Comment")

        def public_ids(self): ...          # ids of every public object (for rebuilds)
        def records(self, ids): ...        # SearchRecord for each id that is public now
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from django.utils.functional import Promise

from forum_site.core.plugins import Registry

# Characters the engines use to mark highlights before the text is escaped. They are
# removed from every indexed text, so nobody can inject a highlight.
MARK_START = "\ue000"
MARK_END = "\ue001"
_MARKERS = str.maketrans("", "", MARK_START + MARK_END)
BODY_MAX_CHARS = 20_000
# Raised whenever the engines index text differently (2: Sastrawi stems, issue 19).
INDEX_VERSION = 2


def clean_text(text: str | None) -> str:
    return (text or "").translate(_MARKERS)


@dataclass(frozen=True)
class SearchRecord:
    """One public thing, flattened. `key` ("thread:12") identifies it in every engine.

    Facet fields hold a stable value (a code or slug) and, for display, a label; labels
    of codes (status) are English msgids translated when shown. `language` is the text's
    language; `all_languages` records (forum posts, the register) are shown whatever
    language the visitor reads in, page records only in their own language."""

    type: str
    id: int
    url: str
    title: str
    body: str = ""
    language: str = "id"
    all_languages: bool = False
    unit: str = ""
    unit_label: str = ""
    category: str = ""
    category_label: str = ""
    area: str = ""
    area_label: str = ""
    kind: str = ""
    status: str = ""
    status_label: str = ""
    answered: bool | None = None
    date: dt.date | None = None
    updated_at: dt.datetime | None = None
    # Records sharing a non-empty key show as one result ("3 comments match"): a
    # thread's or a page's comments.
    collapse_key: str = ""
    is_public: bool = True
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        # Lazy translations and raw text are frozen into plain, marker-free strings.
        for name in ("title", "body", "unit_label", "category_label", "area_label",
                     "status_label"):
            value = getattr(self, name)
            if isinstance(value, Promise):
                value = str(value)
            value = clean_text(value)
            if name == "body":
                value = value[:BODY_MAX_CHARS]
            object.__setattr__(self, name, value)

    @property
    def key(self) -> str:
        return make_key(self.type, self.id)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        data["updated_at"] = self.updated_at.isoformat() if self.updated_at else None
        return data

    @property
    def checksum(self) -> str:
        """Changes whenever anything indexed changes: reconcile compares it. It includes
        INDEX_VERSION, so a change in how text is indexed (the stemmer) makes
        `search_reconcile` rewrite every record."""
        payload = json.dumps({**self.as_dict(), "index_version": INDEX_VERSION},
                             sort_keys=True, default=str)
        return hashlib.blake2b(payload.encode(), digest_size=12).hexdigest()


def make_key(record_type: str, record_id: int | str) -> str:
    return f"{record_type}:{record_id}"


def split_key(key: str) -> tuple[str, int]:
    record_type, _sep, record_id = key.partition(":")
    return record_type, int(record_id)


class Projection:
    """How one model becomes search records. Subclass, set `type` and `label`, register."""

    type: str = ""
    label: str | Promise = ""
    # Order of the type facet and badge colour class.
    order: int = 100

    def public_ids(self) -> Iterable[int]:
        """Ids of every object that is public now (the rebuild and reconcile list)."""
        raise NotImplementedError

    def records(self, ids: Iterable[int]) -> list[SearchRecord]:
        """Records of those `ids` that are public now; ids missing from the result are
        not public (or gone) and must leave the index."""
        raise NotImplementedError

    def iter_records(self, *, batch_size: int = 500) -> Iterator[SearchRecord]:
        ids = list(self.public_ids())
        for start in range(0, len(ids), batch_size):
            yield from self.records(ids[start:start + batch_size])


PROJECTIONS: Registry[Projection] = Registry("search projections", owner="search/records.py")


def register(projection_class: type[Projection]) -> type[Projection]:
    """Register a projection, from the app's AppConfig.ready() (re-registering a type
    replaces it)."""
    projection = projection_class()
    if not projection.type:
        raise ValueError(f"{projection_class.__name__} has no type")
    PROJECTIONS.add(projection.type, projection, order=projection.order)
    return projection_class


def projections() -> list[Projection]:
    return PROJECTIONS.items()


def projection_for(record_type: str) -> Projection | None:
    return PROJECTIONS.get(record_type)


def type_labels() -> dict[str, str | Promise]:
    return {p.type: p.label for p in projections()}


CONTEXT_SEPARATOR = "\x04"  # as gettext's own msgctxt separator


def msgid(label, *, context: str = "") -> str:
    """The untranslated msgid of a (lazy) label, with its context: stored in the index so
    the label can be shown in the visitor's language (translate_label)."""
    from django.utils import translation

    with translation.override(None):
        text = str(label)
    return f"{context}{CONTEXT_SEPARATOR}{text}" if context else text


def translate_label(stored: str) -> str:
    from django.utils.translation import gettext, pgettext

    if not stored:
        return ""
    if CONTEXT_SEPARATOR in stored:
        context, _sep, text = stored.partition(CONTEXT_SEPARATOR)
        return pgettext(context, text)
    return gettext(stored)
