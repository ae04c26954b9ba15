"""The Elasticsearch engine (settings.SERAMBI_SEARCH_ENGINE = "elasticsearch").

- One index per build, named "<alias>-<timestamp>", behind the alias searches use.
  `rebuild` fills a new index and swaps the alias in one atomic `_aliases` call, so
  searches never see a half-built index; older indices are then deleted.
- Analysis: Indonesian stop words and stemmer at index and search time; the office's
  synonym list (settings.SERAMBI_SEARCH_SYNONYMS_FILE) as a synonym_graph filter at
  search time only (multi-word synonyms work there); edge n-grams on titles for
  autocomplete.
- Facets are aggregations; each facet's counts ignore the facet's own filter (the
  filters are applied as a post_filter) so a visitor can widen a choice as well as narrow.
- Any transport or server error becomes EngineUnavailable; the caller falls back to the
  database engine and records the incident (search/status.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, helpers
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)

from ..query import FACETS, SearchQuery, Terms
from ..records import MARK_END, MARK_START, SearchRecord
from .base import (
    EngineResult,
    EngineUnavailable,
    FacetCount,
    Hit,
    Progress,
    SearchEngine,
    Suggestion,
)

logger = logging.getLogger(__name__)

BATCH = 500
FACET_SIZE = 20
INDEX_ANALYZER = "serambi_indonesian"
SEARCH_ANALYZER = "serambi_indonesian_search"
AUTOCOMPLETE_ANALYZER = "serambi_autocomplete"

FACET_FIELDS = {
    "type": ("type", None),
    "unit": ("unit", "unit_label"),
    "category": ("category", "category_label"),
    "area": ("area", "area_label"),
    "year": ("year", None),
    "status": ("status", "status_label"),
    "answered": ("answered", None),
}
_RULE = re.compile(r"^[\w ,]+(=>[\w ,]+)?$", re.UNICODE)


class SearchDocument(Document):
    """The mapping of one record (analyzers are defined per index, see build_index)."""

    type = Keyword()
    record_id = Long()
    url = Keyword(index=False)
    title = Text(
        analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER,
        fields={"autocomplete": Text(analyzer=AUTOCOMPLETE_ANALYZER,
                                     search_analyzer="standard")},
    )
    body = Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER)
    language = Keyword()
    all_languages = Boolean()
    unit = Keyword()
    unit_label = Keyword()
    category = Keyword()
    category_label = Keyword()
    area = Keyword()
    area_label = Keyword()
    kind = Keyword()
    status = Keyword()
    status_label = Keyword()
    answered = Boolean()
    date = Date()
    year = Integer()
    updated_at = Date()
    checksum = Keyword()


def synonym_rules(path: Path | str | None) -> list[str]:
    """The office's synonym rules: comments, blank lines and malformed lines dropped."""
    if not path or not Path(path).exists():
        return []
    rules = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = " ".join(line.strip().lower().split())
        if not line or line.startswith("#"):
            continue
        if _RULE.match(line):
            rules.append(line)
        else:
            logger.warning("search synonyms: ignored line %r", line)
    return rules


def build_index(name: str, *, synonyms: list[str]) -> Index:
    """The index definition: settings, analysis and the document mapping."""
    stop = token_filter("serambi_indonesian_stop", type="stop", stopwords="_indonesian_")
    stem = token_filter("serambi_indonesian_stemmer", type="stemmer", language="indonesian")
    filters = ["lowercase", "asciifolding", stop, stem]
    search_filters = ["lowercase", "asciifolding"]
    if synonyms:
        search_filters.append(token_filter(
            "serambi_synonyms", type="synonym_graph", synonyms=synonyms, lenient=True,
        ))
    search_filters += [stop, stem]
    edge = tokenizer(
        "serambi_edge_ngram", type="edge_ngram", min_gram=2, max_gram=20,
        token_chars=["letter", "digit"],
    )
    index = Index(name)
    # One shard (an office's records fit one many times over); one replica as soon as the
    # cluster has a second node, none on a single node (which would stay yellow otherwise).
    index.settings(number_of_shards=1, auto_expand_replicas="0-1", max_result_window=10_000)
    index.analyzer(analyzer(INDEX_ANALYZER, tokenizer="standard", filter=filters))
    index.analyzer(analyzer(SEARCH_ANALYZER, tokenizer="standard", filter=search_filters))
    index.analyzer(analyzer(AUTOCOMPLETE_ANALYZER, tokenizer=edge,
                            filter=["lowercase", "asciifolding"]))
    index.document(SearchDocument)
    return index


def document_source(record: SearchRecord) -> dict:
    return {
        "type": record.type,
        "record_id": record.id,
        "url": record.url,
        "title": record.title,
        "body": record.body,
        "language": record.language,
        "all_languages": record.all_languages,
        "unit": record.unit or None,
        "unit_label": record.unit_label or None,
        "category": record.category or None,
        "category_label": record.category_label or None,
        "area": record.area or None,
        "area_label": record.area_label or None,
        "kind": record.kind or None,
        "status": record.status or None,
        "status_label": record.status_label or None,
        "answered": record.answered,
        "date": record.date.isoformat() if record.date else None,
        "year": record.year,
        "updated_at": record.updated_at.isoformat() if record.updated_at else None,
        "checksum": record.checksum,
    }


def _facet_filter(facet: str, values) -> Q:
    field = FACET_FIELDS[facet][0]
    if facet == "year":
        values = [int(v) for v in values]
    elif facet == "answered":
        values = [v == "yes" for v in values]
    return Q("terms", **{field: list(values)})


def text_query(terms: Terms) -> Q:
    """Match queries only: they have no syntax, so the visitor's text cannot break them."""
    fields = ["title"] if terms.title_only else ["title^3", "body"]
    clauses = []
    if terms.words:
        clauses.append(Q(
            "multi_match", query=" ".join(terms.words), fields=fields, type="cross_fields",
            operator="or" if terms.match_any else "and",
        ))
    for phrase in terms.phrases:
        clauses.append(Q("multi_match", query=" ".join(phrase), fields=fields, type="phrase"))
    if terms.match_any:
        return Q("bool", should=clauses, minimum_should_match=1)
    return Q("bool", must=clauses)


def build_search(query: SearchQuery, *, index: str, facets: bool = True) -> Search:
    """The search request for `query` (compiled with to_dict() in tests)."""
    s = Search(index=index)
    scope = [Q("bool", should=[Q("term", language=query.language),
                               Q("term", all_languages=True)], minimum_should_match=1)]
    if query.types:
        scope.append(Q("terms", type=list(query.types)))
    main = text_query(query.terms) if query.terms else Q("match_all")
    s = s.query(Q("bool", must=[main], filter=scope))
    active = {f: v for f, v in query.filters.items() if f in FACET_FIELDS and v}
    if active:
        s = s.post_filter(Q("bool", filter=[_facet_filter(f, v) for f, v in active.items()]))
    if facets:
        for facet in FACETS:
            field, label = FACET_FIELDS[facet]
            others = [_facet_filter(f, v) for f, v in active.items() if f != facet]
            bucket = s.aggs.bucket(facet, "filter", filter=Q("bool", filter=others)).bucket(
                "values", "terms", field=field, size=FACET_SIZE,
                order={"_key": "desc"} if facet == "year" else {"_count": "desc"},
            )
            if label:
                # The value's label as its newest record gives it, as the database engine
                # does: a value two record types share ("open": a thread's "Open", a
                # program's "Open for registration") gets the same label in both engines.
                bucket.bucket("label", "terms", field=label, size=1,
                              order={"newest": "desc"}).metric("newest", "max", field="date")
    if query.terms:
        s = s.highlight_options(
            pre_tags=[MARK_START], post_tags=[MARK_END], require_field_match=False,
        ).highlight("title", number_of_fragments=0).highlight(
            "body", fragment_size=160, number_of_fragments=2, no_match_size=240,
        )
    date_desc = {"date": {"order": "desc", "missing": "_last"}}
    if query.sort == "newest" or not query.terms:
        s = s.sort(date_desc, "_score")
    else:
        s = s.sort("_score", date_desc)
    s = s.source(["type", "record_id", "url", "title", "body", "date", "unit_label",
                  "status_label", "category_label", "area_label"])
    s = s.extra(track_total_hits=True)
    return s[query.offset:query.offset + query.per_page]


def build_autocomplete(terms: Terms, *, index: str, language: str, limit: int) -> Search:
    s = Search(index=index).query(Q(
        "bool",
        must=[Q("match", **{"title.autocomplete": {"query": terms.text, "operator": "and"}})],
        filter=[Q("bool", should=[Q("term", language=language),
                                  Q("term", all_languages=True)], minimum_should_match=1)],
    ))
    return s.source(["title", "url", "type"])[:limit]


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, *, url: str, index: str, synonyms: Path | str | None = None,
                 client_options: dict | None = None):
        options = {"request_timeout": 5, "max_retries": 1, "retry_on_timeout": False,
                   **(client_options or {})}
        # "http://a:9200,http://b:9200": every node of the cluster; a request to a node that
        # is down is retried on another (max_retries), so losing one node is not an outage.
        hosts = [h.strip() for h in url.split(",") if h.strip()] if isinstance(url, str) else url
        self.client = Elasticsearch(hosts, **options)
        self.alias = index
        self.synonyms_path = synonyms
        self._alias_ready = False

    # --- index lifecycle --------------------------------------------------------------------

    def new_index_name(self) -> str:
        return f"{self.alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"

    def _create_index(self, name: str) -> None:
        build_index(name, synonyms=synonym_rules(self.synonyms_path)).create(using=self.client)

    def _ensure_alias(self) -> None:
        """Writes before the first rebuild create a first versioned index and its alias
        (never an index under the alias's own name, which would block later swaps)."""
        if self._alias_ready:
            return
        with _unavailable():
            if not self.client.indices.exists_alias(name=self.alias):
                name = self.new_index_name()
                self._create_index(name)
                self.client.indices.put_alias(index=name, name=self.alias)
        self._alias_ready = True

    @property
    def next_alias(self) -> str:
        """Points at the index a rebuild is filling, while it runs: live writes go there
        too, so nothing written during a rebuild is lost at the swap."""
        return f"{self.alias}-next"

    def rebuild(self, records: Iterable[SearchRecord], *, progress: Progress) -> int:
        """Fill a new index and swap it in. Writes that arrive meanwhile (a comment
        approved, a thread hidden) go to both indices (see `_write`); the rebuild only
        *creates* documents, so a record it read before such a write never overwrites the
        newer version. A record deleted while the rebuild still had it in hand can come
        back in the new index: the next `search_reconcile` removes it."""
        name = self.new_index_name()
        with _unavailable():
            self._create_index(name)
            try:
                self.client.indices.put_alias(index=name, name=self.next_alias)
                count = 0
                for ok, item in helpers.streaming_bulk(
                    self.client, (self._index_action(r, index=name, op="create")
                                  for r in records),
                    chunk_size=BATCH, raise_on_error=False, raise_on_exception=True,
                ):
                    if not ok and item.get("create", {}).get("status") != 409:
                        raise helpers.BulkIndexError("1 document(s) failed to index.", [item])
                    count += 1
                    if count % BATCH == 0:
                        progress(f"{count} records")
                self.client.indices.refresh(index=name)
            except BaseException:
                # Never leave a half-built index behind (found live: a refused record left
                # one per attempt); the alias still points to the previous index.
                self._drop(name)
                raise
            old = []
            if self.client.indices.exists_alias(name=self.alias):
                old = list(self.client.indices.get_alias(name=self.alias).body)
            actions = [{"remove": {"index": o, "alias": self.alias}} for o in old]
            actions.append({"add": {"index": name, "alias": self.alias}})
            actions.append({"remove": {"index": name, "alias": self.next_alias}})
            self.client.indices.update_aliases(actions=actions)
            for o in old:
                self.client.indices.delete(index=o)
        self._alias_ready = True
        progress(f"index {name} now behind alias {self.alias}")
        return count

    def _drop(self, name: str) -> None:
        try:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        except (TransportError, ApiError):
            logger.warning("search: could not delete the unfinished index %s", name)

    # --- writing --------------------------------------------------------------------------------

    def _index_action(self, record: SearchRecord, *, index: str, op: str = "index") -> dict:
        return {"_op_type": op, "_index": index, "_id": record.key,
                "_source": document_source(record)}

    def _write(self, actions: list[dict], *, ignore_missing: bool) -> int:
        """Each action to the alias, and a copy to the index a rebuild is filling if one
        is (`require_alias`: every target must be an alias, so without a rebuild the copy
        fails at once instead of creating an index of that name). Returns how many
        actions on the alias succeeded; a refusal there raises (EngineUnavailable), a
        copy's refusal is left to the rebuild and to reconcile."""
        if not actions:
            return 0
        copies = [{**a, "_index": self.next_alias} for a in actions]
        written, refused = 0, []
        with _unavailable():
            results = helpers.streaming_bulk(
                self.client, actions + copies, chunk_size=BATCH, raise_on_error=False,
                raise_on_exception=True, require_alias=True)
            for position, (ok, item) in enumerate(results):
                if position >= len(actions):
                    continue  # a copy: the rebuild and reconcile stand behind it
                if ok or (ignore_missing and next(iter(item.values())).get("status") == 404):
                    written += ok
                    continue
                refused.append(item)
        if refused:
            raise EngineUnavailable(_refusal(helpers.BulkIndexError(
                f"{len(refused)} document(s) failed to index.", refused)))
        return written

    def upsert(self, records: Iterable[SearchRecord]) -> int:
        self._ensure_alias()
        return self._write([self._index_action(r, index=self.alias) for r in records],
                           ignore_missing=False)

    def delete(self, keys: Iterable[str]) -> int:
        self._ensure_alias()
        # A record that was never indexed is already gone: 404 is fine.
        return self._write(
            [{"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys],
            ignore_missing=True)

    def checksums(self) -> dict[str, str]:
        self._ensure_alias()
        with _unavailable():
            # Writes become visible to a scan at the next refresh (1 s by default): without
            # this, reconcile would not see a write acknowledged a moment ago (found live).
            self.client.indices.refresh(index=self.alias)
            return {
                hit["_id"]: hit["_source"].get("checksum", "")
                for hit in helpers.scan(self.client, index=self.alias,
                                        query={"query": {"match_all": {}}},
                                        _source=["checksum"], size=1000)
            }

    # --- reading ------------------------------------------------------------------------------

    def search(self, query: SearchQuery, *, facets: bool = True) -> EngineResult:
        s = build_search(query, index=self.alias, facets=facets).using(self.client)
        with _unavailable():
            response = s.execute()
        hits = []
        for hit in response.hits:
            source = hit.to_dict()
            highlight = getattr(hit.meta, "highlight", None)
            title = (highlight.title[0] if highlight and "title" in highlight
                     else source.get("title", ""))
            snippet = (" … ".join(highlight.body) if highlight and "body" in highlight
                       else (source.get("body") or "")[:240])
            date = source.get("date")
            hits.append(Hit(
                key=hit.meta.id, type=source.get("type", ""), id=source.get("record_id", 0),
                url=source.get("url", ""), title=title, snippet=snippet,
                date=dt.date.fromisoformat(str(date)[:10]) if date else None,
                unit_label=source.get("unit_label") or "",
                status_label=source.get("status_label") or "",
                category_label=source.get("category_label") or "",
                area_label=source.get("area_label") or "",
                score=float(hit.meta.score or 0),
            ))
        counts: dict[str, list[FacetCount]] = {}
        if facets:
            aggs = response.aggregations.to_dict()
            for facet in FACETS:
                counts[facet] = []
                for bucket in aggs.get(facet, {}).get("values", {}).get("buckets", []):
                    value = bucket.get("key_as_string", bucket["key"])
                    if facet == "answered":
                        value = "yes" if str(value).lower() in ("true", "1") else "no"
                    labels = bucket.get("label", {}).get("buckets", [])
                    counts[facet].append(FacetCount(
                        value=str(value), label=labels[0]["key"] if labels else "",
                        count=bucket["doc_count"],
                    ))
        return EngineResult(hits=hits, total=response.hits.total.value, facets=counts)

    def autocomplete(self, terms: Terms, *, language: str, limit: int = 8) -> list[Suggestion]:
        if not terms:
            return []
        s = build_autocomplete(terms, index=self.alias, language=language, limit=limit)
        with _unavailable():
            response = s.using(self.client).execute()
        return [Suggestion(title=h.title, url=h.url, type=h.type) for h in response.hits]


class _unavailable:  # noqa: N801 - used as a context manager
    """Turn any transport or server error into EngineUnavailable."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is None:
            return False
        if isinstance(exc, helpers.BulkIndexError):
            raise EngineUnavailable(_refusal(exc)) from exc
        if isinstance(exc, TransportError | ApiError):
            raise EngineUnavailable(f"{type(exc).__name__}: {str(exc)[:200]}") from exc
        return False


def _refusal(exc: helpers.BulkIndexError) -> str:
    """Which records the node refused and why (the first one's reason), for the admins'
    incident line: the rest of the batch was written, reconcile retries these."""
    refused = []
    reason = ""
    for item in exc.errors:
        detail = next(iter(item.values()), {}) if isinstance(item, dict) else {}
        refused.append(str(detail.get("_id", "?")))
        if not reason:
            error = detail.get("error", {})
            reason = (f"{error.get('type', '')}: {error.get('reason', '')}"
                      if isinstance(error, dict) else str(error))
    return (f"BulkIndexError: {len(refused)} refused ({', '.join(refused[:5])}"
            f"{', …' if len(refused) > 5 else ''}): {reason}")[:300]
