"""Text helpers shared by every stage: Unicode normalisation for matching, line numbers.

Matching works on normalised text; evidence always points at the original text. The
normaliser therefore maps character for character (same length) wherever it can, so an
offset found in normalised text is the offset in the original.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# One character in, one character out: offsets survive normalisation.
_SAME_LENGTH = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
        "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-",
        # Zero-width and bidi controls hidden inside names: replaced by a space-free marker
        # that the tokeniser ignores, keeping lengths equal.
        "\u200b": "\u00ad", "\u200c": "\u00ad", "\u200d": "\u00ad", "\u2060": "\u00ad",
        "\ufeff": "\u00ad", "\u200e": "\u00ad", "\u200f": "\u00ad", "\u202a": "\u00ad",
        "\u202b": "\u00ad", "\u202c": "\u00ad", "\u202d": "\u00ad", "\u202e": "\u00ad",
        "\u2066": "\u00ad", "\u2067": "\u00ad", "\u2068": "\u00ad", "\u2069": "\u00ad",
    }
)

# Letters that NFKD does not split into a base letter and an accent ("ł" is not "l" plus a
# mark), written as the base letters an English text uses for them ("Wroclaw", "Tromso").
_UNDECOMPOSED_LETTERS = str.maketrans(
    {
        "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
        "ħ": "h", "Ħ": "H", "ı": "i", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae",
        "œ": "oe", "Œ": "Oe",
    }
)

_INVISIBLE = "\u00ad"
_SPACES = re.compile(r"\s+")
#: Any digit: a quick test before patterns that only match text with one.
DIGIT = re.compile(r"\d")


def fold(text: str) -> str:
    """Same-length normalisation: typographic quotes, dashes and spaces to ASCII."""
    return text.translate(_SAME_LENGTH)


def normalise(text: str) -> str:
    """Normalisation for comparing strings (not for offsets): NFC, folded punctuation,
    invisible characters removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", fold(text)).replace(_INVISIBLE, "")
    return _SPACES.sub(" ", text).strip()


@functools.lru_cache(maxsize=1 << 17)
def match_key(text: str) -> str:
    """Case- and accent-insensitive key: 'O’Neil' and "O'Neil" and 'O'NEIL' give one key.
    Memoised: the same names and words are keyed again and again across an archive."""
    text = normalise(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.translate(_UNDECOMPOSED_LETTERS)
    return text.casefold()


@dataclass(frozen=True)
class LineIndex:
    """Maps a character offset to its 1-based line number. \\r\\n, \\r and \\n end lines."""

    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> LineIndex:
        starts = [0]
        for m in re.finditer(r"\r\n|\r|\n", text):
            starts.append(m.end())
        return cls(tuple(starts))

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def rewrite_phrases(tokens: Sequence[str], table: Mapping[tuple[str, ...], Sequence[str]],
                    longest: int) -> list[str]:
    """Tokens with every phrase of `table` (at most `longest` tokens) replaced by its
    tokens, longest phrase first, left to right; other tokens kept."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            hit = table.get(tuple(tokens[i:i + size]))
            if hit is not None:
                out.extend(hit)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out
