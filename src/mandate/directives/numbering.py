"""Reading and writing document numbers in the notation of each profile (DOMAIN.md §1).

Party (HD 36):  35-CT/TW, 12-KH/BTGDVTU        number, hyphen, type, slash, issuer
State (ND 30):  12/KH-UBND, 13/2023/NĐ-CP       number, [year,] slash, type, hyphen, issuer
                1234/UBND-VX                    an official letter: no type
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mandate.directives.models import Profile

_WORD = r"[^\W_][\w.]*"
PARTY = re.compile(rf"^(?P<number>\d+)-(?P<type>[^\W\d_]+)/(?P<issuer>{_WORD}(?:[/-]{_WORD})*)$")
STATE = re.compile(
    rf"^(?P<number>\d+)/(?:(?P<year>\d{{4}})/)?(?P<type>[^\W\d_]+)-(?P<issuer>{_WORD}(?:-{_WORD})*)$"
)
STATE_LETTER = re.compile(rf"^(?P<number>\d+)/(?P<issuer>{_WORD})-(?P<drafter>{_WORD})$")
_PREFIX = re.compile(r"^\s*số\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedNumber:
    number: int
    type_code: str
    issuer: str


def normalise(symbol: str) -> str:
    """NFC, no "Số"/"Số:" prefix, no spaces: the form we store."""
    text = unicodedata.normalize("NFC", symbol or "")
    return re.sub(r"\s+", "", _PREFIX.sub("", text))


def parse(symbol: str, *, profile: str, type_code: str) -> ParsedNumber:
    """Check a number and symbol against its profile and document type; raise ValidationError."""
    text = normalise(symbol)
    if profile == Profile.PARTY:
        match = PARTY.match(text)
        example = "35-CT/TW"
    elif type_code:
        match = STATE.match(text)
        example = "12/KH-UBND"
    else:
        match = STATE_LETTER.match(text)
        example = "1234/UBND-VX"
    if match is None:
        raise ValidationError(
            _("“%(symbol)s” is not written as a %(profile)s number, e.g. %(example)s.")
            % {"symbol": text, "profile": Profile(profile).label, "example": example}
        )
    found_type = match.groupdict().get("type") or ""
    if found_type != type_code:
        raise ValidationError(
            _("The number says “%(found)s” but the document type is “%(expected)s”.")
            % {"found": found_type, "expected": type_code or _("official letter")}
        )
    return ParsedNumber(int(match["number"]), found_type, match["issuer"])


def compose(*, profile: str, number: int, type_code: str, abbreviation: str) -> str:
    # Decree 30: numbers below 10 get a leading zero; party practice writes them the same way.
    padded = f"{number:02d}"
    if profile == Profile.PARTY:
        return f"{padded}-{type_code}/{abbreviation}"
    if not type_code:
        return f"{padded}/{abbreviation}"
    return f"{padded}/{type_code}-{abbreviation}"
