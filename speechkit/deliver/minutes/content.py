"""The minutes' content: the ``Minutes`` data class and how it is built from a pipeline Result.

Nothing here knows Word or Markdown; ``markdown.py`` and ``docx.py`` only lay out a ``Minutes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from speechkit import lang
from speechkit.document import Heading, Result, Speech, Task

NO_TASKS = "本次会议未形成需要督办的议定事项。"


@dataclass(frozen=True, slots=True)
class MinutesMeta:
    """What the text may not say about the meeting: given on the command line (all optional)."""

    org: str | None = None  # 机关名称, printed flush left under the number
    number: str | None = None  # 文号 or 期号: "第3号", "〔2026〕3号"
    date: date | str | None = None  # the minutes' date; the meeting date when not given
    chair: str | None = None  # 主持
    place: str | None = None  # 地点
    meeting: str | None = None  # the meeting's name, when the text does not give it
    title: str | None = None  # the minutes' title, when the speech's own title is not wanted
    attendees: tuple[str, ...] = ()  # 出席
    absent: tuple[str, ...] = ()  # 请假
    observers: tuple[str, ...] = ()  # 列席
    annex: bool = True  # append the action items as a table (附件)
    send_to: tuple[str, ...] = ()  # 主送
    copy_to: tuple[str, ...] | None = None  # 分送; None: the units the 议定事项 name


@dataclass(frozen=True, slots=True)
class Block:
    """One numbered block of the minutes: a heading with its GB marker and the text after it."""

    level: int
    marker: str  # renumbered to GB/T 9704 §7.3.3: 一、 （一） 1. （1） ①
    heading: str
    rest: str = ""  # what follows the heading in its own paragraph, set in body type
    body: str = ""  # a paragraph of body text after the heading (level 1 stands on its own line)


@dataclass(frozen=True, slots=True)
class Minutes:
    """The minutes' content, independent of Word or Markdown."""

    mark: str  # 纪要标志: "全市教育系统办公室工作会议纪要"
    title: str | None
    number: str | None
    org: str | None
    date_text: str | None
    opening: str
    sections: tuple[Block, ...]
    tasks: tuple[Task, ...]
    attendance: tuple[tuple[str, str], ...] = field(default=())  # ("出席", "…")
    annex: bool = True
    distribution: tuple[tuple[str, str], ...] = field(default=())  # ("主送", "…"), ("分送", "…")
    warnings: tuple[str, ...] = field(default=())  # for the clerk, not the page: 议定事项 without a dated 时限


# ---------------------------------------------------------------------------- content


def compose_minutes(result: Result, meta: MinutesMeta | None = None) -> Minutes:
    """Gather what the minutes say from a pipeline Result and the user's meta data."""
    speeches = result.speeches
    first = speeches[0] if speeches else Speech(text="")
    meta = _with_speech_facts(meta or MinutesMeta(), speeches)
    meeting = meta.meeting or next((s.meeting for s in speeches if s.meeting), None)
    mark = _mark(meeting, meta.org)
    title = meta.title or first.title
    if title and not meta.number and DOCUMENT_NUMBER.fullmatch(title):  # d03: "〔2011〕80号" is no title
        meta, title = replace(meta, number=title), None
    if title and not meta.title and title.endswith("纪要"):  # d01: "疫情防控第二次会议纪要" repeats the mark
        title = None
    title = fullwidth_punctuation(title) if title else None
    when = meta.date or next((s.meeting_date for s in speeches if s.meeting_date), None)
    tasks = tuple(t for s in speeches for t in s.tasks if is_decision(t))
    sections = _outline_sections(speeches)
    sections += (Block(1, chinese_numeral(_count_level1(sections) + 1) + "、", "会议议定事项"),)
    attendance = tuple(
        (label, ("；" if any(GROUP_MARK.search(n) for n in names) else "、").join(names))
        for label, names in (("出席", meta.attendees), ("请假", meta.absent), ("列席", meta.observers))
        if names
    )
    copy_to = meta.copy_to if meta.copy_to is not None else _task_units(tasks)
    lines = (("主送", meta.send_to), ("分送", copy_to))
    distribution = tuple((label, "、".join(names) + "。") for label, names in lines if names)
    return Minutes(
        mark=mark,
        title=title,
        number=_number_text(meta.number) if meta.number else None,
        org=meta.org,
        date_text=format_date(when) if when else None,
        opening=_source_opening(first.text) or _opening(speeches, meeting, meta, when),
        sections=sections,
        tasks=tasks,
        attendance=attendance,
        annex=meta.annex and bool(tasks),
        distribution=distribution,
        warnings=_undated_warning(tasks),
    )


DOCUMENT_NUMBER = re.compile(r"[〔\[(（]?\d{4}[〕\])）]?第?\d+号|（?第\d+[号期]）?")
# Labelled lines at the top of typed-up minutes (d01): left out of the body (structure/facts.py reads them).
LABELLED_LINE = re.compile(
    r"^\s*(?P<label>地\s*点|主\s*持(?:人)?|出\s*席(?:人员)?|参会人(?:员)?|参加人员|与会人员|列\s*席(?:人员)?"
    r"|请\s*假(?:人员)?|(?:参加|出席)(?:此次|本次)?会议的(?:人员)?有|时\s*间|议\s*题|记\s*录(?:人)?)"
    r"\s*[:：]\s*(?P<value>.+?)\s*$"
)


# A group of names ("区领导魏少峰、申健民", "市领导：甲、乙") rather than one name: the list joins with ；.
# 、 inside brackets is part of a name: 各县（市、区）政府.
GROUP_MARK = re.compile(r"[：:]|、(?![^（(]*[）)])")


def _with_speech_facts(meta: MinutesMeta, speeches: Sequence[Speech]) -> MinutesMeta:
    """Fill place, chair and the attendance lists the user did not give from the speeches' facts."""
    found: dict[str, Any] = {}  # str or tuple[str, ...], by field
    for name in ("place", "chair", "attendees", "absent", "observers"):
        value = next((getattr(s, name) for s in speeches if getattr(s, name)), None)
        if value and not getattr(meta, name):
            full = fullwidth_punctuation
            found[name] = full(value) if isinstance(value, str) else tuple(map(full, value))
    return replace(meta, **found)


def _source_opening(text: str) -> str | None:
    """Typed-up minutes bring their own opening ("…召开…会议。现将会议主要内容纪要如下:"): keep it."""
    for line in text.split("\n")[:20]:
        if "纪要如下" in line and len(line) > 12:
            opening = fullwidth_punctuation(line.strip()).rstrip("：:")
            return opening if opening.endswith("。") else opening + "。"
    return None


def _mark(meeting: str | None, org: str | None) -> str:
    """纪要标志: the meeting's name + 纪要, else the issuing body's + 会议纪要."""
    if meeting:
        return meeting if meeting.endswith("纪要") else f"{meeting}纪要"
    return f"{org}会议纪要" if org else "会议纪要"


def _opening(speeches: Sequence[Speech], meeting: str | None, meta: MinutesMeta, when: date | str | None) -> str:
    """The lead paragraph: when, where, who chaired, who spoke, then the 纪要如下 formula."""
    parts = []
    if when:
        parts.append(format_date(when) + "，")
    if meta.chair:
        parts.append(f"{meta.chair}{'在' + meta.place if meta.place else ''}主持召开{meeting or '会议'}。")
    elif meeting or meta.place:
        parts.append(f"{'在' + meta.place if meta.place else ''}召开{meeting or '会议'}。")
    speakers = [" ".join(x for x in (s.speaker_role, s.speaker) if x) for s in speeches]
    speakers = [s.replace(" ", "") for s in speakers if s]
    chair_spoke = any(meta.chair and (s in meta.chair or meta.chair in s) for s in speakers)
    speakers = [s for s in speakers if not (meta.chair and (s in meta.chair or meta.chair in s))]
    if chair_spoke and parts and parts[-1].endswith("。"):  # the chair is not "在会上讲话" as a second speaker
        parts[-1] = parts[-1][:-1] + "并讲话。"
    if speakers:
        parts.append(f"{'、'.join(dict.fromkeys(speakers))}在会上讲话。")
    text = "".join(parts)
    if text.endswith("，"):
        text = text[:-1] + "召开会议。"
    return text + "现将会议主要精神和议定事项纪要如下。"


def _outline_sections(speeches: Sequence[Speech]) -> tuple[Block, ...]:
    """Every speech's headings, renumbered; several speeches become one level-1 section each."""
    if len(speeches) == 1:
        return _number_headings(speeches[0], base_level=1)
    sections: list[Block] = []
    for number, speech in enumerate(speeches, 1):
        who = "".join(x for x in (speech.speaker_role, speech.speaker) if x)
        label = fullwidth_punctuation(speech.title or (f"{who}讲话" if who else f"讲话{number}"))
        sections.append(Block(1, chinese_numeral(number) + "、", label))
        sections += _number_headings(speech, base_level=2)
    return tuple(sections)


def _number_headings(speech: Speech, base_level: int) -> tuple[Block, ...]:
    """Give each heading its GB marker by level and its place among its siblings, and its gist."""
    if not speech.headings:
        return _plain_body(speech)
    counters = [0] * 8
    sections = []
    ends = [h.start for h in speech.headings[1:]] + [len(speech.text)]
    for index, (heading, end) in enumerate(zip(speech.headings, ends, strict=True)):
        level = min(heading.level + base_level - 1, len(counters))
        counters[level - 1] += 1
        counters[level:] = [0] * (len(counters) - level)
        heading_text = fullwidth_punctuation(heading.text.strip())
        rest = _paragraph_rest(heading, speech.headings[index + 1] if index + 1 < len(speech.headings) else None)
        ending = rest[: len(rest) - len(rest.lstrip(PUNCTUATION))]  # "(一)加强信息工作。…": the 。 ends the heading
        heading_text, rest = heading_text + ending.strip(), rest[len(ending) :]
        gist = "" if rest else _gist(heading, speech.text, end)
        marker = gb_marker(level, counters[level - 1])
        if level == 1:
            sections.append(Block(level, marker, heading_text, rest, body=gist))
        else:
            if gist and heading_text[-1:] not in PUNCTUATION:
                heading_text += "。"
            sections.append(Block(level, marker, heading_text, rest or gist))
    return tuple(sections)


PUNCTUATION = "。！？；，、：.!?;,: "


BODY_PARAGRAPHS, BODY_CHARS = 30, 480


def _plain_body(speech: Speech) -> tuple[Block, ...]:
    """A speech without numbered headings (typed-up minutes, d03): its paragraphs, as body text.

    Header lines (document number, labelled 时间/地点/主持 lines, the title) and the source's own
    纪要如下 opening are left out; long paragraphs keep their first sentences.
    """
    lines = [line.strip() for line in speech.text.split("\n")]
    opening = next((i for i, line in enumerate(lines[:20]) if "纪要如下" in line), -1)
    skip = {speech.title, speech.meeting}
    body = [
        line
        for line in lines[opening + 1 :]
        if len(line) >= 12
        and line not in skip
        and not LABELLED_LINE.match(line)
        and not DOCUMENT_NUMBER.match(line)
        and not line.startswith("会议纪要")  # d01: "会议纪要〔***〕2号议  题：…", the source's own header
        and re.search(r"[。，；：,;:]", line)  # a line without any is a header fragment or a list of names
    ]
    return tuple(Block(0, "", "", body=first_sentences(line, BODY_CHARS)) for line in body[:BODY_PARAGRAPHS])


GIST_CHARS = 120
REST_CHARS = 240


def _gist(heading: Heading, text: str, end: int) -> str:
    """The heading's points (structure/facts.py): its section's first sentences, up to ~120 characters.

    A 纪要 records the main points, not the whole speech, so a bare heading gets the sentence
    that opens its section; a section whose next heading follows at once gets nothing. The
    points travel in the JSON, so minutes made from ``outline``'s JSON keep them too.
    """
    if heading.points:
        return first_sentences(heading.points, GIST_CHARS)
    own_end = text.find("\n", heading.start)  # a Speech built without the structure stage: read its text
    if not text or own_end < 0 or own_end >= end:
        return ""
    paragraph = next((line.strip() for line in text[own_end:end].split("\n") if line.strip()), "")
    return first_sentences(paragraph, GIST_CHARS)


def first_sentences(text: str, limit: int) -> str:
    """Whole sentences from the start of ``text`` up to about ``limit`` characters, ending in full-width 。."""
    kept = fullwidth_punctuation(lang.first_sentences(text, limit))
    return kept if not kept or kept[-1] in "。！？；" else kept + "。"


def _paragraph_rest(heading: Heading, following: Heading | None) -> str:
    """What the heading's paragraph says after the heading, up to the next heading if it is inline.

    "1.…当好参谋助手。…。一是加强调查研究。…": the rest of 1. stops before 一是, which is its own heading.
    """
    paragraph = heading.paragraph.strip()
    at = paragraph.find(heading.text) if heading.text else -1
    if not paragraph or at < 0:
        return ""
    rest = paragraph[at + len(heading.text) :]
    if following is not None and following.text:
        inline = rest.find(following.marker + following.text)
        if inline < 0:
            inline = rest.find(following.text)
        if inline >= 0:
            rest = rest[:inline]
    rest = rest.strip()
    # A transcript's "paragraph" can run for minutes: keep what a 纪要 would (see _gist).
    return fullwidth_punctuation(rest) if len(rest) <= REST_CHARS else first_sentences(rest, REST_CHARS)


def _count_level1(sections: Iterable[Block]) -> int:
    return sum(1 for s in sections if s.level == 1)


def gb_marker(level: int, n: int) -> str:
    """GB/T 9704 §7.3.3 markers: 一、 （一） 1. （1）, then the usual ① for deeper levels."""
    if level == 1:
        return chinese_numeral(n) + "、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    return chr(0x2460 + n - 1) if n <= 20 else f"({n})"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (cn2an, as 公文 number their parts)."""
    import cn2an

    return cn2an.an2cn(n)


def _number_text(number: str) -> str:
    """'3' → （第3号）; anything already shaped (〔2026〕3号, 第3期) is kept."""
    number = number.strip()
    if number.isdigit():
        return f"（第{number}号）"
    return number if number.startswith(("（", "(", "〔", "[")) else f"（{number}）"


def format_date(value: date | str) -> str:
    """A date as 公文 writes it: 2026年3月3日, Arabic numerals, no zero padding."""
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    return value


CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]"
HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
# An ASCII mark next to a Chinese character: "工作,参谋" "(一)" "要求:"; not "1,000" or "3.5".
ASCII_MARK_NEAR_CJK = re.compile(rf"(?<={CJK})[,;:?!()]|[,;:?!()](?={CJK})")


def fullwidth_punctuation(text: str) -> str:
    """Turn the ASCII punctuation a cleaned text may carry into the full-width marks of a 公文."""
    return ASCII_MARK_NEAR_CJK.sub(lambda m: m.group().translate(HALF_TO_FULL), text)


# What opens a quote before its action: the lead-in, the party's name (given apart), the directive.
LEAD_IN = re.compile(r"^(?:会议(?:要求|强调|指出|决定|议定|明确|同意)|要求|请|由)[，,：:]?")
DIRECTIVE = re.compile(r"^(?:都|均|也|还)?(?:要|务必|必须|负责|抓紧|尽快|立即|切实|认真|进一步)+")
# A bare approval or a reference to something not in the item: no action a unit could be held to.
APPROVAL_ONLY = re.compile(
    r"^(?:会议)?(?:原则)?(?:同意|通过)(?:该|此|这个|上述|以上)?(?:意见|方案|请示|报告|建议|事项)?$"
)
# A deadline phrase inside a quote: 7月中旬前, 11月底, 9月20日前, 年底前, 明天早上8点以前.
DATE_PHRASE = re.compile(
    r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|中旬|上旬|下旬|份|末)?(?:之?前|以前)?"
    r"|(?:年底|年内|月底|本月底|本周内|下周[一二三四五六日])(?:之?前|以前)?"
)


def is_decision(task: Task) -> bool:
    """A task the 纪要 lists as 议定事项: an action someone can be held to, not a bare approval or a fragment."""
    action = _action(task)
    return len(action) >= 6 and not APPROVAL_ONLY.match(re.sub(r"[。，,；;\s]", "", action))


def _action(task: Task) -> str:
    """The quote without its lead-in, its party's name and the directive word: what is to be done."""
    text = fullwidth_punctuation(task.quote.strip()).rstrip("。；;，,")
    text = LEAD_IN.sub("", text)
    for party in (task.lead, task.owner, *task.cooperating):
        if party and text.startswith(party):
            text = text[len(party) :].lstrip("，,、")
            break
    return DIRECTIVE.sub("", text).lstrip("，,：:")


def task_line(task: Task) -> str:
    """One 议定事项 in 督办 phrasing: unit：action, standard; 配合单位; 完成时限 (every date the item sets)."""
    unit = task.lead or task.owner
    line = f"{unit}：{_action(task)}" if unit else _action(task)
    facts = []
    if task.cooperating:
        facts.append("配合单位：" + "、".join(task.cooperating))
    if task.deadline or task.deadline_iso:
        facts.append("完成时限：" + deadline_text(task))
    if task.recurrence and task.recurrence != task.deadline:
        facts.append("频次：" + task.recurrence)
    return line + "".join(f"；{f}" for f in facts) + "。"


def deadline_text(task: Task) -> str:
    """The deadline as written, with the resolved date in brackets; a compound item keeps each of its dates
    ("7月中旬前进场施工，11月底初具规模": 7月中旬前（2026年7月20日）、11月底)."""
    resolved = format_date(task.deadline_iso) if task.deadline_iso else None
    if task.deadline and resolved and resolved != task.deadline:
        text = f"{task.deadline}（{resolved}）"
    else:
        text = task.deadline or resolved or ""
    if task.deadline:
        others = [m.group() for m in DATE_PHRASE.finditer(task.quote) if m.group() not in task.deadline]
        others = [d for d in dict.fromkeys(others) if d not in text and not task.deadline.startswith(d)]
        text = "、".join([text, *others]) if text else "、".join(others)
    return text


def _task_units(tasks: Iterable[Task]) -> tuple[str, ...]:
    """分送 by default: the units the 议定事项 hold to account, lead units first."""
    units = [u for t in tasks for u in (t.lead or t.owner, *t.cooperating) if u]
    return tuple(dict.fromkeys(units))


def _undated_warning(tasks: Sequence[Task]) -> tuple[str, ...]:
    """A line for the clerk naming the 议定事项 whose 时限 gives no date (to be agreed before the 纪要 goes out)."""
    undated = [f"{gb_marker(2, i)}{(t.lead or t.owner or t.quote[:12])}（{t.deadline or '无时限'}）"
               for i, t in enumerate(tasks, 1) if not t.deadline_iso]  # fmt: skip
    if not undated:
        return ()
    return (f"{len(undated)} of {len(tasks)} 议定事项 have no dated deadline: " + "；".join(undated),)


def annex_rows(tasks: Iterable[Task]) -> list[tuple[str, str, str, str]]:
    """The annex table's rows: 议定事项, 责任单位, 配合单位, 完成时限."""
    return [
        (
            fullwidth_punctuation(t.quote.strip()),
            t.lead or t.owner or "",
            "、".join(t.cooperating),
            deadline_text(t) or (t.recurrence or ""),
        )
        for t in tasks
    ]
