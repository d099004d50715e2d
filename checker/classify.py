"""Classification of segments: every sentence of an article gets a class, a reason and (for
quotes and reported speech) a speaker. Nothing is dropped: what is not compared says why.

Classes, in the order the rules are tried (the first that applies wins):
    boilerplate  page furniture: navigation, newsletter/app/comment/share prompts, FAQ stubs
                 and their stub answers, "sources" stubs, link lines, repeated lines and
                 duplicated captions or headlines (data/boilerplate.csv + structure)
    byline       who wrote or photographed it: author lines and bios, photo credits, datelines
    caption      a picture's caption: a line ending in a credit, or a headline with a
                 photographer's credit glued to it
    off_topic    a run of paragraphs about other stories (a news ticker or sidebar), decided
                 from the story itself, not from a word list (see `off_topic_blocks`)
    headline     the article's title: the first short line of the article that survived the
                 rules above (none when the article opens with prose)
    heading      a short line without final punctuation between paragraphs
    quote        a sentence mostly inside quote marks; `speaker` says who speaks
    opinion      the writer's own judgement (data/opinion_cues.txt, outside quotations)
    hedged       speculation in the writer's voice (data/hedges.txt: "may", "could", ...)
                 when it governs the main clause: a cue inside an enclosed aside (a bracket,
                 a pair of dashes, a relative clause between commas: "the fee, which could
                 rise, is 40m") or in a reduced relative of ability ("the best it could
                 afford") does not hedge the sentence
    claim        everything else: a checkable statement (reported speech keeps its speaker)

Off-topic: each prose paragraph is reduced to its terms (capitalised names and content words,
stemmed crudely by their first letters; weekdays and day-month dates kept apart) and compared
with the story's core, the middle of the article (tickers and sidebars sit at its ends). A
paragraph is another story when it shares little of its terms with the core and brings
names and dates of its own; one that shares the story's president but brings three new names
and its own date (the same president meeting someone else, elsewhere, on another day) is one
too when it sits among such paragraphs. Only the two ends are searched, walking inwards and
stopping at the first paragraph of the story: the tail (two or more such items before the
closing prompts; in articles with blank lines between paragraphs, the ticker is the block of
tight lines) and the head (a ticker headline and its teaser above the story's own headline;
a teaser cut short with "..." that repeats a ticker item below, and the short line above it
sharing its words). A surprising paragraph in the middle of a story is never off_topic, and
short articles, whose paragraphs share few words anyway, are not eaten: precision first.
A first line that is a ticker item is therefore not the headline: the headline is the first
short line that survives these rules, or there is none when the article opens with prose.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from checker.config import Thresholds
from checker.lexicon import calendar_words, entries, org_head_nouns, table, words
from checker.textutil import DIGIT, LineIndex, fold

if TYPE_CHECKING:
    from checker.segment import Block, Layout


@dataclass(frozen=True)
class Verdict:
    cls: str
    reason: str = ""
    speaker: str = ""


@dataclass(frozen=True)
class Attribution:
    """Who a sentence's words are attributed to ("X said", "..., he told reporters")."""

    speaker: str  # as written: a name, a pronoun resolved to a name, or a description
    kind: str  # name | pronoun | description
    verb_start: int
    verb_end: int


@dataclass(frozen=True)
class _Rule:
    cls: str
    reason: str
    edge_only: bool
    max_words: int
    pattern: re.Pattern[str]


#: How many paragraphs from either end count as the article's edge for edge-only rules.
_EDGE_BLOCKS = 4
#: Boilerplate is short: the rules of data/boilerplate.csv skip longer segments (this also
#: keeps their regular expressions cheap on huge lines).
_BOILERPLATE_MAX_CHARS = 400
#: The longest item of a link list (a headline).
_LINK_ITEM_MAX_WORDS = 20
#: A paragraph this short takes the class of a caption, credit or prompt found in it.
_FURNITURE_BLOCK_WORDS = 60
#: Off-topic needs a story to compare with, and a paragraph needs enough terms to judge.
_OFF_TOPIC_MIN_PARAGRAPHS = 5
_OFF_TOPIC_MIN_TERMS = 5
#: A teaser or ticker headline above the story sits among the article's first lines.
_HEAD_LINES = 3
#: At most this share of an article's paragraphs can be other stories above it.
_HEAD_SHARE_MAX = 0.4
_WORD = re.compile(r"[^\W\d_][\w'’]*")
_TOKEN = re.compile(r"\S+")
_DATE_WORD = re.compile(
    r"(?i)\b(?:(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b)"
)
#: `_DATE_WORD` for a text without digits, where only its weekdays can match: the same
#: groups, the others never set (faster).
_WEEKDAY_WORD = re.compile(
    r"(?i)\b(?:(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?!)()()()())")
_MONTH_NAMES = frozenset(
    ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]
)
_WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_AUXILIARIES = frozenset({"was", "were", "been", "be", "is", "are", "being", "has", "have",
                          "had", "not", "never", "also"})
_NAME_CONNECTORS = frozenset({"of", "for", "the", "and", "de", "del", "al", "bin", "ibn", "van",
                              "von", "der", "la", "le", "du", "da", "in", "on", "to"})
_MODALS = frozenset({"will", "would", "can", "cannot", "shall", "should", "must", "did", "does",
                     "do"})
_RELATIVE = re.compile(r",?\s+(?:who|which|whose|whom)\s")
_HARD_BREAK = frozenset(";:—–\"“”")
_SUBJECT_ADVERBS = frozenset({"also", "later", "then", "again", "previously", "earlier", "once",
                              "further", "separately", "meanwhile", "too"})
_TERMINAL = frozenset(".!?;,:")
_INVISIBLE = re.compile(r"[\W_]+")
_STEM = 5
#: Page furniture has no speaker ("Frequently asked questions" is nobody asking).
_NO_SPEAKER = frozenset({"boilerplate", "byline", "caption"})
#: How far back/forward an attribution's subject is looked for (keeps the scan bounded).
_SUBJECT_WINDOW = 160


@cache
def _rules() -> tuple[_Rule, ...]:
    return tuple(
        _Rule(row["class"], row["reason"], row["where"] == "edge", int(row["max_words"]),
              re.compile(row["pattern"]))
        for row in table("boilerplate")
    )


@lru_cache(maxsize=1024)
def _rules_for(n_words: int, at_edge: bool) -> tuple[_Rule, ...]:
    """The rules, in order, that apply to a segment of `n_words` words (at the article's
    edge or not)."""
    return tuple(r for r in _rules()
                 if n_words <= r.max_words and (at_edge or not r.edge_only))


def _phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    ordered = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    return re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w'’])")


#: Markers of a cue list's special lines: an exception ("-could not"), a word that opens a
#: relative clause (">which") and a frame whose reduced relative clause states an ability,
#: not a guess ("~the best": "the best the government could afford").
_EXCEPTION, _RELATIVE_OPENER, _ABILITY_FRAME = "-", ">", "~"
_SPECIAL_LINES = (_EXCEPTION, _RELATIVE_OPENER, _ABILITY_FRAME)


def _special(name: str, marker: str) -> list[str]:
    return [e[1:].strip() for e in entries(name) if e.startswith(marker)]


@cache
def _cues(name: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """(cue pattern, exception pattern) of a cue list; exceptions are lines starting "-"."""
    return (_phrase_pattern([e for e in entries(name) if not e.startswith(_SPECIAL_LINES)]),
            _phrase_pattern(_special(name, _EXCEPTION)))


@cache
def _relative_opener() -> re.Pattern[str] | None:
    """A clause that starts with a relative pronoun (the text after its opening comma)."""
    openers = _special("hedges", _RELATIVE_OPENER)
    if not openers:
        return None
    return re.compile(r"\s*(?:" + "|".join(re.escape(o) for o in sorted(openers)) + r")\b")


@cache
def _ability_frame() -> re.Pattern[str] | None:
    """A frame, then the subject of a reduced relative clause, right before a modal: "the
    best [the government] could", "everything [it] could" (the subject is a pronoun or a
    determiner and one word, so "everything the club owns could be sold" stays a guess;
    capitalised words are blanked in the voice)."""
    frames = _special("hedges", _ABILITY_FRAME)
    if not frames:
        return None
    return re.compile(
        r"(?<![\w'’])(?:" + "|".join(re.escape(f) for f in sorted(frames)) + r")\s+"
        r"(?:(?:it|he|she|they|we|i|you)|(?:the|its|his|her|their|our|this|that)"
        r"(?:\s+[\w'’-]+)?)\s*$")


@cache
def _said_verbs() -> re.Pattern[str]:
    pattern = _phrase_pattern(sorted(words("said_verbs")))
    assert pattern is not None
    return pattern


@cache
def _said_verbs_are_words() -> bool:
    """Whether every said verb is lower-case letters (words joined by single spaces). Then
    a sentence whose lower-cased text has no said verb has none in its writer's voice
    either: `_writer_voice` only blanks whole capitalised words and quoted passages, whose
    neighbours are never letters (a word boundary, a quote mark), so the blanks cannot
    complete a verb or the boundaries around one, and `attributions` can skip the voice."""
    return all(re.fullmatch(r"[a-z]+(?: [a-z]+)*", w.lower()) for w in words("said_verbs"))


@cache
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in words("function_words"))


def classify_article(text: str, lay: Layout, thresholds: Thresholds) -> list[Verdict]:
    """One verdict per sentence of `lay`, in order."""
    sentences = lay.sentences
    blocks = lay.blocks
    count = len(sentences)
    verdicts: list[Verdict | None] = [None] * count
    block_sentences: list[list[int]] = [[] for _ in blocks]
    for i, sent in enumerate(sentences):
        block_sentences[sent.block].append(i)

    def set_block(b: int, verdict: Verdict) -> None:
        for i in block_sentences[b]:
            if verdicts[i] is None:
                verdicts[i] = verdict

    # `fold` maps character for character, so slices of the folded article are the folded
    # slices.
    folded = fold(text)
    block_text = [folded[b.start:b.end] for b in blocks]
    block_words = [len(_TOKEN.findall(t)) if len(t) < 4000 else thresholds.heading_max_words + 1
                   for t in block_text]
    block_keys = [_line_key(t) if len(t) < 4000 else "" for t in block_text]
    edge = _edge_blocks(len(blocks))

    # 1. Rules from data/boilerplate.csv (short segments only: boilerplate is short).
    rule_hits: dict[int, Verdict] = {}
    for i, sent in enumerate(sentences):
        verdict = _rule_verdict(folded[sent.start:sent.end], sent.block in edge, thresholds)
        if verdict is not None:
            rule_hits[i] = verdict
    # 2. Structure: repeated blocks, duplicated captions and headlines, FAQ blocks.
    line_index = LineIndex.of(text)
    block_lines = [line_index.line(b.start) for b in blocks]
    structural = _structural(blocks, block_text, block_words, block_keys, block_sentences,
                             rule_hits, block_lines)
    for b, verdict in sorted(structural.items()):
        set_block(b, verdict)
    for i, verdict in sorted(rule_hits.items()):
        if verdicts[i] is None:
            verdicts[i] = verdict
    # A short paragraph with a caption, a credit or a prompt in it is page furniture as a
    # whole ("Photo: ... (Agency/Name)", "X is an independent newsletter. Become a member.").
    for i, verdict in sorted(rule_hits.items()):
        b = sentences[i].block
        if len(block_text[b]) < 4000 and block_words[b] <= _FURNITURE_BLOCK_WORDS:
            set_block(b, verdict)
    # 3. Off-topic runs.
    junk_blocks = {sentences[i].block for i in range(count) if verdicts[i] is not None}
    heading_like = [_heading_shaped(block_text[b], blocks[b].marker, block_words[b],
                                    len(block_sentences[b]), thresholds.heading_max_words)
                    for b in range(len(blocks))]
    for b, verdict in sorted(off_topic_blocks(text, lay, junk_blocks, heading_like,
                                              thresholds, line_index.line).items()):
        set_block(b, verdict)
    # 4. Headline: the first block still unclassified, when it is shaped like a title.
    first_free = next((b for b in range(len(blocks))
                       if any(verdicts[i] is None for i in block_sentences[b])), None)
    if (first_free is not None and len(block_sentences[first_free]) == 1
            and not blocks[first_free].marker
            and block_words[first_free] <= thresholds.headline_max_words
            and not block_text[first_free].rstrip().endswith((".", ",", ";", ":", "..."))):
        set_block(first_free, Verdict("headline"))
    # 5. Headings.
    for b in range(len(blocks)):
        if heading_like[b]:
            set_block(b, Verdict("heading"))
    # 6. Quotes, speakers, reported speech.
    voices = [_writer_voice(folded[s.start:s.end], s.start, s.end, lay) for s in sentences]
    speakers, shares = _speakers(text, lay, voices)
    # 7. Opinion, hedges and list items under a hedged introduction.
    hedged_intro = ""
    for i, sent in enumerate(sentences):
        block = blocks[sent.block]
        if verdicts[i] is not None:
            hedged_intro = ""
            continue
        if shares[i] >= thresholds.quote_share:
            verdicts[i] = Verdict("quote", "", speakers[i])
            continue
        voice = voices[i]
        opinion = _first_cue("opinion_cues", voice)
        hedge = _governing_hedge(voice)
        if opinion:
            verdicts[i] = Verdict("opinion", f"opinion: {opinion!r}", speakers[i])
        elif hedge:
            verdicts[i] = Verdict("hedged", f"hedged: {hedge!r}", speakers[i])
        elif block.marker and hedged_intro:
            verdicts[i] = Verdict("hedged", f"hedged: list item under {hedged_intro!r}",
                                  speakers[i])
        else:
            verdicts[i] = Verdict("claim", "", speakers[i])
        if not block.marker:
            ends_intro = text[sent.start:sent.end].rstrip().endswith(":")
            hedged_intro = hedge if ends_intro and hedge else ""
    # Every segment carries its speaker, whatever its class (a heading or a ticker item
    # quotes people too).
    out = []
    for i, verdict in enumerate(verdicts):
        verdict = verdict or Verdict("claim")
        speaker = "" if verdict.cls in _NO_SPEAKER else speakers[i]
        out.append(Verdict(verdict.cls, verdict.reason, speaker))
    return out


def _line_key(folded: str) -> str:
    """What two copies of one line share: case, spacing and invisible characters aside."""
    return " ".join(folded.replace("\u00ad", "").casefold().split())


def _edge_blocks(total: int) -> frozenset[int]:
    return frozenset(range(min(_EDGE_BLOCKS, total))) | frozenset(
        range(max(0, total - _EDGE_BLOCKS), total))


def _rule_verdict(folded: str, at_edge: bool, thresholds: Thresholds) -> Verdict | None:
    if len(folded) > _BOILERPLATE_MAX_CHARS:
        return None
    return _short_rule_verdict(folded, at_edge)


@lru_cache(maxsize=4096)
def _short_rule_verdict(folded: str, at_edge: bool) -> Verdict | None:
    """The first rule of data/boilerplate.csv that a short segment matches. Memoised: page
    furniture comes back in article after article, and so do the sentences of syndicated
    copy."""
    n_words = len(_TOKEN.findall(folded))
    for rule in _rules_for(n_words, at_edge):
        if rule.pattern.search(folded):
            return Verdict(rule.cls, f"{rule.cls}: {rule.reason}")
    return None


def _structural(blocks: Sequence[object], block_text: list[str], block_words: list[int],
                block_keys: list[str], block_sentences: list[list[int]],
                rule_hits: dict[int, Verdict], lines: list[int]) -> dict[int, Verdict]:
    """Verdicts that need the whole article: repeats, glued captions, FAQ blocks."""
    out: dict[int, Verdict] = {}
    block_rule = {b: next((rule_hits[i] for i in block_sentences[b] if i in rule_hits), None)
                  for b in range(len(blocks))}
    first_seen: dict[str, int] = {}
    key_counts = Counter(k for k in block_keys if k)
    for b, key in enumerate(block_keys):
        if not key:
            continue
        earlier = first_seen.get(key)
        if earlier is None:
            first_seen[key] = b
            if key_counts[key] >= 3 and block_words[b] <= 4:
                out[b] = Verdict("boilerplate", "boilerplate: repeated line")
            continue
        rule = block_rule.get(earlier)
        what = "duplicated caption" if rule is not None and rule.cls == "caption" else (
            "duplicated headline" if earlier == 0 else "repeated line")
        out[b] = Verdict("boilerplate", f"boilerplate: {what} (first on line {lines[earlier]})")
    # A block that repeats an earlier (or the next) block with a credit or a few words added
    # or removed: a caption and its duplicate, or a headline with a photographer glued to it.
    for b, key in enumerate(block_keys):
        if b in out or block_words[b] < 4 or not key:
            continue
        for other in (b - 2, b - 1, b + 1):
            if other < 0 or other >= len(blocks) or other == b or not block_keys[other]:
                continue
            longer, shorter = block_keys[b], block_keys[other]
            if len(longer) > len(shorter) and longer.startswith(shorter) and (
                    len(_TOKEN.findall(longer[len(shorter):])) <= 8
                    and len(_TOKEN.findall(shorter)) >= 4):
                if other == 0:
                    out.setdefault(b, Verdict("caption", "caption: the headline with a credit "
                                                         "glued to it"))
                else:
                    out.setdefault(b, Verdict("caption", "caption: a caption with its credit"))
                    out.setdefault(other, Verdict("boilerplate",
                                                  "boilerplate: duplicated caption"))
                break
    # FAQ: after a FAQ heading, questions and the short stub answers that follow them.
    def faq_entry(b: int) -> Verdict | None:
        if block_text[b].rstrip().endswith("?"):
            return Verdict("boilerplate", "boilerplate: FAQ question")
        if block_words[b] <= 8:
            return Verdict("boilerplate", "boilerplate: FAQ stub answer")
        return None

    # A list under a link line ("TRENDING NOW", "Read next", "ALSO ON <station>"): its short
    # items, headlines with no full stop (bulleted or not), link to other stories.
    def link_item(b: int) -> Verdict | None:
        item = block_text[b].rstrip().rstrip("\"')]")
        # one headline, or a question and its teaser ("Is sunscreen expiry real? We asked
        # dermatologists"): no full stop at the end either way
        if (item and block_words[b] <= _LINK_ITEM_MAX_WORDS and len(block_sentences[b]) <= 2
                and item[-1] not in _TERMINAL and not item.endswith(("...", "…"))):
            return Verdict("boilerplate", "boilerplate: link list item")
        return None

    for opener, entry in ((": FAQ stub", faq_entry), (": link line", link_item)):
        for b, verdict in _runs_after(block_rule, opener, entry, len(blocks)):
            out.setdefault(b, verdict)
    return out


def _runs_after(block_rule: dict[int, Verdict | None], opener: str, entry: Callable[[int], Verdict | None],
                n_blocks: int) -> Iterator[tuple[int, Verdict]]:
    """The blocks after each block whose rule reason ends with `opener`, as long as `entry`
    gives them a verdict (the run ends at the first block it does not)."""
    running = False
    for b in range(n_blocks):
        rule = block_rule.get(b)
        if rule is not None and rule.reason.endswith(opener):
            running = True
            continue
        verdict = entry(b) if running else None
        if verdict is None:
            running = False
            continue
        yield b, verdict


def _heading_shaped(folded: str, marker: str, n_words: int, n_sentences: int,
                    max_words: int) -> bool:
    stripped = folded.strip()
    if not stripped or n_sentences != 1 or n_words > max_words or stripped[0] in "\"'":
        return False
    stripped = stripped.rstrip("\"')]")
    if not stripped:
        return False
    if marker and not marker[0].isdigit() and not marker.startswith("("):
        return False  # a bullet item is a list item, not a heading
    if stripped[-1] in _TERMINAL or stripped.endswith(("...", "…")):
        return False
    first = next((c for c in stripped if c.isalnum()), "")
    return bool(first) and not first.islower()


# ---- off-topic ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Terms:
    names: frozenset[str]  # capitalised words not at a sentence's start, stemmed
    words: frozenset[str]  # content words (and sentence-initial capitalised ones), stemmed
    dates: frozenset[str]  # weekdays and day-month dates named in the paragraph

    @property
    def all(self) -> frozenset[str]:
        return self.names | self.words


def _terms(text: str, start: int, end: int, sentence_starts: Sequence[int]) -> _Terms:
    names: set[str] = set()
    content: set[str] = set()
    starts = {s for s in sentence_starts if start <= s < end}
    if all(s == start or text[s - 1].isspace() for s in starts):
        # Each distinct word once. With every sentence start at the range's start or after
        # a space, the words that start sentences are the matches of _WORD at those starts.
        counts = Counter(_WORD.findall(text, start, end))
        initial = Counter(m.group() for m in (_WORD.match(text, s, end) for s in starts) if m)
        for word, count in counts.items():
            first = initial[word]  # how many of its uses start a sentence
            for key, capitalised, long_enough in _token_keys(word):
                if capitalised and count > first:
                    names.add(key)
                if long_enough and (first or not capitalised):
                    content.add(key)
    else:
        for m in _WORD.finditer(text, start, end):
            for key, capitalised, long_enough in _token_keys(m.group()):
                if capitalised and m.start() not in starts:
                    names.add(key)
                elif long_enough:
                    content.add(key)
    dates: set[str] = set()
    date_words = _DATE_WORD if DIGIT.search(text, start, end) else _WEEKDAY_WORD
    for m in date_words.finditer(text, start, end):
        weekday, day1, month1, month2, day2 = m.groups()
        if weekday:
            dates.add(weekday.lower())
        else:
            dates.add(f"{(month1 or month2).lower()[:3]}-{int(day1 or day2)}")
    return _Terms(frozenset(names), frozenset(content - names), frozenset(dates))


_TOKEN_PARTS = re.compile(r"['’]s$|['’-]")


@lru_cache(maxsize=65536)
def _token_keys(token: str) -> tuple[tuple[str, bool, bool], ...]:
    """(stemmed key, capitalised, long enough for a content word) of each part of a token
    that can carry a topic."""
    function_words = _function_words()
    out = []
    for part in _TOKEN_PARTS.split(token):
        lower = part.lower()
        if len(lower) < 3 or lower in function_words or lower in _WEEKDAYS \
                or lower in _MONTH_NAMES:
            continue
        out.append((_stem(lower), part[0].isupper(), len(lower) >= 4))
    return tuple(out)


def _stem(word: str) -> str:
    """A crude stem that makes "lanes"/"lane", "councillors"/"council" meet."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:_STEM]


def _short_line(text: str, block: object, thresholds: Thresholds) -> bool:
    """A line short enough to be a title (a headline, or a ticker item's headline)."""
    start, end = block.start, block.end  # type: ignore[attr-defined]
    return end - start < 400 and len(text[start:end].split()) <= thresholds.headline_max_words


@dataclass(frozen=True)
class _Judgement:
    cohesion: float
    strong: bool  # shares little with the story and brings names and dates of its own
    foreign: bool  # shares little with the story and brings a name or a date of its own
    suspect: bool  # brings several names, or a date and a name, that the story lacks
    reason: str
    novel: int = 0  # names the story lacks
    own_dates: int = 0  # dates the story lacks

    def ticker_like(self, novel_names: int) -> bool:
        """Plainly another story: its own names and dates, whatever it shares (the story's
        president meeting someone else, elsewhere, on another day)."""
        return self.strong or (self.foreign and self.suspect) or (
            self.own_dates >= 1 and self.novel >= novel_names)


#: Words in quote marks that make a paragraph story prose: ticker items and link teasers
#: do not quote people at length; a story's closing paragraphs often do (the analyst, the
#: minister), bringing names of their own.
_OFF_TOPIC_QUOTE_WORDS = 8


def _quotes_at_length(text: str, lay: Layout, block: Block) -> bool:
    return any(len(text[r.start:r.end].split()) >= _OFF_TOPIC_QUOTE_WORDS
               for r in regions_in(lay, block.start, block.end))


def off_topic_blocks(text: str, lay: Layout, junk_blocks: set[int], heading_like: list[bool],
                     thresholds: Thresholds, line_of: Callable[[int], int]) -> dict[int, Verdict]:
    """Blocks that belong to other stories, with the reason (see the module docstring).

    Only the article's two ends are searched, from the outside in: the tail (a ticker or a
    "more news" block before the closing prompts) and the head (a ticker headline and its
    teaser above the story). A walk stops at the first paragraph that belongs to the story,
    so the story itself is never eaten from the middle; a paragraph already taken does not
    vouch for the next one (ticker items do not make each other on-topic)."""
    blocks = lay.blocks
    starts_by_block: dict[int, list[int]] = {}
    for sent in lay.sentences:
        starts_by_block.setdefault(sent.block, []).append(sent.start)
    first_prose = next((b for b in range(len(blocks)) if b not in junk_blocks), None)
    units = [b for b in range(len(blocks))
             if b not in junk_blocks and not (blocks[b].marker and not blocks[b].marker[0].isdigit())
             and (not heading_like[b] or b == first_prose)]
    if len(units) < _OFF_TOPIC_MIN_PARAGRAPHS:
        return {}
    terms = {b: _terms(text, blocks[b].start, blocks[b].end, starts_by_block.get(b, []))
             for b in units}
    # The story's core: the middle of the article (tickers and sidebars sit at its ends).
    margin = len(units) // 5
    core = set(units[margin:len(units) - margin])
    term_count: Counter[str] = Counter()
    date_count: Counter[str] = Counter()
    for b in core:
        term_count.update(terms[b].all)
        date_count.update(terms[b].dates)
    removed_terms: Counter[str] = Counter()
    removed_dates: Counter[str] = Counter()

    def judge(b: int) -> _Judgement:
        t = terms[b]
        all_terms = t.all
        if len(all_terms) < _OFF_TOPIC_MIN_TERMS or _quotes_at_length(text, lay, blocks[b]):
            return _Judgement(1.0, False, False, False, "")
        mine = 1 if b in core else 0
        supported = {k for k in all_terms if term_count[k] - mine - removed_terms[k] > 0}
        weight = sum(2 if k in t.names else 1 for k in all_terms)
        cohesion = sum(2 if k in t.names else 1 for k in supported) / weight
        novel = sum(1 for k in t.names if k not in supported)
        own_dates = sum(1 for d in t.dates if date_count[d] - mine - removed_dates[d] <= 0)
        low = cohesion < thresholds.off_topic_cohesion
        strong = (low and (own_dates >= 2 or (own_dates >= 1 and novel >= 1))) or (
            cohesion <= thresholds.off_topic_lone_cohesion and novel >= 2)
        foreign = low and (novel >= 1 or own_dates >= 1)
        suspect = novel >= thresholds.off_topic_novel_names or (own_dates > 0 and novel >= 1)
        reason = (f"off_topic: another story (shares {cohesion:.0%} of its terms with this one; "
                  f"{novel} names and {own_dates} dates of its own)")
        return _Judgement(cohesion, strong, foreign, suspect, reason, novel, own_dates)

    def take(b: int) -> None:
        if b in core:
            removed_terms.update(terms[b].all)
            removed_dates.update(terms[b].dates)

    found: dict[int, str] = {}
    # The tail, from the last paragraph inwards: ticker items, each another story. A suspect
    # paragraph (the story's own president, elsewhere, on another day) is taken only when a
    # strong one lies further in.
    spaced = sum(1 for b in units if blocks[b].blank_before) * 2 >= len(units)
    tail: list[tuple[int, _Judgement]] = []
    many = thresholds.off_topic_novel_names
    position = len(units) - 1
    while position > 0:
        b = units[position]
        verdict = judge(b)
        if not tail and not verdict.strong:
            break
        first_of_ticker = spaced and blocks[b].blank_before and verdict.own_dates >= 1 \
            and verdict.suspect
        if not (verdict.ticker_like(many) or first_of_ticker):
            ahead = [judge(units[q]) for q in range(position - 1, max(0, position - 3), -1)]
            if not (verdict.suspect and any(v.ticker_like(many) for v in ahead)):
                break
        tail.append((b, verdict))
        take(b)
        position -= 1
        if spaced and blocks[b].blank_before:
            break  # tickers are tight lines; a blank line above one ends the ticker
    while tail and not (tail[-1][1].ticker_like(many) or (
            spaced and blocks[tail[-1][0]].blank_before and tail[-1][1].own_dates >= 1
            and tail[-1][1].suspect)):
        tail.pop()
    if sum(1 for _, v in tail if v.strong) >= 2:
        found.update((b, v.reason) for b, v in tail)
    removed_terms.clear()
    removed_dates.clear()
    for b in found:
        take(b)
    # The head, from the first paragraph on: lines above the story that plainly belong to
    # another story (a ticker headline and its teaser), at least one of them strongly.
    head: list[tuple[int, _Judgement]] = []
    for b in units:
        if b in found or (head and any(heading_like[x] for x in range(head[-1][0] + 1, b))):
            break  # the story's own headline ends the lines above it
        verdict = judge(b)
        title_like = not head and _short_line(text, blocks[b], thresholds)
        if not (verdict.strong or verdict.foreign
                or (title_like and verdict.cohesion < thresholds.off_topic_cohesion)):
            break
        head.append((b, verdict))
        take(b)
    # Lines above a story are a few; a walk that took most of a short article took the story
    # itself (paraphrased paragraphs, each naming someone new), so it takes nothing.
    if (len(head) >= 2 and any(v.strong for _, v in head)
            and len(head) <= len(units) * _HEAD_SHARE_MAX):
        found.update((b, v.reason) for b, v in head)
    # A teaser repeats a ticker item (cut short with "..."); the line above it is its headline.
    if found:
        first_off = min(found)
        keys = {b: _line_key(fold(text[blocks[b].start:blocks[b].end]))
                for b in range(first_off, len(blocks)) if blocks[b].end - blocks[b].start < 4000}
        for b in units[:_HEAD_LINES]:
            if b in found or blocks[b].end - blocks[b].start >= 4000:
                continue
            key = _line_key(fold(text[blocks[b].start:blocks[b].end])).rstrip(".… ")
            copy = next((c for c, k in sorted(keys.items()) if c > b and len(key) >= 30
                         and k.startswith(key)), None)
            if copy is not None:
                found[b] = (f"off_topic: repeats an item of the other stories below "
                            f"(line {line_of(blocks[copy].start)})")
        first = units[0]
        second = units[1] if len(units) > 1 else None
        if first not in found and second in found and _short_line(text, blocks[first], thresholds) \
                and len(terms[first].all & terms[second].all) >= 2:
            found[first] = "off_topic: the headline of the other story below it"
    return {b: Verdict("off_topic", reason) for b, reason in sorted(found.items())}


# ---- quotes and speakers -----------------------------------------------------------------

_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w'-]*")
_WORD_CHAR = re.compile(r"\w")


def _writer_voice(original: str, start: int, end: int, lay: Layout) -> str:
    """The sentence text[start:end], folded (`original`), in lower case with quoted words
    blanked out (same length). Capitalised words after the first are blanked too:
    mid-sentence they are names ("in May", "Will Carter"), never hedge or opinion cues."""
    chars = list(original.lower())
    first_word = _WORD_CHAR.search(original)
    if first_word is not None:  # else no word at all, capitalised or not
        after = first_word.start()
        for m in _CAPITALISED_WORD.finditer(original):
            s, e = m.span()
            if s > after:
                chars[s:e] = " " * (e - s)
    for region in regions_in(lay, start, end):
        s, e = max(start, region.start), min(end, region.end)
        chars[s - start:e - start] = " " * (e - s)
    return "".join(chars)


def regions_in(lay: Layout, start: int, end: int) -> list:
    i = bisect.bisect_right(lay.quote_starts, start) - 1
    out = []
    quotes = lay.quotes
    for index in range(max(i, 0), len(quotes)):
        region = quotes[index]
        if region.start >= end:
            break
        if region.end > start:
            out.append(region)
    return out


def _cue_matches(name: str, voice: str) -> Iterator[re.Match[str]]:
    """The cues of a list found in `voice`, in order, less those inside an exception."""
    cue, exception = _cues(name)
    if cue is None:
        return
    blocked = iter(exception.finditer(voice)) if exception else iter(())
    current = next(blocked, None)
    for m in cue.finditer(voice):
        while current is not None and current.end() < m.end():
            current = next(blocked, None)
        if current is None or not (current.start() <= m.start() and m.end() <= current.end()):
            yield m


def _first_cue(name: str, voice: str) -> str:
    return next((m.group() for m in _cue_matches(name, voice)), "")


#: Where a clause opens and closes: commas, brackets and dashes (dashes are folded to ASCII
#: by `fold`, so both "—" and " - " count).
_CLAUSE_MARK = re.compile(r",|\(|\)|\s-{1,2}\s|[—–]")
#: How far back an ability frame is looked for before a modal.
_FRAME_WINDOW = 60


def _governing_hedge(voice: str) -> str:
    """The first hedge cue that governs the sentence, or "". A cue inside an enclosed aside
    does not: a relative clause between commas ("the fee, which could rise later, is
    40m"), a bracket or a pair of dashes, when the sentence goes on after it; nor does a
    modal in a reduced relative clause of ability ("the best the government could
    afford"). A cue in a clause that ends the sentence still hedges it ("..., which could
    add 7m."): the guess may be what the sentence is for."""
    cues = list(_cue_matches("hedges", voice))
    if not cues:
        return ""
    marks = [(m.start(), m.end(), m.group().strip()) for m in _CLAUSE_MARK.finditer(voice)]
    last_word = next((i for i in range(len(voice) - 1, -1, -1) if voice[i].isalnum()), -1)
    for m in cues:
        if not (_in_enclosed_aside(voice, marks, last_word, m.start(), m.end())
                or _after_ability_frame(voice, m.start())
                or _in_second_report(voice, m.start())):
            return m.group()
    return ""


#: ", and that": a second thing reported after a first ("said the cells were made in X, and
#: that a flaw could ..."). A first report of at least this many words stands on its own.
_SECOND_REPORT = re.compile(r"[,;]\s+(?:and|but)\s+that\s", re.IGNORECASE)
_FIRST_REPORT_MIN_WORDS = 6


def _in_second_report(voice: str, at: int) -> bool:
    """Whether a hedge cue at `at` lies in a second reported clause ("X said A, and that B
    could ..."): the guess is B's; A is still asserted."""
    found = list(_SECOND_REPORT.finditer(voice, 0, at))
    return bool(found) and len(voice[:found[-1].start()].split()) >= _FIRST_REPORT_MIN_WORDS


def _in_enclosed_aside(voice: str, marks: list[tuple[int, int, str]], last_word: int,
                       start: int, end: int) -> bool:
    i = bisect.bisect_left(marks, (start,))
    before = marks[i - 1] if i > 0 else None
    after = marks[i] if i < len(marks) else None
    if before is None or after is None or after[0] < end:
        return False
    if last_word < after[1]:
        return False  # the aside ends the sentence: nothing is left to be the claim
    opener, closer = before[2], after[2]
    if opener == "(":
        return closer == ")"
    dashes = ("-", "--", "—", "–")
    if opener in dashes:
        return closer in dashes
    if opener == ",":
        relative = _relative_opener()
        return ((closer == "," or closer in dashes) and relative is not None
                and bool(relative.match(voice, before[1]))
                and _resumes_with_verb(voice[after[1]:after[1] + _SUBJECT_WINDOW]))
    return False


def _resumes_with_verb(rest: str) -> bool:
    """Whether the words after a comma-closed relative clause resume the main clause with
    its verb ("the fee, which could rise, is 40m"), rather than go on with a list ("plans,
    which could lead to new jobs, new firms and ..." is a guess from start to end). The
    verb is recognised by its shape: an auxiliary or modal, a said verb, or "-ed"."""
    tokens = rest.split(None, 3)
    while tokens and (tokens[0] in _SUBJECT_ADVERBS or tokens[0].endswith("ly")):
        tokens.pop(0)
    if not tokens:
        return False
    word = tokens[0].strip(",.;:")
    return (word in _AUXILIARIES or word in _MODALS or word.endswith("ed")
            or word in _said_verb_words())


@cache
def _said_verb_words() -> frozenset[str]:
    return frozenset(w.lower() for w in words("said_verbs") if " " not in w)


def _after_ability_frame(voice: str, start: int) -> bool:
    frame = _ability_frame()
    return frame is not None and bool(frame.search(voice, max(0, start - _FRAME_WINDOW), start))


def quote_share(text: str, start: int, end: int, lay: Layout) -> float:
    """The share of a sentence's visible characters that lie inside quote marks."""
    regions = regions_in(lay, start, end)
    if not regions:
        return 0.0
    visible = _visible(text[start:end])
    if not visible:
        return 0.0
    quoted = sum(_visible(text[max(start, r.start):min(end, r.end)]) for r in regions)
    return quoted / visible


def _visible(chunk: str) -> int:
    """Characters that are neither whitespace nor quote marks or punctuation."""
    return len(_INVISIBLE.sub("", chunk))


def attributions(text: str, start: int, end: int, lay: Layout) -> list[Attribution]:
    """Reporting verbs in the writer's voice within text[start:end], with their subjects
    (pronouns not yet resolved)."""
    original = fold(text[start:end])
    lowered = original.lower()
    if (len(lowered) == len(original) and _said_verbs_are_words()
            and _said_verbs().search(lowered) is None):
        return []
    return _attributions(text, start, end, lay, _writer_voice(original, start, end, lay))


def _attributions(text: str, start: int, end: int, lay: Layout, voice: str) -> list[Attribution]:
    """`attributions`, given the sentence's writer's voice."""
    out: list[Attribution] = []
    for m in _said_verbs().finditer(voice):
        verb_start, verb_end = start + m.start(), start + m.end()
        if not text[verb_start].islower():
            continue
        before = voice[max(0, m.start() - _SUBJECT_WINDOW):m.start()].split()
        if before and before[-1].strip(",") in _AUXILIARIES:
            continue
        subject, kind = _subject_before(text, start, verb_start, lay)
        if not subject:
            subject, kind = _subject_after(text, verb_end, end)
        if subject:
            out.append(Attribution(subject, kind, verb_start, verb_end))
    return out


def _subject_before(text: str, start: int, verb_start: int, lay: Layout) -> tuple[str, str]:
    left = max(start, verb_start - _SUBJECT_WINDOW)
    for region in regions_in(lay, left, verb_start):
        left = max(left, min(region.end + 1, verb_start))
    chunk = text[left:verb_start]
    cut = max((chunk.rfind(c) for c in _HARD_BREAK), default=-1)
    clause = chunk[cut + 1:]
    relative = _RELATIVE.search(clause)
    if relative:
        clause = clause[:relative.start()]
    # Walk back over comma-separated pieces: adverbs ("recently") and appositions
    # ("X, a think tank, said") are skipped; brackets inside names ("(res.)") are kept.
    pieces = clause.split(",")
    for index in range(len(pieces) - 1, max(-1, len(pieces) - 4), -1):
        words_ = pieces[index].split()
        while words_ and (words_[-1] in _SUBJECT_ADVERBS or (
                words_[-1].endswith("ly") and words_[-1].islower())):
            words_.pop()
        if not words_:
            continue
        if index < len(pieces) - 1 and (words_[0].islower() or " ".join(words_).isdigit()
                                         or (index > 0 and words_[0].lower() in _words_of_titles())):
            # an apposition between commas ("X, a think tank, said"; "X, CEO of Y, said"),
            # or an age ("Hollmann, 54, told")
            continue
        if _is_date_phrase(words_):
            continue  # "X, speaking on Thursday, 5 November, insisted": the day, not who
        return _subject_phrase(" ".join(words_))
    return "", ""


def _is_date_phrase(words_: Sequence[str]) -> bool:
    """Whether every word is a number or a month or weekday name ("5 November", "Nov. 4")."""
    names = calendar_words()
    return all(w.strip(".,").isdigit() or w.strip(".,").casefold() in names for w in words_)



def _subject_after(text: str, verb_end: int, end: int) -> tuple[str, str]:
    """The speaker named after the verb: "said Ana Ruiz", "said Acme chief executive Ana
    Ruiz" (the name after a title), "said the association's chief executive, Ana Ruiz."
    (a description ending in a title, then the name closing the sentence)."""
    chunk = text[verb_end:min(end, verb_end + _SUBJECT_WINDOW)]
    stop = min((i for i in (chunk.find(c) for c in ",.;:") if i >= 0), default=len(chunk))
    tokens = chunk[:stop].split()
    run = _capitalised_run(tokens)
    titles = _words_of_titles()
    rest = tokens[len(run):]
    k = 0
    while k < len(rest) and rest[k].lower() in titles:
        k += 1
    if k and len(after := _capitalised_run(rest[k:])) >= 2:
        run = after  # "Acme chief executive Ana Ruiz"
    if not run and tokens and tokens[-1].lower() in titles and chunk[stop:stop + 1] == ",":
        name = chunk[stop + 1:].split(".")[0].split(",")[0].split()
        after = _capitalised_run(name)
        if len(after) >= 2 and len(after) == len(name):
            run = after  # "the association's chief executive, Fiona Kehoe."
    return (" ".join(run), "name") if run else ("", "")


def _capitalised_run(tokens: Sequence[str]) -> list[str]:
    """The capitalised words (and name connectors between them) opening `tokens`."""
    run: list[str] = []
    for k, token in enumerate(tokens):
        if run and token.lower() in _NAME_CONNECTORS and k + 1 < len(tokens) \
                and _is_date_phrase(tokens[k + 1:k + 2]):
            break  # "said Ana Ruiz on Monday"
        if token[0].isupper() or (run and token.lower() in _NAME_CONNECTORS) or token.startswith("("):
            run.append(token)
        else:
            break
    while run and not run[-1][0].isupper():
        run.pop()
    return run


def _subject_phrase(phrase: str) -> tuple[str, str]:
    tokens = phrase.split()
    if not tokens:
        return "", ""
    last = tokens[-1].strip(",")
    if last.lower() in _PRONOUNS and len(tokens) <= 2:
        return last, "pronoun"
    if last[:1].isupper():
        run: list[str] = []
        for token in reversed(tokens):
            bare = token.strip(",")
            if bare[:1].isupper() or bare.startswith("(") or bare.endswith(")") or (
                    run and bare.lower() in _NAME_CONNECTORS):
                run.append(bare)
                if len(run) > 8:
                    break
            else:
                break
        run.reverse()
        while run and (run[0].lower() in _NAME_CONNECTORS or run[0].startswith(")")):
            run.pop(0)
        if run and run[0].lower() in ("the", "a", "an"):
            run.pop(0)
        return (" ".join(run), "name") if run else ("", "")
    if len(tokens) <= 8:
        if tokens[0].lower() in ("the", "a", "an") and len(tokens) > 1:
            tokens = tokens[1:]
        return " ".join(tokens), "description"
    return "", ""


def _speakers(text: str, lay: Layout, voices: Sequence[str]) -> tuple[list[str], list[float]]:
    """(speaker of each sentence, share of each sentence inside quote marks), given the
    writer's voice of each sentence."""
    sentences = lay.sentences
    shares = [quote_share(text, s.start, s.end, lay) for s in sentences]
    found = [_attributions(text, s.start, s.end, lay, voice)
             for s, voice in zip(sentences, voices, strict=True)]
    last_named = ""
    named_in = -1  # the sentence of the last named speaker
    resolved: list[str] = []
    for i, (sent, attrs) in enumerate(zip(sentences, found, strict=True)):
        speaker = ""
        if attrs:
            first = attrs[0]
            if first.kind == "pronoun":
                # a person named since the last speaker ("X ruled out any payment. 'Not one
                # cent,' she said") is nearer than that speaker
                speaker = (_person_named_between(text, lay, named_in + 1, i)
                           or last_named or _last_name_before(text, sent.start))
            elif first.kind == "description" and (named := _titled_name_before(
                    text, sent.start, first.speaker)):
                speaker = last_named = named  # "the judge said": the judge named before
                named_in = i
            else:
                speaker = first.speaker
                if first.kind == "name":
                    last_named = first.speaker
                    named_in = i
        resolved.append(speaker)
    # A quotation's speaker: an attribution in a sentence it touches, else an introduction
    # ("X said:") in the sentence right before it; shared by all its sentences.
    by_quotation: dict[int, list[int]] = {}
    for i, sent in enumerate(sentences):
        for region in regions_in(lay, sent.start, sent.end):
            members = by_quotation.setdefault(region.quotation, [])
            if not members or members[-1] != i:
                members.append(i)
    speakers = list(resolved)
    for _quotation, members in sorted(by_quotation.items()):
        speaker = next((resolved[i] for i in reversed(members) if resolved[i]), "")
        if not speaker:
            before = members[0] - 1
            if before >= 0 and text[sentences[before].start:sentences[before].end].rstrip() \
                    .endswith(":"):
                speaker = resolved[before]
        if not speaker:
            speaker = _colon_speaker(text, sentences[members[0]].start, lay)
        previous = members[0] - 1
        same_block = previous >= 0 and sentences[previous].block == sentences[members[0]].block
        if not speaker and same_block and shares[previous] > 0:
            speaker = speakers[previous]  # "A," she said. "B." — B is hers too
        if not speaker and same_block:
            # "X insisted there would be no shortcuts. 'A.'" / "X struck a similar note. 'A.'":
            # a quotation with no attribution of its own is the paragraph's speaker's
            sent = sentences[previous]
            speaker = resolved[previous] or _opening_person(text[sent.start:sent.end])
        for i in members:
            if not speakers[i] or shares[i] > 0:
                speakers[i] = speaker or speakers[i]
    return speakers, shares


_NAME_RUN = re.compile(r"[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+)+")
#: Sentences looked back over for a person named as a subject since the last speaker.
_PRONOUN_LOOKBACK = 2


def _person_named_between(text: str, lay: Layout, first: int, current: int) -> str:
    """The person named as the subject of one of the sentences `first`..`current - 1` (the
    nearest, at most _PRONOUN_LOOKBACK back): a name of two or more capitalised words, not
    ending in an organisation's head noun, no date, in the capitalised words opening the sentence
    ("The Minister for Health, Ana Ruiz, ruled out ..."; not "During talks with President
    X, Y said ..."); "" when there is none."""
    for i in range(current - 1, max(first, current - _PRONOUN_LOOKBACK) - 1, -1):
        sent = lay.sentences[i]
        if regions_in(lay, sent.start, sent.end):
            continue  # a quote's sentence: its speaker is already known or not a subject
        person = _opening_person(text[sent.start:sent.end])
        if person:
            return person
    return ""


#: The words before a capitalised run that make it the complement of an office ("head of
#: the Official Opposition", "Minister for Health"), not a person.
_COMPLEMENT_BEFORE = re.compile(r"\b(?:of|for|at)(?:\s+the)?\s+$", re.IGNORECASE)


#: A phrase of place or time opening a sentence before its subject, up to its comma ("At a
#: press conference in Osaka, ...", "During talks with President X, ...").
_LEADING_PHRASE = re.compile(
    r"(?:at|in|on|after|before|during|earlier|later|speaking|outside|inside|from|with)\b[^,.;:\"“”]{0,80},\s+",
    re.IGNORECASE)


def _opening_person(sentence: str) -> str:
    """The person named in the capitalised words that open a sentence: a name of two or
    more capitalised words, not ending in an organisation's head noun, no date ("The
    Minister for Health, Ana Ruiz, ruled out ..."); "" when there is none."""
    opening: list[str] = []
    tokens = sentence.split()
    lead = _LEADING_PHRASE.match(sentence)
    if lead:  # "At a press conference in Osaka, Tsukimura president Hiroshi Kanezawa bowed"
        tokens = sentence[lead.end():].split()
    titles = _words_of_titles()
    for k, token in enumerate(tokens):
        bare = token.strip(",;:()")
        # a title in lower case goes on the opening ("Chief executive Ana Ruiz, ...", "The
        # regional prefect, Ana Ruiz, ...")
        if not (bare[:1].isupper() or bare.lower() in _function_words() or bare.lower() in titles
                or any(t.strip(",;:()").lower() in titles for t in tokens[k + 1:k + 3])):
            break
        opening.append(token)
    joined = " ".join(opening)
    for found in reversed(list(_NAME_RUN.finditer(joined))):
        if _COMPLEMENT_BEFORE.search(joined, 0, found.start()):
            continue  # "..., head of the Official Opposition,": the body an office is of
        words_ = found.group().split()
        while words_ and words_[0].lower() in _function_words():
            words_.pop(0)
        if (len(words_) >= 2 and not _is_date_phrase(words_)
                and words_[-1].strip(".,'’") not in _org_head_words()):
            return " ".join(words_)  # "Galway Regional Hospital" ends in a head noun
    return ""


@cache
def _words_of_titles() -> frozenset[str]:
    """Every word of a title of data/titles.csv, folded ("chief", "executive")."""
    from checker.facets.names import lex

    return frozenset(w for key in lex().titles for w in key)


@cache
def _org_head_words() -> frozenset[str]:
    return frozenset(org_head_nouns()) | words("publications")


def _last_name_before(text: str, start: int) -> str:
    """The last run of two or more capitalised words in the text just before `start`: the
    nearest named person for a "he said" that follows no named speaker."""
    window = text[max(0, start - _SUBJECT_WINDOW * 4):start]
    runs = [m.group() for m in _NAME_RUN.finditer(window)]
    if not runs:
        return ""
    words_ = runs[-1].split()
    while words_ and words_[0].lower() in _function_words():
        words_.pop(0)
    return " ".join(words_) if len(words_) >= 2 else ""


def _titled_name_before(text: str, start: int, description: str) -> str:
    """The person last named with the title of a "the judge said" before `start`
    ("Judge Ana Ruiz", "presiding judge Ana Ruiz", "Ana Ruiz, the judge", "Minister of
    Health, Dr Ana Ruiz"), else ""."""
    title = description.split()[-1].lower() if description else ""
    if (title,) not in _one_word_titles():
        return ""
    word = re.escape(title)
    name = r"((?:[A-Z][\w'’.-]+[ \t]+)+[A-Z][\w'’.-]+)"
    office = r"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?(?:[A-Z][\w'’-]+[ \t]+(?:and[ \t]+)?){0,5}[A-Z][\w'’-]+,?)?"
    before = re.compile(rf"(?i:\b{word}){office}[ \t]+{name}")
    after = re.compile(rf"{name},[ \t]+(?:[\w'’-]+[ \t]+){{0,4}}?(?i:{word})\b")
    found = [(m.start(), m.group(1)) for m in before.finditer(text, 0, start)]
    found += [(m.start(), m.group(1)) for m in after.finditer(text, 0, start)]
    if not found:
        return ""
    words_ = max(found)[1].split()
    while words_ and words_[0].lower() in _function_words():
        words_.pop(0)
    return " ".join(words_) if len(words_) >= 2 else ""


@cache
def _one_word_titles() -> frozenset[tuple[str, ...]]:
    from checker.facets.names import lex

    return frozenset(k for k in lex().titles if len(k) == 1)


def _colon_speaker(text: str, start: int, lay: Layout) -> str:
    """ 'Name: "..."' — the speaker written before a colon that opens a quotation."""
    regions = regions_in(lay, start, start + _SUBJECT_WINDOW)
    if not regions:
        return ""
    head = text[start:max(start, regions[0].start - 1)].rstrip()
    if not head.endswith(":"):
        return ""
    speaker, kind = _subject_phrase(head[:-1].strip())
    if kind == "name" and _after_place_preposition(head, speaker):
        # "..., spoke at the emergency committee in <City>: "...": the city is where, the
        # speaker the person the sentence opens with
        return _opening_person(head)
    if kind == "name" and _after_lower_word(head, speaker):
        # "Mayor Ana Ruiz reacted on Facebook:", "Ana Ruiz told Reuters:": the name after a
        # verb or preposition is where or to whom; the speaker opens the sentence
        return _opening_person(head) or speaker
    return speaker if kind == "name" and len(speaker.split()) <= 4 else ""


def _after_lower_word(head: str, run: str) -> bool:
    before = head[:head.rfind(run)].split() if run and run in head else []
    return bool(before) and before[-1].isalpha() and before[-1].islower()


def _after_place_preposition(head: str, run: str) -> bool:
    before = head[:head.rfind(run)].split() if run and run in head else []
    return bool(before) and before[-1].lower() in words("place_prepositions")
