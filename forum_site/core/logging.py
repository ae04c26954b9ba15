"""Keep personal data out of logs: email addresses and IP addresses are masked."""

import logging
import re

EMAIL_RE = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
IPV4_RE = re.compile(r"\b(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}\b")
NIP_RE = re.compile(r"\b\d{18}\b")
# Full form (eight groups) or compressed with "::"; a bare "12:30:45" is a time, not an address.
_H = r"[0-9A-Fa-f]{1,4}"
IPV6_RE = re.compile(
    rf"(?<![\w:])(?:(?:{_H}:){{7}}{_H}|(?:{_H}(?::{_H})*)?::(?:{_H}(?::{_H})*)?)(?![\w:])"
)


def mask_personal_data(text: str) -> str:
    text = EMAIL_RE.sub(r"\1***@\2", text)
    text = IPV4_RE.sub(r"\1.\2.x.x", text)
    text = IPV6_RE.sub("<IPv6>", text)
    return NIP_RE.sub("<NIP>", text)


class MaskPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format string must not kill logging
            return True
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        # Exception text (e.g. an IntegrityError quoting an email) is formatted from
        # exc_info after filters run; format it here so it is masked too.
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
        return True
