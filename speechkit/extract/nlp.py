"""Words, parties and times of a clause: jieba's dictionary cut, directive words, entities.

- ``parse(text)`` cuts a clause with jieba (dictionary only: jieba's HMM glues "农牧业局要" into
  局|要 → 局要) and keeps the directive words (要, 必须, 负责, 牵头…) that stand as words of their own:
  jieba is what makes 要 safe, since 重要/主要/需要/要求 are words of their own.
- its ``ents`` are units (市住建局, 各镇(办)), roles (分管领导), persons (张三同志), deadlines and
  cadences (labels UNIT, ROLE, PERSON, DEADLINE, RECURRENCE). jieba splits unit names unpredictably
  (区住建局 → 区住|建局), so these are matched on characters and snapped out to word boundaries.

This was a blank spaCy pipeline (tokenizer, token ``Matcher``, entity component); building a spaCy
``Doc`` and running its matcher over every candidate clause cost more than jieba's cut itself
(issue 18), for nothing a plain list of words does not give, so the text stage no longer imports
spaCy. Only candidate clauses are cut (see ``tasks.py``): segmenting a whole speech would cost more
than the rest of the text stage together.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from speechkit import lexicon
from speechkit.errors import MissingExtra
from speechkit.extract.deadlines import DEADLINE_RE, RECURRENCE_RE
from speechkit.extract.words import DIRECTIVE_WORDS, ROLE_SUFFIXES, UNIT_SUFFIXES, alternation

__all__ = [
    "DIRECTIVE_WORDS",
    "PARTY_END",
    "ROLE_RE",
    "UNIT_SUFFIXES",
    "Clause",
    "Region",
    "directive_regions",
    "directives_in",
    "parse",
    "person_name",
    "tokenize",
]

PARTY_END = tuple(sorted(UNIT_SUFFIXES + ROLE_SUFFIXES, key=len, reverse=True))

_CJK = r"\u4e00-\u9fff"
UNIT_RE = re.compile(
    rf"(?:各|每个|所有|相关|有关|全|本)?[{_CJK}xX]{{1,12}}?"
    rf"(?:{'|'.join(re.escape(s) for s in sorted(UNIT_SUFFIXES, key=len, reverse=True))})"
)
# 同志 ends a party ("办公室同志要…") but marks a person, not a role: "张三同志" is PERSON.
ROLE_RE = re.compile(rf"[{_CJK}]{{0,8}}(?:{'|'.join(s for s in ROLE_SUFFIXES if s != '同志')})")
PERSON_RE = re.compile(rf"[{_CJK}]{{2,3}}同志")


def _require_jieba() -> Any:
    try:
        import jieba
    except ImportError as e:  # pragma: no cover - a core dependency
        raise MissingExtra(e.name or "jieba") from e
    _silence(jieba)
    return jieba


@cache  # asked before every cut: setting jieba's log level each time cleared logging's caches (issue 18)
def _silence(jieba: Any) -> None:
    jieba.setLogLevel(60)  # jieba prints "Building prefix dict…" on stderr otherwise


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a clause as jieba cut it, with its character offsets."""

    text: str
    start_char: int
    end_char: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A party or time found in a clause (UNIT, ROLE, PERSON, DEADLINE, RECURRENCE), snapped to words."""

    label_: str
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause cut into words, with its directive words and (on request) its entities."""

    text: str
    tokens: tuple[Token, ...]
    directives: tuple[Token, ...]
    ents: tuple[Entity, ...] = ()


def tokenize(text: str) -> tuple[Token, ...]:
    """jieba's dictionary cut of ``text`` (no HMM: it glues "农牧业局要" into 局要, hiding 要), over the
    dictionary ``lexicon`` loads a first character at a time (the same cut, without jieba's start-up)."""
    _require_jieba()
    tokens = []
    at = 0
    for word in lexicon.cut(text):
        if word:
            tokens.append(Token(word, at, at + len(word)))
            at += len(word)
    return tuple(tokens)


_DIRECTIVE_SET = frozenset(DIRECTIVE_WORDS)
ENTITY_PATTERNS = (
    ("DEADLINE", DEADLINE_RE),
    ("RECURRENCE", RECURRENCE_RE),
    ("PERSON", PERSON_RE),
    ("UNIT", UNIT_RE),
    ("ROLE", ROLE_RE),
)


def mark_entities(text: str, tokens: tuple[Token, ...]) -> tuple[Entity, ...]:
    """Parties and times, matched on characters and snapped out to whole words; where two overlap
    the longer wins (then the earlier), as spaCy's ``filter_spans`` would choose."""
    starts = [t.start_char for t in tokens]
    ends = [t.end_char for t in tokens]
    found = []
    for label, pattern in ENTITY_PATTERNS:
        for m in pattern.finditer(text):
            if not m.group(0).strip():
                continue
            first = max(bisect_right(starts, m.start()) - 1, 0)
            last = max(bisect_left(starts, m.end()), first + 1)
            start, end = starts[first], ends[last - 1]
            found.append(Entity(label, start, end, text[start:end]))
    kept: list[Entity] = []
    taken: set[int] = set()
    for ent in sorted(found, key=lambda e: (-(e.end_char - e.start_char), e.start_char)):
        if not taken.intersection(range(ent.start_char, ent.end_char)):
            kept.append(ent)
            taken.update(range(ent.start_char, ent.end_char))
    return tuple(sorted(kept, key=lambda e: e.start_char))


def parse(text: str, entities: bool = True) -> Clause:
    """Cut one clause into words and find its directive words; ``entities=False`` skips the parties
    and times (only a task's owner needs them) and cuts only around the directive words."""
    if not entities:
        opening = opening_word(text)
        return Clause(text, (opening,) if opening else (), directive_words(text))
    tokens = tokenize(text)
    directives = tuple(t for t in tokens if t.text in _DIRECTIVE_SET)
    return Clause(text, tokens, directives, mark_entities(text, tokens) if tokens else ())


# Where a directive word may start (every start, overlaps included: 应当 and 应 both at one place); the
# first lookahead passes over the characters no directive word starts with in one test.
_DIRECTIVE_FIRST = re.escape("".join(sorted({word[0] for word in DIRECTIVE_WORDS})))
_DIRECTIVE_AT = re.compile(rf"(?=[{_DIRECTIVE_FIRST}])(?=(?:{alternation(DIRECTIVE_WORDS)}))")
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")  # the runs jieba cuts on their own
_REACH = 6  # characters of context either side that decide how jieba cuts a word


@dataclass(frozen=True, slots=True)
class Region:
    """A stretch of one jieba block around neighbouring places where directive words may start."""

    left: int
    right: int
    starts: tuple[int, ...]  # where a directive word may start, inside [left, right)


def directive_words(text: str) -> tuple[Token, ...]:
    """The directive words of ``text`` that jieba cuts as words of their own, found by cutting only
    the few characters around each one (the same cut: jieba decides a word from its neighbours, and
    never across punctuation); segmenting whole clauses was most of the text stage's time (issue 18)."""
    return tuple(token for region in directive_regions(text) for token in directives_in(text, region))


def directive_regions(text: str) -> list[Region]:
    """The stretches of ``text`` to cut for its directive words, in order: one per run of neighbouring
    places where a directive word may start, never across a jieba block."""
    starts = [m.start() for m in _DIRECTIVE_AT.finditer(text)]
    if not starts:
        return []
    spans: list[list[int]] = []
    for block in _JIEBA_BLOCK.finditer(text):
        b_start, b_end = block.span()
        for at in starts[bisect_left(starts, b_start) : bisect_left(starts, b_end)]:  # the words in this block
            left, right = max(b_start, at - _REACH), min(b_end, at + 2 + _REACH)
            if spans and spans[-1][1] >= left and spans[-1][2] == b_start:
                spans[-1][1] = right
                spans[-1].append(at)
            else:
                spans.append([left, right, b_start, at])
        if b_end > starts[-1]:  # no directive word in the blocks after this one
            break
    return [Region(left, right, tuple(at)) for left, right, _, *at in spans]


def directives_in(text: str, region: Region) -> list[Token]:
    """The directive words jieba cuts as words of their own in one region of ``text`` (one cut of it)."""
    _require_jieba()
    found = []
    at = region.left
    for word in lexicon.cut_block(text[region.left : region.right]):  # a region lies inside one jieba block
        if word in _DIRECTIVE_SET and at in region.starts:
            found.append(Token(word, at, at + len(word)))
        at += len(word)
    return found


def opening_word(text: str) -> Token | None:
    """The word ``text`` opens with when it is 重点 (重点打造…, not 重点村…), else None: the only
    opening word the rules ask about."""
    if not text.startswith("重点"):
        return None
    block = _JIEBA_BLOCK.match(text)
    first = tokenize(text[: min(block.end(), _REACH)] if block else text[:2])[0]
    return first if first.text == "重点" and len(text) > 2 else None


@lru_cache(maxsize=4096)
def person_name(party: str) -> str | None:
    """The personal name a party ends with: "财务部张明同志" → 张明, "财务总监陈静" → 陈静; else None.

    jieba's part-of-speech tagger (with its HMM, which knows names no dictionary lists) says what is
    a name (nr); "张科长", "分管领导" and "市财政局" end with none.
    """
    _require_jieba()
    words = lexicon.pos_cut(party.removesuffix("同志"))
    if not words:
        return None
    last = words[-1]
    if not (last.flag.startswith("nr") and 2 <= len(last.word) <= 3):
        return None
    if len(last.word) == 3 and last.word[-1] in _UNIT_LAST and lexicon.lexicon().tags.get(last.word[:2]):
        return None  # "宣传部" (宣传 a word, 部 a unit's end) of 市委宣传部, though 宣 is a surname
    return last.word


_UNIT_LAST = frozenset("部局科处办委厅室所站队组院校司")


def without_modal(party: str) -> str:
    """A subject read with the modal verb after it, the modal dropped: "各位工程师可" → 各位工程师,
    "他们还会" → 他们 (not the 会 of 工会, a noun to jieba). Only a party that ends as a modal does is cut."""
    if not party.endswith(_MODAL_ENDS):
        return party
    _require_jieba()
    words = lexicon.pos_cut(party, hmm=False)
    if not words or words[-1].word not in _MODALS or not words[-1].flag.startswith("v"):
        return party
    words = words[:-1]
    while words and words[-1].word in _MODAL_ADVERBS:
        words = words[:-1]
    return "".join(w.word for w in words)


_MODALS = frozenset(("可", "会", "能", "应", "须", "可以", "能够", "应当"))
_MODAL_ENDS = tuple({modal[-1] for modal in _MODALS})
_MODAL_ADVERBS = frozenset(("必须", "还", "也", "都", "将", "总", "一定"))


_NOT_NOMINAL = ("v", "p", "d", "c", "u", "f", "m", "ad")  # jieba's tags of verbs, prepositions, adverbs, …
_INSIDE_OUTSIDE = frozenset("内外")
_PLACES = frozenset("市县省区镇乡村境国校")


def leading_nominal(text: str, reach: int = 16) -> str:
    """The nouns a clause opens with, up to its first verb, preposition or adverb ("通化镇政府" of
    "通化镇政府派出机关工作人员…"): where a subject stands when no directive word points to it."""
    _require_jieba()
    words: list[str] = []
    for pair in lexicon.pos_cut(text[:reach], hmm=False):
        if pair.word in _INSIDE_OUTSIDE and words and words[-1] in _PLACES:
            return ""  # "规范市外、省内…人员": 市外 is a place the clause speaks of, not who acts
        if pair.flag.startswith(_NOT_NOMINAL) or not pair.word.strip() or _acts(pair.word) or _is_idiom(pair):
            break
        words.append(pair.word)
    return "".join(words)


def _is_idiom(pair: Any) -> bool:
    """A four-character idiom (成语) says what a party does, never names it: "各单位|举一反三". (jieba tags
    some shorter words i too, 各处室 among them, and set phrases l, 消防安全 among them: those stay.)"""
    return pair.flag == "i" and len(pair.word) == 4


def name_prefixes(text: str, reach: int = 20) -> list[str]:
    """The openings of ``text``, word by word, that may be a unit's name: nouns, verbal and adjectival
    nouns and abbreviations ("学校|安全|工作|小组"), a verb only just before the office word that ends the
    name ("野生动物|保护|科", "城市|管理|执法|大队"; not "重点|做好|企业", "总结|提炼|红光社区")."""
    _require_jieba()
    prefixes, grown, after_verb = [], "", False
    for pair in lexicon.pos_cut(text[:reach], hmm=False):
        if after_verb and pair.word not in _OFFICE_WORDS:
            break
        if pair.flag == "v":
            after_verb = True
        elif not (pair.flag.startswith(_IN_A_NAME) or (not grown and pair.word in _LEVELS)):
            break
        grown += pair.word
        prefixes.append(grown)
        if after_verb and pair.flag != "v":
            break
    return prefixes


_IN_A_NAME = ("n", "vn", "an", "j")
_LEVELS = frozenset("省市县区州镇乡")  # "县|供电|分公司": the level a unit's name opens with (jieba tags 县 zg)
# The words that end an office's name after a verb: 保护科, 执法大队, 监测站, 督查组, 服务中心, 管理局, 指挥部…
_OFFICE_WORDS = frozenset(
    ("科", "处", "股", "室", "队", "大队", "中队", "站", "组", "小组", "中心", "办", "局", "所", "部", "指挥部")
)


@lru_cache(maxsize=1024)  # owners recur: the chain carries one party over many tasks
def opens_as_a_clause(text: str) -> bool:
    """Whether a text opens on a preposition, a conjunction or an adverb by jieba's tags: "以市(州、地)为单位",
    "以及所负责…", "虽然已全部…", "除各大小单位…", "积极协调有关部门…", "立足巫山所需" open a clause, not a
    party's name. (A verb first is no sign: 审计局, 检查督促组, 安装工程部 are parties.)"""
    _require_jieba()
    first = next(iter(lexicon.pos_cut(text[:8], hmm=False)), None)
    return (
        first is not None
        and first.word != text
        and first.flag.startswith(("p", "c", "d", "ad"))
        and (len(first.word) > 1 or first.word in _OPENING_PREPOSITIONS)
    )


_OPENING_PREPOSITIONS = "以从除"  # not 用 (用服中心), 和 or 与 (a partner: tasks._PARTNER_OPENER)


def ends_a_word(text: str, at: int) -> bool:
    """Whether jieba's cut of ``text`` has a word end at ``at`` ("各工作小组|必须", not "各组|织")."""
    _require_jieba()
    end = 0
    for word in lexicon.cut(text[: at + 4]):
        end += len(word)
        if end >= at:
            return end == at
    return False


def subject_then_act(text: str, subject: str) -> bool:
    """Whether a text opens on ``subject`` as a subject by jieba's tags: its first word a noun or a pronoun
    (not a verb, an adjective or an idiom, not a name jieba reads into a verb: "拓宽" nr, "加密" ns… are
    caught by the word after; not a numeral: "100个村卫生室"), the word after it a verb, an adverb or a
    preposition ("各中队围绕…开展", "全院制定…"; not "加密震区流动监测台网")."""
    _require_jieba()
    words = lexicon.pos_cut(text[: len(subject) + 6], hmm=False)
    if not words or words[0].flag.startswith(_NOT_OPENING_A_SUBJECT):
        return False
    at = 0
    for pair in words:
        if at == len(subject):
            return _goes_on_acting(pair)
        at += len(pair.word)
    return at == len(subject)  # the subject ends the chunk: "集团各部室、企业,将结合…"


def _goes_on_acting(pair: Any) -> bool:
    """Whether the word after a subject leads to its act: a pause, a verb (not a verbal noun: "加密震区
    流动监测台网"), an adverb, a preposition or a word like 可以 (jieba's c), but no 和 joining more."""
    if not pair.word.strip() or pair.flag == "x":
        return True  # "人力资源部 下周一前拿个方案出来"
    if pair.flag.startswith("c"):
        return pair.word not in _JOINING
    return (pair.flag.startswith(_ACTING) and not pair.flag.startswith("vn")) or _acts(pair.word)


_NOT_OPENING_A_SUBJECT = ("v", "a", "nr", "l", "i", "m", "q", "eng")
_ACTING = ("v", "d", "p")
_JOINING = ("和", "及", "与", "以及", "或", "或者", "并且")


def _acts(word: str) -> bool:
    """A four-character word that jieba's dictionary tags as a name or an idiom but is an adverb and a
    verb ("严格执行" nr, "及时处理" i) or an idiom of a verb and its object ("克服困难" i): where the
    subject before it ends."""
    if len(word) != 4:
        return False
    tags = lexicon.lexicon().tags
    head = tags.get(word[:2], "")
    return (head.startswith(_ADVERBS) and tags.get(word[2:], "").startswith("v")) or (
        head.startswith("v") and tags.get(word, "").startswith(("i", "l"))
    )


_ADVERBS = ("d", "ad", "a", "c")  # jieba tags 及时 c
