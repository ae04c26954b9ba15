"""Keep personal data out of logs: email addresses and IP addresses are masked."""

import logging
import re

EMAIL_RE = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
IPV4_RE = re.compile(r"\b(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}\b")
NIP_RE = re.compile(r"\b\d{18}\b")


def mask_personal_data(text: str) -> str:
    text = EMAIL_RE.sub(r"\1***@\2", text)
    text = IPV4_RE.sub(r"\1.\2.x.x", text)
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
        return True
