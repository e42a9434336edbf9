"""Headings 一、(一)1.(1)① and the spoken 一是/一要/第一/首先.

A speech's outline is found in two passes. First every marker is collected with its context:
typographic ones (一、 (一) 1. (1) ①) must open a paragraph or follow a sentence end;
inline ones (一是 一要 第一 首先) may sit anywhere, but one that follows a character (a
transcript with no punctuation: "…一是加强学习二是改进作风…") counts only as part of a run
(二是 after 一是). Then levels are given by nesting depth: a marker kind seen for the first
time opens a level below the current one, a kind already open closes the levels below it,
and 二要 after 一是 (or 第三 after 首先/其次) continues its sibling's level.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from speechkit.document import Heading

_CN = "一二三四五六七八九十"
_CN_VALUE = {c: i for i, c in enumerate(_CN, 1)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_MARKER = re.compile(
    rf"""
      (?P<cn>[{_CN}]{{1,3}})[、．.](?![{_CN}\d])             # 一、 一．
    | (?P<pcn>[(（](?P<pcnn>[{_CN}]{{1,3}})[)）])            # (一) （一）
    | (?<![\d.．])(?P<ar>\d{{1,2}})[.．、](?![\d.．%])        # 1. 1、
    | (?P<par>[(（](?P<parn>\d{{1,2}})[)）])                  # (1)
    | (?<![\d(（.．])(?P<arp>\d{{1,2}})[)）](?![\d%])            # 1)
    | (?P<circ>[{_CIRCLED}])                                  # ①
    | (?P<di>第(?P<din>[{_CN}]{{1,2}})                        # 第一, 第一是, 第一个方面, 第一个问题 (not 第一要务)
        (?:个方面|个问题|方面|部分|点|条|是|个(?=[,，、:：\s])|(?=[,，、:：\s]|要(?!务|素|件)|就是)))
    | (?P<qi>其(?P<qin>[{_CN}])(?=[,，、:：\s]|是|要))          # 其一，其二
    | (?P<shi>(?P<shin>[{_CN}])个?是(?!(?P=shin)[、,，]))      # 一是, 一个是 (not 一是一、二是二)
    | (?P<yao>(?P<yaon>[{_CN}])要(?!求|素|点|务|件))           # 一要
    | (?P<seq>首先|其次|再次|再就是|最后)                       # 首先 其次 … 最后 (not 然后: a filler in talk)
    """,
    re.X,
)
_SPOKEN_CN = re.compile(rf"^(?P<cn>[{_CN}]{{1,2}})[ \u3000]+(?=\S)")  # a heading read aloud: "一 近年来…"
_TYPOGRAPHIC = {"cn", "pcn", "ar", "par", "arp", "circ"}
_SEQ_NUMBER = {"首先": 1, "其次": 2}
_STRICT_BEFORE = set("。！？!?；;:：,，、 \t\u3000")
_QUOTE_BEFORE = set("“\"‘'「『《")  # "“十要十不”守则" names a rule, it is not an enumeration
_SENTENCE_BEFORE = set("。！？!?；;:：")
# Characters that make 一是/一要 part of a word: 之一是, 统一要求, 唯一是, 第一是 (its own marker).
_WORD_BEFORE = set("之统唯万专同单不第另其逐划均")
_SENTENCE_END = re.compile(r"[。！？!?]")
_COMMA = re.compile(r"[,，、]")
_CLAUSE_END = re.compile(r"[。！？!?；;:：]")
_NAME_LIST = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[、,，][\u4e00-\u9fff]{2,4}){2,}")  # 徐华水、陈美蓉、…
_PARAGRAPH_MAX = 3000  # characters of Heading.paragraph
_WINDOW = 2000  # characters within which 二是 confirms a loose 一是


@dataclass(slots=True)
class _Candidate:
    kind: str  # "cn" "pcn" "ar" "par" "circ" "是" "要" "第" "seq"
    number: int  # 0 for 再次/然后/最后: the next after its sibling
    marker: str
    start: int  # offset of the marker in the speech
    end: int  # offset where the heading text starts
    paragraph: int  # index of the paragraph
    at_start: bool  # the marker opens its paragraph
    strict: bool  # follows a punctuation mark, or opens the paragraph
    word: str  # the character before the marker


@dataclass(slots=True)
class _Open:
    kind: str
    number: int
    paragraph: int
    at_start: bool


def find_headings(text: str) -> tuple[Heading, ...]:
    """Return the outline of one speech, levels by nesting depth in order of first appearance."""
    paragraphs = _paragraph_spans(text)
    candidates = [c for c in _candidates(text, paragraphs) if c is not None]
    accepted = _confirm(candidates)
    openers = _sentence_openers(text)
    unpunctuated = len(_SENTENCE_END.findall(text)) * 200 < len(text)  # a raw transcript
    headings: list[Heading] = []
    stack: list[_Open] = []
    seen: set[tuple[str, str]] = set()
    for k, c in enumerate(accepted):
        p_end = paragraphs[c.paragraph][1]
        limit = p_end
        if k + 1 < len(accepted) and accepted[k + 1].paragraph == c.paragraph:
            limit = accepted[k + 1].start
        clause = text[c.end : limit]
        if unpunctuated and limit == p_end and c.paragraph + 1 < len(paragraphs) and _runs_on(clause):
            # A transcript segment ends mid-clause: the heading goes on in the next segment.
            n_start, n_end = paragraphs[c.paragraph + 1]
            clause += text[n_start:n_end]
        body = _heading_text(clause, glued=not c.at_start and c.kind in _TYPOGRAPHIC, openers=openers)
        if not body or (c.kind in _TYPOGRAPHIC and _is_label_of_list(text, c, body)):
            continue
        key = (c.marker, body)
        if key in seen and headings and (headings[-1].marker, headings[-1].text) == key:
            continue  # a heading stands once, even when the page repeats it
        seen.add(key)
        level = _level(stack, c)
        # The paragraph the heading opens: from its marker to the next heading in it, bounded (a flattened
        # page is one long line).
        opened = text[c.start : min(limit, c.start + _PARAGRAPH_MAX)]
        headings.append(Heading(level, c.marker, body, c.start, paragraph=opened))
    return tuple(headings)


def _runs_on(clause: str) -> bool:
    """A clause cut short at the end of its line: no punctuation, no space, only a few characters."""
    rest = clause.strip()
    return 0 < len(rest) < 6 and not re.search(r"[\s。！？!?；;:：,，、”\"）)]", rest)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    offset = 0
    for line in text.split("\n"):
        spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _candidates(text: str, paragraphs: list[tuple[int, int]]) -> Iterator[_Candidate | None]:
    for index, (p_start, p_end) in enumerate(paragraphs):
        line = text[p_start:p_end]
        lead = len(line) - len(line.lstrip())
        spoken = _SPOKEN_CN.match(line, lead)
        if spoken:
            yield _Candidate("cn", _number(spoken["cn"]), spoken["cn"], p_start + lead, p_start + spoken.end(),
                             index, True, True, "")
        for m in _MARKER.finditer(line):
            yield _candidate(m, line, p_start, index, lead)


def _candidate(m: re.Match[str], line: str, p_start: int, index: int, lead: int) -> _Candidate | None:
    group = m.lastgroup or ""
    at_start = m.start() == lead
    before = line[m.start() - 1] if m.start() > 0 else ""
    strict = at_start or before in _STRICT_BEFORE
    end = m.end()
    if group in ("pcnn", "parn", "din", "qin", "shin", "yaon"):  # lastgroup is the inner one
        group = {"pcnn": "pcn", "parn": "par", "din": "di", "qin": "qi", "shin": "shi", "yaon": "yao"}[group]
    if group in _TYPOGRAPHIC:
        if not (at_start or before in _SENTENCE_BEFORE or before.isspace()):
            return None
        number = _typographic_number(m, group)
        kind = group
    elif group == "seq":
        number, kind = _SEQ_NUMBER.get(m[0], 0), "seq"
    else:
        digits = m["din"] or m["qin"] or m["shin"] or m["yaon"] or ""
        number, kind = _number(digits), {"di": "第", "qi": "第", "shi": "是", "yao": "要"}[group]
    # The comma after an inline marker belongs to it, as in the gold: "第一，" "首先，".
    marker_end = end
    if kind not in _TYPOGRAPHIC and end < len(line) and line[end] in ",，、:：":
        marker_end = end + 1
    return _Candidate(kind, number, line[m.start() : marker_end].strip(), p_start + m.start(), p_start + marker_end,
                      index, at_start, strict, before)


def _typographic_number(m: re.Match[str], group: str) -> int:
    if group == "cn":
        return _number(m["cn"])
    if group == "pcn":
        return _number(m["pcnn"])
    if group == "ar":
        return int(m["ar"])
    if group == "par":
        return int(m["parn"])
    if group == "arp":
        return int(m["arp"])
    return _CIRCLED.index(m["circ"]) + 1


def _number(cn: str) -> int:
    if not cn:
        return 0
    if len(cn) == 1:
        return _CN_VALUE.get(cn, 0)
    tens, _, ones = cn.partition("十")
    return (_CN_VALUE.get(tens, 1) if tens else 1) * 10 + (_CN_VALUE.get(ones, 0) if ones else 0)


def _confirm(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the markers that are headings: typographic ones, and inline ones in context or in a run."""
    inline = [c for c in candidates if c.kind not in _TYPOGRAPHIC]
    starts = [c.start for c in inline]
    kept = []
    for c in candidates:
        if c.word in _QUOTE_BEFORE:
            continue
        if c.kind in _TYPOGRAPHIC:
            kept.append(c)
            continue
        near = inline[bisect_left(starts, c.start - _WINDOW) : bisect_right(starts, c.start + _WINDOW)]
        run = _has_sibling(c, near)
        if c.kind == "seq" or (not c.strict):
            if run and (c.strict or c.word not in _WORD_BEFORE):
                kept.append(c)
        elif c.number == 1 or run or c.at_start:
            kept.append(c)
    return kept


def _has_sibling(c: _Candidate, inline: list[_Candidate]) -> bool:
    """Whether the marker has a neighbour in its enumeration: 二是 near 一是, 其次 near 首先."""
    for o in inline:
        if o is c or abs(o.start - c.start) > _WINDOW or not _same_family(c.kind, o.kind):
            continue
        if c.kind == "seq" or o.kind == "seq":
            if c.kind == o.kind and (c.number == 1) != (o.number == 1) and {c.number, o.number} & {1, 2}:
                return True
            if c.kind == "seq" and c.number == 0 and o.start < c.start and o.number >= (1 if o.kind == "seq" else 2):
                return True
            if c.kind == "第" and c.number >= 3 and o.kind == "seq" and o.number == 2 and o.start < c.start:
                return True
            if o.kind == "第" and c.kind == "seq" and c.number == 2 and o.number == 3 and o.start > c.start:
                return True
            continue
        if abs(o.number - c.number) == 1:
            return True
    return False


def _same_family(a: str, b: str) -> bool:
    families = ({"是", "要"}, {"第", "seq"})
    return a == b or any(a in f and b in f for f in families)


def _level(stack: list[_Open], c: _Candidate) -> int:
    """The nesting depth of a marker; updates the stack of open marker kinds."""
    j = _continued_sibling(stack, c)
    if j is None:
        j = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].kind == c.kind), None)
        # 一是 inside the paragraph that 一是 opened is a child: "一是强化参谋意识。…一是贴近领导" (sample 003).
        if j is not None and c.kind not in _TYPOGRAPHIC and c.number == 1 and not c.at_start:
            top = stack[j]
            if top.at_start and top.paragraph == c.paragraph:
                j = None
        # A second 一 before any 二 is a child: read aloud, "(一)" sounds like "一" (issue 7's excerpt).
        if j is not None and c.number == 1 and stack[j].number == 1:
            j = None
        # ...and a 二 that cannot follow that child continues the outer 一.
        elif j is not None and c.number > 1 and stack[j].number != c.number - 1:
            outer = _outer_predecessor(stack, j, c)
            j = j if outer is None else outer
    if j is None:
        stack.append(_Open(c.kind, c.number, c.paragraph, c.at_start))
        return len(stack)
    del stack[j + 1 :]
    number = c.number or stack[j].number + 1
    stack[j] = _Open(stack[j].kind, number, c.paragraph, c.at_start)
    return j + 1


def _outer_predecessor(stack: list[_Open], j: int, c: _Candidate) -> int | None:
    """An enclosing open level of the same kind whose number comes right before this marker's."""
    return next((i for i in range(j - 1, -1, -1) if stack[i].kind == c.kind and stack[i].number == c.number - 1), None)


def _continued_sibling(stack: list[_Open], c: _Candidate) -> int | None:
    """The open level an inline marker continues: 二要 after 一是, 第三 after 其次, 最后 after anything."""
    if c.kind in _TYPOGRAPHIC:
        return None
    wanted = c.number - 1
    same, related = None, None
    for i in range(len(stack) - 1, -1, -1):
        o = stack[i]
        if o.kind in _TYPOGRAPHIC:
            break
        fits = o.number == wanted or (c.number == 0 and o.kind in ("seq", "第"))
        if not fits or not _same_family(o.kind, c.kind):
            continue
        if o.kind == c.kind and same is None:
            same = i
        elif related is None:
            related = i
    if c.kind == "seq" and c.number == 0:
        return same if same is not None else related
    if wanted < 1:
        return None
    return same if same is not None else related


def _heading_text(clause: str, glued: bool, openers: dict[str, int]) -> str:
    """The heading itself: the clause up to the first 。；: (eval README), without its marker."""
    text = _CLAUSE_END.split(clause, maxsplit=1)[0]
    if not _COMMA.search(text):  # a transcript with spaces for punctuation: "第一个方面 关于招商引资 上半年…"
        text = re.split(r"(?<=\S\S)\s+", text.strip(), maxsplit=1)[0]
    if glued:
        # A flattened page: the heading runs into its body ("“综合协调”要谋全局办公室处在…", sample 001)
        # or a space parts them ("统一思想,高度重视 “创优”工作…", dev d12).
        space = re.search(r"\S{4,}?\s", text)
        if space and space.end() < len(text):
            text = text[: space.end()]
        text = _cut_glued(text, openers)
    return text.strip(" \t\u3000,，、")


def _cut_glued(text: str, openers: dict[str, int]) -> str:
    clause = re.split(r"[,，]", text, maxsplit=1)[0]
    if len(clause) <= 16:
        return text
    cuts = [p for p in range(5, min(len(clause) - 2, 30)) if openers.get(clause[p : p + 3], 0) >= 3]
    if not cuts:
        quote = clause.find("“", 5)
        return clause[:quote] if 0 < quote <= 30 else text
    return clause[: cuts[-1]]


def _sentence_openers(text: str) -> dict[str, int]:
    """How often each three characters open a sentence in the speech."""
    counts: dict[str, int] = {}
    for m in re.finditer(r"[。！？!?；;]([\u4e00-\u9fff]{3})", text):
        counts[m[1]] = counts.get(m[1], 0) + 1
    return counts


def _is_label_of_list(text: str, c: _Candidate, body: str) -> bool:
    """"(1)市领导:徐华水、陈美蓉、…" labels an attendee list, not a step of the outline (dev d03)."""
    after = text[c.end + len(body) : c.end + len(body) + 40].lstrip(" :：")
    return bool(_NAME_LIST.match(after))
