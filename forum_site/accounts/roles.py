"""The four roles of Serambi, kept as Django groups (created by a data migration).

Group names are data, shown in the Wagtail admin; code refers to them only through
these constants.
"""

CITIZEN = "Warga"
ASN = "ASN"
MODERATOR = "Moderator"
COMMUNICATIONS = "Tim Komunikasi"

ALL_ROLES = (CITIZEN, ASN, MODERATOR, COMMUNICATIONS)

# Permissions each role holds, as "app_label.codename". Wagtail page permissions for
# Tim Komunikasi and Moderator are granted on the page tree by the same migration.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    CITIZEN: (),
    ASN: (),
    MODERATOR: (
        "wagtailadmin.access_admin",
        "accounts.verify_asnprofile",
        "accounts.view_asnprofile",
        "accounts.add_unit",
        "accounts.change_unit",
        "accounts.view_unit",
    ),
    COMMUNICATIONS: (
        "wagtailadmin.access_admin",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
}

# The public-information path (discussions.ppid.models): groups created by a discussions
# migration, members given by a superuser (Wagtail admin → Groups). Holding the
# permission is what counts (superusers hold every permission).
PPID = "PPID"
PPID_SUPERIOR = "Atasan PPID"
PPID_ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    PPID: ("discussions.decide_informationrequest",),
    PPID_SUPERIOR: ("discussions.answer_objection",),
}
