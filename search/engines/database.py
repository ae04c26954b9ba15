# ruff: noqa: S608, S611
# Raw SQL here interpolates only constants (table and column names defined in this module)
# and SQL compiled by the ORM; every value, including the visitor's terms, is a parameter.
"""The database engine: PostgreSQL full-text search, or SQLite FTS5, over the same
Indonesian stems (search/stemming.py, Sastrawi).

PostgreSQL: `search_vector` = stemmed title (weight A) + stemmed body (weight B) in the
`simple` configuration (the stems are already made: "melatih", "dilatih", "pelatihan" →
"latih"; "memimpin", "kepemimpinan" → "pimpin"); GIN-indexed; ranked with ts_rank (A
counts 1.0, B 0.4). Autocomplete matches title prefixes in the `simple` configuration (no
stemming, so "pelat" finds "pelatihan").

SQLite (development and the default test run): an FTS5 table (migration 0002) of the
stemmed title and body, ranked with bm25, title weighted 10 to body's 1.

Both: the visitor's words are stemmed the same way and each also matches the office's
synonyms (search/synonyms.py); relevance is multiplied by the record type's weight
(base.TYPE_WEIGHTS); a thread's comments (one `collapse_key`) are one result; highlights
and snippets are made in Python by stem (search/highlight.py).

Reading (DatabaseEngine.search): one statement reads the newest `count_cap()` matches
with their facet columns (and the ts_rank score); facet counts and the ranked page are
computed from those rows; one more statement fetches the page's rows with highlights. A
facet the visitor filtered on is counted without its own filter, so its other values
keep honest counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.contrib.postgres.search import (
    SearchQuery as PgQuery,
)
from django.contrib.postgres.search import (
    SearchRank,
    SearchVector,
)
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL

from ..highlight import mark, shorten, snippet
from ..matching import has_synonyms, term_groups, term_stems, typed
from ..models import FTS_TABLE, SearchEntry
from ..query import FACETS, SearchQuery, Terms
from ..records import SearchRecord
from ..stemming import stem, stem_text
from ..suggest import add_words, replace_vocabulary, vocabulary_words
from .base import (
    TITLE_WEIGHT,
    EngineResult,
    FacetCount,
    Hit,
    Progress,
    SearchEngine,
    Suggestion,
    collapses,
    type_weights,
)

# The vector holds Sastrawi's stems (search.stemming), so PostgreSQL only splits words.
PG_CONFIG = "simple"
BATCH = 500
FACET_LIMIT = 20
COUNT_CAP = 1000


def count_cap() -> int:
    """How many matches are counted exactly (settings.SERAMBI_SEARCH_COUNT_CAP)."""
    from django.conf import settings

    return max(10, int(getattr(settings, "SERAMBI_SEARCH_COUNT_CAP", COUNT_CAP)))


# facet → (column, label column or None)
FACET_COLUMNS = {
    "type": ("record_type", None),
    "unit": ("unit", "unit_label"),
    "category": ("category", "category_label"),
    "area": ("area", "area_label"),
    "year": ("year", None),
    "status": ("status", "status_label"),
    "answered": ("answered", None),
}

# Newest first, as the date indexes are built (search/models.py): undated records last.
NEWEST = (F("date").desc(nulls_last=True), F("id").desc())

# What the window of matches reads for each row (DatabaseEngine.search), as tuples.
WINDOW_COLUMNS = ("id", "date", *dict.fromkeys(
    column for pair in FACET_COLUMNS.values() for column in pair if column), "collapse_key")
COLUMN = {name: i for i, name in enumerate(WINDOW_COLUMNS)}
ID, DATE, SCORE = COLUMN["id"], COLUMN["date"], len(WINDOW_COLUMNS)
TYPE, GROUP = COLUMN["record_type"], COLUMN["collapse_key"]

RECORD_FIELDS = (
    "url", "title", "body", "language", "all_languages", "unit", "unit_label", "category",
    "category_label", "area", "area_label", "kind", "status", "status_label", "answered",
    "date", "updated_at", "collapse_key",
)


def _entry_values(record: SearchRecord) -> dict:
    values = {name: getattr(record, name) for name in RECORD_FIELDS}
    values.update(
        key=record.key, record_type=record.type, record_id=record.id, year=record.year,
        checksum=record.checksum,
    )
    return values


def _pg_vectors(record: SearchRecord) -> dict:
    title = Value(record.title, output_field=TextField())
    stemmed_title = Value(stem_text(record.title), output_field=TextField())
    stemmed_body = Value(stem_text(record.body), output_field=TextField())
    return {
        "search_vector": SearchVector(stemmed_title, weight="A", config=PG_CONFIG)
        + SearchVector(stemmed_body, weight="B", config=PG_CONFIG),
        "autocomplete_vector": SearchVector(title, config="simple"),
    }


def apply_filters(qs: QuerySet, filters: dict, *, skip: str | None = None) -> QuerySet:
    for facet, values in filters.items():
        if facet == skip or facet not in FACET_COLUMNS or not values:
            continue
        column = FACET_COLUMNS[facet][0]
        if facet == "year":
            # `year` is the date's year (records.SearchRecord.year): the condition goes on
            # `date` alone, so the date indexes find the year's rows and the planner
            # estimates them right (with both conditions it counted the same rows twice
            # and chose to collect every match of a common word: bench/search-results.md).
            years = Q()
            for year in (int(v) for v in values):
                years |= Q(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))
            qs = qs.filter(years)
            continue
        if facet == "answered":
            values = [v == "yes" for v in values]
        qs = qs.filter(**{f"{column}__in": values})
    return qs


def _quote(words: Iterable[str]) -> str:
    # Tokens are letters and digits only (query.words), so quoting cannot be escaped.
    return '"' + " ".join(words) + '"'


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self):
        self.vendor = connection.vendor
        if self.vendor not in ("postgresql", "sqlite"):
            raise RuntimeError("The database search engine needs PostgreSQL or SQLite.")

    # --- writing -------------------------------------------------------------------------

    @transaction.atomic
    def upsert(self, records: Iterable[SearchRecord]) -> int:
        count = 0
        batch: list[SearchRecord] = []
        for record in records:
            batch.append(record)
            if len(batch) >= BATCH:
                count += self._upsert_batch(batch)
                batch = []
        if batch:
            count += self._upsert_batch(batch)
        return count

    def _upsert_batch(self, records: list[SearchRecord], *, vocabulary: bool = True) -> int:
        by_key = {r.key: r for r in records}
        if vocabulary:
            add_words(f"{r.title}\n{r.body}" for r in by_key.values())
        if self.vendor == "postgresql":
            # Rows are replaced, not updated, with their vectors computed in the INSERT: no
            # dead row versions from a second UPDATE, and the long values are stored as
            # migration 0002 asks (narrower rows for broad searches).
            SearchEntry.objects.filter(key__in=by_key).delete()
            SearchEntry.objects.bulk_create(
                [SearchEntry(**_entry_values(r), **_pg_vectors(r)) for r in by_key.values()],
                batch_size=BATCH,
            )
            return len(by_key)
        existing = dict(SearchEntry.objects.filter(key__in=by_key).values_list("key", "id"))
        new = [SearchEntry(**_entry_values(r)) for k, r in by_key.items() if k not in existing]
        changed = []
        for key, pk in existing.items():
            entry = SearchEntry(pk=pk, **_entry_values(by_key[key]))
            changed.append(entry)
        SearchEntry.objects.bulk_create(new, batch_size=BATCH)
        if changed:
            fields = [*RECORD_FIELDS, "year", "checksum", "record_type", "record_id"]
            SearchEntry.objects.bulk_update(changed, fields, batch_size=BATCH)
        ids = dict(SearchEntry.objects.filter(key__in=by_key).values_list("key", "id"))
        self._index_text({ids[key]: record for key, record in by_key.items()})
        return len(by_key)

    def _index_text(self, records: dict[int, SearchRecord]) -> None:
        """SQLite: the FTS5 row of each entry id, its title and body stemmed."""
        ids = list(records)
        marks = ",".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", ids)
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [(pk, stem_text(r.title), stem_text(r.body)) for pk, r in records.items()],
            )

    @transaction.atomic
    def delete(self, keys: Iterable[str]) -> int:
        keys = list(keys)
        ids = list(SearchEntry.objects.filter(key__in=keys).values_list("id", flat=True))
        if not ids:
            return 0
        if self.vendor == "sqlite":
            marks = ",".join(["%s"] * len(ids))
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", ids)
        SearchEntry.objects.filter(pk__in=ids).delete()
        return len(ids)

    def checksums(self) -> dict[str, str]:
        return dict(SearchEntry.objects.values_list("key", "checksum"))

    @transaction.atomic
    def rebuild(self, records: Iterable[SearchRecord], *, progress: Progress) -> int:
        # One transaction: readers see the old index until the new one is committed.
        SearchEntry.objects.all().delete()
        if self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")
        count = 0
        vocabulary: Counter = Counter()
        batch: list[SearchRecord] = []
        for record in records:
            batch.append(record)
            vocabulary.update(vocabulary_words([f"{record.title}\n{record.body}"]))
            if len(batch) >= BATCH:
                count += self._upsert_batch(batch, vocabulary=False)
                progress(f"{count} records")
                batch = []
        if batch:
            count += self._upsert_batch(batch, vocabulary=False)
        replace_vocabulary(vocabulary)
        return count

    def optimise(self, *, progress: Progress) -> None:
        """PostgreSQL: rewrite the table in the window's order (CLUSTER on the date index)
        and refresh the planner's statistics. A search window walks the newest matches;
        with rows in date order those sit on neighbouring pages instead of one page each:
        p95 60 ms → 40 ms at 100,000 records (bench/search-results.md). New records are
        appended, so the order holds for new content; edits move rows to the end, so it
        decays slowly: `search_rebuild` ends with this, and `search_optimise` runs it
        alone (seconds for 100,000 records, under a lock that holds searches meanwhile).
        SQLite: merge the FTS5 segments and refresh the statistics."""
        table = SearchEntry._meta.db_table
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(f"CLUSTER {table} USING search_entry_date")
                cursor.execute(f"ANALYZE {table}")
            else:
                cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")
                cursor.execute(f"ANALYZE {table}")
        progress(f"{self.name}: table reorganised in date order")

    # --- reading ----------------------------------------------------------------------------

    def _scoped(self, query: SearchQuery) -> QuerySet:
        qs = SearchEntry.objects.filter(Q(language=query.language) | Q(all_languages=True))
        if query.types:
            qs = qs.filter(record_type__in=query.types)
        return qs

    def _pg_query(self, terms: Terms, *, synonyms: bool = True) -> PgQuery:
        # Stems are letters and digits only (query.words), so they cannot break out of
        # their quotes in to_tsquery's syntax. Title lexemes carry weight A.
        weight = ":A" if terms.title_only else ""

        def alternative(stems):
            lexemes = [f"'{w}'{weight}" for w in stems]
            return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"

        raw = (" | " if terms.match_any else " & ").join(
            "(" + " | ".join(alternative(alt) for alt in group) + ")"
            for group in term_groups(terms, synonyms=synonyms)
        )
        return PgQuery(raw, search_type="raw", config=PG_CONFIG)

    def _fts_match(self, terms: Terms, *, synonyms: bool = True) -> str:
        match = (" OR " if terms.match_any else " AND ").join(
            "(" + " OR ".join(_quote(alt) for alt in group) + ")"
            for group in term_groups(terms, synonyms=synonyms)
        )
        return f"title : ({match})" if terms.title_only else match

    def _match(self, qs: QuerySet, terms: Terms) -> QuerySet:
        if self.vendor == "postgresql":
            return qs.filter(search_vector=self._pg_query(terms))
        return qs.filter(id__in=RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [self._fts_match(terms)],
        ))

    def search(self, query: SearchQuery, *, facets: bool = True) -> EngineResult:
        """Exact totals, ranking and facet counts up to `count_cap()` matches. Past it
        (one very common word) only the `count_cap()` newest matches are read: the total
        is reported as "more than N" (`total_capped`), facets count those N (the page says
        so), relevance ranks within them; "newest" order stays exact.

        One statement reads that window of matches with every facet column (and, on
        PostgreSQL, the relevance score); facet counts and the ranked page are computed
        from those rows, then one more statement fetches the page's rows with their
        highlights. A facet the visitor filtered on is counted over the matches without
        its own filter (so its other values keep honest counts): that window is read
        first, and when it is complete the filtered results are taken from it too.
        bench/search-results.md has the figures."""
        matched = self._scoped(query)
        if query.terms:
            matched = self._match(matched, query.terms)
        active = {f: _raw_values(f, v) for f, v in query.filters.items()
                  if f in FACET_COLUMNS and v}
        scored = bool(query.terms) and query.sort != "newest" and self.vendor == "postgresql"
        rows = unfiltered = None
        capped = unfiltered_capped = False
        if active and facets:
            # Read for the chosen facets' own counts, so without scores; when it holds
            # every match, the filtered rows are taken from it and scored by id.
            unfiltered, unfiltered_capped = self._window(matched, query, scored=False)
            if not unfiltered_capped:
                rows = [row for row in unfiltered if _passes(row, active)]
                if scored:
                    rows = self._with_scores(rows, query)
        if rows is None:
            rows, capped = self._window(apply_filters(matched, query.filters), query,
                                        scored=scored)
        # A thread's comments count and show as one result (collapse_key), unless the
        # visitor chose to see comments only.
        collapse = collapses(query)
        groups = Counter(row[GROUP] for row in rows if row[GROUP]) if collapse else Counter()
        counted = _collapsed(rows) if collapse else rows
        counts: dict[str, list[FacetCount]] = {}
        if facets:
            counts = _facet_counts(counted, [f for f in FACETS if f not in active])
            for facet in active:
                others = {f: v for f, v in active.items() if f != facet}
                own = [row for row in unfiltered if _passes(row, others)]
                own = _collapsed(own) if collapse else own
                counts[facet] = _facet_counts(own, [facet])[facet]
        window = count_cap() if capped or unfiltered_capped else 0
        if query.sort == "newest" and capped and query.offset + query.per_page > len(rows):
            page = self._newest_page(apply_filters(matched, query.filters), query)
        else:
            page = self._page(rows, query, collapse=collapse)
        return EngineResult(hits=self._hits(page, query.terms, groups), total=len(counted),
                            facets=counts, total_capped=capped, facet_window=window)

    def _window(self, qs: QuerySet, query: SearchQuery, *, scored: bool) -> tuple[list, bool]:
        """(rows, capped?): the newest `count_cap()` matches, newest first, each a tuple
        of WINDOW_COLUMNS (plus the relevance score when `scored`). Ordered as the date
        indexes are (date DESC NULLS LAST, id), so a common word stops after cap + 1
        matches instead of reading all of them; `capped` says there were more. The score
        is computed in an outer query over the window's rows only: in the same query, a
        plan that collects all matches first would rank every one."""
        cap = count_cap()
        newest = qs.order_by(*NEWEST)
        if scored:
            try:
                inner_sql, params = (newest.values_list(*WINDOW_COLUMNS, "search_vector")
                                     [:cap + 1].query.sql_with_params())
            except EmptyResultSet:  # a condition that can match nothing
                return [], False
            rank_sql, rank_params = self._tsquery_sql(query.terms)
            rank = f"ts_rank(w.search_vector, {rank_sql})"
            if has_synonyms(query.terms):
                typed_sql, typed_params = self._tsquery_sql(typed(query.terms), synonyms=False)
                rank += f" + ts_rank(w.search_vector, {typed_sql})"
                rank_params += typed_params
            columns = ", ".join(f"w.{name}" for name in WINDOW_COLUMNS)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {columns}, {rank} FROM ({inner_sql}) w",
                    [*rank_params, *params],
                )
                rows = cursor.fetchall()
            rows.sort(key=_newest_key, reverse=True)
        else:
            rows = list(newest.values_list(*WINDOW_COLUMNS)[:cap + 1])
        return rows[:cap], len(rows) > cap

    def _tsquery_sql(self, terms: Terms, *, synonyms: bool = True) -> tuple[str, list]:
        """The visitor's terms as PostgreSQL tsquery SQL (values as parameters)."""
        compiler = SearchEntry.objects.all().query.get_compiler(connection=connection)
        expression = self._pg_query(terms, synonyms=synonyms).resolve_expression(
            compiler.query)
        sql, params = expression.as_sql(compiler, connection)
        return sql, list(params)

    def _with_scores(self, rows: list[tuple], query: SearchQuery) -> list[tuple]:
        """These window rows with their relevance score appended (PostgreSQL)."""
        if not rows:
            return rows
        score = SearchRank(F("search_vector"), self._pg_query(query.terms))
        if has_synonyms(query.terms):
            score = score + SearchRank(F("search_vector"),
                                       self._pg_query(typed(query.terms), synonyms=False))
        scores = dict(
            SearchEntry.objects.filter(id__in=[row[ID] for row in rows])
            .annotate(score=score).values_list("id", "score")
        )
        return [(*row, scores.get(row[ID], 0.0)) for row in rows]

    def _newest_page(self, qs: QuerySet, query: SearchQuery) -> list[tuple[int, float]]:
        """A page of all matches by date, past the counted window."""
        start, stop = query.offset, query.offset + query.per_page
        rows = qs.order_by(*NEWEST).values_list("id", flat=True)
        return [(pk, 0.0) for pk in rows[start:stop]]

    def _page(self, rows: list[tuple], query: SearchQuery, *,
              collapse: bool = True) -> list[tuple[int, float]]:
        """(id, score) of the requested page of the window, in order: by relevance, or by
        date with undated records last. Relevance is PostgreSQL's ts_rank (read with the
        window) or SQLite's bm25 (title 10, body 1), times the record type's weight
        (base.TYPE_WEIGHTS). A collapsed group (a thread's comments) is shown once, as
        its best-ranked record."""
        start, stop = query.offset, query.offset + query.per_page
        if not rows:
            return []
        shown = _collapsed if collapse else list
        if not query.terms or query.sort == "newest":
            return [(row[ID], 0.0) for row in shown(rows)[start:stop]]
        if self.vendor == "postgresql":
            scores = {row[ID]: float(row[SCORE]) for row in rows}
        else:
            ids = [row[ID] for row in rows]
            scores = self._bm25(ids, self._fts_match(query.terms))
            if has_synonyms(query.terms):
                bonus = self._bm25(ids, self._fts_match(typed(query.terms), synonyms=False))
                scores = {pk: score + bonus.get(pk, 0.0) for pk, score in scores.items()}
        weights = type_weights()
        weighted = {row[ID]: scores.get(row[ID], 0.0) * weights.get(row[TYPE], 1.0)
                    for row in rows}
        # A stable sort: equal scores keep the window's newest-first order.
        ordered = shown(sorted(rows, key=lambda row: weighted[row[ID]], reverse=True))
        return [(row[ID], weighted[row[ID]]) for row in ordered[start:stop]]

    def _bm25(self, ids: list[int], match: str) -> dict[int, float]:
        """SQLite: bm25 relevance (higher is better) of these window ids for `match`."""
        marks = ",".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}, {TITLE_WEIGHT}, 1.0) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({marks})",
                [match, *ids],
            )
            return {pk: -float(score) for pk, score in cursor.fetchall()}

    def _hits(self, ranked: list[tuple[int, float]], terms: Terms,
              groups: Counter | None = None) -> list[Hit]:
        if not ranked:
            return []
        groups = groups or Counter()
        ids = [pk for pk, _score in ranked]
        entries = SearchEntry.objects.filter(pk__in=ids).only(
            "key", "record_type", "record_id", "url", "title", "body", "date", "unit_label",
            "status_label", "category_label", "area_label", "collapse_key",
        )
        stems = term_stems(terms) if terms else set()
        by_id = {entry.pk: entry for entry in entries}
        hits = []
        for pk, score in ranked:
            entry = by_id.get(pk)
            if entry is None:
                continue
            # Highlights by stem, the same on both databases (search.highlight).
            title = mark(entry.title, stems)
            body = snippet(entry.body, stems) or shorten(entry.body)
            hits.append(Hit(
                key=entry.key, type=entry.record_type, id=entry.record_id, url=entry.url,
                title=title, snippet=body, date=entry.date, unit_label=entry.unit_label,
                status_label=entry.status_label, category_label=entry.category_label,
                area_label=entry.area_label, score=score,
                matches=groups.get(entry.collapse_key, 1) if entry.collapse_key else 1,
            ))
        return hits

    def autocomplete(self, terms: Terms, *, language: str, limit: int = 8) -> list[Suggestion]:
        words = terms.all_words
        if not words:
            return []
        qs = SearchEntry.objects.filter(Q(language=language) | Q(all_languages=True))
        if self.vendor == "postgresql":
            raw = " & ".join(f"'{w}'" for w in words[:-1]) + (" & " if len(words) > 1 else "")
            raw += f"'{words[-1]}':*"
            query = PgQuery(raw, search_type="raw", config="simple")
            rows = (
                qs.filter(autocomplete_vector=query)
                .annotate(score=SearchRank(F("autocomplete_vector"), query))
                .order_by("-score", *NEWEST)
            )
        else:
            # The FTS5 table holds stems, so a prefix is looked for in the title as written
            # ("pelat" finds "Pelatihan"), the complete words before it by their stems.
            last = words[-1]
            rows = qs.filter(Q(title__istartswith=last) | Q(title__icontains=f" {last}"))
            if len(words) > 1:
                match = "title : (" + " ".join(_quote([stem(w)]) for w in words[:-1]) + ")"
                rows = rows.filter(id__in=RawSQL(
                    f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]
                ))
            rows = rows.order_by(*NEWEST)
        return [
            Suggestion(title=title, url=url, type=record_type)
            for title, url, record_type in rows.values_list("title", "url", "record_type")[:limit]
        ]


def _raw_values(facet: str, values) -> set:
    """The page's values of a facet filter as the window's column holds them."""
    if facet == "year":
        return {int(v) for v in values}
    if facet == "answered":
        return {v == "yes" for v in values}
    return set(values)


def _passes(row: tuple, filters: dict[str, set]) -> bool:
    """Whether a window row passes the facet filters (raw values: _raw_values); the same
    test apply_filters makes in SQL."""
    return all(row[COLUMN[FACET_COLUMNS[facet][0]]] in values
               for facet, values in filters.items())


def _facet_counts(rows: list[tuple], facets) -> dict[str, list[FacetCount]]:
    """Counts per value of each facet over these rows: the top FACET_LIMIT by count (years
    newest first), with the value's label as the newest row gives it."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(WINDOW_COLUMNS)
    counts: dict[str, list[FacetCount]] = {}
    for facet in facets:
        column, label_column = FACET_COLUMNS[facet]
        values = columns[COLUMN[column]]
        tally = Counter(values)
        tally.pop(None, None)
        tally.pop("", None)
        found = [
            FacetCount(value=("yes" if value else "no") if facet == "answered" else str(value),
                       label="", count=n)
            for value, n in tally.items()
        ]
        if label_column:
            labels = columns[COLUMN[label_column]]
            for fc, value in zip(found, tally, strict=True):
                # Rows are newest first: the first occurrence carries the newest label.
                fc.label = labels[values.index(value)] or ""
        if facet == "year":
            found.sort(key=lambda fc: fc.value, reverse=True)
        else:
            found.sort(key=lambda fc: (-fc.count, fc.label or fc.value))
        counts[facet] = found[:FACET_LIMIT]
    return counts


def _collapsed(rows: list[tuple]) -> list[tuple]:
    """The rows with only the first of each collapse group (rows without a key kept)."""
    seen: set[str] = set()
    kept = []
    for row in rows:
        key = row[GROUP]
        if key:
            if key in seen:
                continue
            seen.add(key)
        kept.append(row)
    return kept


def _newest_key(row: tuple) -> tuple:
    """Sorted in reverse: the newest date first, undated last, then the highest id."""
    date = row[DATE]
    return (date is not None, date or dt.date.min, row[ID])
