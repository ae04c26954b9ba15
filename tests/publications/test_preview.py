"""Previews render in the editor's preview panel: an iframe on the admin's own origin.

Wagtail renders a preview by running a dummy request for the page's public URL through the
middleware stack, so without care it got the public page's `frame-ancestors 'none'` and
`X-Frame-Options: DENY`, and the panel showed the browser's "refused to connect" page.
The public page itself keeps refusing to be framed."""

import pytest
from django.urls import reverse

from tests.core.test_security_headers import parse_csp
from tests.publications import factories as f
from tests.publications.conftest import fresh, make_area
from tests.publications.test_workflow import outcome_form, program_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint."""
    return fresh(module_tree)


def assert_frameable_by_admin(response, name):
    assert response.status_code == 200, name
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"], name
    assert response["X-Frame-Options"] == "SAMEORIGIN", name
    # Only framing is relaxed: the page is rendered under the public policy it will have.
    assert policy["script-src"] == ["'self'"], name
    assert policy["style-src"] == ["'self'"], name


def assert_not_frameable(response, name):
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'none'"], name
    assert response["X-Frame-Options"] == "DENY", name


@pytest.fixture(scope="module")
def module_outcome(module_tree):
    """A published outcome of a published program, built once for the module."""
    program = f.publish(f.program_page(area=make_area()), parent=module_tree.programs)
    return f.publish(f.outcome_page(programs=[program], indicators=1),
                     parent=module_tree.outcomes)


@pytest.fixture
def outcome(module_outcome, db):
    return fresh(module_outcome)


def test_editor_preview_of_a_new_and_an_edited_page_may_be_framed_by_the_admin(
    comms_client, tree, area, unit_a, outcome
):
    url = reverse("wagtailadmin_pages:preview_on_add",
                  args=["publications", "trainingprogrampage", tree.programs.pk])
    assert comms_client.post(url, program_form(area=area, unit=unit_a)).json()["is_valid"]
    response = comms_client.get(url + "?in_preview_panel=true")
    assert "Pelatihan Penulisan Naskah Dinas" in response.content.decode()
    assert_frameable_by_admin(response, "preview_on_add")

    url = reverse("wagtailadmin_pages:preview_on_edit", args=[outcome.pk])
    program = outcome.programs.get()
    assert comms_client.post(url, outcome_form(program=program, slug=outcome.slug)
                             ).json()["is_valid"]
    response = comms_client.get(url + "?in_preview_panel=true")
    assert "Rata-rata waktu persetujuan naskah" in response.content.decode()
    assert_frameable_by_admin(response, "preview_on_edit")


def test_draft_revision_and_workflow_previews_may_be_framed_by_the_admin(
    comms_client, moderator_client, outcome
):
    program = outcome.programs.get()
    edit_url = reverse("wagtailadmin_pages:edit", args=[outcome.pk])
    response = comms_client.post(edit_url, {**outcome_form(program=program, slug=outcome.slug),
                                            "action-submit": "1"})
    assert response.status_code == 302
    outcome.refresh_from_db()
    task = outcome.current_workflow_state.current_task_state.task
    urls = {
        "view_draft": reverse("wagtailadmin_pages:view_draft", args=[outcome.pk]),
        "revisions_view": reverse("wagtailadmin_pages:revisions_view",
                                  args=[outcome.pk, outcome.latest_revision.pk]),
        "workflow_preview": reverse("wagtailadmin_pages:workflow_preview",
                                    args=[outcome.pk, task.pk]),
    }
    for name, url in urls.items():
        response = moderator_client.get(url)
        assert "Naskah dinas lebih cepat disetujui" in response.content.decode(), name
        assert_frameable_by_admin(response, name)


def test_public_pages_still_refuse_to_be_framed(client, comms_client, outcome):
    assert_not_frameable(client.get(outcome.url), "anonymous")
    # A signed-in editor reading the live page is not previewing it.
    assert_not_frameable(comms_client.get(outcome.url), "editor")
    assert_not_frameable(client.get("/en/"), "home_en")
