"""Properties over any text (hypothesis): cleaning is idempotent and no stage raises."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechkit.clean import clean
from speechkit.document import Document
from speechkit.pipeline import process_document
from speechkit.structure import find_headings, structure

# Pieces real pages are made of: markers, chrome, jammer garbage, pinyin, dates, traditional characters.
PIECES = [
    "一、",
    "(一)",
    "（二）",
    "1.",
    "2、",
    "(1)",
    "①",
    "一是",
    "二要",
    "第一,",
    "第二",
    "首先",
    "其次",
    "最后",
    "同志们:",
    "谢谢大家!",
    "。",
    ",",
    ";",
    ":",
    "\n",
    "\n\n",
    " ",
    "\u3000",
    "\xa0",
    "“",
    "”",
    "第1页 / 共9页",
    "上传人:b****5",
    "发表于 2012-3-12 14:40:59 | 显示全部楼层",
    "发布时间:2017-12-21",
    "level 8",
    "! L9 z- `, p% v3 b/ X",
    "系統(tǒng)",
    "g=EN-US>",
    "![]()",
    "- 1 -",
    "展开阅读全文",
    "楼主",
    "12月18日晚,",
    "(2016年9月2日)",
    "***年1月27日",
    "二○一一年十月十七日",
    "——市教育局办公室主任范贵生在全市教育系统办公室工作会议上的讲话",
    "区长李朝锋主持召开推进会",
    "办公室",
    "要加强学习",
    "各乡镇要在本月底前完成",
    "辦公室工作領導講話稿",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map("".join),
)


def doc(text: str) -> Document:
    return Document(source=Path("t.txt"), text=text, kind="txt")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_properties_clean_is_idempotent(text: str) -> None:
    once = clean(doc(text)).text
    assert clean(doc(once)).text == once


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_properties_no_stage_raises_on_any_text(text: str) -> None:
    cleaned = clean(doc(text))
    for speech in structure(cleaned):
        assert cleaned.text[speech.start : speech.start + len(speech.text)] == speech.text
        for heading in speech.headings:
            assert heading.level >= 1 and speech.text[heading.start :].startswith(heading.marker)
    find_headings(text)
    process_document(doc(text))
