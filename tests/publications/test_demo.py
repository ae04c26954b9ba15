"""`seed_demo` adds a realistic, idempotent publication set in both languages."""

import pytest
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Locale

from forum_site.accounts import roles
from publications.models import (
    OutcomePage,
    PartnerInstitution,
    PublicInformationEntry,
    TrainingProgramPage,
)

pytestmark = pytest.mark.django_db


@pytest.mark.slow(reason="builds the whole demo site (seed_demo: 7-9 s of CPU, and growing)")
def test_seed_demo_builds_the_publication_set_idempotently(client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    locale_id = Locale.objects.get(language_code="id")
    programs = TrainingProgramPage.objects.live().filter(locale=locale_id)
    assert programs.count() >= 12
    assert {"internship", "joint_research", "workshop", "course", "socialisation"} <= set(
        programs.values_list("format", flat=True))
    assert programs.values("competency_area").distinct().count() == 5
    outcomes = OutcomePage.objects.live().filter(locale=locale_id)
    assert outcomes.count() == 6
    assert outcomes.filter(status="not_achieved").exists()
    early = outcomes.get(slug="mpp-mamuju-selesai-lebih-cepat")
    assert early.schedule_variance.days == 21 and early.budget_variance.percent == 8
    assert PartnerInstitution.objects.count() >= 3
    assert PublicInformationEntry.objects.needing_refresh().exists()
    # Every Indonesian page has its English twin.
    english = TrainingProgramPage.objects.live().filter(locale__language_code="en")
    assert english.count() == programs.count()
    # Tim Komunikasi edits below the home page only.
    assert not GroupPagePermission.objects.filter(group__name=roles.COMMUNICATIONS,
                                                  page__depth=1).exists()

    for url in ("/program/", "/en/programs/", "/capaian/mpp-mamuju-selesai-lebih-cepat/",
                "/en/outcomes/mpp-mamuju-selesai-lebih-cepat/", "/mitra/", "/data/"):
        assert client.get(url).status_code == 200, url
