"""Escaping article text for each place it goes in the Markdown report, so that no text from
an article can break the layout or become live HTML or a live link."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~^-])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def inline(text: str) -> str:
    """Text safe inside a paragraph, list item or table cell: one line, Markdown and HTML
    special characters escaped, control characters dropped."""
    text = _CONTROL.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = html.escape(text, quote=False)
    # html.escape turned & < > into entities; escape the rest with backslashes.
    return re.sub(r"([\\`*_{}\[\]()#+!|~^])", r"\\\1", text)


def cell(text: str) -> str:
    """Text safe in a GitHub table cell (pipes and newlines included)."""
    return inline(text)
