"""Result → 会议纪要 (meeting minutes) as a .docx laid out to GB/T 9704-2012, or as Markdown.

The layout follows ``../shared/reference/gbt9704.md``: A4, 天头 37 mm, 订口 28 mm, a 156 × 225 mm
type area of 22 lines × 28 characters, 3号仿宋 body, headings 一、黑体 / （一）楷体 / 1.（1）仿宋,
a 2号小标宋 title, the red 纪要标志, the 出席/请假/列席 lines of §10.3 and page numbers "— 1 —"
in 4号宋体, right on odd pages and left on even ones.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from speechkit.deliver import write_atomic
from speechkit.document import Heading, Result, Speech, Task

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.shared import Length
    from docx.styles.style import BaseStyle, ParagraphStyle
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

# GB/T 9704-2012 §5: A4 paper, margins and the 版心 (type area), all in millimetres.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, LEFT_MM = 37, 28
TYPE_WIDTH_MM, TYPE_HEIGHT_MM = 156, 225
RIGHT_MM = PAGE_WIDTH_MM - LEFT_MM - TYPE_WIDTH_MM  # 26
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - TYPE_HEIGHT_MM  # 35
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28

# Chinese type sizes (字号) in points.
SIZE_2HAO, SIZE_3HAO, SIZE_4HAO, SIZE_XIAOCHU = 22.0, 16.0, 14.0, 36.0
BODY_PT = SIZE_3HAO
TITLE_PT = SIZE_2HAO
PAGE_NUMBER_PT = SIZE_4HAO

# The standard's font names; each with the family a machine without it should fall back to
# (Word reads w:altName in the font table; fontconfig and LibreOffice have their own alias lists).
FANGSONG, KAITI, HEITI, XIAOBIAOSONG, SONGTI = "仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"
LATIN_FONT = "Times New Roman"
FONT_FALLBACKS = {
    FANGSONG: ("仿宋", "roman"),
    KAITI: ("楷体", "script"),
    HEITI: ("SimHei", "modern"),
    XIAOBIAOSONG: ("宋体", "roman"),
    SONGTI: ("SimSun", "roman"),
}
HEADING_FONTS = {1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}
RED = "FF0000"

MM_PER_PT = 25.4 / 72
TWIPS_PER_MM = 1440 / 25.4
# One grid line = 225 mm / 22 ≈ 579 twips ≈ 28.95 pt; one grid character = 156 mm / 28 ≈ 15.79 pt.
LINE_PITCH_TWIPS = int(TYPE_HEIGHT_MM * TWIPS_PER_MM / LINES_PER_PAGE)  # 579: 22 lines must fit, so round down
LINE_PITCH_PT = LINE_PITCH_TWIPS / 20
CHAR_PITCH_PT = TYPE_WIDTH_MM / MM_PER_PT / CHARS_PER_LINE
# w:charSpace is the pitch's difference from the default font size, in 1/4096 pt (ECMA-376 §17.6.5).
CHAR_SPACE = round((CHAR_PITCH_PT - BODY_PT) * 4096)
# Paragraphs do not snap to the grid: LibreOffice lays grid-snapped CJK text out with gaps when a
# glyph is wider than the grid pitch (16 pt type on a 15.79 pt pitch). They keep the grid's
# 22 × 28 by exact line spacing and by condensing each character by 0.3 pt (w:spacing -6), so
# 28 characters take 439.6 pt of the 442.2 pt line in Word and LibreOffice alike.
CHAR_SPACING_TWENTIETHS = -6
# §7.5: the page number's dash sits 7 mm below the type area, so its line's foot is ~23 mm up.
FOOTER_DISTANCE_MM = BOTTOM_MM - 7 - PAGE_NUMBER_PT * MM_PER_PT

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


# ---------------------------------------------------------------------------- content


def compose_minutes(result: Result, meta: MinutesMeta | None = None) -> Minutes:
    """Gather what the minutes say from a pipeline Result and the user's meta data."""
    speeches = result.speeches
    first = speeches[0] if speeches else Speech(text="")
    meta = _with_labelled_facts(meta or MinutesMeta(), first.text)
    meeting = meta.meeting or next((s.meeting for s in speeches if s.meeting), None)
    mark = _mark(meeting, meta.org)
    title = meta.title or first.title
    if title and not meta.number and DOCUMENT_NUMBER.fullmatch(title):  # d03: "〔2011〕80号" is no title
        meta, title = replace(meta, number=title), None
    if title and not meta.title and title.endswith("纪要"):  # d01: "疫情防控第二次会议纪要" repeats the mark
        title = None
    title = fullwidth_punctuation(title) if title else None
    when = meta.date or next((s.meeting_date for s in speeches if s.meeting_date), None)
    tasks = tuple(t for s in speeches for t in s.tasks)
    sections = _outline_sections(speeches)
    sections += (Block(1, chinese_numeral(_count_level1(sections) + 1) + "、", "会议议定事项"),)
    attendance = tuple(
        (label, ("；" if any("：" in n for n in names) else "、").join(names))
        for label, names in (("出席", meta.attendees), ("请假", meta.absent), ("列席", meta.observers))
        if names
    )
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
    )


DOCUMENT_NUMBER = re.compile(r"[〔\[(（]?\d{4}[〕\])）]?第?\d+号|（?第\d+[号期]）?")
# Labelled lines at the top of typed-up minutes (d01): "地点:县委三楼会议室", "主持人:***".
LABELLED_LINE = re.compile(
    r"^\s*(?P<label>地\s*点|主\s*持(?:人)?|出\s*席(?:人员)?|参会人(?:员)?|参加人员|与会人员|列\s*席(?:人员)?"
    r"|请\s*假(?:人员)?|(?:参加|出席)(?:此次|本次)?会议的(?:人员)?有|时\s*间|议\s*题|记\s*录(?:人)?)"
    r"\s*[:：]\s*(?P<value>.+?)\s*$"
)
# The label's first character → the MinutesMeta field it fills; 时间/议题/记录 lines are only left out.
LABEL_FIELDS: dict[str, str | None] = {"地": "place", "主": "chair", "出": "attendees", "参": "attendees"}
LABEL_FIELDS |= {"与": "attendees", "列": "observers", "请": "absent", "时": None, "议": None, "记": None}
LIST_ITEM = re.compile(r"^[(（]?\d+[)）.、]\s*")  # "(1)市领导：…" in a list of attendees
UNKNOWN_NAME = re.compile(r"^[*＊×Ｘx]+$")  # "***": a name the source blanked out


def _with_labelled_facts(meta: MinutesMeta, text: str) -> MinutesMeta:
    """Fill place, chair and the attendance lists the user did not give from the text's labelled lines."""
    found: dict[str, object] = {}
    for line in text.split("\n")[:20]:
        match = LABELLED_LINE.match(line)
        if not match:
            continue
        name = LABEL_FIELDS[match["label"][0]]
        value = fullwidth_punctuation(match["value"])
        if name in ("place", "chair"):
            if not UNKNOWN_NAME.match(value):
                found.setdefault(name, value)
        elif name is not None:
            separators = r"[；;]+" if "：" in value else r"[\s,，;；、]+"  # "(1)市领导：甲、乙；(2)…" keeps groups
            names = (LIST_ITEM.sub("", n).strip("（(") for n in re.split(separators, value))
            found.setdefault(name, tuple(n for n in names if n and not UNKNOWN_NAME.match(n)))
    given = {name: getattr(meta, name) for name in found}
    return replace(meta, **{name: value for name, value in found.items() if not given[name]})


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
    speakers = [s for s in speakers if not (meta.chair and (s in meta.chair or meta.chair in s))]
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
    for index, (heading, end) in enumerate(zip(speech.headings, ends, strict=False)):  # no headings: ends has one
        level = min(heading.level + base_level - 1, len(counters))
        counters[level - 1] += 1
        counters[level:] = [0] * (len(counters) - level)
        heading_text = fullwidth_punctuation(heading.text.strip())
        rest = _paragraph_rest(heading, speech.headings[index + 1] if index + 1 < len(speech.headings) else None)
        ending = rest[: len(rest) - len(rest.lstrip(PUNCTUATION))]  # "(一)加强信息工作。…": the 。 ends the heading
        heading_text, rest = heading_text + ending.strip(), rest[len(ending) :]
        gist = "" if rest else _gist(speech.text, heading, end)
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
SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")


def _gist(text: str, heading: Heading, end: int) -> str:
    """The first sentences (up to ~120 characters) of the paragraph after a heading's own one.

    A 纪要 records the main points, not the whole speech, so a bare heading gets the sentence
    that opens its section; a section whose next heading follows at once gets nothing.
    """
    own_end = text.find("\n", heading.start)
    if own_end < 0 or own_end >= end:
        return ""
    paragraph = next((line.strip() for line in text[own_end:end].split("\n") if line.strip()), "")
    return first_sentences(paragraph, GIST_CHARS)


def first_sentences(text: str, limit: int) -> str:
    """Whole sentences from the start of ``text`` up to about ``limit`` characters (at least one)."""
    kept = ""
    for sentence in SENTENCE_END.split(text.strip()):
        if kept and len(kept) + len(sentence) > limit:
            break
        kept += sentence
    kept = fullwidth_punctuation(kept.strip())
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


DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (enough for any outline)."""
    if n < 10:
        return DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")
    return str(n)


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


def task_line(task: Task) -> str:
    """One action item as a sentence with its owner and deadline in brackets."""
    quote = fullwidth_punctuation(task.quote.strip()).rstrip("。；;，,")
    facts = []
    if task.lead or task.owner:
        facts.append(f"{'牵头单位' if task.lead and task.cooperating else '责任单位'}：{task.lead or task.owner}")
    if task.cooperating:
        facts.append("配合单位：" + "、".join(task.cooperating))
    if task.deadline or task.deadline_iso:
        facts.append("完成时限：" + _deadline_text(task))
    if task.recurrence and task.recurrence != task.deadline:
        facts.append("频次：" + task.recurrence)
    return quote + (f"（{'；'.join(facts)}）" if facts else "") + "。"


def _deadline_text(task: Task) -> str:
    """The deadline as written, with the resolved date in brackets when there is one."""
    resolved = format_date(task.deadline_iso) if task.deadline_iso else None
    if task.deadline and resolved and resolved != task.deadline:
        return f"{task.deadline}（{resolved}）"
    return task.deadline or resolved or ""


# ---------------------------------------------------------------------------- Markdown


def minutes_markdown(result: Result, meta: MinutesMeta | None = None) -> str:
    """The same minutes as Markdown, for readers without Word."""
    minutes = compose_minutes(result, meta)
    lines = [f"# {minutes.mark}", ""]
    if minutes.number:
        lines += [minutes.number, ""]
    header = " · ".join(x for x in (minutes.org, minutes.date_text) if x)
    if header:
        lines += [header, ""]
    lines += ["---", ""]
    if minutes.title:
        lines += [f"## {minutes.title}", ""]
    lines += [minutes.opening, ""]
    for section in minutes.sections:
        text = f"{section.marker}{section.heading}"
        if section.level == 0:
            lines += [section.body, ""]
        elif section.level == 1:
            lines += [f"### {text}{section.rest}", ""]
            lines += [section.body, ""] if section.body else []
        else:
            lines += [f"{'**' + text + '**' if section.level == 2 else text}{section.rest}", ""]
    for item in [f"{gb_marker(2, i)}{task_line(t)}" for i, t in enumerate(minutes.tasks, 1)] or [NO_TASKS]:
        lines += [item, ""]
    for label, names in minutes.attendance:
        lines += [f"**{label}**：{names}", ""]
    if minutes.annex:
        lines += ["## 附件：会议议定事项清单", ""]
        lines += ["| 序号 | 议定事项 | 责任单位 | 配合单位 | 完成时限 |", "|---" * 5 + "|"]
        for i, row in enumerate(_annex_rows(minutes.tasks), 1):
            lines.append("| " + " | ".join([str(i), *(c.replace("|", "\\|") for c in row)]) + " |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _annex_rows(tasks: Iterable[Task]) -> list[tuple[str, str, str, str]]:
    return [
        (
            fullwidth_punctuation(t.quote.strip()),
            t.lead or t.owner or "",
            "、".join(t.cooperating),
            _deadline_text(t) or (t.recurrence or ""),
        )
        for t in tasks
    ]


# ---------------------------------------------------------------------------- Word


def write_minutes(result: Result, path: Path, meta: MinutesMeta | None = None) -> Path:
    """Write the 会议纪要 of a Result as a GB/T 9704 .docx, atomically; return the path."""
    return write_atomic(Path(path), minutes_docx_bytes(result, meta))


def minutes_docx_bytes(result: Result, meta: MinutesMeta | None = None) -> bytes:
    """The .docx file's bytes."""
    buffer = io.BytesIO()
    build_minutes_docx(compose_minutes(result, meta)).save(buffer)
    return buffer.getvalue()


def build_minutes_docx(minutes: Minutes) -> DocxDocument:
    """A python-docx Document holding the minutes, page and styles set to the standard."""
    from docx import Document

    doc = Document()
    _set_page(doc.sections[0])
    _set_styles(doc)
    _declare_fonts(doc)
    _add_page_numbers(doc)
    _add_header_block(doc, minutes)
    _add_body(doc, minutes)
    if minutes.annex:
        _add_annex(doc, minutes.tasks)
    doc.core_properties.title = minutes.title or minutes.mark
    doc.core_properties.subject = minutes.mark
    return doc


def _set_page(section: Section) -> None:
    """A4, the standard's margins and a 22 × 28 document grid."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    sect_pr.append(grid)


def set_fonts(target: Run | ParagraphStyle, east_asia: str, size: float | None = None, latin: str = LATIN_FONT) -> None:
    """Set a run's or style's Latin and East Asian fonts (python-docx sets only the Latin ones)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    target.font.name = latin
    r_pr = target.element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    if size is not None:
        target.font.size = Pt(size)


def _set_styles(doc: DocxDocument) -> None:
    """Normal = 3号仿宋 with the grid's exact line pitch; one paragraph style per heading level."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    _set_doc_defaults(doc)
    normal = doc.styles["Normal"]
    set_fonts(normal, FANGSONG, BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    fmt = normal.paragraph_format
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(BODY_PT * 2)  # plus w:firstLineChars="200" below
    fmt.widow_control = False
    _set_cjk_text_layout(normal)
    for level, font in HEADING_FONTS.items():
        style = doc.styles.add_style(heading_style_name(level), WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        set_fonts(style, font, BODY_PT)
        style.paragraph_format.keep_with_next = level == 1
        _set_outline_level(style, level)


def _set_cjk_text_layout(style: ParagraphStyle) -> None:
    """Off-grid paragraphs, condensed characters, no auto spaces around digits, Chinese language."""
    from docx.oxml.ns import qn

    p_pr = style.element.get_or_add_pPr()
    for tag in ("w:snapToGrid", "w:autoSpaceDE", "w:autoSpaceDN"):
        put_property(p_pr, tag, val="0")
    p_pr.get_or_add_ind().set(qn("w:firstLineChars"), "200")
    r_pr = style.element.get_or_add_rPr()
    put_property(r_pr, "w:spacing", val=str(CHAR_SPACING_TWENTIETHS))
    put_property(r_pr, "w:lang", val="en-US", eastAsia="zh-CN")


def heading_style_name(level: int) -> str:
    """The paragraph style of a heading level: 纪要标题1 … 纪要标题4 (deeper levels use 4)."""
    return f"纪要标题{min(level, 4)}"


def _set_doc_defaults(doc: DocxDocument) -> None:
    """docDefaults at 16 pt: Word measures w:charSpace from the default font size."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    half_points = int(BODY_PT * 2)
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{FANGSONG}" w:cs="{LATIN_FONT}"/>'
        f'<w:kern w:val="2"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )
    styles.insert(0, defaults)


def _set_outline_level(style: BaseStyle, level: int) -> None:
    """So Word's navigation pane and LibreOffice's navigator list the headings."""
    put_property(style.element.get_or_add_pPr(), "w:outlineLvl", val=str(level - 1))


def _declare_fonts(doc: DocxDocument) -> None:
    """List the standard fonts in the font table with GB2312 charset and a fallback (w:altName)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = _font_table(doc)
    if table is None:
        return
    known = {f.get(qn("w:name")) for f in table.findall(qn("w:font"))}
    for name, (alt, family) in FONT_FALLBACKS.items():
        if name in known:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, attr, value in (
            ("w:altName", "w:val", alt),
            ("w:charset", "w:val", "86"),  # GB2312
            ("w:family", "w:val", family),
            ("w:pitch", "w:val", "fixed" if family == "modern" else "variable"),
        ):
            child = OxmlElement(tag)
            child.set(qn(attr), value)
            font.append(child)
        table.append(font)


def _font_table(doc: DocxDocument):
    """The w:fonts element of the document's font table part, parsed so that edits are saved."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            part = rel.target_part
            if not isinstance(part, XmlPart):
                xml_part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
                doc.part.rels[rel.rId]._target = xml_part
                part = xml_part
            return part.element
    return None


def _add_page_numbers(doc: DocxDocument) -> None:
    """'— 1 —' in 4号宋体: odd pages right, even pages left, one character in (§7.5)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        set_first_line_indent(paragraph, Pt(0))
        fmt.line_spacing = 1.0
        fmt.left_indent = Pt(PAGE_NUMBER_PT) if align == WD_ALIGN_PARAGRAPH.LEFT else Pt(0)
        fmt.right_indent = Pt(PAGE_NUMBER_PT) if align == WD_ALIGN_PARAGRAPH.RIGHT else Pt(0)
        _no_grid_snap(paragraph)
        _page_number_run(paragraph, "— ")
        _add_page_field(paragraph)
        _page_number_run(paragraph, " —")


def _page_number_run(paragraph: Paragraph, text: str):
    run = paragraph.add_run(text)
    set_fonts(run, SONGTI, PAGE_NUMBER_PT, latin=SONGTI)
    return run


def _add_page_field(paragraph: Paragraph) -> None:
    """A PAGE field (begin, instruction, separate, cached '1', end) in the page-number font."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind in ("begin", "instr", "separate", "cached", "end"):
        run = _page_number_run(paragraph, "1" if kind == "cached" else "")
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        elif kind != "cached":
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def set_first_line_indent(paragraph: Paragraph, length: Length) -> None:
    """A direct first-line indent (or hanging, if negative) that overrides Normal's w:firstLineChars.

    Word prefers the *Chars attributes over the plain ones wherever they are inherited from, so a
    paragraph that sets its own indent also zeroes them.
    """
    from docx.oxml.ns import qn

    paragraph.paragraph_format.first_line_indent = length
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "0")
    if length < 0:
        ind.set(qn("w:hangingChars"), "0")


def _no_grid_snap(paragraph: Paragraph) -> None:
    put_property(paragraph._p.get_or_add_pPr(), "w:snapToGrid", val="0")


# The schema's child order of w:pPr and w:rPr (ECMA-376 §17.3.1.26, §17.3.2.28): Word refuses
# a document whose properties come out of order, so every element is put in its place.
# fmt: off
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effects", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
    "lang", "eastAsianLayout", "specVanish", "oMath",
)
# fmt: on


def put_property(
    parent: BaseOxmlElement, tag: str, child: BaseOxmlElement | None = None, **attrs: str
) -> BaseOxmlElement:
    """Set a w:pPr or w:rPr child (replacing any of the same tag) in its schema position."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    order = RPR_ORDER if parent.tag == qn("w:rPr") else PPR_ORDER
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    element = child if child is not None else OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    rank = order.index(tag.split(":")[1])
    later = [c for c in parent if c.tag.split("}")[-1] in order and order.index(c.tag.split("}")[-1]) > rank]
    if later:
        later[0].addprevious(element)
    else:
        parent.append(element)
    return element


def _plain_paragraph(doc: DocxDocument, align=None, indent: bool = False) -> Paragraph:
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    if not indent:
        set_first_line_indent(paragraph, Pt(0))
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _add_header_block(doc: DocxDocument, minutes: Minutes) -> None:
    """纪要标志 (red 小标宋, 35 mm below the top of the type area), number, issuer and date, red rule."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt, RGBColor

    size = mark_size(minutes.mark)
    mark = _plain_paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
    # §10.3: the mark's top edge 35 mm below the type area's; in an exact line of 1.3 × the size
    # the ideographs' tops sit about 0.2 × the size below the line's top (measured on a render).
    mark.paragraph_format.space_before = Mm(35) - Pt(size * 0.2)
    mark.paragraph_format.line_spacing = Pt(size * 1.3)
    _no_grid_snap(mark)
    run = mark.add_run(minutes.mark)
    set_fonts(run, XIAOBIAOSONG, size)
    run.font.color.rgb = RGBColor.from_string(RED)
    if minutes.number:
        _plain_paragraph(doc)
        number = _plain_paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
        number.add_run(minutes.number)
    if minutes.org or minutes.date_text:
        line = _plain_paragraph(doc)
        fmt = line.paragraph_format
        fmt.left_indent = fmt.right_indent = Pt(BODY_PT)
        fmt.tab_stops.add_tab_stop(Mm(TYPE_WIDTH_MM) - Pt(BODY_PT * 2), WD_TAB_ALIGNMENT.RIGHT)
        line.add_run(f"{minutes.org or ''}\t{minutes.date_text or ''}")
    _red_rule(_plain_paragraph(doc))
    _plain_paragraph(doc)
    if minutes.title:
        title = _plain_paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
        for index, text in enumerate(title_lines(minutes.title, int(TYPE_WIDTH_MM / MM_PER_PT / TITLE_PT))):
            if index:
                set_fonts(title.add_run(), XIAOBIAOSONG, TITLE_PT)
                title.runs[-1].add_break()
            set_fonts(title.add_run(text), XIAOBIAOSONG, TITLE_PT)
        _plain_paragraph(doc)


def title_lines(title: str, per_line: int) -> list[str]:
    """Break a long title into balanced lines at word or phrase boundaries (§7.3.1: keep phrases whole).

    "当好参谋助手做好后勤保障充分发挥办公室职能作用" → ["当好参谋助手做好后勤保障", "充分发挥办公室职能作用"]
    rather than a break inside 职能.
    """
    title = title.strip()
    if len(title) <= per_line:
        return [title]
    n_lines = -(-len(title) // per_line)
    boundaries = _word_boundaries(title)
    lines, start = [], 0
    for k in range(1, n_lines):
        ideal = round(len(title) * k / n_lines)
        fitting = [b for b in boundaries if start < b <= start + per_line]
        phrase = [b for b in fitting if title[b - 1] in " ，、：；" and abs(b - ideal) <= 3]
        cut = min(phrase or fitting or [start + per_line], key=lambda b: abs(b - ideal))
        lines.append(title[start:cut].strip())
        start = cut
    lines.append(title[start:].strip())
    return [line for line in lines if line]


def _word_boundaries(text: str) -> list[int]:
    """Offsets between words (jieba), or between any two characters when jieba is missing."""
    try:
        import jieba
    except ImportError:
        return list(range(1, len(text)))
    jieba.setLogLevel(60)
    offsets, at = [], 0
    for word in jieba.cut(text):
        at += len(word)
        offsets.append(at)
    return offsets[:-1]


def mark_size(mark: str) -> float:
    """The 纪要标志's size: 小初 when it fits on one line, shrunk down to 2号 for a long name."""
    fits = TYPE_WIDTH_MM / MM_PER_PT / max(len(mark), 1) * 0.95
    return max(SIZE_2HAO, min(SIZE_XIAOCHU, float(int(fits))))


def _number_text(number: str) -> str:
    """'3' → （第3号）; anything already shaped (〔2026〕3号, 第3期) is kept."""
    number = number.strip()
    if number.isdigit():
        return f"（第{number}号）"
    return number if number.startswith(("（", "(", "〔", "[")) else f"（{number}）"


def _red_rule(paragraph: Paragraph) -> None:
    """The red 分隔线 under the header, as a bottom border the width of the type area."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    border = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="1" w:color="{RED}"/></w:pBdr>'
    )
    put_property(paragraph._p.get_or_add_pPr(), "w:pBdr", border)
    paragraph.paragraph_format.line_spacing = Pt(8)


def _add_body(doc: DocxDocument, minutes: Minutes) -> None:
    """Opening, the numbered sections, 会议议定事项, the 附件 note and the attendance lines."""
    doc.add_paragraph(minutes.opening)
    for section in minutes.sections:
        add_section(doc, section)
    if minutes.tasks:
        for i, task in enumerate(minutes.tasks, 1):
            add_section(doc, Block(2, gb_marker(2, i), "", task_line(task)))
    else:
        doc.add_paragraph(NO_TASKS)
    if minutes.annex:
        _plain_paragraph(doc)
        doc.add_paragraph("附件：会议议定事项清单")
    if minutes.attendance:
        _plain_paragraph(doc)
    for label, names in minutes.attendance:
        _add_attendance_line(doc, label, names)


def add_section(doc: DocxDocument, section: Block) -> Paragraph:
    """A heading paragraph: marker and heading in the level's font, the rest in body type."""
    if section.level == 0:
        return doc.add_paragraph(section.body)
    paragraph = doc.add_paragraph(style=heading_style_name(section.level))
    paragraph.add_run(section.marker + section.heading)
    if section.rest:
        set_fonts(paragraph.add_run(section.rest), FANGSONG, BODY_PT)
    if section.body:
        doc.add_paragraph(section.body)
    return paragraph


def _add_attendance_line(doc: DocxDocument, label: str, names: str) -> None:
    """§10.3: "出席：" in 黑体, the names in 仿宋, wrapped lines aligned after the colon."""
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    lead = Pt(BODY_PT * 2)
    hang = Pt(BODY_PT * (len(label) + 1))
    paragraph.paragraph_format.left_indent = lead + hang
    set_first_line_indent(paragraph, Pt(-BODY_PT * (len(label) + 1)))
    set_fonts(paragraph.add_run(f"{label}："), HEITI, BODY_PT)
    set_fonts(paragraph.add_run(names), FANGSONG, BODY_PT)


def _add_annex(doc: DocxDocument, tasks: Sequence[Task]) -> Table:
    """附件 on a new page: the label in 黑体, a title, and the action items as a Word table."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    label = _plain_paragraph(doc)
    label.add_run().add_break(WD_BREAK.PAGE)
    set_fonts(label.add_run("附件"), HEITI, BODY_PT)
    _plain_paragraph(doc)
    title = _plain_paragraph(doc, WD_ALIGN_PARAGRAPH.CENTER)
    set_fonts(title.add_run("会议议定事项清单"), XIAOBIAOSONG, TITLE_PT)
    _plain_paragraph(doc)
    headers = ("序号", "议定事项", "责任单位", "配合单位", "完成时限")
    widths_mm = (14, 64, 28, 25, 25)
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(cell, text, HEITI, center=True)
    _repeat_header(table.rows[0])
    for i, row in enumerate(_annex_rows(tasks), 1):
        cells = table.add_row().cells
        _cell_text(cells[0], str(i), FANGSONG, center=True)
        for cell, text in zip(cells[1:], row, strict=True):
            _cell_text(cell, text, FANGSONG)
    _fix_widths(table, widths_mm)
    return table


def _fix_widths(table: Table, widths_mm: Sequence[float]) -> None:
    """A fixed layout the width of the type area: LibreOffice ignores cell widths without it."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is not None:
        tbl_w.set(qn("w:w"), str(round(sum(widths_mm) * TWIPS_PER_MM)))
        tbl_w.set(qn("w:type"), "dxa")


def _cell_text(cell: _Cell, text: str, font: str, center: bool = False) -> None:
    """A table cell in 4号 type, single-spaced and off the grid so rows stay compact."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    set_first_line_indent(paragraph, Pt(0))
    fmt.line_spacing = Pt(SIZE_4HAO * 1.5)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    _no_grid_snap(paragraph)
    set_fonts(paragraph.add_run(text), font, SIZE_4HAO)


def _repeat_header(row: _Row) -> None:
    """Repeat the table's header row on every page it runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)
