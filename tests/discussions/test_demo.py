"""The demo seeder: at least 40 threads across categories, units, kinds and statuses,
answered by the demo ASN accounts; running it again adds nothing."""

from django.db.models import Count

from discussions.demo import seed_forum
from discussions.models import Category, OfficialAnswer, SurveyResponse, Thread, ThreadEvent
from discussions.survey.demo import seed_survey
from discussions.survey.skm import survey_result
from forum_site.accounts.demo import seed_accounts
from forum_site.accounts.models import Unit


def test_seed_forum_is_rich_and_idempotent(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)  # the documents attached to demo decisions
    seed_accounts(log=lambda *_: None)
    seed_forum(log=lambda *_: None)

    assert Category.objects.count() == 4
    assert Thread.objects.count() >= 40
    statuses = dict(Thread.objects.values_list("status").annotate(n=Count("pk")).order_by())
    assert {"open", "answered", "resolved", "reopened", "closed"} <= set(statuses)
    assert Thread.objects.filter(is_overdue=True).exists()
    assert Thread.objects.filter(close_reason="duplicate", duplicate_of__isnull=False).exists()
    assert Thread.objects.values("kind").distinct().count() == 5
    assert Thread.objects.values("unit").distinct().count() >= 4
    answerers = set(OfficialAnswer.objects.values_list("author__email", flat=True))
    assert {"asn.bkpsdm@serambi.localhost", "asn.pupr@serambi.localhost",
            "asn.dukcapil@serambi.localhost"} <= answerers
    assert ThreadEvent.objects.filter(kind="auto_resolved").exists()
    assert ThreadEvent.objects.filter(kind="overdue").exists()
    # The public-information path at every step: registered, decided (granted by answer,
    # refused with an exemption, partly, not held), extended, objected, answered (in time
    # and late after an overdue mark), taken to the Komisi Informasi.
    from discussions.models import InformationRequest, Objection, WrittenDecision

    assert InformationRequest.objects.count() == Thread.objects.filter(
        kind="information_request").count()
    outcomes = set(WrittenDecision.objects.values_list("outcome", flat=True))
    assert {"refused", "partly_granted", "not_held"} <= outcomes
    assert WrittenDecision.objects.filter(outcome="refused").exclude(exemption="").exists()
    assert Thread.objects.filter(kind="information_request", extended_at__isnull=False).exists()
    assert Objection.objects.filter(answered_late=False, answered_at__isnull=False).exists()
    assert Objection.objects.filter(answered_late=True, is_overdue=True).exists()
    assert Objection.objects.filter(komisi_filed_at__isnull=False).exists()
    from discussions.models import DecisionAttachment

    assert DecisionAttachment.objects.filter(decision__outcome="granted").count() == 2
    # Backdated: the oldest thread opened weeks ago.
    oldest = Thread.objects.order_by("created_at").first()
    newest = Thread.objects.order_by("-created_at").first()
    assert (newest.created_at - oldest.created_at).days > 28

    # The satisfaction survey: one unit reaches its minimum sample, another does not.
    seed_survey(log=lambda *_: None)
    years = set(SurveyResponse.objects.values_list("period_year", flat=True))
    results = [survey_result(unit=unit, year=year)
               for unit in Unit.objects.all() for year in years]
    assert any(r.enough and r.plan is not None for r in results)
    assert any(r.respondents and not r.enough for r in results)
    responses = SurveyResponse.objects.count()

    counts = (Thread.objects.count(), ThreadEvent.objects.count(), OfficialAnswer.objects.count())
    seed_forum(log=lambda *_: None)
    seed_survey(log=lambda *_: None)
    assert (Thread.objects.count(), ThreadEvent.objects.count(),
            OfficialAnswer.objects.count()) == counts
    assert SurveyResponse.objects.count() == responses
