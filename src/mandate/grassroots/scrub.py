"""Personal identifiers out of free text, before it is stored (DESIGN.md rule 4).

Reports describe matters, not citizens. Phone numbers, national ID numbers (9 or 12
digits), e-mail addresses and bank-account-like numbers become REDACTED; the caller
stores the text returned and the count, never the original.

The rule for numbers errs on the side of privacy: any run of digits (spaces, dots,
dashes and brackets may separate them) is hidden when it starts like a Vietnamese
phone number (0, 84, +84) and holds at least 9 digits, or holds at least 8 digits
whatever it starts with. A few shapes that are plainly not about a person are kept:
dates (15.03.2024), year ranges (2024-2025) and money written with thousands
separators and a currency word (1.500.000.000 đồng).
"""

import re

REDACTED = "[đã ẩn]"

# The part before "@" may hold any character RFC 5322 allows there ("a!b@x.vn" is an
# address), so that no piece of an address is left behind.
EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A run of digits with the separators people type inside numbers. It may start with
# "+" or "(": "(+84) 912 345 678", "(0225) 3842 123".
NUMBER_RUN = re.compile(r"(?<!\d)[+(]*\d(?:[\s.\-()]{0,3}\d)*(?!\d)")
DATE = re.compile(r"\d{1,2}[.\-]\d{1,2}[.\-](?:19|20)\d\d")
YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*-\s*(?:19|20)\d\d")
GROUPED_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")
CURRENCY_AFTER = re.compile(r"\s*(?:đồng|đ\b|vnđ|vnd|triệu|tỷ|tỉ)", re.IGNORECASE)


def scrub(text: str) -> tuple[str, int]:
    """The text with personal identifiers replaced, and how many were replaced."""
    text = text or ""
    count = 0
    if "@" in text:
        text, count = EMAIL.subn(REDACTED, text)
    pieces, last = [], 0
    for match in NUMBER_RUN.finditer(text):
        if _is_identifier(match.group(), text[match.end() :]):
            pieces += [text[last : match.start()], REDACTED]
            last = match.end()
            count += 1
    pieces.append(text[last:])
    return "".join(pieces), count


def _is_identifier(run: str, after: str) -> bool:
    bare = run.strip("()+ ")
    digits = re.sub(r"\D", "", run)
    if len(digits) < 8:
        return False
    looks_like_phone = bare.startswith("0") or digits.startswith("84")
    if looks_like_phone and len(digits) >= 9:
        return True
    if DATE.fullmatch(bare) or YEAR_RANGE.fullmatch(bare):
        return False
    return not (GROUPED_AMOUNT.fullmatch(bare) and CURRENCY_AFTER.match(after))
