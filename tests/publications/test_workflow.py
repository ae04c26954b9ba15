"""Editorial permissions over HTTP: Tim Komunikasi writes and submits below the
publications tree, a Moderator approves through the "Persetujuan Moderator" workflow,
citizens and ASN never reach the Wagtail admin."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from publications.models import OutcomePage, TrainingProgramPage
from tests.publications import factories as f
from tests.publications.conftest import fresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint. The command that confines Tim Komunikasi needs Wagtail's own tree:
    test_grant_editorial_permissions.py."""
    return fresh(module_tree)


def program_form(*, area, unit, partners=(), **overrides) -> dict:
    data = {
        "title": "Pelatihan Penulisan Naskah Dinas",
        "slug": "pelatihan-naskah-dinas",
        "summary": "Tiga hari menulis surat dan nota dinas yang jelas.",
        "competency_area": area.pk,
        "format": "course",
        "status": "open",
        "start_date": "2027-02-01",
        "end_date": "2027-02-03",
        "place": "Aula BKPSDM Mamuju",
        "organiser": unit.pk,
        "target_participants": "Pengadministrasi umum di semua OPD",
        "capacity": "30",
        "participants": "",
        "budget_planned": "45000000",
        "budget_spent": "",
        "registration_deadline": "2027-01-25",
        "registration_requirements": "Surat tugas dari kepala OPD.",
        "registration_url": "",
        "registration_contact": "Sekretariat BKPSDM, (0426) 21234",
        "body": streamfield([]),
        "attachments": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        **overrides,
    }
    # Multiple-choice fields are repeated keys, not a nested list.
    return {**nested_form_data(data), "partners": [p.pk for p in partners]}


def outcome_form(*, program, **overrides) -> dict:
    data = {
        "title": "Naskah dinas lebih cepat disetujui",
        "slug": "naskah-dinas-lebih-cepat",
        "summary": "Waktu persetujuan naskah dinas turun.",
        "status": "in_progress",
        "indicators": inline_formset([{
            "name": "Rata-rata waktu persetujuan naskah", "unit_of_measure": "hari",
            "baseline": "5", "target": "2", "actual": "3", "measured_on": "2026-11-02",
            "source": "Aplikasi e-Office",
        }]),
        "planned_start": "", "planned_end": "", "actual_start": "", "actual_end": "",
        "budget_planned": "", "budget_actual": "",
        "body": streamfield([]),
        "evidence": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "", "search_description": "", "go_live_at": "", "expire_at": "",
        **overrides,
    }
    return {**nested_form_data({**data, "program_links": inline_formset(
        [{"program": program.pk}] if program else [])})}


def add_url(model, parent) -> str:
    return reverse("wagtailadmin_pages:add",
                   args=[model._meta.app_label, model._meta.model_name, parent.pk])


def approve(client, page):
    state = page.current_workflow_state
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=[page.pk, "approve", state.current_task_state.pk])
    return client.post(url, {"comment": "Sudah diperiksa."})


def test_comms_creates_and_submits_a_program_then_moderator_publishes_it(
    comms_client, moderator_client, client, tree, area, unit_a
):
    partner = f.PartnerInstitutionFactory(name="Universitas Sulawesi Barat")
    form = program_form(area=area, unit=unit_a, partners=[partner])
    # Tim Komunikasi cannot publish directly: "publish" falls back to a draft.
    response = comms_client.post(add_url(TrainingProgramPage, tree.programs),
                                 {**form, "action-publish": "1"})
    assert response.status_code == 302, response.context["form"].errors
    page = TrainingProgramPage.objects.get(slug="pelatihan-naskah-dinas")
    assert not page.live
    assert client.get("/program/pelatihan-naskah-dinas/").status_code == 404

    # Submitting sends it to the moderator review workflow.
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = comms_client.post(edit_url, {**form, "action-submit": "1"})
    assert response.status_code == 302
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Persetujuan Moderator"
    page.refresh_from_db()
    assert not page.live

    # Tim Komunikasi cannot approve their own submission.
    assert approve(comms_client, page).status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live

    # The moderator approves: the page goes live and the public finds it filtered.
    response = approve(moderator_client, page)
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    listing = client.get("/program/?format=course&status=open&year=2027")
    assert [p.pk for p in listing.context["items"]] == [page.pk]
    detail = client.get("/program/pelatihan-naskah-dinas/")
    assert detail.status_code == 200 and "Universitas Sulawesi Barat" in detail.content.decode()


def test_comms_creates_an_outcome_with_indicators_through_review(
    comms_client, moderator_client, client, tree, area
):
    program = f.publish(f.program_page(area=area), parent=tree.programs)
    response = comms_client.post(add_url(OutcomePage, tree.outcomes),
                                 {**outcome_form(program=program), "action-submit": "1"})
    assert response.status_code == 302, response.context["form"].errors
    outcome = OutcomePage.objects.get(slug="naskah-dinas-lebih-cepat")
    assert not outcome.live
    approve(moderator_client, outcome)
    outcome.refresh_from_db()
    assert outcome.live
    html = client.get(outcome.url).content.decode()
    assert "Rata-rata waktu persetujuan naskah" in html
    assert "66,7%" in html  # (5 - 3) / (5 - 2), computed
    assert program.title in html


def test_comms_cannot_publish_directly_from_the_edit_form(comms_client, tree, area, unit_a):
    page = f.add_draft(f.program_page(area=area, slug="draf-komunikasi"), parent=tree.programs)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    comms_client.post(edit_url, {**program_form(area=area, unit=unit_a, slug="draf-komunikasi"),
                                 "action-publish": "1"})
    page.refresh_from_db()
    assert not page.live
    assert page.has_unpublished_changes


def test_comms_cannot_add_pages_outside_the_publications_tree(comms_client, tree):
    root = Page.get_first_root_node()
    response = comms_client.get(reverse("wagtailadmin_pages:add_subpage", args=[root.pk]))
    assert response.status_code in (302, 403)
    response = comms_client.get(reverse("wagtailadmin_pages:edit", args=[root.pk]))
    assert response.status_code in (302, 403)
    # …but they can work inside it.
    assert comms_client.get(add_url(TrainingProgramPage, tree.programs)).status_code == 200


def test_scheduled_publishing_waits_for_its_time(moderator_client, client, tree, area, unit_a):
    go_live = (dt.datetime.now() + dt.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    response = moderator_client.post(
        add_url(TrainingProgramPage, tree.programs),
        {**program_form(area=area, unit=unit_a, go_live_at=go_live), "action-publish": "1"},
    )
    assert response.status_code == 302
    page = TrainingProgramPage.objects.get(slug="pelatihan-naskah-dinas")
    assert not page.live and page.revisions.count() == 1
    assert page.scheduled_revision is not None
    assert client.get("/program/").context["items"].__len__() == 0


@pytest.mark.parametrize("who", ["anonymous_client", "citizen_client", "verified_asn_client",
                                 "pending_asn_client"])
def test_citizens_and_asn_cannot_reach_the_admin(request, tree, who):
    client = request.getfixturevalue(who)
    for url in ("/admin/", reverse("wagtailadmin_pages:add_subpage", args=[tree.programs.pk]),
                "/admin/snippets/publications/partnerinstitution/"):
        response = client.get(url, follow=True)
        if who == "anonymous_client":  # to allauth's login, the one way in
            assert response.redirect_chain[-1][0].startswith("/akun/login/"), url
        else:  # signed in without admin access: a clear refusal, no redirect loop
            assert response.status_code == 403, url


def test_comms_maintains_partners_and_the_register(comms_client, moderator_client):
    assert comms_client.get("/admin/snippets/publications/partnerinstitution/add/"
                            ).status_code == 200
    assert comms_client.get("/admin/snippets/publications/publicinformationentry/add/"
                            ).status_code == 200
    # Moderators may read the register but not change it.
    assert moderator_client.get("/admin/snippets/publications/publicinformationentry/"
                                ).status_code == 200
    assert moderator_client.get("/admin/snippets/publications/publicinformationentry/add/"
                                ).status_code in (302, 403)


def test_comms_previews_a_new_program_and_an_edited_outcome(comms_client, tree, area, unit_a):
    url = reverse("wagtailadmin_pages:preview_on_add",
                  args=["publications", "trainingprogrampage", tree.programs.pk])
    response = comms_client.post(url, program_form(area=area, unit=unit_a))
    assert response.json()["is_valid"]
    preview = comms_client.get(url)
    assert preview.status_code == 200
    assert "Pelatihan Penulisan Naskah Dinas" in preview.content.decode()

    program = f.publish(f.program_page(area=area), parent=tree.programs)
    outcome = f.publish(f.outcome_page(programs=[program], indicators=1), parent=tree.outcomes)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[outcome.pk])
    response = comms_client.post(url, outcome_form(program=program, slug=outcome.slug))
    assert response.json()["is_valid"]
    html = comms_client.get(url).content.decode()
    assert "Rata-rata waktu persetujuan naskah" in html and program.title in html
