"""Text folding for search that ignores Vietnamese diacritics ("quang ninh" finds "Quảng Ninh")."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# đ/Đ is a letter of its own, not a d with a combining mark, so NFD leaves it alone.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics and collapse spaces: the form we store and search."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().lower()


def search_terms(query: str | None) -> list[str]:
    """The folded words of a query; every word must match."""
    return [word for word in fold(query).split(" ") if word]
