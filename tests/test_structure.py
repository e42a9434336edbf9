"""split_speeches() and find_headings(): speeches, their facts, and the outline's levels."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from speechkit.clean import clean
from speechkit.document import Document
from speechkit.ingest import read
from speechkit.structure import find_headings, find_meeting_date, structure

CASES = sorted((Path(__file__).parent / "data" / "cases").glob("*.txt"))


def speeches_of(text: str):  # type: ignore[no-untyped-def]
    return structure(clean(Document(source=Path("t.txt"), text=text, kind="txt")))


def outline(text: str) -> list[tuple[int, str, str]]:
    return [(h.level, h.marker, h.text) for h in find_headings(text)]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_structure_cases(case: Path) -> None:
    """Each tests/data/cases/<name>.txt gives the speeches and headings of <name>.json."""
    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    found = speeches_of(case.read_text(encoding="utf-8"))
    got = [
        {
            "title": s.title,
            "speaker": s.speaker,
            "meeting_date": s.meeting_date.isoformat() if s.meeting_date else None,
            "headings": [{"level": h.level, "marker": h.marker, "text": h.text} for h in s.headings],
        }
        for s in found
    ]
    assert got == expected["speeches"]


def test_outline_levels_follow_first_appearance_not_a_fixed_table() -> None:
    text = "一、总体要求\n1、加强领导。\n2、压实责任。\n二、主要任务\n1、抓项目。"
    assert outline(text) == [
        (1, "一、", "总体要求"), (2, "1、", "加强领导"), (2, "2、", "压实责任"),
        (1, "二、", "主要任务"), (2, "1、", "抓项目"),
    ]


def test_outline_inline_items_sit_below_the_heading_of_their_paragraph() -> None:
    text = "(一)规范办文办会\n一要努力提高办文质量。首先,要重点突出。其次,要真实准确。\n二要提高会议质量。"
    assert outline(text) == [
        (1, "(一)", "规范办文办会"), (2, "一要", "努力提高办文质量"),
        (3, "首先,", "要重点突出"), (3, "其次,", "要真实准确"), (2, "二要", "提高会议质量"),
    ]


def test_outline_nested_yishi_inside_the_yishi_that_opens_the_paragraph() -> None:
    text = "一是强化参谋意识。办公室是参谋部,一是贴近领导;二是超前运作。\n二是强化服务意识。"
    assert [(lv, m) for lv, m, _ in outline(text)] == [(1, "一是"), (2, "一是"), (2, "二是"), (1, "二是")]


def test_outline_sibling_continues_across_yishi_and_eryao() -> None:
    text = "“三个关键点”:一是要抓牢“着力点”。二要抓准“梗阻点”。三要抓实“空白点”。"
    assert [(lv, m) for lv, m, _ in outline(text)] == [(1, "一是"), (1, "二要"), (1, "三要")]


def test_outline_heading_text_stops_at_the_first_stop_colon_or_semicolon() -> None:
    assert outline("(六)关于改制有关问题:一是职工回迁安置;二是过渡费按5元/平米。") == [
        (1, "(六)", "关于改制有关问题"), (2, "一是", "职工回迁安置"), (2, "二是", "过渡费按5元/平米"),
    ]


# fmt: off
NOT_HEADINGS = [
    "原因之一是投入不足,统一要求各地落实。",                 # 之一是, 统一要求
    "首先,我代表县委向大家表示感谢。",                       # a lone 首先 opens no enumeration
    "参加会议的有:(1)市领导:徐华水、陈美蓉、吕群勇、卢群星。",  # an attendee list (dev d03)
    "全年投资1.1亿元,增长6.2%左右。",
    "要落实“十要十不”守则。",                               # a quoted rule name
    "这是第一时间要办的事。",
]
# fmt: on


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_outline_ignores_words_that_only_look_like_markers(text: str) -> None:
    assert outline(text) == []


def test_outline_heading_offsets_point_at_the_marker(sample_files: list[Path]) -> None:
    for path in sample_files:
        for speech in structure(clean(read(path))):
            for h in speech.headings:
                assert speech.text[h.start :].startswith(h.marker), (path.name, h.marker)
                assert h.text in h.paragraph or h.text in h.paragraph.replace(" ", "")


def test_split_speech_text_and_start_are_offsets_in_the_cleaned_text(sample_files: list[Path]) -> None:
    for path in sample_files:
        doc = clean(read(path))
        for speech in structure(doc):
            assert doc.text[speech.start : speech.start + len(speech.text)] == speech.text


def test_split_a_collection_of_speeches_at_each_title_and_greeting(samples_dir: Path) -> None:
    speeches = structure(clean(read(samples_dir / "002_66bb7b3012fd0316.txt")))
    assert [s.title for s in speeches] == ["办公室工作领导讲话稿一", "办公室工作领导讲话稿二", "办公室工作领导讲话稿三"]
    assert all(s.text.rstrip().endswith("谢谢大家!") for s in speeches)


def test_split_a_forum_thread_into_posts_without_comments(samples_dir: Path) -> None:
    speeches = structure(clean(read(samples_dir / "003_742c7f89ba496aaa.txt")))
    assert [s.title for s in speeches][:2] == ["基层党委办公室应强化的十种意识", "强化十种意识做好办公室工作"]
    assert len(speeches) == 6
    assert not any("总结的都很精辟" in s.text for s in speeches)


def test_split_subtitle_names_speaker_role_and_meeting(samples_dir: Path) -> None:
    (speech,) = structure(clean(read(samples_dir / "000_ccfca2a2b2a83bab.txt")))
    assert (speech.title, speech.speaker, speech.speaker_role, speech.meeting) == (
        "当好参谋助手做好后勤保障充分发挥办公室职能作用", "范贵生", "市教育局办公室主任", "全市教育系统办公室工作会议",
    )


def test_split_report_lead_names_the_speaker() -> None:
    (speech,) = speeches_of("安乡县防指召开汛情会商会\n5月20日,安乡县防指指挥长、县长张阳主持召开了汛情会商会。")
    assert (speech.speaker, speech.speaker_role) == ("张阳", "安乡县防指指挥长、县长")


def test_split_title_glued_to_the_first_page_chunk(samples_dir: Path) -> None:
    (speech,) = structure(clean(read(samples_dir / "001_96d783c7254f03f3.txt")))
    assert speech.title == "努力发挥四大职能 不断提高办公室工作水平"


# fmt: off
MEETING_DATES = [
    # year of the page (d04)
    ("发布时间:2017-12-21 08:58 我要投稿\n12月18日晚,区长主持召开推进会。", date(2017, 12, 18)),
    # December on a January page
    ("发布时间:2018-01-05 08:58\n12月28日,县长主持召开会议。", date(2017, 12, 28)),
    ("5月20日,县长张阳主持召开了会商会。", None),  # no year anywhere (d08)
    ("时  间:***年1月27日下午17:00\n地点:会议室", None),  # masked year (d01)
    ("xx年xx月xx日,代县长主持召开了常务会议。", None),  # masked (d02)
    # under the title (d14)
    ("在督查动员会上的讲话\n县委副书记\n(2016年9月2日)\n同志们:", date(2016, 9, 2)),
    ("〔2011〕80号\n永康市人民政府办公室 二○一一年十月十七日\n10月10日下午,市政府召开办公会议。", date(2011, 10, 10)),
    ("立山区人民政府\n2023年3月28日\n(此件公开发布)", None),  # a notice's date, no meeting
    ("会议纪要\n6月10日（星期二）上午，厅党组书记主持召开党组会议。", None),  # no year: none
    ("会议纪要\n2025年6月10日（星期二）上午，厅党组书记主持召开党组会议。", date(2025, 6, 10)),
    ("会议时间：2025年6月10日（星期二）上午\n会议地点：厅三楼会议室", date(2025, 6, 10)),
    ("录制日期：2025-03-12 14:30\n发言人1 00:00:03", date(2025, 3, 12)),
    ("二〇二五年四月十日上午，市长主持召开市政府常务会议。", date(2025, 4, 10)),
    ("各区政府：\n经2025年3月18日市政府第12次常务会议研究同意，现将任务分解表印发给你们。", date(2025, 3, 18)),
    ("各乡镇：\n3月10日至12日开展专项督查。2025年3月13日，县政府召开专题会议听取汇报。", date(2025, 3, 13)),
]
# fmt: on


@pytest.mark.parametrize("text, expected", MEETING_DATES)
def test_split_meeting_date(text: str, expected: date | None) -> None:
    (speech,) = speeches_of(text)
    assert speech.meeting_date == expected


def test_find_meeting_date_without_a_document() -> None:
    assert find_meeting_date("(2025年04月17日)\n同志们:") == date(2025, 4, 17)


def test_split_collection_walks_back_over_each_speech_header() -> None:
    text = (
        "讲话两篇\n本文共2篇，仅供参考。\n篇一：在全县防汛工作会议上的讲话\n副县长 李红梅\n（2023年6月1日）\n同志们：\n"
        "一、认清形势。要高度重视。\n谢谢大家！\n"
        "篇二：在全县安全生产会议上的讲话\n县长 赵文博\n同志们：\n一、压实责任。"
    )
    speeches = speeches_of(text)
    assert [(s.title, s.speaker, s.speaker_role, s.meeting_date) for s in speeches] == [
        ("在全县防汛工作会议上的讲话", "李红梅", "副县长", date(2023, 6, 1)),
        ("在全县安全生产会议上的讲话", "赵文博", "县长", None),
    ]


def test_split_red_header_document_takes_the_named_title() -> None:
    text = "华泰集团\n专题会议纪要\n〔2023〕第17期\n关于资金管控专题会议纪要\n8月22日，总经理刘志远主持召开专题会议。"
    (speech,) = speeches_of(text)
    assert (speech.title, speech.speaker) == ("关于资金管控专题会议纪要", "刘志远")


def test_split_transcript_header_names_speaker_and_date() -> None:
    text = "市城管局防汛部署会（录音转写稿）\n转写时间：2024年6月4日 09:32\n主讲：王志刚（市城管局局长）\n好 我们开会"
    (speech,) = speeches_of(text)
    assert (speech.title, speech.speaker, speech.speaker_role, speech.meeting_date) == (
        "市城管局防汛部署会", "王志刚", "市城管局局长", date(2024, 6, 4),
    )


def test_split_date_after_an_editor_note_takes_the_page_year() -> None:
    text = "周建平在全市大会上的讲话\n发布时间：2024-05-10 09:30\n编者按：5月8日，市长周建平出席会议并讲话。\n同志们："
    (speech,) = speeches_of(text)
    assert (speech.speaker, speech.speaker_role, speech.meeting_date) == ("周建平", "市长", date(2024, 5, 8))


def test_outline_heading_glued_to_its_body_on_a_flattened_page() -> None:
    body = "办公室要加强协调。办公室要做好服务。办公室要抓好落实。"
    text = (
        f"导语。{body}一、“综合协调”要谋全局办公室处在沟通上下的枢纽位置,肩负重任。"
        f"{body}二、“督办督查”要重实效“会议精神不落实=零”。"
    )
    assert [(lv, m, t) for lv, m, t in outline(text)] == [
        (1, "一、", "“综合协调”要谋全局"), (1, "二、", "“督办督查”要重实效"),
    ]


def test_outline_ascii_period_half_paren_and_qiyi() -> None:
    text = "一.总体要求\n1)加强领导。\n2)压实责任。\n二.主要任务\n其一,抓项目;其二,抓招商。"
    assert outline(text) == [
        (1, "一.", "总体要求"), (2, "1)", "加强领导"), (2, "2)", "压实责任"),
        (1, "二.", "主要任务"), (2, "其一,", "抓项目"), (2, "其二,", "抓招商"),
    ]
