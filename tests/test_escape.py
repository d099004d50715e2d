"""Escaping article text for the Markdown report, proved with a real renderer: markdown-it-py
with GitHub-like settings (tables, strikethrough, raw HTML on) renders the escaped text back
to exactly the input text (modulo whitespace collapsing and the removed invisible
characters), with no tag, link or emphasis that the input did not ask for."""

from __future__ import annotations

import html
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from checker.report import escape as esc

PRESETS = ("gfm-like", "gfm-like2")


def github_like(preset: str = "gfm-like") -> MarkdownIt:
    """markdown-it with GitHub's settings as far as the installed version has them; linkify
    only when its optional dependency is installed (GitHub links bare URLs too)."""
    try:
        md = MarkdownIt(preset)
    except (KeyError, ValueError):
        md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    try:
        import linkify_it  # noqa: F401
    except ImportError:
        md.options["linkify"] = False
        md.disable("linkify", ignoreInvalid=True)
    return md


RENDERERS = {preset: github_like(preset) for preset in PRESETS}
MD = RENDERERS["gfm-like"]

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\U000e0041"
HOSTILE_SAMPLES = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<javascript:alert(1)>",
    "<details><summary>x</summary>",
    "a | b | c",
    "``` fenced",
    "`code` and ``double``",
    "1. ordered",
    "2) ordered",
    "# heading ##",
    "- item",
    "+ item",
    "> quote",
    "    indented code",
    "***",
    "___",
    "---",
    "=====",
    "**bold** _em_ ~~strike~~ ~single~",
    "\\ backslash \\| pipe \\\\",
    "&amp; &lt; &#124; &#x3C;script&#x3E;",
    "line one\nline two\r\nline three\rfour",
    "trailing two spaces  \nhard break",
    "[ref]: javascript:alert(1)",
    "[x][ref]",
    "$x^2$ and $$math$$",
    "- [x] task",
    "> [!WARNING] alert",
    "Mara\u200bVel\u202ekowa\u2066",
    "https://example.com/a_b_c www.example.com javascript:alert(1)",
    "foo_bar_baz __init__ _a_b_",
    "<!-- comment -->",
    "<?php echo 1; ?>",
    "<![CDATA[x]]>",
    "\\",
    "a\\",
    "*",
    "_",
    "`",
]


def expected_text(text: str) -> str:
    """What the reader should see: the input without invisible characters, whitespace runs
    as one space, trimmed."""
    return esc.one_line(text)


def visible(html_out: str) -> str:
    """The text a browser shows for a rendered paragraph with no tags inside."""
    inner = html_out.strip()
    if inner.startswith("<p>") and inner.endswith("</p>"):
        inner = inner[3:-4]
    assert "<" not in inner, f"markup in rendered text: {html_out!r}"
    return html.unescape(inner)


def assert_renders_to_text(escaped: str, text: str) -> None:
    for md in RENDERERS.values():
        out = md.render(escaped)
        if not expected_text(text):
            assert out.strip() == ""
            continue
        assert visible(out) == expected_text(text), (escaped, out)


# --- inline ----------------------------------------------------------------------------------

def test_hostile_samples_render_as_their_own_text() -> None:
    for sample in HOSTILE_SAMPLES:
        assert_renders_to_text(esc.inline(sample), sample)


@settings(max_examples=200, deadline=None)
@given(st.text())
@example("1. x")
@example("10) x")
@example("<a href='javascript:alert(1)'>x</a>")
def test_inline_renders_back_to_the_text(text: str) -> None:
    assert_renders_to_text(esc.inline(text), text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("\\`*_[]()<>!#|~$&;:-+=.1 aZ\n\t\u202e\u200b\"'")), max_size=40))
def test_inline_renders_back_for_markdown_heavy_text(text: str) -> None:
    assert_renders_to_text(esc.inline(text), text)


def test_inline_is_one_line_and_drops_invisible_characters() -> None:
    out = esc.inline("a\nb\r\nc\u2028d" + INVISIBLE + "e")
    assert "\n" not in out and "\r" not in out
    assert not any(ch in out for ch in INVISIBLE)
    assert out == "a b c de"


def test_no_raw_html_survives_inline() -> None:
    for sample in HOSTILE_SAMPLES:
        out = esc.inline(sample)
        assert "<" not in out and ">" not in out


def test_underscores_inside_words_stay_readable_but_inert() -> None:
    assert esc.inline("a_b_c") == "a_b_c"
    assert esc.inline("_a_") == "\\_a\\_"
    assert_renders_to_text(esc.inline("snake_case_name _x_"), "snake_case_name _x_")


def test_a_pathological_million_characters_are_escaped_in_one_pass() -> None:
    text = ("[" * 1000 + "`" * 1000 + "<" * 1000 + "\\" * 1000 + "_a" * 1000) * 100
    out = esc.inline(text)
    assert len(out) > len(text)


# --- table cells ------------------------------------------------------------------------------

def _cells(rendered: str) -> list[str]:
    return re.findall(r"<td>(.*?)</td>", rendered, flags=re.S)


@settings(max_examples=150, deadline=None)
@given(st.text(), st.text())
@example("a | b", "c\\")
@example("x\\|y", "|")
def test_table_cells_keep_the_column_count_and_render_back(left: str, right: str) -> None:
    source = f"| a | b |\n|---|---|\n| {esc.cell(left) or '-'} | {esc.cell(right) or '-'} |\n"
    for md in RENDERERS.values():
        cells = _cells(md.render(source))
        assert len(cells) == 2
        for got, text in zip(cells, (left, right), strict=True):
            assert "<" not in got.replace("&lt;", "")
            assert html.unescape(got) == (expected_text(text) or "-")


# --- headings, code, raw HTML ----------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.text())
@example("Title ##")
@example("# #")
def test_heading_renders_back_to_the_text(text: str) -> None:
    for md in RENDERERS.values():
        out = md.render("## " + esc.heading(text)).strip()
        assert out.startswith("<h2>") and out.endswith("</h2>")
        inner = out[4:-5]
        assert "<" not in inner
        assert html.unescape(inner) == expected_text(text)


@settings(max_examples=150, deadline=None)
@given(st.text())
@example("``` x ``")
@example("`")
@example(" `a` ")
def test_code_span_shows_the_text_literally(text: str) -> None:
    span = esc.code(text)
    if not expected_text(text):
        assert span == ""
        return
    out = MD.render(span).strip()
    match = re.fullmatch(r"<p><code>(.*)</code></p>", out, flags=re.S)
    assert match, out
    assert html.unescape(match.group(1)) == expected_text(text)


def test_code_span_in_a_table_never_splits_the_row() -> None:
    for text in ("a|b", "a\\|b", "a\\", "plain `tick`"):
        source = f"| a | b |\n|---|---|\n| {esc.code(text, in_table=True)} | x |\n"
        cells = _cells(MD.render(source))
        assert len(cells) == 2
        assert html.unescape(re.sub(r"</?code>", "", cells[0])) == text


@settings(max_examples=200, deadline=None)
@given(st.text())
@example("</summary></details><script>alert(1)</script>")
def test_html_text_inside_details_summary_stays_text(text: str) -> None:
    source = f"<details><summary>{esc.html_text(text)}</summary>\n\nbody\n\n</details>\n"
    out = MD.render(source)
    match = re.search(r"<details><summary>(.*?)</summary>", out, flags=re.S)
    assert match
    assert "<" not in match.group(1)
    assert html.unescape(match.group(1)) == expected_text(text)
    assert out.count("<details>") == 1 and out.count("</details>") == 1


# --- highlight, truncate, clean ---------------------------------------------------------------

#: "**" not escaped: after an even number of backslashes (in "\\**" the backslash is escaped and
#: the stars open bold).
_UNESCAPED_STARS = re.compile(r"(?<!\\)(?:\\\\)*\*\*")


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=60), st.text(min_size=1, max_size=12), st.text(max_size=60))
@example("The crew saved ", "120", " passengers.")
@example("(", "55%", ")x")
@example("x", "*a*", "y")
@example("a", "&b", "c")
@example("0", "0\\", "0\\")  # an escaped backslash just before the opening "**"
def test_highlight_bolds_the_value_or_nothing(before: str, value: str, after: str) -> None:
    quote = before + value + after
    out = esc.highlight(quote, value)
    rendered = MD.render(out).strip()
    strong = re.findall(r"<strong>(.*?)</strong>", rendered, flags=re.S)
    if _UNESCAPED_STARS.search(out):
        assert len(strong) == 1, (out, rendered)
        assert html.unescape(strong[0]) == esc.one_line(value)
    else:
        assert strong == []
    plain = re.sub(r"</?strong>", "", rendered)
    if expected_text(quote):
        assert visible(plain) == expected_text(quote)


def test_highlight_marks_names_and_figures_in_ordinary_sentences() -> None:
    assert esc.highlight("Chief Ana Ruiz said so.", "Ana Ruiz") == "Chief **Ana Ruiz** said so."
    assert esc.highlight("Fares rose 12% in May.", "12%") == "Fares rose **12%** in May."
    assert esc.highlight("no value here", "absent") == "no value here"


def test_truncate_keeps_the_value_in_the_window() -> None:
    text = "a" * 500 + " the 17 barges " + "b" * 500
    cut = esc.truncate(text, 80, around="17 barges")
    assert "17 barges" in cut and len(cut) <= 84
    assert cut.startswith("\u2026") and cut.endswith("\u2026")
    assert esc.truncate("short", 80) == "short"
    assert len(esc.truncate("x" * 300, 50)) <= 52


def test_clean_removes_terminal_escapes_and_bidi_controls() -> None:
    assert esc.clean("ok\x1b[2J\x07\u202egone\u2069") == "ok[2Jgone"
    assert esc.clean(None) == "" and esc.clean(float("nan")) == ""


@given(st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2000\u2028\u3000ab\u200b")),
               max_size=30) | st.text())
def test_one_line_folds_every_whitespace_run_the_way_the_regex_does(text):
    assert esc.one_line(text) == re.sub(r"\s+", " ", esc.clean(text)).strip()


def test_highlight_prefers_the_value_standing_as_a_word() -> None:
    assert esc.highlight("Poznański Bank of Poznań said", "Poznań") == "Poznański Bank of **Poznań** said"
    # no occurrence as a word of its own: the first occurrence, as before
    assert "Poznański" in esc.highlight("Poznański Bank said", "Poznań").replace("**", "")
