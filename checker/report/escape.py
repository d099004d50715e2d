"""Escaping article text for each place it goes in the Markdown report, so that no text from
an article can break the layout or become live HTML or a live link.

One function per context:

    inline(text)        a paragraph, list item or table cell (pipes, newlines, backslashes,
                        emphasis, links, raw HTML, block markers at the start)
    cell(text)          a GitHub table cell (the same as `inline`; named for the reader)
    heading(text)       an ATX heading (also every `#`, so no closing sequence is eaten)
    code(text)          an inline code span with a fence longer than any backtick run
    html_text(text)     raw HTML context, e.g. `<summary>` inside `<details>`: Markdown is not
                        processed there, so HTML escaping alone, no backslashes
    highlight(q, v)     a quote with the value `v` in bold, each side escaped with `inline`
    clean(text)         drop control, zero-width, bidi and tag characters (also for terminals)

Every function is linear in the length of its input (character classes only, no nested
quantifiers), returns one line, and never lets `<`, `&`, `[`, `` ` `` or `*` through
unescaped.
"""

from __future__ import annotations

import html
import re
import unicodedata

# C0/C1 controls except whitespace (collapsed separately), DEL, soft hyphen stays;
# zero-width: ZWSP, ZWNJ, ZWJ, word joiner and invisible operators, BOM, Mongolian separator;
# bidi: ALM, LRM, RLM, embeddings/overrides, isolates; interlinear annotations; tag characters
# (invisible ASCII look-alikes used to smuggle hidden text).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    "\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f]"
)
# Characters that can start or end Markdown syntax anywhere in a line. `<`, `>` and `&` are
# turned into entities first, so raw HTML and entity references cannot survive.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
# "1. x" / "2) x" at the start of a line would begin an ordered list.
_DIGITS_THEN_DELIMITER = re.compile(r"^(\d{1,9})([.)])")
_BACKTICK_RUN = re.compile(r"`+")


def clean(text: object) -> str:
    """The text with control, zero-width, bidi-control and tag characters removed. Accepts
    anything (None and NaN give "")."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return _INVISIBLE.sub("", str(text))


def one_line(text: object) -> str:
    """`clean`, then every run of whitespace (line breaks included) as one space, stripped."""
    return " ".join(clean(text).split())  # split() and \s agree on what whitespace is


def _escape_special(match: re.Match[str]) -> str:
    char = match.group(1)
    if char == "_":
        # An underscore between two letters or digits can neither open nor close emphasis
        # (CommonMark's intraword rule); leaving it bare keeps ids like "a_b" readable.
        at, whole = match.start(), match.string
        if 0 < at < len(whole) - 1 and whole[at - 1].isalnum() and whole[at + 1].isalnum():
            return char
    return "\\" + char


def _escape_fragment(text: str) -> str:
    """Escape already-one-line text without touching its ends (for pieces of a line)."""
    return _INLINE_SPECIAL.sub(_escape_special, html.escape(text, quote=False))


def _escape_leading(escaped: str) -> str:
    if not escaped:
        return escaped
    match = _DIGITS_THEN_DELIMITER.match(escaped)
    if match:  # "1. x" / "2) x" would start an ordered list
        return f"{match.group(1)}\\{match.group(2)}{escaped[match.end():]}"
    if escaped[0] in "#-+=":
        return "\\" + escaped
    return escaped


def inline(text: object) -> str:
    """Text safe inside a paragraph, list item or table cell: one line, Markdown and HTML
    special characters escaped, invisible characters dropped. Renders back to the text."""
    return _escape_leading(_escape_fragment(one_line(text)))


def cell(text: object) -> str:
    """Text safe in a GitHub table cell: `|` escaped, line breaks folded into spaces."""
    return inline(text)


def heading(text: object) -> str:
    """Text safe as the content of an ATX heading (`## ...`): every `#` escaped so that a
    trailing `#` run is not taken for the closing sequence."""
    return _escape_leading(_escape_fragment(one_line(text)).replace("#", "\\#"))


def code(text: object, in_table: bool = False) -> str:
    """An inline code span showing `text` literally. The fence is one backtick longer than the
    longest run of backticks inside; a space pads the content when it starts or ends with a
    backtick. In a table cell, GFM splits cells before it sees code spans, and renderers
    disagree on a backslash before a pipe there: text with `|` or `\\` comes back as `cell`
    text instead of a code span."""
    content = one_line(text)
    if in_table and ("|" in content or "\\" in content):
        return cell(content)
    longest = max((len(m.group(0)) for m in _BACKTICK_RUN.finditer(content)), default=0)
    fence = "`" * (longest + 1)
    if content.startswith("`") or content.endswith("`"):
        content = f" {content} "
    return f"{fence}{content}{fence}" if content else ""


def html_text(text: object) -> str:
    """Text safe inside raw HTML (`<summary>...</summary>`): one line, HTML-escaped, quotes
    included. Markdown is not processed in an HTML block, so no backslash escapes."""
    return html.escape(one_line(text), quote=True)


def _is_punctuation_or_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"


def _whole_word_find(text: str, needle: str) -> int:
    """The first occurrence of `needle` that is not inside a longer word ("Poznań" in "of
    Poznań", not in "Poznański"), else the first occurrence, else -1."""
    first = at = text.find(needle)
    while at >= 0:
        before = text[at - 1] if at > 0 else " "
        after = text[at + len(needle)] if at + len(needle) < len(text) else " "
        if not (needle[0].isalnum() and before.isalnum()) and not (needle[-1].isalnum() and after.isalnum()):
            return at
        at = text.find(needle, at + 1)
    return first


def highlight(quote: object, value: object) -> str:
    """The quote escaped with `inline`, with the first occurrence of `value` in bold (the
    first standing as a word of its own, when there is one). Bold is
    used only where CommonMark's flanking rules make `**` open and close there; otherwise the
    quote is returned without highlight (never with stray asterisks)."""
    text = one_line(quote)
    needle = one_line(value)
    at = _whole_word_find(text, needle) if needle else -1
    if at < 0:
        return inline(text)
    before, after = text[:at], text[at + len(needle):]
    first, last = needle[0], needle[-1]
    opens = not first.isspace() and (
        not _is_punctuation_or_space(first) or not before or _is_punctuation_or_space(before[-1])
    )
    closes = not last.isspace() and (
        not _is_punctuation_or_space(last) or not after or _is_punctuation_or_space(after[0])
    )
    if not (opens and closes):
        return inline(text)
    head = _escape_leading(_escape_fragment(before)) if before else ""
    middle = _escape_fragment(needle)
    if not before:
        middle = _escape_leading(middle)
    return f"{head}**{middle}**{_escape_fragment(after)}"


def truncate(text: object, limit: int, around: str = "") -> str:
    """`one_line(text)` cut to at most `limit` characters with an ellipsis; when `around`
    occurs in the text, the window is centred on it so the value stays visible."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    keep = max(limit - 2, 1)
    at = text.find(around) if around else -1
    if at < 0 or at + len(around) <= keep:
        return text[:keep].rstrip() + " \u2026"
    start = max(0, min(at - (keep - len(around)) // 2, len(text) - keep))
    window = text[start:start + keep].strip()
    prefix = "\u2026 " if start > 0 else ""
    suffix = " \u2026" if start + keep < len(text) else ""
    return f"{prefix}{window}{suffix}"
