"""The outcome editor, as Tim Komunikasi uses it in Indonesian: the "Program" picker offers
the outcome's own language (drafts marked, with a search box), refuses other languages,
future "actual" and measurement dates, and publishing an outcome of a program that has
not run yet, each with a clear Indonesian reason."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from publications.models import OutcomePage
from tests.publications import factories as f
from tests.publications.conftest import fresh, make_area, translate
from tests.publications.test_workflow import add_url, outcome_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint."""
    return fresh(module_tree)


@pytest.fixture
def programs(module_programs, db):
    return fresh(module_programs)


@pytest.fixture(scope="module")
def module_programs(module_tree):
    """The programs an outcome may choose, built once for the module."""
    tree, area = module_tree, make_area()
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


CHOOSER = "/admin/program-chooser/"


def offered(client, url, **params) -> dict[int, str]:
    """The chooser's rows, as the editor's script asks for them: program id -> row text."""
    response = client.get(url, params)
    assert response.status_code == 200
    html = response.json()["html"] if url == CHOOSER else response.content.decode()
    found = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        match = re.search(r'value="(\d+)"|/chosen/(\d+)/', row)
        if match:
            text = re.sub(r"<[^>]+>", " ", row)
            found[int(match.group(1) or match.group(2))] = " ".join(text.split())
    return found


def errors_of(response) -> str:
    form = response.context["form"]
    messages = [str(e) for errors in form.errors.values() for e in errors]
    for formset in form.formsets.values():
        for errors in formset.errors:
            messages += [str(e) for field_errors in errors.values() for e in field_errors]
    return " ".join(messages)


def test_the_chooser_searches_the_outcomes_language_with_drafts_marked(
    comms_client, tree, programs
):
    html = comms_client.get(add_url(OutcomePage, tree.outcomes)).content.decode()
    assert CHOOSER in html  # the Programs panel opens Wagtail's chooser
    assert 'name="program_links-TOTAL_FORMS"' in html

    # The modal, as the page editor opens it (its script sends the page's language).
    choices = offered(comms_client, CHOOSER, multiple=1, locale="id")
    assert set(choices) == {programs[k].pk for k in ("completed", "draft", "open")}
    assert "konsep" in choices[programs["draft"].pk]  # Wagtail's word for a draft
    assert "konsep" not in choices[programs["completed"].pk]
    assert "Pendaftaran dibuka" in choices[programs["open"].pk]
    assert "Cari program" in comms_client.get(CHOOSER, {"locale": "id"}).json()["html"]

    # Search: words of the title, any case; never another language.
    results = CHOOSER + "results/"
    assert set(offered(comms_client, results, q="arsip", locale="id")) == {
        programs["draft"].pk}
    assert set(offered(comms_client, results, q="PELATIHAN naskah", locale="id")) == {
        programs["open"].pk}
    assert offered(comms_client, results, q="project", locale="id") == {}
    assert set(offered(comms_client, results, q="project", locale="en")) == {
        programs["english"].pk}


def test_a_chosen_program_is_saved_and_kept_on_the_next_save(comms_client, tree, programs):
    response = comms_client.post(add_url(OutcomePage, tree.outcomes),
                                 outcome_form(program=programs["completed"]))
    assert response.status_code == 302, errors_of(response)
    outcome = OutcomePage.objects.get(slug="naskah-dinas-lebih-cepat")
    assert list(outcome.programs.all()) == [programs["completed"]]

    edit_url = reverse("wagtailadmin_pages:edit", args=[outcome.pk])
    html = comms_client.get(edit_url).content.decode()
    assert "Pelatihan Manajemen Proyek" in html  # the chosen program, in its row
    link = outcome.program_links.get()
    form = outcome_form(program=None)
    form.update(nested_form_data({"program_links": inline_formset(
        [{"id": link.pk, "program": programs["completed"].pk}], initial=1)}))
    form.update({"program_links-1-program": programs["draft"].pk,
                 "program_links-1-id": "", "program_links-1-ORDER": "1",
                 "program_links-1-DELETE": "", "program_links-TOTAL_FORMS": "2"})
    response = comms_client.post(edit_url, form)
    assert response.status_code == 302, errors_of(response)
    outcome = OutcomePage.objects.get(pk=outcome.pk).get_latest_revision_as_object()
    assert [link.program for link in outcome.program_links.all()] == [
        programs["completed"], programs["draft"]]


def test_a_program_chosen_twice_is_refused(comms_client, tree, programs):
    form = outcome_form(program=programs["completed"])
    form.update({"program_links-1-program": programs["completed"].pk,
                 "program_links-1-id": "", "program_links-1-ORDER": "1",
                 "program_links-1-DELETE": "", "program_links-TOTAL_FORMS": "2"})
    response = comms_client.post(add_url(OutcomePage, tree.outcomes), form)
    assert response.status_code == 200
    assert "nilai ganda" in errors_of(response)  # Django's formset: "duplicate values"


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
