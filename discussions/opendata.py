"""The forum's open datasets: threads (one row per public thread), official answers
(one row per answer on a public thread) and the moderation ledger counts (one row per
month × item kind × area × action × rule; the public ledger page's CSV is this dataset).

No author identity: no user id, name, email or IP; an official answer is described by the
position and unit that signed it, never by the signer's name or NIP. Column names are a
public interface: add at the end, never rename or remove (the /data/ page documents them
from these definitions). The working-day columns are the very fields the statistics page
aggregates, so a median computed from the CSV equals the one on the page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from forum_site.core.exports import Column, ColumnType, Dataset

from .models import AWAITING_UNIT, InformationDecision, RefusalGround, ThreadKind, ThreadStatus
from .moderation import selectors as moderation_selectors
from .moderation.models import Area, ItemKind, ModerationAction, ModerationRule
from .threads import selectors

CHUNK_SIZE = 2000
T = ColumnType

THREAD_FIELDS = (
    "pk", "kind", "title", "status", "created_at", "first_response_at", "answered_at",
    "resolved_at", "closed_at", "first_response_due", "answer_due", "extended_at",
    "is_overdue", "first_response_working_days", "answer_working_days",
    "resolution_working_days", "answers_count", "supporters_count", "followers_count",
    "information_decision", "refusal_ground", "unit__slug", "unit__name",
    "category__slug", "category__name",
)


def thread_export_queryset():
    """Every public thread, oldest first, as named tuples of the exported fields only
    (`THREAD_FIELDS`; the unit's and category's through their `unit__slug`-style names).

    Tuples rather than model instances: building three instances (thread, unit, category)
    per row was two thirds of the time of a 100,000-row export, and most of its
    allocations."""
    return (
        selectors.threads_public()
        .select_related(None)
        .order_by("pk")
        .values_list(*THREAD_FIELDS, named=True)
    )


def _thread_url_prefix(request) -> str:
    path = reverse("discussions:thread_detail", args=[0])[: -len("0/")]
    return request.build_absolute_uri(path) if request is not None else path


# The thread dataset's columns after its id and address, in three groups.
_THREAD_DESCRIPTION = (
    Column("kind", T.TEXT, _("Kind of thread (code, see below)."), lambda t: t.kind),
    Column("title", T.TEXT, _("Title as the asker wrote it."), lambda t: t.title),
    Column("category", T.TEXT, _("Code of the forum category."),
           lambda t: t.category__slug),
    Column("category_name", T.TEXT, _("Name of the forum category (Indonesian)."),
           lambda t: t.category__name),
    Column("unit", T.TEXT, _("Code of the unit (OPD) the thread is routed to."),
           lambda t: t.unit__slug),
    Column("unit_name", T.TEXT, _("Name of the unit (OPD)."), lambda t: t.unit__name),
    Column("status", T.TEXT, _("Status now (code, see below)."), lambda t: t.status),
)
_THREAD_TIMELINE = (
    Column("created_at", T.DATETIME, _("When the thread was opened (ISO 8601)."),
           lambda t: t.created_at),
    Column("first_response_at", T.DATETIME,
           _("First response of the unit: acknowledgement, extension or answer."),
           lambda t: t.first_response_at),
    Column("answered_at", T.DATETIME, _("First official answer."), lambda t: t.answered_at),
    Column("resolved_at", T.DATETIME, _("Resolved (confirmed by the asker or automatically)."),
           lambda t: t.resolved_at),
    Column("closed_at", T.DATETIME, _("Closed by a moderator."), lambda t: t.closed_at),
    Column("first_response_due", T.DATE, _("Deadline for the first response."),
           lambda t: t.first_response_due),
    Column("answer_due", T.DATE, _("Deadline for the official answer (after any extension)."),
           lambda t: t.answer_due),
    Column("extended", T.BOOLEAN, _("Whether the deadline of an information request was "
                                    "extended."), lambda t: t.extended_at is not None),
    Column("is_overdue", T.BOOLEAN, _("Past a deadline and still waiting for the unit."),
           lambda t: t.is_overdue and t.status in AWAITING_UNIT),
)
_THREAD_FIGURES = (
    Column("first_response_working_days", T.INTEGER,
           _("Working days from opening to the first response."),
           lambda t: t.first_response_working_days),
    Column("answer_working_days", T.INTEGER,
           _("Working days from opening to the first official answer."),
           lambda t: t.answer_working_days),
    Column("resolution_working_days", T.INTEGER,
           _("Working days from opening to resolution."),
           lambda t: t.resolution_working_days),
    Column("official_answers", T.INTEGER, _("Number of official answers."),
           lambda t: t.answers_count),
    Column("supporters", T.INTEGER, _("People with the same question or problem."),
           lambda t: t.supporters_count),
    Column("followers", T.INTEGER, _("People following the thread."),
           lambda t: t.followers_count),
    Column("information_decision", T.TEXT,
           _("Information requests: granted, partly_granted or refused."),
           lambda t: t.information_decision),
    Column("refusal_ground", T.TEXT, _("Information requests: ground for refusal (code)."),
           lambda t: t.refusal_ground),
)


def thread_dataset(request=None) -> Dataset:
    prefix = _thread_url_prefix(request)
    columns = (
        Column("thread_id", T.INTEGER, _("Stable identifier of the thread."), lambda t: t.pk),
        Column("url", T.URL, _("Address of the thread page."), lambda t: f"{prefix}{t.pk}/"),
        *_THREAD_DESCRIPTION,
        *_THREAD_TIMELINE,
        *_THREAD_FIGURES,
    )
    return Dataset(
        slug="threads",
        title=_("Forum threads"),
        description=_("One row per public forum thread, with its dates, deadlines and working "
                      "days to each step. No author identity."),
        columns=columns,
        rows=lambda: thread_export_queryset().iterator(chunk_size=CHUNK_SIZE),
    )


def answer_export_queryset():
    return (
        selectors.answers_public()
        .select_related(None)
        .select_related("thread", "thread__unit")
        .only("pk", "signer_position", "signer_unit", "created_at", "edited_at",
              "revisions_count", "thread__id", "thread__kind", "thread__created_at",
              "thread__unit__slug", "thread__unit__name")
        .order_by("pk")
    )


def answer_dataset(request=None) -> Dataset:
    prefix = _thread_url_prefix(request)
    columns = (
        Column("answer_id", T.INTEGER, _("Stable identifier of the official answer."),
               lambda a: a.pk),
        Column("thread_id", T.INTEGER, _("The thread it answers."), lambda a: a.thread.pk),
        Column("url", T.URL, _("Address of the answer on the thread page."),
               lambda a: f"{prefix}{a.thread.pk}/#jawaban-resmi-{a.pk}"),
        Column("thread_kind", T.TEXT, _("Kind of thread (code)."), lambda a: a.thread.kind),
        Column("unit", T.TEXT, _("Code of the unit (OPD) the thread is routed to."),
               lambda a: a.thread.unit.slug),
        Column("unit_name", T.TEXT, _("Name of the unit (OPD)."), lambda a: a.thread.unit.name),
        Column("signer_position", T.TEXT, _("Position of the civil servant who signed."),
               lambda a: a.signer_position),
        Column("signer_unit", T.TEXT, _("Unit named in the signature."),
               lambda a: a.signer_unit),
        Column("thread_created_at", T.DATETIME, _("When the thread was opened."),
               lambda a: a.thread.created_at),
        Column("published_at", T.DATETIME, _("When the answer was published."),
               lambda a: a.created_at),
        Column("edited_at", T.DATETIME, _("Last correction, if any (the history is public)."),
               lambda a: a.edited_at),
        Column("revisions", T.INTEGER, _("Number of corrections."), lambda a: a.revisions_count),
    )
    return Dataset(
        slug="official-answers",
        title=_("Official answers"),
        description=_("One row per official answer (Jawaban Resmi) on a public thread: "
                      "signed by position and unit; no names, NIP or email."),
        columns=columns,
        rows=lambda: answer_export_queryset().iterator(chunk_size=CHUNK_SIZE),
    )


def moderation_ledger_dataset(request=None) -> Dataset:
    """The moderation ledger counted by month, item kind, area, action and rule: the one
    definition behind /data/moderation-ledger.csv|json and the ledger page's CSV. Counts
    only: no moderator, no author, no note, no hidden text."""
    columns = (
        Column("month", T.TEXT, _("Month of the decisions, YYYY-MM (site time zone, WITA)."),
               lambda row: row["month"].strftime("%Y-%m")),
        Column("item_kind", T.TEXT, _("What was moderated: comment or thread (code)."),
               lambda row: row["item_kind"]),
        Column("area", T.TEXT, _("Site area of the item (code, see below)."),
               lambda row: row["area"]),
        Column("action", T.TEXT, _("The decision (code, see below)."), lambda row: row["action"]),
        Column("rule", T.TEXT, _("The published rule named by the decision (code, see below); "
                                 "empty for approvals, restorations and masking."),
               lambda row: row["rule"]),
        Column("count", T.INTEGER, _("Number of decisions."), lambda row: row["count"]),
    )
    return Dataset(
        slug="moderation-ledger",
        title=_("Moderation ledger"),
        description=_("Moderation decisions on comments and threads counted per month, item, "
                      "area, decision and rule, newest month first. No person, no text."),
        columns=columns,
        rows=lambda: moderation_selectors.moderation_ledger_counts(by=LEDGER_DATASET_GROUPING),
    )


LEDGER_DATASET_GROUPING = ("month", "item_kind", "area", "action", "rule")


def _objection_of(registered):
    from .ppid.selectors import objection_of

    return objection_of(registered)


def _decision_of(registered):
    from .ppid.selectors import decision_of

    return decision_of(registered)


def request_register_dataset(request=None) -> Dataset:
    """The public register of information requests (Perki 1/2021): the register page's
    rows. No requester."""
    from .ppid.selectors import request_register

    def decision(row, field, default=None):
        value = _decision_of(row)
        return getattr(value, field) if value is not None else default

    columns = (
        Column("number", T.TEXT, _("Registration number, PPID/<unit code>/<year>/<sequence>."),
               lambda r: r.number),
        Column("received_at", T.DATETIME, _("When the request was received."),
               lambda r: r.received_at),
        Column("subject", T.TEXT, _("What was requested (the thread's title)."),
               lambda r: r.thread.title),
        Column("unit", T.TEXT, _("Unit (OPD) the request went to."), lambda r: r.thread.unit.name),
        Column("thread_id", T.INTEGER, _("The forum thread of the request."),
               lambda r: r.thread_id),
        Column("due", T.DATE, _("Deadline for the written decision (after any extension)."),
               lambda r: r.thread.answer_due),
        Column("extended", T.BOOLEAN, _("Whether the deadline was extended."),
               lambda r: r.thread.extended_at is not None),
        Column("decision", T.TEXT, _("granted, partly_granted, refused or not_held; empty "
                                     "while waiting."), lambda r: decision(r, "outcome", "")),
        Column("exemption", T.TEXT, _("Letter of the UU 14/2008 Pasal 17 exemption cited."),
               lambda r: decision(r, "exemption", "")),
        Column("decided_at", T.DATETIME, _("When the written decision was given."),
               lambda r: decision(r, "decided_at")),
        Column("working_days", T.INTEGER, _("Working days from receipt to decision."),
               lambda r: decision(r, "working_days")),
        Column("objection", T.TEXT, _("Number of the objection to the decision, if any."),
               lambda r: getattr(_objection_of(r), "number", "")),
    )
    return Dataset(
        slug="information-request-register",
        title=_("Register of public-information requests"),
        description=_("One row per registered information request: number, date, subject, "
                      "decision and working days. No requester."),
        columns=columns,
        rows=lambda: request_register().order_by("received_at", "pk").iterator(
            chunk_size=CHUNK_SIZE),
    )


def objection_register_dataset(request=None) -> Dataset:
    """The public register of objections to PPID decisions. No requester."""
    from .ppid.selectors import objection_register

    columns = (
        Column("number", T.TEXT, _("Objection number (the request's number + /KEB)."),
               lambda o: o.number),
        Column("request_number", T.TEXT, _("Registration number of the request."),
               lambda o: o.request.number),
        Column("subject", T.TEXT, _("What was requested."), lambda o: o.request.thread.title),
        Column("filed_at", T.DATETIME, _("When the objection was filed."), lambda o: o.filed_at),
        Column("grounds", T.TEXT, _("UU 14/2008 Pasal 35(1) grounds, letters a–g, separated "
                                    "by spaces."), lambda o: " ".join(o.grounds)),
        Column("due", T.DATE, _("Deadline for the atasan PPID's answer (30 working days)."),
               lambda o: o.due),
        Column("answered_at", T.DATETIME, _("When the objection was answered."),
               lambda o: o.answered_at),
        Column("upheld", T.BOOLEAN, _("Whether the objection was upheld (empty while "
                                      "waiting)."), lambda o: o.upheld),
        Column("working_days", T.INTEGER, _("Working days from filing to answer."),
               lambda o: o.answer_working_days),
        Column("late", T.BOOLEAN, _("Answered after the deadline, or overdue now."),
               lambda o: o.answered_late or o.is_overdue),
        Column("komisi_filed_at", T.DATETIME, _("When the requester took it to the Komisi "
                                                "Informasi (Pasal 37), if they did."),
               lambda o: o.komisi_filed_at),
    )
    return Dataset(
        slug="information-objection-register",
        title=_("Register of objections"),
        description=_("One row per objection to a PPID decision: grounds, outcome, working "
                      "days, Komisi Informasi. No requester."),
        columns=columns,
        rows=lambda: objection_register().order_by("filed_at", "pk").iterator(
            chunk_size=CHUNK_SIZE),
    )
def _survey_rows():
    from .survey.skm import survey_results, survey_years

    for year in survey_years():
        yield from survey_results(year=year)


def _element_value(name):
    def value(result):
        if not result.enough:
            return None
        return next(e.value for e in result.index.elements if e.field == name)
    return value


def survey_dataset(request=None) -> Dataset:
    """The satisfaction survey (SKM, PermenPANRB 14/2017) per unit and year: respondents,
    the minimum sample, and, only when it is reached, the IKM, its category and each
    element's score. Aggregates only: no response, no respondent, no comment."""
    from .survey.models import ELEMENTS

    columns = (
        Column("year", T.INTEGER, _("Year the requests were completed."), lambda r: r.year),
        Column("unit", T.TEXT, _("Code of the unit (OPD)."), lambda r: r.unit.slug),
        Column("unit_name", T.TEXT, _("Name of the unit (OPD)."), lambda r: r.unit.name),
        Column("served", T.INTEGER, _("Requests the unit completed that year (population)."),
               lambda r: r.population),
        Column("respondents", T.INTEGER, _("Survey responses."), lambda r: r.respondents),
        Column("minimum_sample", T.INTEGER,
               _("Fewest responses the regulation's sample table asks for."),
               lambda r: r.required),
        Column("enough_responses", T.BOOLEAN,
               _("Whether the minimum sample is reached (figures are empty below it)."),
               lambda r: r.enough),
        Column("ikm", T.DECIMAL, _("Satisfaction index, 25–100 (two decimals)."),
               lambda r: r.index.ikm if r.enough else None),
        Column("category", T.TEXT, _("Category: A, B, C or D (see below)."),
               lambda r: r.index.category.letter if r.enough else ""),
        *(Column(f"score_{name}", T.DECIMAL,
                 _("Score of the element, 25–100: %(element)s.") % {"element": label},
                 _element_value(name))
          for name, label, _question in ELEMENTS),
        Column("follow_up_plan", T.BOOLEAN,
               _("Whether the unit published a follow-up plan for the year."),
               lambda r: r.plan is not None),
    )
    return Dataset(
        slug="satisfaction-survey",
        title=_("Satisfaction survey (SKM)"),
        description=_("The public satisfaction survey per unit and year (PermenPANRB "
                      "14/2017): respondents, minimum sample, index, category and element "
                      "scores. No respondent, no answer, no comment."),
        columns=columns,
        rows=_survey_rows,
    )


def survey_code_lists():
    from .survey.skm import CATEGORIES

    return [("satisfaction-survey.category",
             [(c.letter, c.label) for c in CATEGORIES])]


def code_lists():
    return [
        ("threads.kind", ThreadKind.choices),
        ("threads.status", ThreadStatus.choices),
        ("threads.information_decision", InformationDecision.choices),
        ("threads.refusal_ground", RefusalGround.choices),
    ]


def ppid_code_lists():
    from .models import DecisionOutcome, Exemption

    return [
        ("information-request-register.decision", DecisionOutcome.choices),
        ("information-request-register.exemption", Exemption.choices),
    ]


def objection_code_lists():
    from .models import ObjectionGround

    return [("information-objection-register.grounds", ObjectionGround.choices)]


def ledger_code_lists():
    return [
        ("moderation-ledger.item_kind", ItemKind.choices),
        ("moderation-ledger.area", Area.choices),
        ("moderation-ledger.action", ModerationAction.choices),
        ("moderation-ledger.rule", ModerationRule.choices),
    ]


def register_datasets() -> None:
    """Called from DiscussionsConfig.ready(): /data/ lists these, and the forum feeds."""
    from forum_site.core import opendata

    opendata.register("threads", thread_dataset, order=30, code_lists=code_lists)
    opendata.register("official-answers", answer_dataset, order=40)
    opendata.register("moderation-ledger", moderation_ledger_dataset, order=45,
                      code_lists=ledger_code_lists)
    opendata.register("information-request-register", request_register_dataset, order=46,
                      code_lists=ppid_code_lists)
    opendata.register("information-objection-register", objection_register_dataset,
                      order=47, code_lists=objection_code_lists)
    opendata.register("satisfaction-survey", survey_dataset, order=48,
                      code_lists=survey_code_lists)
    opendata.register_feed(
        "threads", title=_("New forum threads"), order=30,
        url=lambda: reverse("discussions:feed"),
    )
    opendata.register_feed(
        "answers", title=_("New official answers"), order=40,
        url=lambda: reverse("discussions:answer_feed"),
    )
