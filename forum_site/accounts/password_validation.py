"""A second common-password check, for passwords people in Indonesia pick.

Django's CommonPasswordValidator knows 20,000 mostly English passwords; "bismillah2026"
or "Sayangku123!" pass it. This one reads a list shipped with the code
(accounts/data/common-passwords-id.txt: no lookup service, nothing leaves the server) and
compares the whole password and the password without its trailing digits and symbols,
since "word + year + !" is the habit the 10-character minimum invites."""

import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_LIST = Path(__file__).resolve().parent / "data" / "common-passwords-id.txt"
_TRAILING = re.compile(r"[\d\W_]+$")


class IndonesianCommonPasswordValidator:
    def __init__(self, password_list_path: str | Path = DEFAULT_LIST):
        lines = Path(password_list_path).read_text(encoding="utf-8").splitlines()
        self.passwords = {
            line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
        }

    def validate(self, password, user=None):
        lowered = password.lower().strip()
        stem = _TRAILING.sub("", lowered)
        candidates = {lowered, stem, stem.replace(" ", ""), lowered.replace(" ", "")}
        if candidates & self.passwords:
            raise ValidationError(
                _("This password is too common: it is a word or phrase many people use, "
                  "perhaps with numbers added. Choose something others would not guess."),
                code="password_too_common_id",
            )

    def get_help_text(self):
        return _("Your password can't be a commonly used word or phrase with numbers added.")
