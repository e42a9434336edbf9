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
from functools import cache

from speechkit.document import Heading
from speechkit.lang import ASKS, CIRCLED, CN_NUMERALS, DOTTED, EDITOR_NOTE, LIST_ITEM_OPENING, PARENTHESIZED, cn_to_int

_CN = CN_NUMERALS

# What follows a decimal number, not a heading's text: 1.5亿元, 2.3公里, 1.2倍
_NUMBER_UNIT = "亿万千百元倍个米吨公平立斤克升度小分秒年月日号点成"
# Every marker opens with one of these: the lookahead lets the engine skip the other characters of a
# line at once instead of trying each alternative at every position (7× faster on speech text).
_MARKER_FIRST = rf"[{_CN}(（\d{DOTTED}{PARENTHESIZED}{CIRCLED}第其首再最]"
_MARKER = re.compile(
    rf"""
    (?={_MARKER_FIRST})
    (?:
      (?P<cn>[{_CN}]{{1,3}})(?:、(?![{_CN}])|[．.](?![{_CN}\d]))   # 一、 一． ("四、306国道" too)
    | (?P<pcn>[(（](?P<pcnn>[{_CN}]{{1,3}})[)）])            # (一) （一）
    | (?<![\d.．])(?P<dec>\d{{1,2}}[.．](?P<decn>\d{{1,2}}))(?:\s*[、．]\s*|\s+)(?=[^\d\s亿万千百元%％倍个米吨])  # 1.1
    | (?<![\d.．])(?P<gdec>(?P<gmaj>\d{{1,2}})[.．](?P<gdecn>\d{{1,2}}))(?=[\u4e00-\u9fff])(?![{_NUMBER_UNIT}])  # 1.1目
    | (?<![\d.．])(?P<ar>\d{{1,2}})[.．、](?!\d(?!\d{{3}}年|\d?[月日号]))(?![.．%])  # 1. 1、 (1、3月12日…, 1.2015年…)
    | (?P<dot>[{DOTTED}])                                     # ⒈ = 1.
    | (?P<par>[(（](?P<parn>\d{{1,2}})[)）])                  # (1)
    | (?P<pdig>[{PARENTHESIZED}])                             # ⑴ = (1)
    | (?<![\d(（.．])(?<!\d[:：])(?P<arp>\d{{1,2}})[)）](?![\d%])  # 1) (not a clock's "9:58:25)")
    | (?<![\d.．,，])(?P<arc>\d{{1,2}})[,，](?=[\u4e00-\u9fff])    # "1,由生产经理…": opening a line only
    | (?P<circ>[{CIRCLED}])                                   # ①
    | (?P<sec>第(?P<secn>[{_CN}]{{1,2}})(?:个方面|个问题|方面|部分|大问题|个部分))  # 第一个问题: a part of the talk
    | (?P<stage>第(?P<stagen>[{_CN}]{{1,2}})(?:阶段|项(?:措施|举措|任务|工作)))  # 第一阶段: a part, opening a line
    | (?P<di>第(?P<din>[{_CN}]{{1,2}})                        # 第一, 第一是 (not 第一要务)
        (?:点|条|是|个(?=[,，、:：\s])|(?=[,，、:：\s]|要(?!务|素|件)|就是)))
    | (?P<qi>其(?P<qin>[{_CN}])(?=[,，、:：\s]|是|要))          # 其一，其二
    | (?P<shi>(?P<shin>[{_CN}])个?是(?!(?P=shin)[、,，]))      # 一是, 一个是 (not 一是一、二是二)
    | (?P<yao>(?P<yaon>[{_CN}])要(?!求|素|点|务|件))           # 一要
    | (?P<zhua>(?P<zhuan>[{_CN}])抓(?!紧|好|住|手|到|就|办))       # 一抓…二抓… (read as 一要…二要…)
    | (?P<seq>首先|其次|再次|再就是|最后)                       # 首先 其次 … 最后 (not 然后: a filler in talk)
    )
    """,
    re.X,
)
_LEAD = " \t\u3000\xa0#>*_"  # what may stand before a line's first marker: "## 一、" "**一、…**" (Markdown)
_NUMBER_THEN_DIGIT = re.compile(r"(\d{1,2})[.．、](?=\d)")
# A line's 一、 whose text opens with a numeral ("一、一学期来的主要工作回顾", "二、二〇二四年工作安排"): the
# marker's own pattern passes over 、 before a numeral, which inside a line lists numbers ("三、四月份").
_CN_BEFORE_A_NUMERAL = re.compile(rf"(?P<cn>[{_CN}]{{1,3}})、(?=[{_CN}]{{1,3}}[^{_CN}、，,和及与至到或等\s])")
_SPOKEN_CN = re.compile(rf"^(?P<cn>[{_CN}]{{1,2}})[ \u3000]+(?=\S)")  # a heading read aloud: "一 近年来…"
_CN_HEADING = re.compile(rf"(?:^|[。！？!?；;:：])\s*[{_CN}]{{1,3}}、")  # 一、 opening a line or sentence
_TYPOGRAPHIC = {"cn", "pcn", "ar", "par", "arp", "circ", "dec"}
# 一是/一要 again after a lone 一是: a new series beside it (the first one's 二是 lost or never said), not
# a child, which writing gives another kind (一要 under 一是) (real6 t02).
_WRITTEN_SERIES = ("是", "要")
_PART = "第部分"  # 第一个问题, 第二方面: the parts a talk announces; they stand above any 第一/一是 series
_SEQ_NUMBER = {"首先": 1, "其次": 2}
_STRICT_BEFORE = set("。！？!?；;:：,，、 \t\u3000")
_QUOTE_BEFORE = set("“\"‘'「『《")  # "“十要十不”守则" names a rule, it is not an enumeration
_SENTENCE_BEFORE = set("。！？!?；;:：")
_CLOSING_BRACKETS = set(")）】")
# Characters that make 一是/一要 part of a word: 之一是, 统一要求, 唯一是, 第一是 (its own marker).
_WORD_BEFORE = set("之统唯万专同单不第另其逐划均")
_SENTENCE_ENDS = "。！？!?"  # counted one by one, not found as a list of all the speech's stops (issue 18)
_COMMA = re.compile(r"[,，、]")
_CLAUSE_END = re.compile(r"[。！？!?；;]|(?<!\d)[:：]|[:：](?!\d)")  # not a clock's colon: "下午2:15在…"
# Four or more characters, then a space: tried at a word's start only (r"\S{4,}?\s" found the same
# but tried every character up to the next space, quadratic in a line without one).
_WORD_THEN_SPACE = re.compile(r"(?<!\S)\S{4,}\s")
# 徐华水、陈美蓉、…: people's names (two or three characters), not "工业、对外开放、科技" (dev2 e08)
_NAME_LIST = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:[、,，][\u4e00-\u9fff]{2,3}){2,}(?![\u4e00-\u9fff])")
_PARAGRAPH_MAX = 3000  # characters of Heading.paragraph
_WINDOW = 2000  # characters within which 二是 confirms a loose 一是
_PREVIEW_MAX = 12  # items of a preview series
_PREVIEW_REACH = 80  # headings after a preview searched for the ones it announces


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
    bare: bool = False  # 第一 with nothing after it but a comma: also a rank ("位居全市第一、")
    series_only: bool = False  # a heading only where it continues its series ("2.12345工单" after "1.")
    under: int = 0  # a heading only under the "N." it numbers within ("1.1目的依据" under "1.总则"), else 0


@dataclass(slots=True)
class _Open:
    kind: str
    number: int
    paragraph: int
    at_start: bool
    block: bool  # opened by a paragraph's first marker or a typographic one, not by an inline series


def find_headings(text: str) -> tuple[Heading, ...]:
    """Return the outline of one speech, levels by nesting depth in order of first appearance."""
    paragraphs = _paragraph_spans(text)
    unpunctuated = sum(map(text.count, _SENTENCE_ENDS)) * 200 < len(text)  # a raw transcript
    notes = {i for i, (start, end) in enumerate(paragraphs) if EDITOR_NOTE.match(text, start, end)}
    notes |= _listed_under_a_label(text, paragraphs)
    candidates = [c for c in _candidates(text, paragraphs) if c is not None and c.paragraph not in notes]
    if announced := list(_announced(text, paragraphs)):  # "提出三点要求：一提高…。二围绕…"
        candidates = sorted([*candidates, *announced], key=lambda c: c.start)
    narrated = {id(c) for c in candidates if c.kind == "seq" and c.number == 1 and _narrates(text, c)}
    accepted = _confirm([c for c in candidates if id(c) not in narrated], punctuated=not unpunctuated)
    openers: dict[str, int] | None = None  # counted for the first glued heading: most speeches have none
    found: list[tuple[_Candidate, str, int]] = []  # each marker with its heading text and where its text ends
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
        glued = not c.at_start and c.kind in _TYPOGRAPHIC
        if glued and openers is None:
            openers = _sentence_openers(text)
        body = _heading_text(clause, glued=glued, openers=openers or {})
        if not body or (c.kind in _TYPOGRAPHIC and _is_label_of_list(text, c, body)):
            continue
        if found and (found[-1][0].marker, found[-1][1]) == (c.marker, body):
            continue  # a heading stands once, even when the page repeats it
        found.append((c, body, limit))
    headings: list[Heading] = []
    stack: list[_Open] = []
    closings = [m.end() for m in _CLOSES_THE_OUTLINE.finditer(text)]  # most speeches have none
    for c, body, limit in _without_previews(found):
        if closings and closings[0] <= c.start:
            stack.clear()  # "以上四点意见…。这里,我简单提三点要求:一要…": what follows starts afresh
            closings = [at for at in closings if at > c.start]
        level = _level(stack, c)
        # The paragraph the heading opens: from its marker to the next heading in it, bounded (a flattened
        # page is one long line).
        opened = text[c.start : min(limit, c.start + _PARAGRAPH_MAX)]
        headings.append(Heading(level, c.marker, body, c.start, paragraph=opened))
    return tuple(headings)


# What ends a talk's outline before its closing requests: "以上四点意见,与大家作个交流", "以上几点,请大家…"
_CLOSES_THE_OUTLINE = re.compile(rf"(?:^|[。！？!?；;\n])\s*以上(?:[{_CN}几两]+)(?:点|个方面|个问题|方面|条)")


# A line that labels the list under it: a notice's attachments ("附件:" / "1.…要求" / "2.…提纲") or a table of
# contents ("目  录"). The list names documents or parts elsewhere; it is not the outline.
_LIST_LABEL = re.compile(r"\s*(?:附\s*件|目\s*录)\s*[:：]?\s*(?=$|\d)")  # "附件:1. …一览表" holds the first


def _listed_under_a_label(text: str, paragraphs: list[tuple[int, int]]) -> set[int]:
    """The numbered lines right under an attachments or contents label."""
    listed: set[int] = set()
    for i, (start, end) in enumerate(paragraphs):
        if not (label := _LIST_LABEL.match(text, start, end)):
            continue
        if label.end() < end:
            listed.add(i)
        for j in range(i + 1, len(paragraphs)):
            if not LIST_ITEM_OPENING.match(text, *paragraphs[j]):
                break
            listed.add(j)
    return listed


def _without_previews(found: list[tuple[_Candidate, str, int]]) -> list[tuple[_Candidate, str, int]]:
    """Drop a series that only announces the headings to come.

    "今天讲三个问题：一是…二是…三是…" before 一、二、三、 with the same words, or an editor's
    导读 listing ①–④ (dev2 e26): a run of inline markers of one kind at least half of whose items
    (two or more) are repeated by later headings of another kind. Line-opening headings that a
    closing summary repeats stay.
    """
    pairs = [_pairs(body) for _, body, _ in found]
    kinds = [c.kind for c, _, _ in found]
    drop: set[int] = set()
    k = 0
    while k < len(found):
        run_end = k + 1
        kind = kinds[k]
        while run_end < len(found) and kinds[run_end] == kind:
            run_end += 1
        inline = not any(c.at_start for c, _, _ in found[k:run_end])  # headings that open lines announce nothing
        if inline and 2 <= run_end - k <= _PREVIEW_MAX:
            # the run's items are of one kind: each is compared with the later headings of another kind, until
            # enough are repeated (two, and half of the run) or too few are left to be (issue 18)
            later = range(run_end, min(len(found), run_end + _PREVIEW_REACH))
            others = [pairs[j] for j in later if kinds[j] != kind]
            needed = max(2, (run_end - k + 1) // 2)
            repeated = 0
            for i in range(k, run_end):
                if repeated >= needed or repeated + run_end - i < needed:
                    break
                repeated += _said_again(pairs[i], others)
            if repeated >= needed:
                drop.update(range(k, run_end))
        k = run_end
    return [f for i, f in enumerate(found) if i not in drop]


_NOT_A_WORD = re.compile(r"\W")


def _pairs(text: str) -> frozenset[str]:
    """The character pairs of a heading text, punctuation left out."""
    core = _NOT_A_WORD.sub("", text)
    return frozenset(map(str.__add__, core[:-1], core[1:]))


def _said_again(pairs: frozenset[str], others: list[frozenset[str]]) -> bool:
    """Whether one of ``others`` says the same as ``pairs`` (``_same_words``). Most share no pair at all, and
    two headings with no pair in common never say the same unless both have none: those are passed over with
    one ``isdisjoint`` each, not compared (three in four comparisons of the samples; issue 18)."""
    sharing = (theirs for theirs in others if not pairs.isdisjoint(theirs)) if pairs else others
    return any(_same_words(pairs, theirs) for theirs in sharing)


def _same_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two heading texts say the same: most character pairs of the shorter recur in the longer."""
    short, long = (b, a) if len(b) < len(a) else (a, b)
    if len(short) < 3:
        return short == long
    return len(short & long) >= 0.8 * len(short)


def _runs_on(clause: str) -> bool:
    """A clause cut short at the end of its line: no punctuation, no space, only a few characters."""
    rest = clause.strip()
    return 0 < len(rest) < 6 and not re.search(r"[\s。！？!?；;:：,，、”\"）)]", rest)


# "提出三点要求:", "讲两个问题：": a count of points the speaker is about to make.
_ANNOUNCED = re.compile(
    r"(?:讲|提|谈|强调|提出|明确)了?(?P<n>[两二三四五六七八九])(?:点|个方面|个问题|条|项)"
    r"(?:具体)?(?:要求|意见|看法|建议|工作|问题|希望)?\s*[:：]"
)
_ANNOUNCED_REACH = 800  # characters from one announced point to the next


def _announced(text: str, paragraphs: list[tuple[int, int]]) -> Iterator[_Candidate]:
    """The bare numerals (一 二 三, no 、 or 是 after them) that open the points a count announced,
    each at a clause's start and in order: they are an inline series like 一是/二是."""
    starts = [start for start, _ in paragraphs]
    for ann in _ANNOUNCED.finditer(text):
        count, at, found = cn_to_int(ann["n"]), ann.end(), []
        for number in range(1, count + 1):
            m = _point(CN_NUMERALS[number - 1]).search(text, at, at + _ANNOUNCED_REACH)
            if m is None:
                break
            found.append(m)
            at = m.end()
        if len(found) < 2:
            continue
        for number, m in enumerate(found, start=1):
            index = bisect_right(starts, m.start("m")) - 1
            at_start = text[starts[index] : m.start("m")].strip() == ""
            yield _Candidate("是", number, m["m"], m.start("m"), m.end("m"), index, at_start, True, "")


@cache
def _point(numeral: str) -> re.Pattern[str]:
    """A bare numeral opening a clause, glued to its words: "。二围绕目标…" (not 二是, 二要, 二、)."""
    return re.compile(rf"(?:^|(?<=[:：。；;!！?？\n]))\s*(?P<m>{numeral})(?=[\u4e00-\u9fff])(?![是要个点条项])")


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
        lead = len(line) - len(line.lstrip(_LEAD))
        spoken = _SPOKEN_CN.match(line, lead)
        if spoken:
            yield _Candidate(
                "cn",
                cn_to_int(spoken["cn"]),
                spoken["cn"],
                p_start + lead,
                p_start + spoken.end(),
                index,
                True,
                True,
                "",
            )
        glued = _NUMBER_THEN_DIGIT.match(line, lead)
        if glued:  # "2.12345工单": a decimal, unless it goes on from "1." (see _confirm)
            yield _Candidate(
                "ar",
                int(glued[1]),
                glued[0],
                p_start + lead,
                p_start + glued.end(),
                index,
                True,
                True,
                "",
                series_only=True,
            )
        if numbered := _CN_BEFORE_A_NUMERAL.match(line, lead):
            yield _candidate(numbered, line, p_start, index, lead)
        for m in _MARKER.finditer(line):
            yield _candidate(m, line, p_start, index, lead)


# Groups whose match is named by an inner group (``lastgroup``), and the kind each gives.
_INNER = {
    "pcnn": "pcn", "parn": "par", "secn": "sec", "stagen": "stage", "din": "di", "qin": "qi", "shin": "shi",
    "yaon": "yao", "zhuan": "zhua",
}  # fmt: skip
# Unicode numbering signs read as the typographic kind they stand for: ⒈ is 1., ⑴ is (1).
_SIGN_KIND = {"dot": "ar", "pdig": "par", "arc": "ar", "gdec": "dec"}
_INLINE_KIND = {"sec": _PART, "stage": _PART, "di": "第", "qi": "第", "shi": "是", "yao": "要", "zhua": "要"}


def _candidate(m: re.Match[str], line: str, p_start: int, index: int, lead: int) -> _Candidate | None:
    group = m.lastgroup or ""
    group = _INNER.get(group, group)
    at_start = m.start() == lead
    before = line[m.start() - 1] if m.start() > 0 else ""
    strict = at_start or before in _STRICT_BEFORE
    end = m.end()
    series_only = False
    if group in ("arc", "stage") and not at_start:
        # "1,2,3", "第1,…": a number and a comma inside a line are no marker; "进入第二阶段" is no part either
        return None
    if group in _TYPOGRAPHIC or group in _SIGN_KIND:
        number = _typographic_number(m, group)
        kind = _SIGN_KIND.get(group, group)
        if not (at_start or before in _SENTENCE_BEFORE or before.isspace()):
            # A flattened page runs a heading into the one below it: "…专项整治工作(一)开展…" (dev2 e22),
            # and a 公文's item into the next after its owners in brackets: "…(住房城乡建设部牵头…负责)(三)深入
            # 推进…". (一) right after a 一、 of the same line is taken so; any other only where it goes on
            # from its series (see _confirm).
            under_its_parent = group == "pcn" and before not in "第按照见" and _CN_HEADING.search(line, 0, m.start())
            if not (under_its_parent or before in _CLOSING_BRACKETS):
                return None
            strict, series_only = False, not (under_its_parent and number == 1)
    elif group == "seq":
        number, kind = _SEQ_NUMBER.get(m[0], 0), "seq"
    else:
        digits = m["secn"] or m["stagen"] or m["din"] or m["qin"] or m["shin"] or m["yaon"] or m["zhuan"] or ""
        number, kind = cn_to_int(digits), _INLINE_KIND[group]
    # The comma after an inline marker belongs to it, as in the gold: "第一，" "首先，".
    marker_end = end
    if kind not in _TYPOGRAPHIC and end < len(line) and line[end] in ",，、:：":
        marker_end = end + 1
    bare = kind == "第" and not re.match(r"第\w+[是点条个]|第\w+(?:要|就是)", line[m.start() : m.end() + 2])
    return _Candidate(
        kind,
        number,
        line[m.start() : marker_end].strip(),
        p_start + m.start(),
        p_start + marker_end,
        index,
        at_start,
        strict,
        before,
        bare,
        series_only=series_only,
        under=int(m["gmaj"]) if group == "gdec" else 0,  # "1.1目的依据": glued, so only under its "1."
    )


def _typographic_number(m: re.Match[str], group: str) -> int:
    if group == "cn":
        return cn_to_int(m["cn"])
    if group == "pcn":
        return cn_to_int(m["pcnn"])
    if group == "dec":
        return int(m["decn"])
    if group == "gdec":
        return int(m["gdecn"])
    if group in ("ar", "par", "arp", "arc"):
        return int(m["parn"] if group == "par" else m[group])
    signs = {"circ": CIRCLED, "dot": DOTTED, "pdig": PARENTHESIZED}[group]
    return signs.index(m[group]) + 1


def _confirm(candidates: list[_Candidate], punctuated: bool) -> list[_Candidate]:
    """Keep the markers that are headings: typographic ones, and inline ones in context or in a run."""
    inline = [c for c in candidates if c.kind not in _TYPOGRAPHIC]
    starts = [c.start for c in inline]
    kept = []
    last_number: dict[str, int] = {}  # the number each typographic kind last took
    narrative: set[int] = set()  # the 首先 of a report's narrative: no sibling of a later marker
    for c in candidates:
        if c.word in _QUOTE_BEFORE:
            continue
        if c.kind in _TYPOGRAPHIC:
            if (c.series_only and last_number.get(c.kind) != c.number - 1) or (
                c.under and last_number.get("ar") != c.under
            ):
                continue
            last_number[c.kind] = c.number
            kept.append(c)
            continue
        if punctuated and not c.strict and _reads_as_a_word(c):
            continue
        near = inline[bisect_left(starts, c.start - _WINDOW) : bisect_right(starts, c.start + _WINDOW)]
        near = [o for o in near if id(o) not in narrative]
        run = _has_sibling(c, near)
        if punctuated and c.kind == "seq" and c.number == 1 and not c.strict and not _has_second(c, near):
            narrative.add(id(c))  # "会议首先学习了…随后…最后，…": a report's narrative, not a series
            continue
        if c.kind == "seq" or (not c.strict) or "个是" in c.marker:  # "一个是…，一个是…": one…, the other…
            if run and (c.strict or c.word not in _WORD_BEFORE):
                kept.append(c)
        elif c.number == 1 or run or c.at_start:
            kept.append(c)
    return _whole_sequences(kept)


def _narrates(text: str, c: _Candidate) -> bool:
    """A report's 首先 tells what was done at the meeting, not a speaker's first point: "他首先给班主任老师布置了
    两项任务", "首先,…集团部室负责人交流汇报本部室…的计划", then "最后,集团总裁唐庆余讲话"."""
    clause = _FIRST_CLAUSE.match(text, c.end)
    if clause is None:
        return False
    return "了" in clause[0] or bool(_AGENDA.search(clause[0]) and not ASKS.search(clause[0]))


_FIRST_CLAUSE = re.compile(r"[^。；;！？!?\n]*")
_AGENDA = re.compile(r"汇报|讲话|发言|致辞|传达|宣读|通报")  # a turn of the meeting's agenda, not one asked for (ASKS)


def _reads_as_a_word(c: _Candidate) -> bool:
    """In punctuated text an enumeration follows a stop; glued to a word, 第一 ranks and 再次 repeats.

    "位居全市第一、" "客户需求第一，" (dev2 e26) "再次蝉联" "最后才对…负责" (dev2 e27).
    """
    if c.kind == "第":
        return c.bare
    return c.kind == "seq" and c.number == 0


def _whole_sequences(kept: list[_Candidate]) -> list[_Candidate]:
    """Drop a 首先 that no 其次/再次/最后 follows before the next 首先 or the next section (dev2 e25, e27).

    "首先要明确…" is an enumeration only when the speaker goes on to a second point; a section
    heading (一、 at the start of a line) closes whatever the section before it opened.
    """
    dropped: set[int] = set()
    opened: _Candidate | None = None  # the 首先 of the sequence in progress
    last: _Candidate | None = None  # its latest member
    series: _Candidate | None = None  # the latest 二是/第二… that a 最后 may close
    for c in kept:
        if (c.kind in _TYPOGRAPHIC and c.at_start) or c.kind == _PART:  # a new section or part
            if opened is not None and last is opened:
                dropped.add(id(opened))
            opened = last = None
            series = c if c.kind == _PART and c.number >= 2 else None  # 最后 may close the parts
        elif c.kind != "seq":
            series = c if c.kind not in _TYPOGRAPHIC and c.number >= 2 else series
            if (
                opened is not None
                and last is opened
                and c.start - last.start <= _WINDOW
                and _first_for_second(opened, c, kept)
            ):
                last = c  # "首先,…一是…二是…。第二,…": the speaker's 首先 goes on as 第二
        elif c.number == 1:
            if opened is not None and last is opened:
                dropped.add(id(opened))
            opened = last = c
        elif last is not None and c.start - last.start <= _WINDOW:
            last = c
        elif series is None or c.start - series.start > _WINDOW:
            dropped.add(id(c))
    if opened is not None and last is opened:
        dropped.add(id(opened))
    return [c for c in kept if id(c) not in dropped]


def _has_sibling(c: _Candidate, inline: list[_Candidate]) -> bool:
    """Whether the marker has a neighbour in its enumeration: 二是 near 一是, 其次 near 首先."""
    for o in inline:
        if o is c or abs(o.start - c.start) > _WINDOW:
            continue
        if c.kind == "seq" and c.number == 0 and o.kind == _PART and o.start < c.start:
            return True  # 最后 after 第二个方面 (a transcript's parts)
        if not _same_family(c.kind, o.kind):
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
            if _first_for_second(c, o, inline) or _first_for_second(o, c, inline):
                return True
            continue
        if abs(o.number - c.number) == 1:
            return True
    return False


def _first_for_second(first: _Candidate, second: _Candidate, inline: list[_Candidate]) -> bool:
    """A speaker's 首先 that a 第二 goes on from ("…指出,首先,…第二,…第三,…"): after a stop, with no 第一 in the
    ``_WINDOW`` before the 第二 ("第一,…每个新业务要立项,首先要…": a step inside 第一; "首先要解决…问题…。第一,
    …第二,…": a preview of the 第一 series; "艰苦地区首先要…": a topic's first step). The window, not the whole
    speech: its two callers pass the markers near the 首先 and all of them."""
    return (
        first.kind == "seq"
        and first.number == 1
        and first.strict
        and second.kind == "第"
        and second.number == 2
        and second.start > first.start
        and not any(
            o.kind == "第" and o.number == 1 and second.start - _WINDOW <= o.start < second.start for o in inline
        )
    )


def _has_second(c: _Candidate, inline: list[_Candidate]) -> bool:
    """Whether a 其次 or 第二 follows the 首先 (a 最后 alone closes a report's narrative as well)."""
    return any(o.start > c.start and o.number == 2 and o.kind in ("seq", "第") for o in inline)


def _bridges(o: _Open, c: _Candidate) -> bool:
    """ "一是…第二是…第三,…": a 第N是 (第N要) goes on from an N是 series, and the series goes on as 第N."""
    return c.kind == "第" and o.kind in ("是", "要") and c.marker.rstrip(" ,，、:：").endswith(("是", "要"))


def _same_family(a: str, b: str) -> bool:
    return a == b or (a in _FAMILY and _FAMILY.get(b) == _FAMILY[a])


# The kinds of marker that count in one series: 一是…二要…, 第一…其次… (the sets were built again at every
# comparison of two markers, the outline's most frequent call: issue 18).
_FAMILY = {"是": 0, "要": 0, "第": 1, "seq": 1}


def _level(stack: list[_Open], c: _Candidate) -> int:
    """The nesting depth of a marker; updates the stack of open marker kinds.

    The stack holds block levels (a marker opening a paragraph, or a typographic one) with, on top,
    the inline series of the current paragraph. An inline series sits one level below the heading
    whose text holds it and never pushes the next block heading down: "一、…一是…二是…" then
    "1、" gives 1、 level 2 (dev2 e30). A block marker closes the inline series; an inline marker
    only nests among inline ones (第一 inside the text under a line-opening 第二 is its child, e26).
    """
    j = _continued_sibling(stack, c)
    block = c.kind in _TYPOGRAPHIC or c.at_start or c.kind == _PART
    # a new series takes the level over, under its own kind; so does 第二是 going on from 一是 (then 第三)
    restarted = j is not None and _bridges(stack[j], c)
    if j is None:
        inline_from = next((i for i, o in enumerate(stack) if not o.block), len(stack))
        if block:
            del stack[inline_from:]
        else:  # an inline series is the current paragraph's: one that began in another has ended (real7 u14)
            while len(stack) > inline_from and stack[-1].paragraph != c.paragraph:
                stack.pop()
        lowest = 0 if block else inline_from
        j = next((i for i in range(len(stack) - 1, lowest - 1, -1) if stack[i].kind == c.kind), None)
        if j is None and not block:
            j = _block_sibling(stack, c)
        elif j is None and (j := _series_taken_over(stack, c)) is not None:
            restarted = True
        # A second 一 before any 二 is a child: read aloud, "(一)" sounds like "一" (issue 7's excerpt).
        if j is not None and c.number == 1 and stack[j].number == 1 and c.kind not in _WRITTEN_SERIES:
            j = None
        # ...and a 二 that cannot follow that child continues the outer 一.
        elif j is not None and c.number > 1 and stack[j].number != c.number - 1:
            outer = _outer_predecessor(stack, j, c)
            j = j if outer is None or outer < lowest else outer
    if j is None:
        stack.append(_Open(c.kind, c.number, c.paragraph, c.at_start, block))
        return len(stack)
    del stack[j + 1 :]
    number = c.number or stack[j].number + 1
    stack[j] = _Open(c.kind if restarted else stack[j].kind, number, c.paragraph, c.at_start, stack[j].block)
    return j + 1


def _block_sibling(stack: list[_Open], c: _Candidate) -> int | None:
    """The open block level an inline series of the same kind stands beside, not under.

    An inline 一是 in the text of a line-opening 第二/四是, or in the paragraph right after it,
    details that point and sits below it (dev2 e26); further on, past other paragraphs, it starts
    a new series at the same level ("四是…" … "主要体现在：一是…", sample 002).
    """
    j = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].kind == c.kind), None)
    return j if j is not None and c.paragraph - stack[j].paragraph > 1 else None


def _restarted_series(stack: list[_Open], c: _Candidate) -> int | None:
    """The open level a new line-opening spoken series takes over: "一是…四是…" then, past a paragraph of
    plain text, "一要…二要…" starts the speech's next series beside it, not under 四是 (real15 w05). A
    series right after its item's paragraph may detail it, and a written heading's items stand under it."""
    if not stack or stack[-1].kind in _TYPOGRAPHIC or stack[-1].kind == _PART:
        return None
    top = stack[-1]
    return len(stack) - 1 if _same_family(top.kind, c.kind) and c.paragraph - top.paragraph > 1 else None


def _series_taken_over(stack: list[_Open], c: _Candidate) -> int | None:
    """The open level a new series takes over, under its own kind: a spoken 一 past its sibling's paragraph,
    or a 二、 whose 一 was written in another kind."""
    return _restarted_series(stack, c) if c.number == 1 else _series_changing_kind(stack, c)


def _series_changing_kind(stack: list[_Open], c: _Candidate) -> int | None:
    """The open line-opening level a "二、" with no "一、" before it goes on from: its 一 was written in
    another kind ("一是加强安全工作。…" then "二、加强环境整治…", "三、…"), one series, not a child of it."""
    if c.kind != "cn" or c.number < 2 or not c.at_start or not stack:
        return None
    top = stack[-1]
    return len(stack) - 1 if top.block and top.at_start and top.number == c.number - 1 else None


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
        closing = c.kind == "seq" and c.number == 0  # 最后 closes a 首先, 第一 or 第一个问题 series
        if closing and c.at_start and not o.block:
            continue  # a line-opening 最后 closes the parts, not the series inside the last part's line
        fits = o.number == wanted or (closing and o.kind in ("seq", "第", _PART))
        if not fits or not (_same_family(o.kind, c.kind) or _bridges(o, c) or (closing and o.kind == _PART)):
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


_LOST = re.compile(r"[?？\ufffd]+")
# not a space between Latin words or beside one ("openEuler 内核分级维护探讨", "AI Model SIG建设"); before digits it
# is ("文字搬运工 2023-09-01 8 4 22.16KB": a document site's counters after a heading)
_SPACE_AFTER_WORD = re.compile(r"(?<=\S\S)(?<![A-Za-z])\s+(?![A-Za-z])")


def _heading_text(clause: str, glued: bool, openers: dict[str, int]) -> str:
    """The heading itself: the clause up to the first 。；: (eval README), without its marker."""
    lost = _LOST.match(clause)  # "一、???汇报": characters lost in the page's encoding, no question
    head = lost[0] if lost else ""
    end = _CLAUSE_END.search(clause, len(head))  # not split: a flattened page's clause runs to its end
    text = head + clause[len(head) : end.start() if end else len(clause)]
    if not _COMMA.search(text):  # a transcript with spaces for punctuation: "第一个方面 关于招商引资 上半年…"
        text = _SPACE_AFTER_WORD.split(text.strip(), maxsplit=1)[0]
    if glued:
        # A flattened page: the heading runs into its body ("“综合协调”要谋全局办公室处在…", sample 001)
        # or a space parts them ("统一思想,高度重视 “创优”工作…", dev d12).
        space = _WORD_THEN_SPACE.search(text)
        if space and space.end() < len(text):
            text = text[: space.end()]
        text = _cut_glued(text, openers)
    return text.strip(" \t\u3000,，、*_")


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
    """ "(1)市领导:徐华水、陈美蓉、…" labels an attendee list, not a step of the outline (dev d03)."""
    after = text[c.end + len(body) : c.end + len(body) + 40].lstrip(" :：")
    return bool(_NAME_LIST.match(after))
