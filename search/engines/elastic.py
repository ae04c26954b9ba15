"""The Elasticsearch engine (settings.SERAMBI_SEARCH_ENGINE = "elasticsearch").

- One index per build, named "<alias>-<timestamp>", behind the alias searches use.
  `rebuild` fills a new index and swaps the alias in one atomic `_aliases` call, so
  searches never see a half-built index; older indices are then deleted.
- Matching and ranking as the database engine's (issue 19): the index holds
  `stemming.stem_text()` of each title and body (Sastrawi's stems, split on whitespace:
  the words are already lower-case), and the visitor's words are stemmed and expanded
  with the office's synonyms in Python (search/matching.py), so a word finds the same
  records in both engines. A title counts TITLE_WEIGHT times a body; relevance is
  multiplied by the record type's weight (base.TYPE_WEIGHTS, a function_score); a
  thread's comments are one result (collapsed on `collapse_key`, the total counted as
  distinct keys); highlights are made in Python by stem (search/highlight.py). Titles
  also get edge n-grams for autocomplete.
- The mapping carries its version (`_meta.serambi.mapping_version`): an index built by
  older code is refused for reading (EngineUnavailable: the database answers) until
  `search_rebuild` builds one with this mapping. New indices refuse unknown fields
  (`dynamic: strict`).
- Facets are aggregations; each facet's counts ignore the facet's own filter (the
  filters are applied as a post_filter) so a visitor can widen a choice as well as narrow.
- Any transport or server error becomes EngineUnavailable; the caller falls back to the
  database engine and records the incident (search/status.py).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

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
    MetaField,
    Q,
    Search,
    Text,
    analyzer,
    tokenizer,
)

from ..highlight import mark, shorten, snippet
from ..matching import Alternative, has_synonyms, term_groups, term_stems, typed
from ..query import FACETS, SearchQuery, Terms
from ..records import SearchRecord
from ..stemming import stem_text
from .base import (
    TITLE_WEIGHT,
    EngineResult,
    EngineUnavailable,
    FacetCount,
    Hit,
    Progress,
    SearchEngine,
    Suggestion,
    collapses,
    type_weights,
)

logger = logging.getLogger(__name__)

BATCH = 500
FACET_SIZE = 20
# Raised whenever the mapping changes; an index of another version is rebuilt, not read.
# 1: Lucene's Indonesian stemmer and synonym_graph; 2: Sastrawi's stems (issue 19).
MAPPING_VERSION = 2
# Pre-stemmed text (stemming.stem_text: lower-case words of letters and digits, one
# space apart) only needs splitting on whitespace: Elasticsearch's built-in analyzer.
STEMS_ANALYZER = "whitespace"
AUTOCOMPLETE_ANALYZER = "serambi_autocomplete"
# Distinct collapse keys of grouped records (a thread's comments) are counted exactly up to
# here (Elasticsearch's maximum); past it the count is HyperLogLog's close estimate.
COUNT_PRECISION = 40_000

FACET_FIELDS = {
    "type": ("type", None),
    "unit": ("unit", "unit_label"),
    "category": ("category", "category_label"),
    "area": ("area", "area_label"),
    "year": ("year", None),
    "status": ("status", "status_label"),
    "answered": ("answered", None),
}
SOURCE_FIELDS = ["type", "record_id", "url", "title", "body", "date", "unit_label",
                 "status_label", "category_label", "area_label"]


class SearchDocument(Document):
    """The mapping of one record (analyzers are defined per index, see build_index)."""

    type = Keyword()
    record_id = Long()
    url = Keyword(index=False)
    # As written, for display and autocomplete; searches match the stems below.
    title = Text(index=False, fields={"autocomplete": Text(
        analyzer=AUTOCOMPLETE_ANALYZER, search_analyzer="standard")})
    body = Text(index=False)
    title_stems = Text(analyzer=STEMS_ANALYZER)
    body_stems = Text(analyzer=STEMS_ANALYZER)
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
    # The record's collapse key, or one of its own: results are collapsed on it.
    collapse_key = Keyword()
    # Whether it has a collapse key of its own (a comment: "thread:12"), i.e. may share
    # its result with others: results are counted as records less grouped records plus
    # their distinct keys (cheap; a cardinality over every record's key is not).
    grouped = Boolean()
    checksum = Keyword()

    class Meta:
        dynamic = MetaField("strict")
        meta = MetaField({"serambi": {"mapping_version": MAPPING_VERSION}})


def build_index(name: str) -> Index:
    """The index definition: settings, analysis and the document mapping."""
    edge = tokenizer(
        "serambi_edge_ngram", type="edge_ngram", min_gram=2, max_gram=20,
        token_chars=["letter", "digit"],
    )
    index = Index(name)
    # One shard (an office's records fit one many times over); one replica as soon as the
    # cluster has a second node, none on a single node (which would stay yellow otherwise).
    index.settings(number_of_shards=1, auto_expand_replicas="0-1", max_result_window=10_000)
    index.analyzer(analyzer(AUTOCOMPLETE_ANALYZER, tokenizer=edge,
                            filter=["lowercase", "asciifolding"]))
    index.document(SearchDocument)
    return index


def mapping_version(mapping: dict) -> int:
    """The version of one index's mapping as GET <index>/_mapping gives it (1 when it
    says none: indices built before versions were recorded)."""
    meta = (mapping.get("mappings") or {}).get("_meta") or {}
    return int((meta.get("serambi") or {}).get("mapping_version", 1))


def group_key(record: SearchRecord) -> str:
    """What results are collapsed on: the record's collapse key ("thread:12" for that
    thread's comments), else a key of its own. Not its plain key: the thread's own
    record ("thread:12") is a result apart from its comments, as in the database."""
    return record.collapse_key or f"record:{record.key}"


def document_source(record: SearchRecord) -> dict:
    return {
        "type": record.type,
        "record_id": record.id,
        "url": record.url,
        "title": record.title,
        "body": record.body,
        "title_stems": stem_text(record.title),
        "body_stems": stem_text(record.body),
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
        "collapse_key": group_key(record),
        "grouped": bool(record.collapse_key),
        "checksum": record.checksum,
    }


def _facet_filter(facet: str, values) -> Q:
    field = FACET_FIELDS[facet][0]
    if facet == "year":
        values = [int(v) for v in values]
    elif facet == "answered":
        values = [v == "yes" for v in values]
    return Q("terms", **{field: list(values)})


def _count_results(bucket) -> None:
    """Sub-aggregations to count results in `bucket` (see `results`)."""
    bucket.bucket("grouped", "filter", filter=Q("term", grouped=True)).metric(
        "keys", "cardinality", field="collapse_key", precision_threshold=COUNT_PRECISION)


def results(bucket: dict) -> int:
    """How many results the records of an aggregation bucket show as: each record that
    is not grouped, and each distinct collapse key of those that are."""
    grouped = bucket["grouped"]
    return bucket["doc_count"] - grouped["doc_count"] + grouped["keys"]["value"]


def _fields(terms: Terms) -> list[tuple[str, float]]:
    title = ("title_stems", TITLE_WEIGHT)
    return [title] if terms.title_only else [title, ("body_stems", 1.0)]


def _clauses(alternative: Alternative, fields: list[tuple[str, float]]) -> list[Q]:
    """One alternative (a stem, or a phrase of stems) in each field. match_phrase: a
    single stem is a term query, several must stand together, as PostgreSQL's <-> and
    FTS5's phrases ask."""
    text = " ".join(alternative)
    return [Q("match_phrase", **{field: {"query": text, "boost": boost}} if boost != 1
              else {field: text}) for field, boost in fields]


def text_query(terms: Terms) -> Q:
    """The database engine's match over the stemmed fields: each word or phrase (or one
    of its synonyms, search.matching.term_groups) in the title or the body; every group
    must match, or any when `match_any`. Scores add up across fields and groups. When a
    word has synonyms, the words as typed score again on top (optional clauses), so a
    record with the visitor's own word ranks above one found through a synonym. Match
    queries only: the visitor's text cannot break them."""
    fields = _fields(terms)
    groups = [
        Q("bool", should=[c for alt in group for c in _clauses(alt, fields)],
          minimum_should_match=1)
        for group in term_groups(terms)
    ]
    if terms.match_any:
        main = Q("bool", should=groups, minimum_should_match=1)
    else:
        main = Q("bool", must=groups)
    if has_synonyms(terms):
        bonus = [c for group in term_groups(typed(terms), synonyms=False)
                 for alt in group for c in _clauses(alt, fields)]
        main = Q("bool", must=[main], should=bonus)
    return main


def weighted(query: Q) -> Q:
    """Relevance times the record type's weight (base.type_weights, the database engine's
    weights): programmes and outcomes before what is said about them."""
    return Q("function_score", query=query, score_mode="first", boost_mode="multiply",
             functions=[{"filter": {"term": {"type": record_type}}, "weight": weight}
                        for record_type, weight in sorted(type_weights().items())])


def build_search(query: SearchQuery, *, index: str, facets: bool = True) -> Search:
    """The search request for `query` (compiled with to_dict() in tests)."""
    s = Search(index=index)
    scope = [Q("bool", should=[Q("term", language=query.language),
                               Q("term", all_languages=True)], minimum_should_match=1)]
    if query.types:
        scope.append(Q("terms", type=list(query.types)))
    main = weighted(text_query(query.terms)) if query.terms else Q("match_all")
    s = s.query(Q("bool", must=[main], filter=scope))
    active = {f: v for f, v in query.filters.items() if f in FACET_FIELDS and v}
    if active:
        s = s.post_filter(Q("bool", filter=[_facet_filter(f, v) for f, v in active.items()]))
    collapse = collapses(query)
    if collapse:
        # A thread's comments are one result: its best record by the sort, with how many
        # matched; the total is the number of distinct keys that pass the filters.
        s = s.collapse("collapse_key", inner_hits={"name": "matches", "size": 0,
                                                   "_source": False})
        _count_results(s.aggs.bucket("total", "filter", filter=Q(
            "bool", filter=[_facet_filter(f, v) for f, v in active.items()])))
    if facets:
        for facet in FACETS:
            field, label = FACET_FIELDS[facet]
            others = [_facet_filter(f, v) for f, v in active.items() if f != facet]
            bucket = s.aggs.bucket(facet, "filter", filter=Q("bool", filter=others)).bucket(
                "values", "terms", field=field, size=FACET_SIZE,
                order={"_key": "desc"} if facet == "year" else {"_count": "desc"},
            )
            if collapse:
                # Results, not records: a thread found through three comments counts once.
                _count_results(bucket)
            if label:
                # The value's label as its newest record gives it, as the database engine
                # does: a value two record types share ("open": a thread's "Open", a
                # program's "Open for registration") gets the same label in both engines.
                bucket.bucket("label", "terms", field=label, size=1,
                              order={"newest": "desc"}).metric("newest", "max", field="date")
    date_desc = {"date": {"order": "desc", "missing": "_last"}}
    # Equal dates: the newest record first, as the database's ids order them.
    newest_id = {"record_id": {"order": "desc"}}
    if query.sort == "newest" or not query.terms:
        s = s.sort(date_desc, newest_id)
    else:
        s = s.sort("_score", date_desc, newest_id)
    s = s.source(SOURCE_FIELDS)
    s = s.extra(track_total_hits=not collapse)
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

    def __init__(self, *, url: str, index: str, client_options: dict | None = None):
        options = {"request_timeout": 5, "max_retries": 1, "retry_on_timeout": False,
                   **(client_options or {})}
        # "http://a:9200,http://b:9200": every node of the cluster; a request to a node that
        # is down is retried on another (max_retries), so losing one node is not an outage.
        hosts = [h.strip() for h in url.split(",") if h.strip()] if isinstance(url, str) else url
        self.client = Elasticsearch(hosts, **options)
        self.alias = index
        self._alias_ready = False
        self._mapping_current = False

    # --- index lifecycle --------------------------------------------------------------------

    def new_index_name(self) -> str:
        return f"{self.alias}-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S%f}"

    def _create_index(self, name: str) -> None:
        build_index(name).create(using=self.client)

    def _check_mapping(self) -> None:
        """Refuse to read an index built with another mapping (an older version of this
        code): its fields would match nothing, silently. The database answers instead
        (EngineUnavailable), and the incident tells the admins to run search_rebuild.
        Asked once a process while the index is current; again on every read until then."""
        if self._mapping_current:
            return
        with _unavailable():
            mappings = self.client.indices.get_mapping(index=self.alias).body
        versions = sorted({mapping_version(m) for m in mappings.values()})
        if versions != [MAPPING_VERSION]:
            raise EngineUnavailable(
                f"the index behind {self.alias} has mapping version "
                f"{', '.join(map(str, versions)) or 'none'}, this code needs "
                f"{MAPPING_VERSION}: run `manage.py search_rebuild`")
        self._mapping_current = True

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
                self._mapping_current = True
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
        self._alias_ready = self._mapping_current = True
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
        # Reconcile cannot repair an index of another mapping record by record.
        self._check_mapping()
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
        self._check_mapping()
        collapse = collapses(query)
        s = build_search(query, index=self.alias, facets=facets).using(self.client)
        with _unavailable():
            response = s.execute()
        stems = term_stems(query.terms) if query.terms else set()
        hits = []
        for hit in response.hits:
            source = hit.to_dict()
            date = source.get("date")
            body = source.get("body") or ""
            matches = 1
            if collapse and "inner_hits" in hit.meta:
                matches = hit.meta.inner_hits["matches"].hits.total.value or 1
            hits.append(Hit(
                key=hit.meta.id, type=source.get("type", ""), id=source.get("record_id", 0),
                url=source.get("url", ""),
                # Highlights by stem, as the database engine makes them (search.highlight).
                title=mark(source.get("title", ""), stems),
                snippet=snippet(body, stems) or shorten(body),
                date=dt.date.fromisoformat(str(date)[:10]) if date else None,
                unit_label=source.get("unit_label") or "",
                status_label=source.get("status_label") or "",
                category_label=source.get("category_label") or "",
                area_label=source.get("area_label") or "",
                score=float(hit.meta.score or 0), matches=matches,
            ))
        aggs = response.aggregations.to_dict() if "aggregations" in response else {}
        counts: dict[str, list[FacetCount]] = {}
        if facets:
            for facet in FACETS:
                counts[facet] = []
                for bucket in aggs.get(facet, {}).get("values", {}).get("buckets", []):
                    value = bucket.get("key_as_string", bucket["key"])
                    if facet == "answered":
                        value = "yes" if str(value).lower() in ("true", "1") else "no"
                    labels = bucket.get("label", {}).get("buckets", [])
                    counts[facet].append(FacetCount(
                        value=str(value), label=labels[0]["key"] if labels else "",
                        count=results(bucket) if collapse else bucket["doc_count"],
                    ))
                if collapse and facet != "year":
                    counts[facet].sort(key=lambda fc: -fc.count)  # stable: ties as given
        total = results(aggs["total"]) if collapse else response.hits.total.value
        return EngineResult(hits=hits, total=total, facets=counts)

    def autocomplete(self, terms: Terms, *, language: str, limit: int = 8) -> list[Suggestion]:
        if not terms:
            return []
        self._check_mapping()
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
