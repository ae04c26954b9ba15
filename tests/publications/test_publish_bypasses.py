"""The two admin paths that publish without the page editor's form, the explorer's bulk
"Publish" and a reviewer's "Approve" from the dashboard's task list, refuse an outcome of
a program that has not run yet with the editor's reason (Indonesian, or English for an
English-speaking moderator); a valid outcome still publishes through both (issue 18)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.users.models import UserProfile

from publications.models import OutcomePage
from tests.publications import factories as f
from tests.publications.conftest import fresh
from tests.publications.test_workflow import add_url, outcome_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(module_tree, db):
    """One publication tree for the module (see module_tree); each test adds its own pages
    in its savepoint."""
    return fresh(module_tree)

DASHBOARD = "/admin/"


@pytest.fixture
def programs(tree, area):
    return {
        "completed": f.publish(f.program_page(area=area, title="Pelatihan Manajemen Proyek"),
                               parent=tree.programs),
        "open": f.publish(f.program_page(area=area, title="Pelatihan Naskah Dinas 2027",
                                         status="open", participants=None),
                          parent=tree.programs),
    }


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def bulk_publish(client, pages, *, include_descendants=False, next_url=None):
    """What the explorer's bulk "Publish" confirmation posts."""
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    next_url = next_url or reverse("wagtailadmin_explore", args=[pages[0].get_parent().pk])
    query = "&".join(f"id={page.pk}" for page in pages) + f"&next={next_url}"
    data = {"include_descendants": "on"} if include_descendants else {}
    return client.post(f"{url}?{query}", data)


def approve_from_task_list(client, page, *, with_comment=False):
    """What the dashboard's "Awaiting your review" panel posts: "Approve" as a plain form
    (its script adds `next`, the dashboard), "Approve with comment" from its modal."""
    task_state = WorkflowState.objects.for_instance(page).get().current_task_state
    url = reverse("wagtailadmin_pages:workflow_action",
                  args=[page.pk, "approve", task_state.pk])
    if with_comment:
        return client.post(url, {"comment": "Sudah diperiksa.", "next": DASHBOARD},
                           headers={"x-requested-with": "XMLHttpRequest"})
    return client.post(url, {"next": DASHBOARD})


def draft_outcome(tree, program, **fields):
    return f.add_draft(f.outcome_page(programs=[program], indicators=1, **fields),
                       parent=tree.outcomes)


def edit_form(outcome, *, program) -> dict:
    """The editor's form of a submitted outcome, its one program row set to `program`
    (as after choosing another program in the row's chooser)."""
    link = outcome.program_links.get()
    return {**outcome_form(program=program), "program_links-INITIAL_FORMS": "1",
            "program_links-0-id": str(link.pk)}


def is_live(page) -> bool:
    return Page.objects.get(pk=page.pk).live


# Bulk publish ---------------------------------------------------------------------------

def test_bulk_publish_refuses_a_selection_with_an_outcome_of_a_program_not_run(
    moderator_client, tree, programs
):
    unready = draft_outcome(tree, programs["open"], title="Capaian pelatihan naskah dinas")
    ready = draft_outcome(tree, programs["completed"], title="Capaian manajemen proyek")
    news = f.add_draft(f.news_page(title="Berita pelatihan"), parent=tree.news)
    # The moderator sees Wagtail's confirmation first, as usual.
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    assert moderator_client.get(f"{url}?id={unready.pk}&id={ready.pk}").status_code == 200

    response = bulk_publish(moderator_client, [unready, ready, news])

    assert response.status_code == 302  # back to the listing, never a 500
    assert response.url == reverse("wagtailadmin_explore", args=[tree.outcomes.pk])
    assert not is_live(unready) and not is_live(ready) and not is_live(news)
    text = messages_of(response)
    assert "Tidak ada yang dipublikasikan" in text
    assert "Capaian pelatihan naskah dinas" in text and "belum berjalan" in text
    assert "Pelatihan Naskah Dinas 2027" in text and "Pendaftaran dibuka" in text
    assert "Capaian manajemen proyek" not in text  # only the offending page is named
    assert reverse("wagtailadmin_pages:edit", args=[unready.pk]) in text
    # The listing the moderator returns to shows it (and so uses the messages up).
    assert "belum berjalan" in moderator_client.get(response.url).content.decode()

    # Without it, the rest publishes through the same action.
    response = bulk_publish(moderator_client, [ready, news])
    assert is_live(ready) and is_live(news)
    assert "Tidak ada yang dipublikasikan" not in messages_of(response)


def test_bulk_publish_of_the_index_with_descendants_keeps_the_unready_outcome_a_draft(
    moderator_client, tree, programs
):
    unready = draft_outcome(tree, programs["open"], title="Capaian pelatihan naskah dinas")
    response = bulk_publish(moderator_client, [tree.outcomes], include_descendants=True)
    assert response.status_code == 302
    assert not is_live(unready)
    assert "Capaian pelatihan naskah dinas" in messages_of(response)


def test_bulk_publish_checks_the_latest_draft_not_the_live_outcome(
    moderator_client, tree, programs
):
    """A live outcome whose newest draft links a program still open: publishing the
    draft in bulk is refused, the live version stays as it was."""
    outcome = f.publish(f.outcome_page(programs=[programs["completed"]], indicators=1),
                        parent=tree.outcomes)
    draft = outcome.get_latest_revision().as_object()
    draft.program_links.all()[0].program = programs["open"]
    draft.save_revision()
    bulk_publish(moderator_client, [outcome])
    outcome.refresh_from_db()
    assert outcome.has_unpublished_changes
    assert list(outcome.programs.all()) == [programs["completed"]]


def test_bulk_publish_refusal_speaks_english_to_an_english_speaking_moderator(
    moderator, moderator_client, tree, programs
):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()
    unready = draft_outcome(tree, programs["open"], title="Capaian pelatihan naskah dinas")
    text = messages_of(bulk_publish(moderator_client, [unready]))
    assert not is_live(unready)
    assert "Nothing was published" in text and "has not run yet" in text
    assert "“Capaian pelatihan naskah dinas” was not published" in text


# Approval from the dashboard's task list -------------------------------------------------

def submit(comms_client, tree, program):
    response = comms_client.post(add_url(OutcomePage, tree.outcomes),
                                 {**outcome_form(program=program), "action-submit": "1"})
    assert response.status_code == 302
    return OutcomePage.objects.get(slug="naskah-dinas-lebih-cepat")


@pytest.mark.parametrize("with_comment", [False, True], ids=["approve", "approve-with-comment"])
def test_approval_from_the_task_list_refuses_an_outcome_whose_program_reopened(
    comms_client, moderator_client, tree, programs, with_comment
):
    """Sent for review with a completed program; the program's registration is then
    reopened (its run postponed). Approving from the dashboard does not publish."""
    outcome = submit(comms_client, tree, programs["completed"])
    program = programs["completed"]
    program.status, program.participants = "open", None
    program.save_revision().publish()
    # The outcome waits in the moderator's task list.
    assert outcome.title in moderator_client.get(DASHBOARD).content.decode()

    response = approve_from_task_list(moderator_client, outcome, with_comment=with_comment)

    if with_comment:  # the modal closes and the dashboard reloads with the message
        assert response.json() == {"step": "success", "redirect": DASHBOARD}
    else:
        assert response.status_code == 302 and response.url == DASHBOARD
    assert not is_live(outcome)
    state = WorkflowState.objects.for_instance(outcome).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # still awaiting review
    text = messages_of(response)
    assert "Naskah dinas lebih cepat disetujui" in text
    assert "Pelatihan Manajemen Proyek" in text and "belum berjalan" in text
    # The message shows on the dashboard the moderator returns to.
    assert "belum berjalan" in moderator_client.get(DASHBOARD).content.decode()

    # Once the program has run, the same approval publishes.
    program.status, program.participants = "completed", 27
    program.save_revision().publish()
    approve_from_task_list(moderator_client, outcome, with_comment=with_comment)
    assert is_live(outcome)


def test_approval_publishes_the_latest_draft_so_a_draft_saved_in_review_is_checked(
    comms_client, moderator_client, tree, programs
):
    """Approval publishes the newest revision: a draft saved during the review that
    links a program open for registration is refused like the editor refuses it."""
    outcome = submit(comms_client, tree, programs["completed"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[outcome.pk])
    response = moderator_client.post(edit_url, edit_form(outcome, program=programs["open"]))
    assert response.status_code == 302  # saving a draft is allowed
    approve_from_task_list(moderator_client, outcome)
    assert not is_live(outcome)
    assert "Pelatihan Naskah Dinas 2027" in moderator_client.get(DASHBOARD).content.decode()


def test_approval_of_a_valid_outcome_from_the_task_list_publishes_it(
    comms_client, moderator_client, client, tree, programs
):
    outcome = submit(comms_client, tree, programs["completed"])
    response = approve_from_task_list(moderator_client, outcome)
    assert response.status_code == 302 and response.url == DASHBOARD
    assert is_live(outcome)
    assert client.get(Page.objects.get(pk=outcome.pk).url).status_code == 200


def test_requesting_changes_stays_open_for_an_outcome_that_cannot_be_published(
    comms_client, moderator_client, tree, programs
):
    outcome = submit(comms_client, tree, programs["completed"])
    program = programs["completed"]
    program.status, program.participants = "open", None
    program.save_revision().publish()
    task_state = WorkflowState.objects.for_instance(outcome).get().current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[outcome.pk, "reject", task_state.pk])
    moderator_client.post(url, {"comment": "Programnya ditunda.", "next": DASHBOARD})
    state = WorkflowState.objects.for_instance(outcome).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not is_live(outcome)


def test_in_the_editor_the_moderator_may_request_changes_but_not_approve(
    comms_client, moderator_client, tree, programs
):
    """The editor's own workflow buttons: "Approve" is refused with the reason next to
    the program, "Request changes" (the answer to such an outcome) goes through."""
    outcome = submit(comms_client, tree, programs["completed"])
    program = programs["completed"]
    program.status, program.participants = "open", None
    program.save_revision().publish()
    edit_url = reverse("wagtailadmin_pages:edit", args=[outcome.pk])
    form = edit_form(outcome, program=program)

    response = moderator_client.post(edit_url, {
        **form, "action-workflow-action": "true", "workflow-action-name": "approve",
        "workflow-action-extra-data": "{}"})
    assert response.status_code == 200 and "belum berjalan" in response.content.decode()
    assert not is_live(outcome)

    response = moderator_client.post(edit_url, {
        **form, "action-workflow-action": "true", "workflow-action-name": "reject",
        "workflow-action-extra-data": '{"comment": "Programnya ditunda."}'})
    assert response.status_code == 302
    state = WorkflowState.objects.for_instance(outcome).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not is_live(outcome)
