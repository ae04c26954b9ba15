"""The outcome editor, as Tim Komunikasi uses it in Indonesian: the "Program" picker offers
the outcome's own language (drafts marked, with a search box), refuses other languages,
future "actual" and measurement dates, and publishing an outcome of a program that has
not run yet, each with a clear Indonesian reason."""

import re

import pytest
from django.urls import reverse

from publications.models import OutcomePage
from tests.publications import factories as f
from tests.publications.conftest import translate
from tests.publications.test_workflow import add_url, outcome_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def programs(tree, area):
    completed = f.publish(f.program_page(area=area, title="Pelatihan Manajemen Proyek"),
                          parent=tree.programs)
    return {
        "completed": completed,
        "draft": f.add_draft(f.program_page(area=area, title="Pelatihan Arsip Digital"),
                             parent=tree.programs),
        "open": f.publish(f.program_page(area=area, title="Pelatihan Naskah Dinas 2027",
                                         status="open", participants=None),
                          parent=tree.programs),
        "english": translate(completed, title="Project management training",
                             slug="project-management"),
    }


def offered(html: str) -> dict[int, str]:
    """The picker's checkboxes: program id -> label text."""
    found = {}
    for match in re.finditer(
        r'<label[^>]*>\s*<input type="checkbox" name="programs" value="(\d+)"[^>]*>(.*?)</label>',
        html, re.S,
    ):
        found[int(match.group(1))] = " ".join(match.group(2).split())
    return found


def errors_of(response) -> str:
    form = response.context["form"]
    messages = [str(e) for errors in form.errors.values() for e in errors]
    for formset in form.formsets.values():
        for errors in formset.errors:
            messages += [str(e) for field_errors in errors.values() for e in field_errors]
    return " ".join(messages)


def test_the_picker_offers_the_outcomes_language_only_with_drafts_marked(
    comms_client, tree, programs
):
    html = comms_client.get(add_url(OutcomePage, tree.outcomes)).content.decode()
    choices = offered(html)
    assert set(choices) == {programs[k].pk for k in ("completed", "draft", "open")}
    assert "konsep" in choices[programs["draft"].pk]  # Wagtail's word for a draft
    assert "konsep" not in choices[programs["completed"].pk]
    assert "Pendaftaran dibuka" in choices[programs["open"].pk]
    assert 'data-program-picker-search' in html and "Cari program" in html
    # No JavaScript: the search box is hidden, every choice is there.
    assert re.search(r'<p class="serambi-program-picker__search" hidden>', html)

    english = translate(f.publish(f.outcome_page(programs=[programs["completed"]]),
                                  parent=tree.outcomes),
                        title="Faster ID cards", slug="faster-id-cards")
    english.programs = [programs["english"]]
    english.save_revision().publish()
    html = comms_client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])
                            ).content.decode()
    assert set(offered(html)) == {programs["english"].pk}


def test_a_program_in_another_language_is_refused_with_a_reason(comms_client, tree, programs):
    response = comms_client.post(add_url(OutcomePage, tree.outcomes),
                                 outcome_form(program=programs["english"]))
    assert response.status_code == 200
    assert "bahasa lain" in errors_of(response)
    assert "Project management training" in errors_of(response)
    assert not OutcomePage.objects.filter(slug="naskah-dinas-lebih-cepat").exists()

    # An outcome already linked to the wrong language shows the link, to be replaced.
    outcome = f.publish(f.outcome_page(programs=[programs["english"]]), parent=tree.outcomes)
    html = comms_client.get(reverse("wagtailadmin_pages:edit", args=[outcome.pk])
                            ).content.decode()
    assert "bahasa lain" in offered(html)[programs["english"].pk]


@pytest.mark.parametrize("field, value, words", [
    ("actual_end", "2099-01-31", "tanggal realisasi"),
    ("actual_start", "2099-01-02", "tanggal realisasi"),
])
def test_future_actual_dates_are_refused_in_indonesian(comms_client, tree, programs,
                                                       field, value, words):
    form = outcome_form(program=programs["completed"], **{field: value})
    response = comms_client.post(add_url(OutcomePage, tree.outcomes), form)
    assert response.status_code == 200
    assert words in errors_of(response).lower()
    assert "future" not in errors_of(response)
    assert not OutcomePage.objects.filter(slug="naskah-dinas-lebih-cepat").exists()


def test_a_future_measurement_date_is_refused_in_indonesian(comms_client, tree, programs):
    form = outcome_form(program=programs["completed"])
    form["indicators-0-measured_on"] = "2099-04-01"
    response = comms_client.post(add_url(OutcomePage, tree.outcomes), form)
    assert response.status_code == 200
    assert "tanggal pengukuran" in errors_of(response).lower()
    assert not OutcomePage.objects.filter(slug="naskah-dinas-lebih-cepat").exists()


@pytest.mark.parametrize("action", ["action-submit", "action-publish"])
def test_an_outcome_of_a_program_open_for_registration_cannot_be_published(
    comms_client, moderator_client, tree, programs, action
):
    client = comms_client if action == "action-submit" else moderator_client
    form = outcome_form(program=programs["open"])
    response = client.post(add_url(OutcomePage, tree.outcomes), {**form, action: "1"})
    assert response.status_code == 200
    message = errors_of(response)
    assert "Pelatihan Naskah Dinas 2027" in message and "belum berjalan" in message
    assert "Pendaftaran dibuka" in message
    assert not OutcomePage.objects.filter(slug="naskah-dinas-lebih-cepat").exists()

    # Saved as a draft, it waits for the program to run.
    response = client.post(add_url(OutcomePage, tree.outcomes), form)
    assert response.status_code == 302
    outcome = OutcomePage.objects.get(slug="naskah-dinas-lebih-cepat")
    assert not outcome.live
