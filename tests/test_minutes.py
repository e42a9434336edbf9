"""会议纪要 .docx: GB/T 9704-2012 page, grid, fonts and content; a LibreOffice render (slow)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from speechkit.cli import main
from speechkit.deliver.minutes import (
    NO_TASKS,
    MinutesMeta,
    chinese_numeral,
    compose_minutes,
    fullwidth_punctuation,
    gb_marker,
    minutes_markdown,
    task_line,
    title_lines,
    write_minutes,
)
from speechkit.deliver.outline import to_json
from speechkit.document import Heading, Result, Speech, Task
from speechkit.structure.facts import find_facts

ROOT = Path(__file__).resolve().parent.parent
FONTS_CONF = ROOT / "docs" / "fonts.conf"
EMU_PER_MM = 36000
TOLERANCE_EMU = EMU_PER_MM // 10  # python-docx stores lengths in twips: 0.1 mm is plenty


def make_speech() -> Speech:
    """A small meeting speech with all four heading levels and three action items."""
    parts = [
        "同志们：今天召开全市安全生产工作会议。",
        "一、今年以来的安全生产形势",
        "全市安全生产形势总体平稳,事故起数和死亡人数同比双下降。但隐患仍然不少。",
        "(一)重点行业领域风险依然突出。",
        "1.道路交通方面",
        "(1)货车超载问题反复出现。",
        "二、下一步重点工作",
        "(一)压实企业主体责任。各企业要落实全员安全生产责任制。",
        "三、加强组织领导",
        "市应急管理局要在10月15日前制定专项整治方案,市交通运输局、市公安局配合。",
    ]
    text = "\n".join(parts)
    levels = {1: 1, 3: 2, 4: 3, 5: 4, 6: 1, 7: 2, 8: 1}
    markers = {1: "一、", 3: "(一)", 4: "1.", 5: "(1)", 6: "二、", 7: "(一)", 8: "三、"}
    headings = []
    for index, level in levels.items():
        line = parts[index]
        marker = markers[index]
        body = line[len(marker) :]
        heading_text = body.split("。")[0].rstrip("。")
        headings.append(Heading(level, marker, heading_text, text.index(line), paragraph=line))
    tasks = (
        Task(
            quote="市应急管理局要在10月15日前制定专项整治方案",
            owner="市应急管理局",
            deadline="10月15日前",
            deadline_iso=date(2026, 10, 15),
            lead="市应急管理局",
            cooperating=("市交通运输局", "市公安局"),
        ),
        Task(quote="各企业要落实全员安全生产责任制", owner="各企业", deadline=None),
        Task(quote="每月25日前报送整治进展", owner="各县区", deadline=None, recurrence="每月"),
    )
    return Speech(
        text=text,
        title="在全市安全生产工作会议上的讲话",
        speaker="王明",
        speaker_role="副市长",
        meeting="全市安全生产工作会议",
        meeting_date=date(2026, 3, 3),
        headings=tuple(headings),
        tasks=tasks,
    )


META = MinutesMeta(
    org="某市人民政府办公室",
    number="3",
    chair="副市长王明",
    place="市政府第一会议室",
    attendees=("市应急管理局", "市交通运输局", "各县（市、区）政府"),
    absent=("李四（出差）",),
    observers=("市委办公室",),
)


@pytest.fixture(scope="module")
def result() -> Result:
    return Result(source=Path("safety.txt"), speeches=(make_speech(),))


@pytest.fixture(scope="module")
def docx_path(tmp_path_factory: pytest.TempPathFactory, result: Result) -> Path:
    return write_minutes(result, tmp_path_factory.mktemp("minutes") / "safety.docx", META)


@pytest.fixture(scope="module")
def doc(docx_path: Path):
    return open_docx(str(docx_path))


def east_asia(element) -> str | None:
    """The w:eastAsia font of a run or style element, if it sets one."""
    r_pr = element.find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts")) if r_pr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def run_font(run, paragraph) -> tuple[str | None, float | None]:
    """A run's effective East Asian font and size: its own, else its paragraph style's (and bases)."""
    font, size = east_asia(run._r), run.font.size
    style = paragraph.style
    while style is not None and (font is None or size is None):
        font = font or east_asia(style.element)
        size = size or style.font.size
        style = style.base_style
    return font, size.pt if size is not None else None


def paragraphs_with_style(doc, name: str) -> list:
    return [p for p in doc.paragraphs if p.style.name == name]


def test_minutes_page_is_a4_with_gb_margins(doc) -> None:
    section = doc.sections[0]
    for actual, mm in (
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.left_margin, 28),
        (section.right_margin, 26),
        (section.bottom_margin, 35),
    ):
        assert abs(actual - Mm(mm)) <= TOLERANCE_EMU, (actual / EMU_PER_MM, mm)
    type_width = section.page_width - section.left_margin - section.right_margin
    type_height = section.page_height - section.top_margin - section.bottom_margin
    assert abs(type_width - Mm(156)) <= TOLERANCE_EMU
    assert abs(type_height - Mm(225)) <= TOLERANCE_EMU


def test_minutes_document_grid_is_22_lines_of_28_chars(doc) -> None:
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    line_pitch = int(grid.get(qn("w:linePitch")))
    type_height_twips = 225 / 25.4 * 1440
    assert line_pitch * 22 <= type_height_twips < line_pitch * 23
    assert line_pitch == 579
    # w:charSpace is in 1/4096 pt, relative to the 16 pt default size.
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert char_pitch * 28 == pytest.approx(156 / 25.4 * 72, abs=0.1)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "32"


def test_minutes_body_is_3hao_fangsong_on_the_line_pitch(doc) -> None:
    normal = doc.styles["Normal"]
    assert east_asia(normal.element) == "仿宋_GB2312"
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(16)
    fmt = normal.paragraph_format
    assert fmt.line_spacing == Pt(579 / 20)
    assert fmt.first_line_indent == Pt(32)
    # 28 condensed characters fit the 156 mm line (see CHAR_SPACING_TWENTIETHS).
    spacing = int(normal.element.find(f"{qn('w:rPr')}/{qn('w:spacing')}").get(qn("w:val")))
    assert 28 * (16 + spacing / 20) <= 156 / 25.4 * 72 < 29 * (16 + spacing / 20)


@pytest.mark.parametrize(
    ("level", "font", "first_heading"),
    [
        (1, "黑体", "一、今年以来的安全生产形势"),
        (2, "楷体_GB2312", "（一）重点行业领域风险依然突出。"),
        (3, "仿宋_GB2312", "1.道路交通方面"),
        (4, "仿宋_GB2312", "（1）货车超载问题反复出现。"),
    ],
)
def test_minutes_heading_font_per_level(doc, level: int, font: str, first_heading: str) -> None:
    paragraphs = paragraphs_with_style(doc, f"纪要标题{level}")
    assert paragraphs, f"no level-{level} heading"
    first = paragraphs[0]
    assert first.runs[0].text == first_heading
    assert run_font(first.runs[0], first) == (font, 16.0)
    assert doc.styles[f"纪要标题{level}"].font.size == Pt(16)


def test_minutes_heading_text_after_the_heading_is_fangsong(doc) -> None:
    (paragraph,) = [p for p in paragraphs_with_style(doc, "纪要标题2") if p.text.startswith("（一）压实")]
    assert [r.text for r in paragraph.runs] == ["（一）压实企业主体责任。", "各企业要落实全员安全生产责任制。"]
    assert run_font(paragraph.runs[0], paragraph)[0] == "楷体_GB2312"
    assert run_font(paragraph.runs[1], paragraph)[0] == "仿宋_GB2312"


def test_minutes_level1_heading_stands_alone_with_its_gist_below(doc) -> None:
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("一、今年以来的安全生产形势")
    assert texts[at + 1] == "全市安全生产形势总体平稳，事故起数和死亡人数同比双下降。但隐患仍然不少。"


def test_minutes_title_is_2hao_xiaobiaosong_and_mark_is_red(doc) -> None:
    texts = [p.text for p in doc.paragraphs]
    mark = doc.paragraphs[texts.index("全市安全生产工作会议纪要")]
    assert mark.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asia(mark.runs[0]._r) == "方正小标宋简体"
    assert str(mark.runs[0].font.color.rgb) == "FF0000"
    assert 22 <= mark.runs[0].font.size.pt <= 36
    title = doc.paragraphs[texts.index("在全市安全生产工作会议上的讲话")]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert run_font(title.runs[0], title) == ("方正小标宋简体", 22.0)
    order = [texts.index(t) for t in ("全市安全生产工作会议纪要", "（第3号）", "在全市安全生产工作会议上的讲话")]
    assert order == sorted(order)
    assert "某市人民政府办公室\t2026年3月3日" in texts


def test_minutes_page_numbers_alternate_sides_in_songti(doc) -> None:
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    odd_even = ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
    for footer, align in odd_even:
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == align
        assert paragraph.text == "— 1 —"  # the PAGE field's cached value between 一字线 dashes
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert xml.count("w:fldCharType") == 3
        for run in paragraph.runs:
            assert east_asia(run._r) == "宋体" and run.font.name == "宋体" and run.font.size == Pt(14)


def test_minutes_fonts_are_declared_with_fallbacks(docx_path: Path) -> None:
    import zipfile

    font_table = zipfile.ZipFile(docx_path).read("word/fontTable.xml").decode("utf-8")
    for name, alt in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体"), ("黑体", "SimHei")):
        assert f'w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>' in font_table


def test_minutes_properties_are_in_schema_order(doc) -> None:
    """Word rejects a file whose w:pPr / w:rPr children are out of the schema's order."""
    from speechkit.deliver.minutes import PPR_ORDER, RPR_ORDER

    section = doc.sections[0]
    parts = [doc.element, doc.styles.element, section.footer._element, section.even_page_footer._element]
    checked = 0
    for part in parts:
        for tag, order in (("w:pPr", PPR_ORDER), ("w:rPr", RPR_ORDER)):
            for properties in part.iter(qn(tag)):
                names = [c.tag.split("}")[1] for c in properties if c.tag.split("}")[1] in order]
                assert names == sorted(names, key=order.index), names
                checked += 1
    assert checked > 50


def test_minutes_agreed_items_name_owner_and_deadline(doc) -> None:
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("四、会议议定事项")
    assert texts[at + 1] == (
        "（一）市应急管理局：在10月15日前制定专项整治方案；"
        "配合单位：市交通运输局、市公安局；完成时限：10月15日前（2026年10月15日）。"
    )
    assert texts[at + 2] == "（二）各企业：落实全员安全生产责任制。"
    assert texts[at + 3] == "（三）各县区：每月25日前报送整治进展；频次：每月。"
    assert "附件：会议议定事项清单" in texts


def test_minutes_annex_is_a_word_table_of_the_tasks(doc) -> None:
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["序号", "议定事项", "责任单位", "配合单位", "完成时限"]
    assert len(table.rows) == 1 + 3
    assert [c.text for c in table.rows[1].cells] == [
        "1",
        "市应急管理局要在10月15日前制定专项整治方案",
        "市应急管理局",
        "市交通运输局、市公安局",
        "10月15日前（2026年10月15日）",
    ]
    widths = [c.width for c in table.rows[0].cells]
    assert abs(sum(widths) - Mm(156)) <= TOLERANCE_EMU


def test_minutes_attendance_lines_follow_gb_10_3(doc) -> None:
    lines = [p for p in doc.paragraphs if p.text[:3] in ("出席：", "请假：", "列席：")]
    assert [p.text for p in lines] == [
        "出席：市应急管理局、市交通运输局、各县（市、区）政府",
        "请假：李四（出差）",
        "列席：市委办公室",
    ]
    for paragraph in lines:
        assert run_font(paragraph.runs[0], paragraph)[0] == "黑体"
        assert run_font(paragraph.runs[1], paragraph)[0] == "仿宋_GB2312"
        # wrapped lines align after the colon: hanging indent of label + colon
        assert paragraph.paragraph_format.first_line_indent == -Pt(48)
        assert paragraph.paragraph_format.left_indent == Pt(32 + 48)


def test_minutes_opening_names_date_place_chair_and_speaker(result: Result) -> None:
    minutes = compose_minutes(result, MinutesMeta(chair="市长张三", place="市政府第一会议室"))
    assert minutes.opening == (
        "2026年3月3日，市长张三在市政府第一会议室主持召开全市安全生产工作会议。"
        "副市长王明在会上讲话。现将会议主要精神和议定事项纪要如下。"
    )


def test_minutes_without_tasks_says_so_and_has_no_annex(tmp_path: Path) -> None:
    speech = Speech(text="一、总体情况\n情况良好。", headings=(Heading(1, "一、", "总体情况", 0, "一、总体情况"),))
    path = write_minutes(Result(Path("x.txt"), (speech,)), tmp_path / "x.docx")
    doc = open_docx(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert texts[texts.index("二、会议议定事项") + 1] == NO_TASKS
    assert not doc.tables
    assert "会议纪要" in texts  # no meeting name, no org: the bare mark
    assert [p.name for p in tmp_path.iterdir()] == ["x.docx"]  # no temp file left behind


TYPED_MINUTES = """〔2011〕80号
永康市人民政府办公室 二○一一年十月十七日
时间:2011年10月10日下午
地点:市机关会议中心8210会议室
主持人:***
参会人:***   李永辉    樊波平
张小兵   陈平
10月10日下午,市政府召开市长办公会议。现将会议主要内容纪要如下:
会议听取了市府办关于中坚公司项目供地的建议汇报。会议明确:同意在经济开发区供地120亩。
会议审议通过了2011年度4-6月份政府采购项目。
参加此次会议的有:(1)市领导:徐华水、陈美蓉;(2)部门:财政局、国土局"""


def test_minutes_from_typed_up_minutes_without_headings() -> None:
    speech = find_facts(Speech(text=TYPED_MINUTES, title="〔2011〕80号", meeting="市长办公会议"))
    minutes = compose_minutes(Result(Path("d.txt"), (speech,)), MinutesMeta(observers=("市委办",)))
    assert (minutes.number, minutes.title) == ("〔2011〕80号", None)
    assert minutes.opening == "10月10日下午，市政府召开市长办公会议。现将会议主要内容纪要如下。"
    assert [b.body for b in minutes.sections if b.level == 0] == [
        "会议听取了市府办关于中坚公司项目供地的建议汇报。会议明确：同意在经济开发区供地120亩。",
        "会议审议通过了2011年度4-6月份政府采购项目。",
    ]
    # labelled lines fill what the user did not give; the first 参会/参加 list wins, with the line it
    # runs on to (issue 16: 3 of 6 names were kept); *** is no name
    assert minutes.attendance == (("出席", "李永辉、樊波平、张小兵、陈平"), ("列席", "市委办"))
    assert compose_minutes(Result(Path("d.txt"), (speech,)), MinutesMeta(place="X")).opening == minutes.opening
    titled = replace(speech, title="疫情防控第二次会议纪要")
    assert compose_minutes(Result(Path("d.txt"), (titled,))).title is None  # the mark already says it


def test_minutes_several_speeches_become_level1_sections() -> None:
    one = Speech(text="", speaker="张三", speaker_role="市长", headings=(Heading(1, "一是", "抓落实", 0),))
    two = Speech(text="", title="总结讲话", headings=(Heading(1, "第一", "讲成绩", 0), Heading(2, "首先", "看数据", 0)))
    minutes = compose_minutes(Result(Path("x.txt"), (one, two)))
    assert [(s.level, s.marker + s.heading) for s in minutes.sections] == [
        (1, "一、市长张三讲话"),
        (2, "（一）抓落实"),
        (1, "二、总结讲话"),
        (2, "（一）讲成绩"),
        (3, "1.看数据"),
        (1, "三、会议议定事项"),
    ]


def test_minutes_title_lines_break_between_words() -> None:
    assert title_lines("当好参谋助手做好后勤保障充分发挥办公室职能作用", 20) == [
        "当好参谋助手做好后勤保障",
        "充分发挥办公室职能作用",
    ]
    assert title_lines("在全市安全生产工作会议上的讲话", 20) == ["在全市安全生产工作会议上的讲话"]


@pytest.mark.parametrize(
    ("level", "n", "marker"),
    [
        (1, 1, "一、"),
        (1, 12, "十二、"),
        (2, 3, "（三）"),
        (3, 2, "2."),
        (4, 5, "（5）"),
        (5, 1, "①"),
    ],
)
def test_minutes_gb_marker(level: int, n: int, marker: str) -> None:
    assert gb_marker(level, n) == marker


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三")])
def test_minutes_chinese_numeral(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("加强信息工作,参谋助手作用", "加强信息工作，参谋助手作用"),
        ("(一)要求:按时完成;", "（一）要求：按时完成；"),
        ("投资1,000万元,增长3.5%", "投资1,000万元，增长3.5%"),
        ("plain ASCII (kept), as is", "plain ASCII (kept), as is"),
    ],
)
def test_minutes_fullwidth_punctuation(raw: str, expected: str) -> None:
    assert fullwidth_punctuation(raw) == expected


def test_minutes_markdown_has_the_same_content(result: Result) -> None:
    text = minutes_markdown(result, META)
    assert text.startswith("# 全市安全生产工作会议纪要\n")
    for part in ("（第3号）", "## 在全市安全生产工作会议上的讲话", "### 一、今年以来的安全生产形势"):
        assert part in text
    assert "**出席**：市应急管理局" in text
    assert "| 1 | 市应急管理局要在10月15日前制定专项整治方案 | 市应急管理局 |" in text


def test_minutes_sample_000_through_the_pipeline(samples_dir: Path, tmp_path: Path) -> None:
    from speechkit.pipeline import process_file

    result = process_file(samples_dir / "000_ccfca2a2b2a83bab.txt")
    doc = open_docx(str(write_minutes(result, tmp_path / "000.docx")))
    level1 = [p.text for p in paragraphs_with_style(doc, "纪要标题1")]
    expected = [h.text for s in result.speeches for h in s.headings if h.level == 1]
    assert len(level1) == len(expected) + 1 and level1[-1].endswith("会议议定事项")
    assert level1[0] == "一、" + fullwidth_punctuation(expected[0])


def test_minutes_cli_reads_speechkit_json(tmp_path: Path, result: Result, capsys: pytest.CaptureFixture) -> None:
    source = tmp_path / "safety.json"
    source.write_text(to_json(result), encoding="utf-8")
    out = tmp_path / "out.docx"
    with pytest.raises(SystemExit) as exit_info:
        main(["minutes", str(source), "-o", str(out), "--org", "某局", "--attendees", "甲，乙", "--attendees", "丙"])
    assert exit_info.value.code in (0, None)
    texts = [p.text for p in open_docx(str(out)).paragraphs]
    assert "全市安全生产工作会议纪要" in texts and "出席：甲、乙、丙" in texts
    assert capsys.readouterr().err.strip().splitlines() == [
        "speechkit: warning: 2 of 3 议定事项 have no dated deadline: （二）各企业（无时限）；（三）各县区（无时限）",
        f"wrote {out}",
    ]


@pytest.mark.parametrize("fmt", [[], ["--md"]])
def test_minutes_cli_writes_into_a_folder_given_as_out(tmp_path: Path, result: Result, fmt: list[str]) -> None:
    """A clerk passes the same -o folder as to outline: the minutes go in it under their usual name."""
    source = tmp_path / "safety.json"
    source.write_text(to_json(result), encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(SystemExit) as exit_info:
        main(["minutes", str(source), "-o", str(folder), *fmt])
    assert exit_info.value.code in (0, None)
    written = folder / ("safety.minutes.md" if fmt else "safety.minutes.docx")
    assert [p.name for p in folder.iterdir()] == [written.name]
    assert "全市安全生产工作会议纪要" in (
        written.read_text(encoding="utf-8") if fmt else "\n".join(p.text for p in open_docx(str(written)).paragraphs)
    )


def test_minutes_cli_writes_markdown(tmp_path: Path, result: Result) -> None:
    source = tmp_path / "safety.json"
    source.write_text(to_json(result), encoding="utf-8")
    out = tmp_path / "safety.md"
    with pytest.raises(SystemExit) as exit_info:
        main(["minutes", str(source), "-o", str(out), "--date", "2026-03-05"])
    assert exit_info.value.code in (0, None)
    assert "2026年3月5日" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--date", "3/5"], 2, "speechkit: error: --date: '3/5' is not a date of the form YYYY-MM-DD or 2026年3月3日"),
        ([], 1, "speechkit: error: {missing}: no such file"),
        (["--md", "-o", "x.docx"], 2, "speechkit: error: --md writes Markdown: give -o a .md name, not x.docx"),
    ],
)
def test_minutes_cli_errors_are_one_line(tmp_path: Path, capsys, args: list[str], code: int, message: str) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(SystemExit) as exit_info:
        main(["minutes", str(missing), *args])
    assert exit_info.value.code == code
    assert capsys.readouterr().err.strip() == message.format(missing=missing)


def test_minutes_cli_rejects_a_json_that_is_not_speechkits(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"rows": []}), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["minutes", str(bad)])
    assert exit_info.value.code == 1
    message = 'not a speechkit outline JSON file (no "speeches" list)'
    assert capsys.readouterr().err.strip() == f"speechkit: error: {bad}: {message}"


# ---------------------------------------------------------------- LibreOffice render


def render_pdf(docx: Path, out_dir: Path) -> Path:
    """docx → PDF with LibreOffice, the standard's fonts mapped by docs/fonts.conf."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is not installed: .ci/setup installs libreoffice-writer-nogui")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    profile = (out_dir / "lo-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir"]
    subprocess.run([*command, str(out_dir), str(docx)], env=env, check=True, capture_output=True, timeout=180)
    return out_dir / f"{docx.stem}.pdf"


def read_ppm(path: Path) -> tuple[int, int, bytes]:
    """A binary PPM (P6) as width, height and RGB bytes (pdftoppm's default output)."""
    data = path.read_bytes()
    fields, at = [], 0
    while len(fields) < 4:
        while data[at : at + 1].isspace():
            at += 1
        end = at
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    assert fields[0] == b"P6" and fields[3] == b"255"
    return int(fields[1]), int(fields[2]), data[at + 1 :]


@pytest.mark.slow
def test_minutes_render_first_page_with_libreoffice(docx_path: Path, tmp_path: Path) -> None:
    pdf = render_pdf(docx_path, tmp_path)
    subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    width, height, rgb = read_ppm(next(tmp_path.glob("page*.ppm")))
    assert width / height == pytest.approx(210 / 297, abs=0.01)  # A4 portrait
    pixels = [rgb[i : i + 3] for i in range(0, len(rgb), 3)]
    ink = sum(1 for r, g, b in pixels if r + g + b < 384)
    red = sum(1 for r, g, b in pixels if r > 180 and g < 90 and b < 90)
    assert ink > 0.01 * len(pixels), "the first page is blank"
    assert red > 100, "no red 纪要 mark or rule on the first page"
    first_red_row = next(i // width for i, (r, g, b) in enumerate(pixels) if r > 180 and g < 90 and b < 90)
    mark_top_mm = first_red_row / height * 297 - 37
    assert mark_top_mm == pytest.approx(35, abs=1.5), "§10.3: the mark's top 35 mm below the type area"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = "".join(text.split())
    order = ["全市安全生产工作会议纪要", "在全市安全生产工作会议上的讲话", "一、今年以来的安全生产形势"]
    order += ["二、下一步重点工作", "三、加强组织领导", "四、会议议定事项", "出席：", "附件会议议定事项清单"]
    positions = [flat.find(part) for part in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)
    first_page = "".join(text.split("\f")[0].split())
    assert first_page.startswith("全市安全生产工作会议纪要")
    assert "— 1 —" in text or "—1—" in first_page
    pages = text.count("\f")
    assert "—2—" in "".join(text.split("\f")[1].split()) if pages > 1 else True


def test_minutes_agreed_items_leave_out_bare_approvals_and_keep_every_date() -> None:
    tasks = (
        Task(quote="会议原则同意该意见", owner="市发改委", deadline=None),
        Task(quote="市住建局要7月中旬前进场施工，11月底初具规模", owner="市住建局", deadline="7月中旬前",
             deadline_iso=date(2026, 7, 20)),
        Task(quote="各县区要做好事件发生后2小时内的报告工作", owner="各县区", deadline="事件发生后2小时内"),
    )  # fmt: skip
    minutes = compose_minutes(Result(Path("m.txt"), (Speech(text="", tasks=tasks),)))
    assert [task_line(t) for t in minutes.tasks] == [
        "市住建局：7月中旬前进场施工，11月底初具规模；完成时限：7月中旬前（2026年7月20日）、11月底。",
        "各县区：做好事件发生后2小时内的报告工作；完成时限：事件发生后2小时内。",
    ]
    assert minutes.warnings == ("1 of 2 议定事项 have no dated deadline: （二）各县区（事件发生后2小时内）",)
    assert minutes.distribution == (("分送", "市住建局、各县区。"),)


def test_minutes_from_outline_json_keep_the_points_and_the_chair(tmp_path: Path) -> None:
    text = (
        "3月3日，区长李朝锋在区政府三楼会议室主持召开重点项目推进会。区领导魏少峰、申健民出席。\n"
        "一、加快项目建设\n各街道要在3月底前完成征迁，确保项目按期开工。\n"
        "二、强化要素保障\n区财政局要足额保障资金。"
    )
    source = tmp_path / "meeting.txt"
    source.write_text(text, encoding="utf-8")
    from speechkit.deliver.outline import read_result_json
    from speechkit.pipeline import process_file

    result = read_result_json_via(tmp_path, process_file(source), read_result_json)
    speech = result.speeches[0]
    assert (speech.chair, speech.place) == ("区长李朝锋", "区政府三楼会议室")
    assert speech.attendees == ("区领导魏少峰、申健民",)
    markdown = minutes_markdown(result)
    assert "各街道要在3月底前完成征迁，确保项目按期开工。" in markdown  # the section is not an empty heading
    assert "李朝锋在会上讲话" not in markdown and "区长李朝锋在区政府三楼会议室主持召开" in markdown


def read_result_json_via(folder: Path, result: Result, read) -> Result:
    path = folder / "meeting.json"
    path.write_text(to_json(result), encoding="utf-8")
    return read(path)
