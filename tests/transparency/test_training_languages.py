"""The statistics and unit pages count, name and link what the reader's language lists:
/en/statistics/ shows the English outcomes' indicator names and units and links to the
English pages; a program not yet translated is counted on the Indonesian page only."""

from decimal import Decimal

import pytest

from publications.models import OutcomeIndicator
from tests.publications import factories as f
from tests.publications.conftest import area, translate, tree  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def training(html: str) -> str:
    return html[html.index('id="training"'):]


@pytest.fixture
def published(tree, area, unit_a):  # noqa: F811
    translated = f.publish(f.program_page(area=area, organiser=unit_a, participants=20,
                                          title="Pelatihan Analis Kebijakan"),
                           parent=tree.programs)
    program_en = translate(translated, title="Policy analyst training",
                           slug="policy-analyst-training")
    f.publish(f.program_page(area=area, organiser=unit_a, participants=7,
                             title="Pelatihan Belum Diterjemahkan"), parent=tree.programs)
    outcome = f.publish(f.outcome_page(programs=[translated], indicators=1,
                                       title="Kebijakan lebih cepat"), parent=tree.outcomes)
    outcome_en = outcome.copy_for_translation(tree.outcomes_en.locale)
    outcome_en.title, outcome_en.slug = "Faster policies", "faster-policies"
    outcome_en.indicators = [OutcomeIndicator(
        name="Days to a policy brief", unit_of_measure="days", baseline=Decimal(14),
        target=Decimal(4), actual=Decimal(6), measured_on=outcome.indicators.get().measured_on,
    )]
    outcome_en.save_revision().publish()
    outcome_en.refresh_from_db()
    return {"program_en": program_en, "outcome": outcome, "outcome_en": outcome_en}


def test_english_statistics_show_english_indicators_and_count_english_programs(
    client, published
):
    english = training(client.get("/en/statistics/").content.decode())
    assert "Days to a policy brief" in english and "Indikator 0" not in english
    assert f'href="{published["outcome_en"].url}"' in english
    assert f'href="{published["outcome"].url}"' not in english
    assert ">1<" in english and ">20<" in english  # one English program, 20 participants
    assert ">27<" not in english

    indonesian = training(client.get("/statistik/").content.decode())
    assert "Indikator 0" in indonesian and "Days to a policy brief" not in indonesian
    assert ">2<" in indonesian and ">27<" in indonesian


def test_english_unit_page_links_the_english_programs(client, published, unit_a):
    english = client.get(f"/en/statistics/units/{unit_a.slug}/").content.decode()
    assert "Policy analyst training" in english
    assert published["program_en"].url in english
    assert "Pelatihan Belum Diterjemahkan" not in english
    indonesian = client.get(f"/statistik/unit/{unit_a.slug}/").content.decode()
    assert "Pelatihan Analis Kebijakan" in indonesian
    assert "Pelatihan Belum Diterjemahkan" in indonesian
