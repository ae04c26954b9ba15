"""Reads shared by publication pages, feeds, the sitemap and the open data.

Every public read goes through `published()`: live (not draft, not scheduled), public
(not under a view restriction) and not past its expiry time even if the scheduler has
not run yet. Querysets come back with their related rows already joined or prefetched,
so the number of queries a page makes does not grow with the number of rows.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from modelcluster.queryset import FakeQuerySet
from wagtail.models import Locale, Page, PageQuerySet

from forum_site.accounts.models import Unit
from forum_site.core.pages import public

from .forms import NewsFilterForm, OutcomeFilterForm, ProgramFilterForm
from .models import (
    CompetencyArea,
    InformationCategory,
    NewsIndexPage,
    NewsPage,
    OutcomeIndexPage,
    OutcomeIndicator,
    OutcomePage,
    OutcomeStatus,
    PartnerInstitution,
    ProgramStatus,
    PublicInformationEntry,
    ReportPage,
    TrainingProgramIndexPage,
    TrainingProgramPage,
)

HOME_LATEST = 3


def published(queryset: PageQuerySet) -> PageQuerySet:
    """Only what a reader may see: live, public and not expired (in the statement
    itself: forum_site/core/pages.py)."""
    return public(queryset)


# --- pagination ----------------------------------------------------------------------


@dataclass(frozen=True)
class PageLink:
    number: int
    url: str
    current: bool


def paginate(queryset, *, params: Mapping, filters: Mapping[str, str], per_page: int) -> dict:
    """One page of `queryset`. `?page=` that is not a positive whole number gives page 1;
    a number past the last page is a 404 (it never existed). Links keep the filters."""
    raw = str(params.get("page", "1"))
    number = int(raw) if raw.isdigit() and int(raw) > 0 else 1
    paginator = Paginator(queryset, per_page)
    try:
        page_obj = paginator.page(number)
    except EmptyPage:
        if number == 1:
            page_obj = paginator.page(1)  # pragma: no cover - Paginator allows empty page 1
        else:
            raise Http404("No such page.") from None

    def url(n: int) -> str:
        query = {**filters, **({"page": n} if n > 1 else {})}
        return "?" + urlencode(query) if query else "?"

    links = [PageLink(n, url(n), n == page_obj.number) for n in paginator.page_range]
    return {
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "page_links": links if paginator.num_pages > 1 else [],
        "previous_url": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next_url": url(page_obj.next_page_number()) if page_obj.has_next() else None,
        "filter_query": urlencode(filters),
    }


# --- programs ------------------------------------------------------------------------


def _programs(queryset=None) -> PageQuerySet:
    queryset = queryset if queryset is not None else TrainingProgramPage.objects.all()
    return (
        published(queryset)
        .select_related("competency_area", "organiser")
        .prefetch_related("partners")
        .order_by("-start_date", "-pk")
    )


def program_list_public(*, index: Page) -> PageQuerySet:
    """Published programs under a program index (its language), newest first."""
    return _programs(TrainingProgramPage.objects.child_of(index))


def program_listing(*, index: Page, params: Mapping) -> dict:
    """Context for the program index: the filter form, one page of results, and the
    filters in use (to keep them in the URL)."""
    programs = program_list_public(index=index)
    years = [d.year for d in programs.dates("start_date", "year", order="DESC")]
    units = Unit.objects.filter(
        pk__in=programs.order_by().values("organiser_id")
    ).order_by("name")
    form = ProgramFilterForm.parse(params, years=years, units=units)
    filters = form.cleaned_data
    if filters.get("area"):
        programs = programs.filter(competency_area=filters["area"])
    if filters.get("format"):
        programs = programs.filter(format=filters["format"])
    if filters.get("year"):
        programs = programs.filter(start_date__year=filters["year"])
    if filters.get("status"):
        programs = programs.filter(status=filters["status"])
    if filters.get("unit"):
        programs = programs.filter(organiser=filters["unit"])
    active = form.active_filters
    return {
        "filter_form": form,
        "active_filters": active,
        **paginate(programs, params=params, filters=active, per_page=index.per_page),
    }


def _translation_keys_of_linked(pages) -> list:
    return [page.translation_key for page in pages]


def program_detail(*, program: TrainingProgramPage) -> dict:
    """Partners, attachments and the published outcomes (in the program's language)
    that this program produced."""
    outcomes = (
        published(OutcomePage.objects.filter(locale_id=program.locale_id))
        .filter(programs__translation_key=program.translation_key)
        .distinct()
        .order_by("-first_published_at")
    )
    return {
        "partners": list(program.partners.all()),
        "attachments": list(program.attachments.select_related("document")),
        "outcomes": list(outcomes),
    }


# --- outcomes ------------------------------------------------------------------------


def outcome_list_public(*, index: Page) -> PageQuerySet:
    return (
        published(OutcomePage.objects.child_of(index))
        .prefetch_related("indicators")
        .order_by("-first_published_at", "-pk")
    )


def outcome_listing(*, index: Page, params: Mapping) -> dict:
    outcomes = outcome_list_public(index=index)
    form = OutcomeFilterForm.parse(params)
    if form.cleaned_data.get("status"):
        outcomes = outcomes.filter(status=form.cleaned_data["status"])
    active = form.active_filters
    return {
        "filter_form": form,
        "active_filters": active,
        **paginate(outcomes, params=params, filters=active, per_page=index.per_page),
    }


def program_choices(*, locale: Locale) -> PageQuerySet:
    """The programs an outcome in `locale` may link, for the editor's chooser: that
    language's programs, drafts included, newest first."""
    return TrainingProgramPage.objects.filter(locale=locale).order_by(
        "-start_date", "title", "pk")


def outcome_detail(*, outcome: OutcomePage) -> dict:
    """Indicators, evidence and the published programs (in the outcome's language)
    behind this outcome. Links may point at any translation of a program; the reader
    gets the one in their language."""
    # The rows, not `outcome.programs`: a preview shows the links being edited (rows
    # in memory). A served page reads its links in the programs' statement (issue 20).
    links = outcome.program_links.all()
    if isinstance(links, FakeQuerySet):
        keys = _translation_keys_of_linked(link.program for link in links)
    else:
        keys = links.values("program__translation_key")
    programs = _programs(
        TrainingProgramPage.objects.filter(locale_id=outcome.locale_id, translation_key__in=keys)
    )
    return {
        "indicators": list(outcome.indicators.all()),
        "evidence": list(outcome.evidence.select_related("document", "image")),
        "programs": list(programs),
    }


# --- reports and news ------------------------------------------------------------------


def report_list_public(*, index: Page) -> PageQuerySet:
    return (
        published(ReportPage.objects.child_of(index))
        .select_related("unit", "document")
        .order_by("-date", "-pk")
    )


def report_listing(*, index: Page, params: Mapping) -> dict:
    return paginate(report_list_public(index=index), params=params, filters={},
                    per_page=index.per_page)


def news_list_public(*, index: Page) -> PageQuerySet:
    return (
        published(NewsPage.objects.child_of(index))
        .prefetch_related("tags")
        .order_by("-date", "-pk")
    )


def news_listing(*, index: Page, params: Mapping) -> dict:
    news = news_list_public(index=index)
    form = NewsFilterForm.parse(params)
    tag = form.cleaned_data.get("tag")
    if tag:
        news = news.filter(tags__slug=tag).distinct()
    active = form.active_filters
    return {
        "filter_form": form,
        "active_filters": active,
        "tag": tag,
        **paginate(news, params=params, filters=active, per_page=index.per_page),
    }


# --- partners and the public-information register -----------------------------------------


def partner_list_public(*, locale: Locale) -> list[PartnerInstitution]:
    """Every partner with the published programs (in `locale`) done together."""
    programs = published(TrainingProgramPage.objects.filter(locale=locale)).order_by(
        "-start_date"
    )
    return list(
        PartnerInstitution.objects.select_related("mou_document").prefetch_related(
            Prefetch("programs", queryset=programs, to_attr="public_programs")
        )
    )


@dataclass(frozen=True)
class RegisterSection:
    category: str
    label: str
    entries: list


def public_information_register() -> list[RegisterSection]:
    """The DIP grouped by category, in the order the law lists them."""
    entries = PublicInformationEntry.objects.select_related("responsible_unit", "document")
    grouped: dict[str, list] = {value: [] for value in InformationCategory.values}
    for entry in entries:
        grouped[entry.category].append(entry)
    return [
        RegisterSection(value, label, grouped[value])
        for value, label in InformationCategory.choices
    ]


# --- home page ---------------------------------------------------------------------------


def _scalar(queryset, value) -> Coalesce:
    """`value` aggregated over `queryset` (all in one locale), as a subquery: one row."""
    return Coalesce(Subquery(
        queryset.order_by().values("locale_id").annotate(value=value).values("value")[:1]
    ), 0)


def key_figures(*, locale: Locale | int) -> dict:
    """Headline figures over the pages published in `locale`: what that language's
    lists show, so /en/ never counts a program its English list does not have (a page
    not yet translated is counted once its translation is published). One query: each
    figure is a subquery of one statement (issue 20)."""
    programs = published(TrainingProgramPage.objects.filter(locale=locale))
    completed = programs.filter(status=ProgramStatus.COMPLETED)
    outcomes = published(OutcomePage.objects.filter(locale=locale))
    links = TrainingProgramPage.partners.through.objects.filter(
        trainingprogrampage__in=programs.order_by().values("pk"))
    partners = Coalesce(Subquery(
        links.order_by().values("trainingprogrampage__locale_id")
        .annotate(value=Count("partnerinstitution", distinct=True)).values("value")[:1]
    ), 0)
    figures = Locale.objects.filter(pk=getattr(locale, "pk", locale)).values(
        programs_total=_scalar(programs, Count("pk")),
        programs_completed=_scalar(completed, Count("pk")),
        participants_total=_scalar(completed, Sum("participants")),
        outcomes_total=_scalar(outcomes, Count("pk")),
        outcomes_achieved=_scalar(outcomes.filter(status=OutcomeStatus.ACHIEVED), Count("pk")),
        partners_total=partners,
    ).first()
    return figures or dict.fromkeys(
        ("programs_total", "programs_completed", "participants_total", "outcomes_total",
         "outcomes_achieved", "partners_total"), 0)


def home_highlights(*, locale: Locale | int) -> dict:
    """Context for the home page: latest programs, outcomes and news in the page's
    language, and the key figures.

    The same for every visitor, so it is kept in the cache as long as the page cache
    keeps a page (`SERAMBI_PAGE_CACHE_SECONDS`) and only until the next publish,
    unpublish, move, delete or view restriction (`core.page_cache.until_public_change`):
    building these four statements costs the ORM about half of the home page's time
    (issue 20), and signed-in visitors, whom the page cache never serves, are spared it
    too. A page whose expiry time passes leaves the list when Wagtail's scheduler
    unpublishes it, as it leaves the cached pages."""
    from django.conf import settings

    from forum_site.core.page_cache import until_public_change

    locale_id = getattr(locale, "pk", locale)
    return until_public_change(f"publications:home:v1:{locale_id}",
                               lambda: _home_highlights(locale_id),
                               seconds=settings.SERAMBI_PAGE_CACHE_SECONDS)


def _home_highlights(locale: int) -> dict:
    programs = _programs(TrainingProgramPage.objects.filter(locale=locale))[:HOME_LATEST]
    outcomes = published(OutcomePage.objects.filter(locale=locale)).order_by(
        "-first_published_at", "-pk"
    )[:HOME_LATEST]
    news = published(NewsPage.objects.filter(locale=locale)).order_by("-date", "-pk")[
        :HOME_LATEST
    ]
    return {
        "latest_programs": list(programs),
        "latest_outcomes": list(outcomes),
        "latest_news": list(news),
        "key_figures": key_figures(locale=locale),
    }


def home_index_pages(*, home: Page) -> dict:
    """The published program, outcome and news lists under `home`, for the home page's
    "all programs" links (None where a list is missing). One query."""
    kinds = {
        "program_index": TrainingProgramIndexPage,
        "outcome_index": OutcomeIndexPage,
        "news_index": NewsIndexPage,
    }
    content_types = ContentType.objects.get_for_models(*kinds.values())
    by_type = {
        page.content_type_id: page
        for page in published(Page.objects.child_of(home).type(*kinds.values()))
    }
    return {name: by_type.get(content_types[model].pk) for name, model in kinds.items()}


# --- open data -------------------------------------------------------------------------


def program_export_queryset() -> QuerySet:
    """One row per published program, in the default language (the canonical record;
    translations repeat the same facts). Only the exported fields are loaded, so a
    chunk of rows stays small."""
    return (
        published(TrainingProgramPage.objects.filter(locale=Locale.get_default()))
        .select_related("competency_area", "organiser")
        .prefetch_related(Prefetch("partners", queryset=PartnerInstitution.objects.only(
            "pk", "slug", "name")))
        .only(
            "pk", "title", "url_path", "format", "status", "start_date", "end_date", "place",
            "target_participants", "capacity", "participants", "budget_planned",
            "budget_spent", "last_published_at", "competency_area__slug",
            "competency_area__name", "organiser__slug", "organiser__name",
        )
        .order_by("pk")
    )


def outcome_export_index() -> dict[int, OutcomePage]:
    """Published outcomes (default language) by id, each with `public_program_ids`:
    the outcome side of the indicator export, loaded once rather than per indicator."""
    programs = published(TrainingProgramPage.objects.all()).only("pk").order_by("pk")
    outcomes = (
        published(OutcomePage.objects.filter(locale=Locale.get_default()))
        .only("pk", "title", "url_path", "status")
        .prefetch_related(Prefetch("programs", queryset=programs,
                                   to_attr="public_programs"))
    )
    return {outcome.pk: outcome for outcome in outcomes}


INDICATOR_EXPORT_FIELDS = ("pk", "page_id", "name", "unit_of_measure", "baseline", "target",
                           "actual", "measured_on", "source")


def indicator_export_queryset(*, outcome_ids) -> QuerySet:
    """One row per indicator of the given outcomes, grouped by outcome: named tuples of
    `INDICATOR_EXPORT_FIELDS` (an export runs to 100,000 rows; a tuple costs a fraction
    of a model instance)."""
    return (
        OutcomeIndicator.objects.filter(page_id__in=outcome_ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list(*INDICATOR_EXPORT_FIELDS, named=True)
    )


def competency_areas() -> QuerySet:
    return CompetencyArea.objects.all()


# --- statistics (the transparency app's statistics and unit pages) ----------------------


@dataclass
class ProgramYearArea:
    year: int
    area: CompetencyArea | None
    programs: int
    completed: int
    participants: int
    capacity: int
    budget_planned: object
    budget_spent: object
    # People in the programs already completed: what the home page's key figure adds up.
    participants_completed: int = 0


def program_statistics(*, organiser: Unit | None = None, locale: Locale | None = None
                       ) -> list[ProgramYearArea]:
    """Programs, participants and budget per year and competency area (published programs
    in `locale`, by default the default language; cancelled ones left out), newest year
    first: a language's statistics count what its program list shows. Two queries."""
    from django.db.models.functions import ExtractYear

    programs = published(TrainingProgramPage.objects.filter(
        locale=locale or Locale.get_default()))
    programs = programs.exclude(status=ProgramStatus.CANCELLED)
    if organiser is not None:
        programs = programs.filter(organiser=organiser)
    rows = list(
        programs.order_by()
        .annotate(year=ExtractYear("start_date"))
        .values("year", "competency_area_id")
        .annotate(
            programs=Count("pk"),
            completed=Count("pk", filter=Q(status=ProgramStatus.COMPLETED)),
            # Before `participants`: that annotation's name hides the field after it.
            participants_completed=Sum("participants",
                                       filter=Q(status=ProgramStatus.COMPLETED)),
            participants=Sum("participants"),
            capacity=Sum("capacity"),
            budget_planned=Sum("budget_planned"),
            budget_spent=Sum("budget_spent"),
        )
    )
    areas = CompetencyArea.objects.in_bulk({row["competency_area_id"] for row in rows} - {None})
    result = [
        ProgramYearArea(
            year=row["year"], area=areas.get(row["competency_area_id"]),
            programs=row["programs"], completed=row["completed"],
            participants=row["participants"] or 0, capacity=row["capacity"] or 0,
            budget_planned=row["budget_planned"], budget_spent=row["budget_spent"],
            participants_completed=row["participants_completed"] or 0,
        )
        for row in rows
    ]
    result.sort(key=lambda r: (-r.year, r.area.sort_order if r.area else 9999,
                               r.area.name if r.area else ""))
    return result


def indicator_statistics(*, locale: Locale | None = None) -> list[OutcomeIndicator]:
    """Indicators of published outcomes in `locale` (by default the default language)
    with their outcome joined, so names, units and links are that language's: target
    against actual; `progress` is computed by publications.metrics. One query."""
    outcomes = published(OutcomePage.objects.filter(locale=locale or Locale.get_default()))
    return list(
        OutcomeIndicator.objects.filter(page__in=outcomes.order_by().values("pk"))
        .select_related("page")
        .order_by("page__title", "sort_order", "pk")
    )


def programs_organised_by(*, unit: Unit, limit: int = 20, locale: Locale | None = None
                          ) -> list[TrainingProgramPage]:
    """Published programs in `locale` (by default the default language) organised by
    `unit`, newest first."""
    programs = published(
        TrainingProgramPage.objects.filter(locale=locale or Locale.get_default(),
                                           organiser=unit)
    )
    return list(programs.select_related("competency_area").order_by("-start_date", "-pk")
                [:limit])


# --- translations (the editors' dashboard) -------------------------------------------


@dataclass(frozen=True)
class TranslationGaps:
    """Live pages of the site's main language with no live translation in `language`, and
    live translations published before their original's last change, newest first."""

    language: str
    missing: list
    missing_count: int
    outdated: list
    outdated_count: int


def translation_gaps(*, language: str, limit: int = 10) -> TranslationGaps:
    """What the dashboard lists for the translators: four queries whatever the counts."""

    target = Locale.objects.filter(language_code=language).first()
    source = Page.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE,
                                        depth__gt=1)
    if target is None:
        return TranslationGaps(language, list(source.order_by("-last_published_at")[:limit]),
                               source.count(), [], 0)
    translations = Page.objects.live().filter(locale=target,
                                              translation_key=OuterRef("translation_key"))
    drafts = Page.objects.filter(locale=target, live=False,
                                 translation_key=OuterRef("translation_key"))
    source = source.annotate(
        translated_at=Subquery(translations.values("last_published_at")[:1]),
        translation_id=Subquery(translations.values("pk")[:1]),
        # an English version begun but not published: the panel links to it, not to
        # "Translate" again
        draft_translation_id=Subquery(drafts.values("pk")[:1]),
    )
    missing = source.filter(translation_id__isnull=True).order_by("-last_published_at")
    outdated = source.filter(translated_at__lt=F("last_published_at")).order_by(
        "-last_published_at")
    return TranslationGaps(
        language=language,
        missing=list(missing[:limit]), missing_count=missing.count(),
        outdated=list(outdated[:limit]), outdated_count=outdated.count(),
    )
