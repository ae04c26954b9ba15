"""The database engine's table, and the engines' health as admins see it.

`SearchEntry` holds one row per public record (see records.SearchRecord). On PostgreSQL
its `search_vector` (title weight A, body weight B, `indonesian` configuration) and
`autocomplete_vector` (title, `simple` configuration, for prefix matching) carry GIN
indexes; on SQLite an FTS5 table mirrors title and body. Both are created by migration
0002 for the database actually in use, so they are not declared in Meta (a GIN index
cannot be created on SQLite, an FTS5 table not on PostgreSQL). So are the date indexes
the search window walks (migration 0003: newest first, undated last — SQLite cannot
declare NULLS LAST in an index, and its DESC order puts NULLs last anyway)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

FTS_TABLE = "serambi_search_fts"


class SearchEntry(models.Model):
    key = models.CharField(max_length=64, unique=True)
    record_type = models.CharField(max_length=20, db_index=True)
    record_id = models.BigIntegerField()
    url = models.CharField(max_length=500)
    title = models.TextField()
    body = models.TextField(blank=True)
    language = models.CharField(max_length=8, default="id")
    all_languages = models.BooleanField(default=False)
    unit = models.CharField(max_length=80, blank=True)
    unit_label = models.CharField(max_length=255, blank=True)
    category = models.CharField(max_length=80, blank=True)
    category_label = models.CharField(max_length=255, blank=True)
    area = models.CharField(max_length=80, blank=True)
    area_label = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=40, blank=True)
    # Records with the same key show as one result (a thread's comments: "thread:12").
    collapse_key = models.CharField(max_length=64, blank=True, default="")
    status = models.CharField(max_length=40, blank=True)
    status_label = models.CharField(max_length=100, blank=True)
    answered = models.BooleanField(null=True)
    date = models.DateField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    updated_at = models.DateTimeField(null=True)
    checksum = models.CharField(max_length=32)
    indexed_at = models.DateTimeField(auto_now=True)
    search_vector = SearchVectorField(null=True)
    autocomplete_vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["record_type", "record_id"], name="search_entry_type_id"),
            models.Index(fields=["language", "all_languages"], name="search_entry_language"),
        ]

    def __str__(self) -> str:
        return self.key


class EngineStatus(models.Model):
    """One row per engine: the last failure and whether the index needs a reconcile.

    Shown to admins on the Wagtail dashboard; `search_reconcile` clears the flag."""

    engine = models.CharField(_("engine"), max_length=40, unique=True)
    last_ok_at = models.DateTimeField(_("last success"), null=True)
    last_error_at = models.DateTimeField(_("last failure"), null=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    failures = models.PositiveIntegerField(_("failures since last success"), default=0)
    needs_reconcile = models.BooleanField(_("needs reconcile"), default=False)
    last_reconcile_at = models.DateTimeField(_("last reconcile"), null=True)

    class Meta:
        verbose_name = _("search engine status")
        verbose_name_plural = _("search engine status")

    def __str__(self) -> str:
        return self.engine


class SearchTerm(models.Model):
    """The vocabulary of the public index (words of indexed titles and bodies, letters
    only), for "did you mean" (search/suggest.py). On PostgreSQL `word` carries a trigram
    index (migration 0005, pg_trgm). Words are added as records are indexed and counted
    again on a rebuild; a word whose records left the index may linger until then (a
    suggestion is only offered when it finds something)."""

    word = models.CharField(max_length=40, unique=True)
    stem = models.CharField(max_length=40, db_index=True)
    frequency = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.word
