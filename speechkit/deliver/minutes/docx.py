"""The minutes as a Word file laid out to GB/T 9704-2012: page, styles, fonts, header block, body, annex.

A4, 天头 37 mm, 订口 28 mm, a 156 × 225 mm type area of 22 lines × 28 characters, 3号仿宋 body,
headings 一、黑体 / （一）楷体 / 1.（1）仿宋, a 2号小标宋 title, the red 纪要标志, the 出席/请假/列席
lines of §10.3 and page numbers "— 1 —" in 4号宋体, right on odd pages and left on even ones.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from speechkit.deliver import write_atomic
from speechkit.deliver.minutes.content import (
    NO_TASKS,
    Block,
    Minutes,
    MinutesMeta,
    annex_rows,
    compose_minutes,
    gb_marker,
    task_line,
)
from speechkit.deliver.minutes.gbt9704 import (
    BODY_PT,
    BOTTOM_MM,
    CHAR_SPACE,
    CHAR_SPACING_TWENTIETHS,
    FANGSONG,
    FONT_FALLBACKS,
    FOOTER_DISTANCE_MM,
    HEADING_FONTS,
    HEITI,
    LATIN_FONT,
    LEFT_MM,
    LINE_PITCH_PT,
    LINE_PITCH_TWIPS,
    MM_PER_PT,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_PT,
    PAGE_WIDTH_MM,
    RED,
    RIGHT_MM,
    SIZE_2HAO,
    SIZE_4HAO,
    SIZE_XIAOCHU,
    SONGTI,
    TITLE_PT,
    TOP_MM,
    TWIPS_PER_MM,
    TYPE_WIDTH_MM,
    XIAOBIAOSONG,
)
from speechkit.document import Result, Task

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.shared import Length
    from docx.styles.style import BaseStyle, ParagraphStyle
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run


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
    """Opening, the numbered sections, 会议议定事项, the 附件 note, the attendance and 分送 lines.

    The last 议定事项 keeps with the lines after it, so that no page holds only the 附件 note or the
    出席 lines (issue 16: a rendered page held nothing else).
    """
    doc.add_paragraph(minutes.opening)
    for section in minutes.sections:
        add_section(doc, section)
    if minutes.tasks:
        for i, task in enumerate(minutes.tasks, 1):
            last = add_section(doc, Block(2, gb_marker(2, i), "", task_line(task)))
    else:
        last = doc.add_paragraph(NO_TASKS)
    trailer = [last]
    if minutes.annex:
        trailer += [_plain_paragraph(doc), doc.add_paragraph("附件：会议议定事项清单")]
    for lines in (minutes.attendance, minutes.distribution):  # 主送 / 分送 are set like the attendance lines
        if lines:
            trailer.append(_plain_paragraph(doc))
        trailer += [_add_attendance_line(doc, label, names) for label, names in lines]
    for paragraph in trailer:
        paragraph.paragraph_format.keep_together = True  # a long 分送 line does not leave its tail alone
    for paragraph in trailer[:-1]:
        paragraph.paragraph_format.keep_with_next = True


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


def _add_attendance_line(doc: DocxDocument, label: str, names: str) -> Paragraph:
    """§10.3: "出席：" in 黑体, the names in 仿宋, wrapped lines aligned after the colon."""
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    lead = Pt(BODY_PT * 2)
    hang = Pt(BODY_PT * (len(label) + 1))
    paragraph.paragraph_format.left_indent = lead + hang
    set_first_line_indent(paragraph, Pt(-BODY_PT * (len(label) + 1)))
    set_fonts(paragraph.add_run(f"{label}："), HEITI, BODY_PT)
    set_fonts(paragraph.add_run(names), FANGSONG, BODY_PT)
    return paragraph


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
    for i, row in enumerate(annex_rows(tasks), 1):
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
