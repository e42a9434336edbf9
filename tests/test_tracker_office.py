"""A month of a supervision office (issue 15), through the CLI, on SQLite and PostgreSQL: import two meetings,
fix owners, add a 批示, extend, report, close with a note, reopen, bring in the old Excel 台账, export the
register and the 通知单, render them with LibreOffice and check them on paper; the history tells the story."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from test_tracker import outline, task
from test_tracker_e2e import run

from speechkit.deliver.ledger import COLUMNS, HEADERS

ROOT = Path(__file__).resolve().parent.parent
FONTS_CONF = ROOT / "docs" / "fonts.conf"
TODAY = "2026-11-30"

# fmt: off
MEETING_8 = outline([
    task("县财政局、县发改委要于11月20日前完成年度预算调整方案", "县财政局、县发改委", "2026-11-20",
         deadline="11月20日前"),
    task("县住建局牵头，县自然资源局配合，年底前完成城区老旧小区改造，每月25日前报送进展", "县住建局", "2026-12-31",
         deadline="年底前", lead="县住建局", cooperating=["县自然资源局"]),
    task("县教育局要在12月10日前完成全县中小学校园安全隐患排查整治", "县教育局", "2026-12-10",
         deadline="12月10日前", person="张明"),
], source="cw08.txt", meeting="县政府第八次常务会议")
MEETING_9 = outline([
    task("由县民政局负责，12月15日前完成困难群众冬季救助物资发放", "由县民政局", "2026-12-15",
         deadline="12月15日前"),
    task("每个乡镇要在12月5日前完成森林防火隐患排查并报县应急管理局", "每个乡镇", "2026-12-05",
         deadline="12月5日前", cooperating=["县应急管理局"]),
    task("巷要在年底前完成背街小巷路灯修复", "巷", "2026-12-31", deadline="年底前"),
], source="cw09.txt", meeting="县政府第九次常务会议")
# fmt: on
UNITS = """# 县政府督查室 单位名录（别名以“=”后列出）
县财政局
县发展和改革委员会 = 县发改委
县住房和城乡建设局 = 县住建局、住建局
县自然资源局
县教育局
县民政局
县应急管理局
县城市管理局 = 县城管局
各乡镇
"""
OLD_REGISTER_ROWS = [  # the office's own Excel 台账, kept before speechkit: its own columns and numbering
    (
        "督-2026-031",
        "推进县城区停车场建设，年底前新增公共停车泊位500个",
        "县住建局",
        "李副县长",
        "2026年12月31日",
        "已完成选址3处，正在施工",
        "正在办理",
    ),
    ("督-2026-032", "完成农村公路养护年度任务并通过市级验收", "县交通运输局", "王副县长", "2026-11-15", "", "正在办理"),
    (
        "督-2026-033",
        "落实城乡居民医保参保扩面，参保率不低于95%",
        "县医保局",
        "赵副县长",
        "2026-10-31",
        "参保率96.2%，已完成",
        "已办结",
    ),
]


def write_old_register(path: Path) -> Path:
    """An office's register as Excel: a title row, then 序号/工作任务/责任单位/责任领导/完成时限/工作进度/状态."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2026年县政府重点工作督办台账"])
    sheet.append(["序号", "工作任务", "责任单位", "责任领导", "完成时限", "工作进度", "状态"])
    for row in OLD_REGISTER_ROWS:
        sheet.append(list(row))
    book.save(path)
    return path


def render(path: Path, out: Path) -> Path:
    """xlsx/docx → PDF with LibreOffice, 仿宋/黑体 mapped by docs/fonts.conf (as a Linux office would)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is not installed: .ci/setup installs libreoffice-calc-nogui and -writer-nogui")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    command = [soffice, f"-env:UserInstallation={(out / 'lo-profile').as_uri()}", "--headless", "--convert-to", "pdf"]
    subprocess.run([*command, "--outdir", str(out), str(path)], env=env, check=True, capture_output=True, timeout=240)
    pdf = out / f"{path.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {path.name}"
    return pdf


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    """Each page's size in points (pdfinfo)."""
    info = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], check=True, capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, its words as (xMin, yMin, xMax, yMax, text) (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([
            (float(a), float(b), float(c), float(d), w)
            for a, b, c, d, w in re.findall(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
            )
        ])  # fmt: skip
    return pages


def column_lines(words: list[tuple[float, float, float, float, str]], header: str) -> list[tuple[float, float, str]]:
    """The text lines inside one register column, top to bottom, located from the header words: the column
    boundaries follow from the centres of its header and its neighbour's and the widths in ``COLUMNS``."""
    widths = dict(COLUMNS)
    index = HEADERS.index(header)
    other = HEADERS[index - 1]
    centre = {w[4]: (w[0] + w[2]) / 2 for w in words if w[4] in (header, other)}
    header_y = next(w[3] for w in words if w[4] == header)
    unit = (centre[header] - centre[other]) / ((widths[header] + widths[other]) / 2)
    left, right = centre[header] - widths[header] * unit / 2, centre[header] + widths[header] * unit / 2
    inside = [w for w in words if w[1] > header_y and w[0] >= left - 1 and w[2] <= right + 1]
    return [(w[1], w[3], w[4]) for w in sorted(inside, key=lambda w: (w[1], w[0]))]


def notice_column(words: list[tuple[float, float, float, float, str]], header: str) -> list[str]:
    """The words of one 通知单 table column, top to bottom (its width from ``NOTICE_COLUMNS``, in cm)."""
    from speechkit.deliver.notices import NOTICE_COLUMNS

    head = next(w for w in words if w[4] == header)
    half = dict(NOTICE_COLUMNS)[header] / 2 * 72 / 2.54
    centre = (head[0] + head[2]) / 2
    below = next(w[1] for w in words if w[4].startswith("请抓紧办理"))  # the paragraph after the table
    inside = [w for w in words if head[3] < w[1] < below and w[0] >= centre - half and w[2] <= centre + half]
    return [w[4] for w in sorted(inside, key=lambda w: (w[1], w[0]))]


def check_register_pdf(pdf: Path, texts: list[str]) -> None:
    """A4 landscape; 仿宋/黑体 (their Noto fallbacks) embedded; on every register page the header row and
    第N页; in the 督办事项 column every item's full text, in order, lines never overlapping (no clipped or
    overflowing row)."""
    sizes = pdf_pages(pdf)
    assert sizes and all((round(w), round(h)) == (842, 595) for w, h in sizes), sizes  # A4 landscape
    fonts = pdf_fonts(pdf)
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts, fonts  # 仿宋 body, 黑体 header via docs/fonts.conf
    register_pages = [p for p in pdf_words(pdf) if any(w[4] == "来源及编号" for w in p)]
    assert register_pages
    column = []
    for n, words in enumerate(register_pages, 1):
        assert any(w[4] == "督办事项" for w in words), f"page {n} has no header row"
        footer = "".join(w[4] for w in words if w[1] > 540)
        assert f"第{n}页" in footer, footer
        lines = column_lines(words, "督办事项")
        for (_, bottom, text), (next_top, _, next_text) in itertools.pairwise(lines):
            assert next_top >= bottom - 1.0, f"page {n}: {text!r} and {next_text!r} overlap: a row is too low"
        column += [text for _, _, text in lines if text != "督办事项"]
    assert "".join(column) == "".join("".join(t.split()) for t in texts)


@pytest.mark.slow
def test_tracker_a_month_in_an_office(tracker_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", tracker_url]
    units = tmp_path / "单位名录.txt"
    units.write_text(UNITS, encoding="utf-8")
    files = []
    for data in (MEETING_8, MEETING_9):
        files.append(tmp_path / f"{data['source']}.json")
        files[-1].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def cli(*argv: str, by: str = "督查室张三") -> str:
        with_by = ["--by", by] if argv[0] in ("import", "add", "edit", "extend", "update", "close", "reopen",
                                              "units") else []  # fmt: skip
        code = run(["tracker", *argv, *db, *with_by])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        return captured.out

    def listed() -> dict[str, dict[str, Any]]:
        return {row["督办事项"]: row for row in json.loads(cli("list", "--all", "--json", "--today", TODAY))}

    # Week 1: the two meetings' 纪要 come in, before the office wrote down its list of units.
    cli("import", *map(str, files))
    items = listed()
    assert len(items) == 6
    housing = items["县住建局牵头，县自然资源局配合，年底前完成城区老旧小区改造，每月25日前报送进展"]
    assert housing["牵头单位"] == "县住建局"
    # against the list: what the extraction got wrong is flagged, what the list knows is cleaned
    checked = {row["名称"]: row for row in json.loads(cli("units", "--units", str(units), "--json"))}
    assert checked["巷"]["问题"] == "不像单位名称"
    assert checked["由县民政局"]["规范名称"] == "县民政局" and not checked["由县民政局"]["问题"]
    assert checked["每个乡镇"]["规范名称"] == "各乡镇"
    assert checked["县住建局"]["规范名称"] == "县住房和城乡建设局"
    cli("units", "--units", str(units), "--apply")
    assert listed()[housing["督办事项"]]["牵头单位"] == "县住房和城乡建设局"
    stats = json.loads(cli("stats", "--json", "--today", TODAY))
    stats = {row["名称"]: row for row in stats if row["分组"] == "按牵头单位"}
    assert "县民政局" in stats and "由县民政局" not in stats and "各乡镇" in stats
    lamps = items["巷要在年底前完成背街小巷路灯修复"]
    cli("edit", str(lamps["ID"]), "--lead", "县城管局", "--text", "年底前完成背街小巷路灯修复", "--units", str(units),
        "--reason", "纪要原文主语有误，经核实由县城管局牵头")  # fmt: skip

    # Week 2: a 领导批示 by hand, 牵头领导 recorded; a deadline extended; progress reported.
    cli("add", "--text", "12月20日前完成县城区供暖管网排查，确保群众温暖过冬", "--source", "县长批示",
        "--date", "2026-11-09", "--lead", "县住建局", "--leader", "李副县长", "--due", "2026-12-20",
        "--deadline", "12月20日前", "--units", str(units), by="督查室李四")  # fmt: skip
    heating = listed()["12月20日前完成县城区供暖管网排查，确保群众温暖过冬"]
    assert heating["牵头单位"] == "县住房和城乡建设局"
    assert (heating["牵头领导"], heating["编号"]) == ("李副县长", "县长批示第1项")
    budget = items["县财政局、县发改委要于11月20日前完成年度预算调整方案"]
    cli("extend", str(budget["ID"]), "--to", "2026-12-15", "--reason", "需待省级转移支付额度下达")
    cli("update", str(housing["ID"]), "--progress", "已完成改造12个小区", "--problems", "资金缺口300万元",
        "--next", "争取专项债", "--date", "2026-11-25")  # fmt: skip

    # Week 3: a 未启动 item cannot be closed without a note; with one it is; the leader reopens it.
    school = items["县教育局要在12月10日前完成全县中小学校园安全隐患排查整治"]
    assert run(["tracker", "close", str(school["ID"]), *db]) == 1
    assert "give the 办结 note" in capsys.readouterr().err
    cli("close", str(school["ID"]), "--note", "排查整治完成，分管领导同意销号")
    cli("reopen", str(school["ID"]), "--reason", "县长要求对寄宿制学校再次复查", by="督查室李四")

    # Week 4: the office's old Excel 台账 comes in, numbering kept; then the register and the notices go out.
    old = write_old_register(tmp_path / "原台账.xlsx")
    cli("import", str(old), "--units", str(units), "--today", TODAY)
    cli("import", str(old), "--units", str(units), "--today", TODAY)  # again: nothing new
    items = listed()
    assert len(items) == 10
    parking = items["推进县城区停车场建设，年底前新增公共停车泊位500个"]
    assert parking["编号"] == "督-2026-031" and parking["牵头单位"] == "县住房和城乡建设局"
    assert (parking["牵头领导"] or parking["责任领导"]) == "李副县长" and parking["到期日"] == "2026-12-31"
    assert "已完成选址3处" in parking["最新进展"]
    assert items["落实城乡居民医保参保扩面，参保率不低于95%"]["状态"] == "已办结"

    register, notices = tmp_path / "out" / "督办台账.xlsx", tmp_path / "out" / "通知单"
    cli("export", "--xlsx", str(register), "--notices", str(notices), "--org", "县政府督查室",
        "--contact", "县政府督查室 王芳 0917-3212345", "--today", TODAY)  # fmt: skip
    remind_dir = tmp_path / "out" / "催办"
    reminders = json.loads(cli("remind", "--within", "7d", "--today", TODAY, "--out", str(remind_dir), "--json",
                               "--org", "县政府督查室"))  # fmt: skip
    assert {r["单位"] for r in reminders} == {"县交通运输局", "各乡镇"}  # overdue; due 12-05
    assert (remind_dir / "催办单_县交通运输局.eml").is_file() and (remind_dir / "催办单_县交通运输局.txt").is_file()

    # On paper: the register, every item whole; a 通知单 in A4 with the unit's items and the contact line.
    register_items = json.loads(cli("list", "--all", "--json", "--today", TODAY))
    check_register_pdf(render(register, tmp_path / "pdf"), [row["督办事项"] for row in register_items])
    housing_notice = next(notices.glob("*县住房和城乡建设局.docx"))
    notice_pdf = render(housing_notice, tmp_path / "pdf")
    assert all((round(w), round(h)) == (595, 842) for w, h in pdf_pages(notice_pdf))  # A4 portrait
    notice = "".join(subprocess.run(["pdftotext", str(notice_pdf), "-"], capture_output=True, text=True).stdout.split())
    expected = ("催办单", "县住房和城乡建设局：", "联系人：县政府督查室王芳0917-3212345", "县政府督查室2026年11月30日")
    assert all(text in notice for text in expected), notice
    tasks = "".join(notice_column(pdf_words(notice_pdf)[0], "督办事项"))
    housing_tasks = [t for t in register_items if t["牵头单位"] == "县住房和城乡建设局" and t["状态"] != "已销号"]
    assert tasks == "".join(t["督办事项"] for t in housing_tasks)  # every open item of the unit, whole
    assert "NotoSerifCJK" in pdf_fonts(notice_pdf)

    # The history tells the story, in Chinese, with who did what.
    def history(item_id: int) -> list[tuple[str, str, str]]:
        shown = json.loads(cli("show", str(item_id), "--json", "--today", TODAY))
        return [(h["操作"], h["字段"], h["操作人"]) for h in shown["变更记录"]]

    assert [a for a, _, _ in history(school["ID"])] == ["导入", "销号", "重新打开"]
    assert ("重新打开", "状态", "督查室李四") in history(school["ID"])
    assert ("延期", "到期日", "督查室张三") in history(budget["ID"])
    assert [a for a, _, _ in history(housing["ID"])] == ["导入", "规范单位名称", "报送进展", "改状态"]
    assert ("编辑", "牵头单位", "督查室张三") in history(lamps["ID"])
    relief = items["由县民政局负责，12月15日前完成困难群众冬季救助物资发放"]
    assert ("规范单位名称", "牵头单位", "督查室张三") in history(relief["ID"])
    assert [a for a, _, _ in history(heating["ID"])] == ["新增"]
    assert [a for a, _, _ in history(parking["ID"])][:2] == ["导入台账", "报送进展"]
    shown = json.loads(cli("show", str(school["ID"]), "--json", "--today", TODAY))
    assert shown["变更记录"][1]["说明"] == "排查整治完成，分管领导同意销号"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", shown["变更记录"][0]["时间"])
    assert date.fromisoformat(shown["变更记录"][0]["时间"][:10]) <= date.today()
