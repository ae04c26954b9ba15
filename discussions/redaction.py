"""Masking personal data in public text: the site-wide step lives in
`forum_site.core.redaction` (display names use it too); re-exported here for the forum."""

from forum_site.core.redaction import (  # noqa: F401 - re-exported
    EMAIL,
    KK,
    MASKS,
    NIK,
    NIP,
    NPWP,
    PHONE,
    redact,
    redact_text,
)
