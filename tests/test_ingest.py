"""Stage 1 - ingest: formats, metadata, encodings, ids, discovery. Articles are invented."""

from __future__ import annotations

import codecs
import os
import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.ingest import (
    ARTICLE_COLUMNS,
    PROBLEM_COLUMNS,
    IngestOptions,
    decode_text,
    ingest,
    parse_front_matter,
    safe_id,
)
from checker.textutil import LineIndex

STORY = (
    "Harbour strike ends after nine days\n\n"
    "Dock workers returned on Monday after the union accepted a 7.5% pay rise.\n"
    "\u201cWe won what we asked for,\u201d said union leader Marta Quill.\n"
)


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def problems_of(result, code: str | None = None) -> list[dict]:
    rows = result.problems.to_dict("records")
    return [r for r in rows if code is None or r["code"] == code]


def only_article(result) -> dict:
    assert len(result.articles) == 1, result.problems.to_dict("records")
    return result.articles.iloc[0].to_dict()


# ---------------------------------------------------------------- formats and titles


def test_txt_and_md_are_read_and_the_first_line_is_the_title(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.md", "\n\n# Budget vote delayed\n\nThe assembly postponed the vote.\n")
    write(tmp_path / "notes.docx", "not an article")
    result = ingest([tmp_path])
    assert list(result.articles.columns) == ARTICLE_COLUMNS
    assert list(result.problems.columns) == PROBLEM_COLUMNS
    titles = dict(zip(result.articles["source"], result.articles["title"], strict=True))
    assert titles == {"a": "Harbour strike ends after nine days", "b": "Budget vote delayed"}
    skipped = problems_of(result, "not_article")
    assert [(p["path"].rsplit("/", 1)[1], p["severity"]) for p in skipped] == [("notes.docx", "note")]


def test_a_very_long_first_line_gives_a_cut_title_and_the_text_is_unchanged(tmp_path):
    line = "word " * 50_000
    write(tmp_path / "long.txt", line)
    art = only_article(ingest([tmp_path]))
    assert len(art["title"]) <= 200 and art["title"].endswith("\u2026")
    assert art["text"] == line


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda s: s.encode("utf-8"), "utf-8"),
        (lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), "utf-8-sig"),
        (lambda s: s.encode("utf-16"), "utf-16"),
        (lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), "utf-16"),
        (lambda s: s.encode("utf-16-le"), "utf-16-le"),
        (lambda s: s.encode("utf-16-be"), "utf-16-be"),
        (lambda s: s.encode("utf-32"), "utf-32"),
        (lambda s: s.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom-le", "utf16-bom-be", "utf16le", "utf16be", "utf32", "cp1252"],
)
def test_encodings_decode_to_the_same_text(encode, encoding):
    decoded = decode_text(encode(STORY))
    assert (decoded.text, decoded.encoding, decoded.warning) == (STORY, encoding, "")


def test_latin1_accents_come_out_right_via_the_detector():
    text = "Les caf\u00e9s de la r\u00e9gion ont ferm\u00e9 \u00e0 minuit, a d\u00e9clar\u00e9 le maire.\n" * 5
    decoded = decode_text(text.encode("latin-1"))
    assert decoded.text == text


def test_utf16_without_bom_in_a_non_latin_script():
    text = "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0441\u043a\u0430\u0437\u0430\u043b, 12 \u043c\u0430\u044f.\n" * 4
    assert decode_text(text.encode("utf-16-le")).text == text


def test_invalid_utf8_in_the_middle_is_replaced_with_one_warning(tmp_path):
    good = STORY.encode("utf-8")
    write(tmp_path / "damaged.txt", good[:60] + b"\xff\xfe" + good[60:])
    result = ingest([tmp_path])
    art = only_article(result)
    assert art["encoding"] == "utf-8"
    assert "\ufffd" in art["text"] and "\u201cWe won" in art["text"]
    [warning] = problems_of(result, "replaced_bytes")
    assert warning["severity"] == "warning" and "byte 60" in warning["message"]
    assert warning["source"] == "damaged"


def test_mixed_line_endings_keep_offsets_and_lines_valid(tmp_path):
    raw = "Title line\r\n\r\nFirst paragraph here.\rSecond paragraph.\nThird.\r\n"
    write(tmp_path / "mixed.txt", raw)
    art = only_article(ingest([tmp_path]))
    assert art["text"] == raw  # nothing translated: offsets index the decoded text
    index = LineIndex.of(art["text"])
    assert index.line(art["text"].index("Second")) == 4
    assert index.line(art["text"].index("Third")) == 5


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
        (b"\x1f\x8b\x08\x00" + b"rest", "gzip"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04" + b"\x14" * 10, "ZIP"),
        (b"plain words\x00\x01\x02 then more words\x00", "NUL"),
    ],
)
def test_binary_files_are_refused_with_a_reason(tmp_path, data, what):
    write(tmp_path / "file.txt", data)
    write(tmp_path / "good.txt", STORY)
    result = ingest([tmp_path])
    assert list(result.articles["source"]) == ["good"]
    [problem] = problems_of(result, "binary")
    assert problem["severity"] == "error" and what in problem["message"]
    assert problem["path"].endswith("/file.txt")


def test_random_bytes_without_nul_are_refused_not_decoded_as_garbage():
    rng = random.Random(4)
    noise = bytes(rng.randrange(1, 256) for _ in range(3000))
    with pytest.raises(Exception) as info:
        decode_text(noise)
    assert getattr(info.value, "code", "") in ("binary", "undecodable")


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff".encode("utf-8") + b"\n"])
def test_empty_and_whitespace_only_files_are_errors(tmp_path, data):
    write(tmp_path / "blank.txt", data)
    write(tmp_path / "good.txt", STORY)
    result = ingest([tmp_path])
    assert list(result.articles["source"]) == ["good"]
    assert [p["severity"] for p in problems_of(result, "empty")] == ["error"]


# ---------------------------------------------------------------- front matter


def test_front_matter_sets_metadata_and_the_body_start(tmp_path):
    text = ("---\r\noutlet: The Ledger\r\nurl: https://example.org/strike\r\npublished: 2024-03-04\r\n"
            "language: en\r\ntags:\r\n  - port\r\n---\r\n" + STORY)
    write(tmp_path / "a.md", text)
    art = only_article(ingest([tmp_path]))
    assert (art["outlet"], art["url"], art["published"], art["published_from"], art["language"]) == (
        "The Ledger", "https://example.org/strike", "2024-03-04", "front-matter", "en")
    assert art["text"][art["body_start"]:] == STORY
    assert art["title"] == "Harbour strike ends after nine days"


def test_bad_front_matter_values_are_dropped_with_warnings_and_the_article_kept(tmp_path):
    text = ("---\npublished: last Tuesday\nurl: javascript:alert(1)\nlanguage: <b>\n"
            "this line has no colon\n---\n" + STORY)
    write(tmp_path / "a.md", text)
    result = ingest([tmp_path])
    art = only_article(result)
    assert (art["published"], art["url"], art["language"]) == ("", "", "")
    messages = sorted(p["message"] for p in problems_of(result) if p["severity"] == "warning")
    assert len(messages) == 4
    assert any("not an ISO date" in m for m in messages)
    assert any("not an http(s) address" in m for m in messages)
    assert any("line 5" in m for m in messages)


def test_unclosed_front_matter_is_read_as_text():
    meta, body_start, problems = parse_front_matter("---\ntitle: x\nThe text goes on\n")
    assert (meta, body_start) == ({}, 0)
    assert len(problems) == 1 and "no `---` closes it" in problems[0]


# ---------------------------------------------------------------- sources.csv


SIDECAR_HEADER = "file,outlet,url,published,language,title\n"


def test_sidecar_fills_metadata_and_front_matter_wins(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.md", "---\noutlet: Front Outlet\n---\n" + STORY.replace("nine", "ten"))
    write(tmp_path / "sources.csv",
          SIDECAR_HEADER + "a.txt,The Ledger,https://example.org/a,2024-03-04,en,Strike over\n"
          "b.md,Side Outlet,,2024-03-05,,\n")
    result = ingest([tmp_path])
    rows = {r["source"]: r for r in result.articles.to_dict("records")}
    assert (rows["a"]["outlet"], rows["a"]["published"], rows["a"]["published_from"], rows["a"]["title"]) == (
        "The Ledger", "2024-03-04", "sources.csv", "Strike over")
    assert (rows["b"]["outlet"], rows["b"]["published"]) == ("Front Outlet", "2024-03-05")
    assert "sources.csv" not in [p["path"].rsplit("/", 1)[1] for p in problems_of(result, "not_article")]
    assert [p["severity"] for p in problems_of(result, "metadata")] == ["note"]  # outlet differs


def test_sidecar_in_an_enclosing_folder_uses_relative_paths(tmp_path):
    write(tmp_path / "desk" / "a.txt", STORY)
    write(tmp_path / "sources.csv", SIDECAR_HEADER + "desk/a.txt,The Ledger,,,,\n")
    assert only_article(ingest([tmp_path]))["outlet"] == "The Ledger"


@pytest.mark.parametrize(
    ("csv_text", "expected", "fragment"),
    [
        ("name,outlet\na.txt,X\n", "", "no `file` column"),
        ("file,outlet\na.txt,The Ledger\n", "The Ledger", "columns missing"),
        (SIDECAR_HEADER + "a.txt,The Ledger,,03/04/2024,,\n", "The Ledger", "not an ISO date"),
        (SIDECAR_HEADER + "a.txt,One,,,,\na.txt,Two,,,,\n", "", "duplicate row"),
        (SIDECAR_HEADER + "../../a.txt,Escape,,,,\n", "", "not a file name inside this folder"),
        (SIDECAR_HEADER + "/etc/a.txt,Escape,,,,\n", "", "not a file name inside this folder"),
        (SIDECAR_HEADER + "gone.txt,Nobody,,,,\n", "", "no article 'gone.txt' was read"),
        (SIDECAR_HEADER + "a.txt,X,,,,,extra\n", "", "more cells than the header"),
    ],
    ids=["no-file-column", "missing-columns", "bad-date", "duplicate", "dotdot", "absolute",
         "unknown-file", "extra-cells"],
)
def test_malformed_sidecars_give_one_line_and_the_article_is_still_checked(tmp_path, csv_text, expected, fragment):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "sources.csv", csv_text)
    result = ingest([tmp_path])
    art = only_article(result)
    assert art["outlet"] == expected
    sidecar_problems = [p for p in problems_of(result, "sidecar") if fragment in p["message"]]
    assert len(sidecar_problems) == 1, problems_of(result)
    assert "\n" not in sidecar_problems[0]["message"]
    assert sidecar_problems[0]["path"].endswith("sources.csv")


def test_identical_duplicate_sidecar_rows_are_only_a_note(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "sources.csv", SIDECAR_HEADER + "a.txt,X,,,,\na.txt,X,,,,\n")
    result = ingest([tmp_path])
    assert only_article(result)["outlet"] == "X"
    assert [p["severity"] for p in problems_of(result, "sidecar")] == ["note"]


def test_a_binary_sidecar_is_ignored_with_a_warning(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "sources.csv", b"\x89PNG\r\n\x1a\n\x00\x00")
    result = ingest([tmp_path])
    assert only_article(result)["outlet"] == ""
    [problem] = problems_of(result, "sidecar")
    assert problem["severity"] == "warning" and "PNG" in problem["message"]


# ---------------------------------------------------------------- ids and names


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("-x", "x"),
        ("my article", "my_article"),
        ("it's \"quoted\"", "it_s_quoted"),
        ("caf\u00e9 \u0433\u0430\u0437\u0435\u0442\u0430", "caf\u00e9_\u0433\u0430\u0437\u0435\u0442\u0430"),
        ("../../etc/passwd", "etc_passwd"),
        ("...", "article"),
        ("CON", "CON_"),
        ("a" * 300, "a" * 80),
    ],
)
def test_ids_are_safe_file_names(stem, expected):
    assert safe_id(stem) == expected
    assert "/" not in safe_id(stem) and not safe_id(stem).startswith(("-", "."))


def test_ids_are_unique_case_insensitively_and_use_the_folder_first(tmp_path):
    write(tmp_path / "one" / "report.txt", STORY)
    write(tmp_path / "two" / "report.txt", STORY.replace("nine", "eight"))
    write(tmp_path / "two" / "Report.md", STORY.replace("nine", "seven"))
    ids = sorted(ingest([tmp_path]).articles["source"])
    assert ids == ["report", "two__Report", "two__report-2"]


def test_nfd_file_names_give_nfc_ids(tmp_path):
    write(tmp_path / "cafe\u0301.txt", STORY)
    assert list(ingest([tmp_path]).articles["source"]) == ["caf\u00e9"]


# ---------------------------------------------------------------- discovery


def test_the_same_article_under_two_names_is_checked_once_and_both_are_named(tmp_path):
    write(tmp_path / "b-copy.txt", STORY)
    write(tmp_path / "a-original.txt", STORY)
    result = ingest([tmp_path])
    assert list(result.articles["source"]) == ["a-original"]
    [dup] = problems_of(result, "duplicate")
    assert dup["path"].endswith("b-copy.txt") and "a-original.txt" in dup["message"]


def test_same_text_in_two_encodings_is_a_duplicate(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", STORY.encode("utf-16"))
    assert len(ingest([tmp_path]).articles) == 1


def test_a_folder_passed_twice_is_read_once(tmp_path):
    write(tmp_path / "in" / "a.txt", STORY)
    result = ingest([tmp_path / "in", tmp_path / "in", str(tmp_path / "in") + "/"])
    assert list(result.articles["source"]) == ["a"]
    assert not problems_of(result, "no_articles")
    assert {p["severity"] for p in problems_of(result, "repeated_path")} == {"note"}


def test_a_file_given_directly_and_inside_a_folder_keeps_one_path_whatever_the_order(tmp_path):
    write(tmp_path / "in" / "a.txt", STORY)
    first = ingest([tmp_path / "in", tmp_path / "in" / "a.txt"]).articles
    second = ingest([tmp_path / "in" / "a.txt", tmp_path / "in"]).articles
    assert first.equals(second)


def test_missing_path_and_empty_folder_are_fatal_problems(tmp_path):
    write(tmp_path / "good" / "a.txt", STORY)
    (tmp_path / "nothing").mkdir()
    write(tmp_path / "nothing" / "image.png", b"\x89PNG\r\n\x1a\n")
    result = ingest([tmp_path / "good", tmp_path / "nope", tmp_path / "nothing"])
    assert list(result.articles["source"]) == ["a"]
    codes = {p["code"]: p["severity"] for p in problems_of(result)}
    assert codes["missing"] == "error" and codes["no_articles"] == "error"


def test_symlink_loop_terminates_and_is_noted(tmp_path):
    write(tmp_path / "in" / "a.txt", STORY)
    os.symlink(tmp_path / "in", tmp_path / "in" / "loop")
    result = ingest([tmp_path / "in"])
    assert list(result.articles["source"]) == ["a"]
    assert problems_of(result, "symlink_loop")


def test_symlink_outside_the_input_is_followed_only_when_asked(tmp_path):
    write(tmp_path / "outside" / "secret.txt", STORY)
    write(tmp_path / "in" / "a.txt", STORY.replace("nine", "six"))
    os.symlink(tmp_path / "outside" / "secret.txt", tmp_path / "in" / "link.txt")
    plain = ingest([tmp_path / "in"])
    assert list(plain.articles["source"]) == ["a"]
    [note] = problems_of(plain, "outside_link")
    assert "--follow-symlinks" in note["message"]
    followed = ingest([tmp_path / "in"], IngestOptions(follow_symlinks=True))
    assert sorted(followed.articles["source"]) == ["a", "link"]


def test_files_over_max_bytes_are_skipped_naming_the_limit(tmp_path):
    write(tmp_path / "big.txt", "word " * 3000)
    write(tmp_path / "small.txt", STORY)
    result = ingest([tmp_path], IngestOptions(max_bytes=10_000))
    assert list(result.articles["source"]) == ["small"]
    [problem] = problems_of(result, "too_large")
    assert "10,000" in problem["message"] and "--max-bytes" in problem["message"]
    assert len(ingest([tmp_path], IngestOptions(max_bytes=0)).articles) == 2


def test_unreadable_files_are_errors(tmp_path, monkeypatch):
    write(tmp_path / "locked.txt", STORY)
    write(tmp_path / "good.txt", STORY.replace("nine", "two"))
    real_open = open

    def fake_open(path, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    result = ingest([tmp_path])
    assert list(result.articles["source"]) == ["good"]
    [problem] = problems_of(result, "unreadable")
    assert "Permission denied" in problem["message"] and problem["path"].endswith("locked.txt")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads anything")
def test_chmod_000_file_is_an_error(tmp_path):
    path = write(tmp_path / "locked.txt", STORY)
    path.chmod(0)
    try:
        assert problems_of(ingest([tmp_path]), "unreadable")
    finally:
        path.chmod(0o644)


def test_a_fifo_is_never_opened(tmp_path):
    write(tmp_path / "a.txt", STORY)
    os.mkfifo(tmp_path / "pipe.txt")
    result = ingest([tmp_path, tmp_path / "pipe.txt"])
    assert list(result.articles["source"]) == ["a"]
    assert len(problems_of(result, "not_regular")) == 2


def test_deeply_nested_folders_and_hidden_entries(tmp_path):
    deep = tmp_path.joinpath(*["d"] * 150)
    write(deep / "deep.txt", STORY)
    write(tmp_path / ".git" / "x.txt", "hidden")
    write(tmp_path / ".hidden.txt", "hidden")
    result = ingest([tmp_path])
    assert list(result.articles["source"]) == ["deep"]
    assert not problems_of(result)


def test_output_folders_are_not_read(tmp_path):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "reports" / "consistency.md", "# Consistency report\n\nold output\n")
    result = ingest([tmp_path], IngestOptions(exclude=(str(tmp_path / "reports"),)))
    assert list(result.articles["source"]) == ["a"]


def test_five_thousand_tiny_files_are_read_quickly(tmp_path):
    for i in range(5000):
        (tmp_path / f"n{i:04d}.txt").write_text(f"Note {i}\nCount {i} of many.\n", encoding="utf-8")
    started = time.monotonic()
    result = ingest([tmp_path])
    assert len(result.articles) == 5000
    assert time.monotonic() - started < 15


def test_file_names_with_control_characters_are_printed_on_one_line(tmp_path):
    write(tmp_path / "bad\nname\x1b[31m.txt", b"")
    [problem] = problems_of(ingest([tmp_path]), "empty")
    assert "\n" not in problem["path"] and "\x1b" not in problem["path"]
    assert "bad\\x0aname\\x1b[31m.txt" in problem["path"]


def test_the_result_does_not_depend_on_argument_order(tmp_path):
    names = [f"{c}.txt" for c in "edcba"]
    for i, name in enumerate(names):
        write(tmp_path / name, STORY.replace("nine", str(i + 10)))
    paths = [tmp_path / n for n in names]
    first = ingest(paths)
    second = ingest(list(reversed(paths)))
    assert first.articles.equals(second.articles) and first.problems.equals(second.problems)


# ---------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=2000))
def test_any_bytes_give_an_article_or_a_one_line_problem(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("prop")
    write(folder / "x.txt", data)
    result = ingest([folder])
    if len(result.articles) == 1:
        art = result.articles.iloc[0]
        assert 0 <= art["body_start"] <= len(art["text"]) and art["text"][art["body_start"]:].strip()
    else:
        assert any(p["severity"] == "error" for p in problems_of(result))
    assert all("\n" not in p["message"] for p in problems_of(result))


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(min_size=1, max_size=500).filter(lambda s: s.strip() and "\x00" not in s),
       st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_text_survives_a_round_trip_through_its_encoding(text, encoding):
    try:
        decoded = decode_text(text.encode(encoding))
    except Exception as exc:  # control-heavy text may be refused as binary, nothing else
        assert getattr(exc, "code", "") == "binary"
        return
    assert decoded.text == text


def test_a_report_checker_wrote_among_the_articles_is_not_read_as_an_article(tmp_path):
    from checker.api import check_paths
    from checker.report import render_markdown

    write(tmp_path / "a.txt", STORY)
    report = render_markdown(check_paths([tmp_path]))
    write(tmp_path / "old" / "consistency.md", report)
    result = ingest([tmp_path])
    assert list(result.articles["source"]) == ["a"]
    assert [p["path"].rsplit("/", 1)[1] for p in problems_of(result, "own_report")] == ["consistency.md"]
