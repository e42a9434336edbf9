"""Correcting and completing the tracker by hand (issue 15): edit, add, split, merge, reopen, the units list,
an old 台账 brought in and a register round-tripped, an old database upgraded; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from conftest import make_schema_0001_database
from test_tracker import MINUTES, TODAY

from speechkit.deliver.outline import from_dict
from speechkit.errors import TrackerError
from speechkit.tracker import Filter, open_tracker
from speechkit.tracker.units import UnitList, junk_reason, read_units


def items_by_text(tracker: Any) -> dict[str, Any]:
    return {i.text: i for i in tracker.list_items(TODAY, Filter(include_closed=True))}


def actions(tracker: Any, item_id: int) -> list[tuple[str, str]]:
    return [(h.action, h.field) for h in tracker.history(item_id)]


def test_tracker_edit_records_each_field_and_needs_a_reason_for_a_due_date(fresh_tracker: Any) -> None:
    fresh_tracker.import_results([from_dict(MINUTES)])
    first = fresh_tracker.list_items(TODAY)[0]
    with pytest.raises(TrackerError, match="needs a reason"):
        fresh_tracker.edit(first.id, due=date(2026, 12, 1))
    fresh_tracker.edit(first.id, "会上口误，按纪要更正", date(2026, 11, 18), lead="县发改委", leader="王副县长")
    item = fresh_tracker.show(first.id, TODAY).item
    assert (item.lead, item.leader, item.due_current) == ("县发改委", "王副县长", date(2026, 11, 18))
    assert "县发改委" not in item.cooperating
    # 县发改委 leaves 配合 when it becomes 牵头
    edited = [("编辑", "牵头单位"), ("编辑", "牵头领导"), ("编辑", "配合单位"), ("编辑", "到期日")]
    assert actions(fresh_tracker, first.id)[1:] == edited
    assert fresh_tracker.history(first.id)[-1].note == "会上口误，按纪要更正"
    with pytest.raises(TrackerError, match="cannot edit status"):
        fresh_tracker.edit(first.id, status="已办结")


def test_tracker_close_needs_a_note_unless_done_and_reopen_needs_a_reason(fresh_tracker: Any) -> None:
    fresh_tracker.import_results([from_dict(MINUTES)])
    first, second = (i.id for i in fresh_tracker.list_items(TODAY)[:2])
    with pytest.raises(TrackerError, match="still 未启动: give the 办结 note"):
        fresh_tracker.close(first)
    fresh_tracker.close(first, "方案已印发，分管领导同意销号")
    fresh_tracker.update(second, status="已办结")
    fresh_tracker.close(second)  # 已办结 was reported: the 办结 is on record
    with pytest.raises(TrackerError, match="needs a reason"):
        fresh_tracker.reopen(first, " ")
    fresh_tracker.reopen(first, "县长批示要求补充配套措施")
    item = fresh_tracker.show(first, TODAY).item
    assert item.status == "推进中" and item.closing_note is None  # the 办结 note stays in the history only
    assert fresh_tracker.history(first)[1].note == "方案已印发，分管领导同意销号"
    assert [a for a, _ in actions(fresh_tracker, first)] == ["导入", "销号", "重新打开"]


def test_tracker_add_split_merge_survive_a_reimport(fresh_tracker: Any) -> None:
    fresh_tracker.import_results([from_dict(MINUTES)])
    phone = fresh_tracker.add("本周内上报冬季供暖保障方案", "电话交办", date(2026, 11, 20), lead="县住建局",
                              due=date(2026, 11, 27), person="刘科长")  # fmt: skip
    housing = next(i for t, i in items_by_text(fresh_tracker).items() if "老旧小区" in t)
    kept, part = fresh_tracker.split(housing.id, ["年底前完成老旧小区改造主体工程", "年底前完成老旧小区管网改造"])
    assert kept == housing.id
    views = items_by_text(fresh_tracker)
    assert views["年底前完成老旧小区管网改造"].lead == "县住房和城乡建设局"
    assert views["年底前完成老旧小区管网改造"].ref == "第8次常务会议第4项"
    merged = fresh_tracker.merge([phone, part], "年底前完成老旧小区管网改造并上报供暖保障方案")
    assert merged == phone
    again = fresh_tracker.import_results([from_dict(MINUTES)])  # the source knows none of this: nothing is lost
    assert (again["new"], again["gone"]) == (0, 0)
    views = items_by_text(fresh_tracker)
    assert views["年底前完成老旧小区管网改造并上报供暖保障方案"].ref == "电话交办第1项"
    assert views["年底前完成老旧小区管网改造"].status == "已销号"
    assert views["年底前完成老旧小区管网改造"].closing_note == "已并入电话交办第1项"
    assert "县住房和城乡建设局" in views["年底前完成老旧小区管网改造并上报供暖保障方案"].cooperating
    assert [a for a, _ in actions(fresh_tracker, part)] == ["拆分", "合并"]


@pytest.mark.parametrize(("name", "canonical", "problem"), [
    ("县住建局", "县住房和城乡建设局", None),
    ("由县民政局", "县民政局", None),
    ("县民政局牵头", "县民政局", None),
    ("每个乡镇", "各乡镇", None),
    ("巷", "巷", "不像单位名称"),
    ("县统计局", "县统计局", "不在单位名录"),
])  # fmt: skip
def test_tracker_units_list_aliases_and_junk(tmp_path: Path, name: str, canonical: str, problem: str | None) -> None:
    path = tmp_path / "units.txt"
    path.write_text("# 名录\n县住房和城乡建设局 = 县住建局、住建局\n县民政局\t民政局\n各乡镇\n", encoding="utf-8")
    check = read_units(path).check(name)
    assert (check.canonical, check.problem) == (canonical, problem)


def test_tracker_units_without_a_list_flag_only_junk() -> None:
    assert UnitList().check("县财政局").problem is None
    assert junk_reason("每个乡镇") == "泛指，未落到具体单位" and junk_reason("巷") == "不像单位名称"


def test_tracker_units_file_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(TrackerError, match="cannot read the list of units"):
        read_units(tmp_path / "none.txt")
    (tmp_path / "empty.txt").write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(TrackerError, match="is empty"):
        read_units(tmp_path / "empty.txt")


def test_tracker_register_round_trip(fresh_tracker: Any, tmp_path: Path) -> None:
    """Export the register, import it into an empty tracker, export again: the same 明细."""
    from speechkit.deliver.ledger import write_ledger

    fresh_tracker.import_results([from_dict(MINUTES)])
    first = fresh_tracker.list_items(TODAY)[0]
    fresh_tracker.update(first.id, progress="方案初稿已完成", problems="待财政评审", reported_on=date(2026, 11, 21))
    fresh_tracker.extend(first.id, date(2026, 12, 10), "需待上级额度下达")
    before = fresh_tracker.list_items(TODAY, Filter(include_closed=True))
    exported = write_ledger(before, tmp_path / "a.xlsx", today=TODAY)
    other = open_tracker(f"sqlite:///{tmp_path / 'other.db'}", by="tester")
    counts = other.import_register(exported, TODAY)
    assert counts["new"] == len(before)
    assert other.import_register(exported, TODAY)["new"] == 0  # idempotent
    after = other.list_items(TODAY, Filter(include_closed=True))
    kept = ("编号", "来源", "督办事项", "牵头单位", "配合单位", "责任人", "完成时限", "到期日", "原定到期日",
            "延期理由", "状态", "最新进展", "原文依据")  # fmt: skip
    assert [{k: i.as_dict()[k] for k in kept} for i in after] == [{k: i.as_dict()[k] for k in kept} for i in before]
    other.dispose()


def test_tracker_register_csv_of_another_office(fresh_tracker: Any, tmp_path: Path) -> None:
    """A GB18030 CSV with its own headers (工作任务/承办单位/办理时限/落实情况) and numbers 1, 2, 3."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["序号", "会议名称", "工作任务", "承办单位", "协办单位", "办理时限", "落实情况", "办理状态"])
    writer.writerow([1, "县政府第3次专题会议", "制定县城规划修编方案", "县自然资源局", "县住建局、县发改委",
                     "2026年12月31日", "", "尚未落实"])  # fmt: skip
    writer.writerow([2, "县政府第3次专题会议", "完成城区道路白改黑工程", "县交通运输局", "", "11月30日前",
                     "2026-11-15 进展：已完成70%；问题：雨季影响", "正在办理"])  # fmt: skip
    path = tmp_path / "台账.csv"
    path.write_bytes(buffer.getvalue().encode("gb18030"))
    fresh_tracker.import_register(path, TODAY)
    views = items_by_text(fresh_tracker)
    plan, road = views["制定县城规划修编方案"], views["完成城区道路白改黑工程"]
    assert (plan.ref, plan.cooperating, plan.due_current) == ("第3次专题会议第1项", ("县住建局", "县发改委"),
                                                            date(2026, 12, 31))  # fmt: skip
    assert (road.status, road.due_current) == ("推进中", date(2026, 11, 30))
    assert road.last_report == "2026-11-15 进展：已完成70%；问题：雨季影响"


def test_tracker_register_without_a_task_column_is_one_line(tmp_path: Path) -> None:
    from speechkit.tracker.register import read_register

    path = tmp_path / "x.csv"
    path.write_text("名称,数量\n甲,1\n", encoding="utf-8")
    with pytest.raises(TrackerError, match="no 台账 header row found"):
        read_register(path)


def test_tracker_database_of_schema_0001_is_upgraded(tracker_url: str) -> None:
    """A database made by the previous release (schema 0001) opens, keeps its items and gains the new columns."""
    make_schema_0001_database(
        tracker_url,
        "INSERT INTO meetings (id, key, name, source, imported_at) VALUES (1, 'm', '县政府第1次常务会议', 'a.txt',"
        " '2026-11-01 08:00:00')",
        "INSERT INTO items (id, key, meeting_id, ordinal, text, quote, cooperating, status, created_at,"
        " updated_at) VALUES (1, 'i', 1, 1, '完成甲', '完成甲', '[]', '未启动', '2026-11-01 08:00:00',"
        " '2026-11-01 08:00:00')",
    )
    tracker = open_tracker(tracker_url, by="tester", create=False)
    item = tracker.show(1, TODAY).item
    assert (item.text, item.origin, item.leader) == ("完成甲", "import", None)
    tracker.edit(1, leader="张副县长")
    assert tracker.show(1, TODAY).item.leader == "张副县长"
    with tracker.engine.connect() as connection:
        assert "0002" in set(connection.execute(sqlalchemy.text("SELECT version_num FROM alembic_version")).scalars())
    tracker.dispose()


def test_tracker_pairing_by_index_matches_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    """A huge meeting is paired through a 3-gram index; on 600 reworded quotes it pairs as all-pairs does."""
    from speechkit.tracker import importer

    units = ["县财政局", "县教育局", "县民政局", "县水利局", "县商务局", "县卫健委"]
    old = [f"{units[n % 6]}要于{n % 12 + 1}月{n % 28 + 1}日前完成第{n}项重点工作任务并报送落实情况" for n in range(600)]
    new = [q.replace("完成", "全面完成").replace("报送落实情况", "及时报送落实情况和存在问题") for q in reversed(old)]
    every_pair = importer.similar_pairs(old, new, 60)
    monkeypatch.setattr(importer, "CDIST_CELLS", 0)
    indexed = importer.similar_pairs(old, new, 60)

    def greedy(pairs: list[tuple[int, int]]) -> dict[int, int]:
        chosen: dict[int, int] = {}
        for row, column in pairs:
            if row not in chosen and column not in chosen.values():
                chosen[row] = column
        return chosen

    assert greedy(indexed) == greedy(every_pair) == {row: 599 - row for row in range(600)}
