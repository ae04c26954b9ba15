"""Writes for publications that are not editorial work in the Wagtail admin."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from forum_site.accounts import roles

from .models import HomePage

# Tim Komunikasi writes and submits; publishing is the moderator's, via the workflow.
COMMUNICATIONS_PAGE_PERMISSIONS = ("add_page", "change_page")


@transaction.atomic
def editorial_permissions_grant(*, home: HomePage) -> None:
    """Confine Tim Komunikasi to the publications tree.

    Wagtail's default "Editors" group (renamed Tim Komunikasi by accounts' 0002_roles)
    holds its page permissions on the tree root, which would let it create and edit
    pages anywhere, in any site. This moves them onto the home page and each of its
    translations, so the team edits below the publications tree only. Idempotent."""
    group = Group.objects.get(name=roles.COMMUNICATIONS)
    homes = Page.objects.filter(translation_key=home.translation_key, depth=home.depth)
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=COMMUNICATIONS_PAGE_PERMISSIONS
    )
    for page in homes:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=permission
            )
    GroupPagePermission.objects.filter(group=group).exclude(
        page__in=homes.values("pk")
    ).delete()


@transaction.atomic
def outcome_translation_links_follow(*, target) -> None:
    """A new translation of an outcome links the programs of its own language.

    Wagtail copies the original's links as they are, so the English copy of an
    Indonesian outcome pointed at Indonesian programs, which its editor then could not
    save (the form refuses a program in another language). Each link moves to the
    program's translation in the copy's language; a program not yet translated is
    dropped, for the editor to choose once it is. The copy's revision, which the editor
    opens, gets the same links."""
    from .models import OutcomePage, OutcomeProgram, TrainingProgramPage

    if not isinstance(target, OutcomePage):
        return
    links = list(OutcomeProgram.objects.filter(outcome=target).select_related("program")
                 .order_by("sort_order", "pk"))
    translations = {
        program.translation_key: program
        for program in TrainingProgramPage.objects.filter(
            locale_id=target.locale_id,
            translation_key__in=[link.program.translation_key for link in links])
    }
    kept = list(dict.fromkeys(
        translations[link.program.translation_key] for link in links
        if link.program.translation_key in translations))
    OutcomeProgram.objects.filter(outcome=target).delete()
    rows = OutcomeProgram.objects.bulk_create([
        OutcomeProgram(outcome=target, program=program, sort_order=order)
        for order, program in enumerate(kept)])
    target.program_links = rows  # the caller may save this object again
    revision = target.latest_revision
    if revision is not None and "program_links" in (revision.content or {}):
        revision.content["program_links"] = [
            {"pk": None, "outcome": target.pk, "program": program.pk, "sort_order": order}
            for order, program in enumerate(kept)]
        revision.save(update_fields=["content"])
