"""Phone numbers as staff type them and as a phone dials them.

A number in a how-to-report callout is a link a learner taps on a phone, so whatever staff type
("(916) 555-0100", "1-888-539-2373") must become a tel: address a phone can dial.
"""

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# Digits with the usual separators, an optional leading +, and at least three digits (911, 211).
PHONE_PATTERN = r"^\+?[0-9][0-9 ().-]*[0-9]$"

validate_phone = RegexValidator(
    PHONE_PATTERN,
    _("Type a phone number with digits, spaces, dashes or brackets, such as 916-555-0100."),
)


def tel_href(phone: str) -> str:
    """`tel:` and the digits to dial, with the leading + kept; "" when there is nothing to dial."""
    phone = (phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    if not digits:
        return ""
    return f"tel:{'+' if phone.startswith('+') else ''}{digits}"
