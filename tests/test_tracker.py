"""The supervision tracker (督办台账): import, rules, changes, safety; on SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechkit.deliver.outline import from_dict
from speechkit.errors import TrackerError
from speechkit.tracker import Filter, open_tracker
from speechkit.tracker.importer import meeting_kind, meeting_number
from speechkit.tracker.rules import lead_and_cooperating, next_occurrence, parse_days, parse_status, warning

TODAY = date(2026, 11, 23)


def task(quote: str, owner: str | None = None, due: str | None = None, **extra: Any) -> dict[str, Any]:
    """A task as ``speechkit outline`` writes it."""
    return {
        "quote": quote, "owner": owner, "deadline": extra.pop("deadline", None), "deadline_iso": due,
        "recurrence": None, "rrule": None, "lead": None, "cooperating": [], "person": None,
        "heading_path": [], "start": 0, "end": 0, "time": None, **extra,
    }  # fmt: skip


def outline(tasks: list[dict[str, Any]], source: str = "cw08.txt", meeting: str = "县政府第八次常务会议") -> dict:
    """An outline JSON of one set of minutes."""
    return {
        "source": source,
        "input": {"path": f"/in/{source}", "sha256": "0" * 64, "kind": "txt"},
        "speeches": [{"title": f"{meeting}纪要", "meeting": meeting, "meeting_date": "2026-11-02", "tasks": tasks}],
    }


# fmt: off
MINUTES = outline([
    task("县财政局、县发改委要于11月20日前完成年度预算调整方案", "县财政局、县发改委", "2026-11-20",
         deadline="11月20日前"),
    task("县住房和城乡建设局牵头，县自然资源局配合，年底前完成老旧小区改造", "县住房和城乡建设局", "2026-12-31",
         deadline="年底前", lead="县住房和城乡建设局", cooperating=["县自然资源局"],
         recurrence="每月25日前报送进展", rrule="FREQ=MONTHLY;BYMONTHDAY=25"),
    task("县教育局要在11月25日前完成校园安全隐患排查", "县教育局", "2026-11-25", deadline="11月25日前",
         person="张明"),
])
# fmt: on


def count_rows(tracker: Any, table: str) -> int:
    with tracker.engine.connect() as connection:
        return connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


def test_tracker_import_twice_is_idempotent(fresh_tracker: Any) -> None:
    first = fresh_tracker.import_results([from_dict(MINUTES)])
    changes = count_rows(fresh_tracker, "changes")
    second = fresh_tracker.import_results([from_dict(MINUTES)])
    assert (first["new"], second["new"], second["unchanged"], second["updated"]) == (3, 0, 3, 0)
    assert count_rows(fresh_tracker, "items") == 3
    assert count_rows(fresh_tracker, "meetings") == 1
    assert count_rows(fresh_tracker, "changes") == changes


def test_tracker_speech_dropped_from_file_flags_its_items(fresh_tracker: Any) -> None:
    two = copy.deepcopy(MINUTES)
    two["speeches"].append({**MINUTES["speeches"][0], "meeting": "县政府第九次常务会议", "title": "第九次纪要"})
    fresh_tracker.import_results([from_dict(two)])
    counts = fresh_tracker.import_results([from_dict(MINUTES)])
    assert counts["gone"] == 3
    assert [v.missing for v in fresh_tracker.list_items(TODAY, Filter(meeting="第九次"))] == [True] * 3
    other_folder = copy.deepcopy(MINUTES)
    other_folder["input"]["path"] = "/elsewhere/cw08.txt"
    other_folder["speeches"][0]["meeting"] = "县政府第十次常务会议"
    assert fresh_tracker.import_results([from_dict(other_folder)])["gone"] == 0  # same file name, another file


def test_tracker_item_ordinal_and_first_unit_leads(fresh_tracker: Any) -> None:
    fresh_tracker.import_results([from_dict(MINUTES)])
    first, second, third = fresh_tracker.list_items(TODAY)
    assert first.ref == "第8次常务会议第1项"
    assert (first.lead, first.cooperating) == ("县财政局", ("县发改委",))
    assert (second.lead, second.cooperating) == ("县住房和城乡建设局", ("县自然资源局",))
    assert third.person == "张明"


def test_tracker_reimport_of_edited_file_updates_in_place(fresh_tracker: Any) -> None:
    fresh_tracker.import_results([from_dict(MINUTES)])
    before = {v.ref: v.id for v in fresh_tracker.list_items(TODAY)}
    edited = copy.deepcopy(MINUTES)
    tasks = edited["speeches"][0]["tasks"]
    tasks[0]["quote"] = "县财政局、县发改委要于11月30日前完成年度预算调整方案并报县政府"
    tasks[0]["deadline_iso"] = "2026-11-30"
    del tasks[2]
    counts = fresh_tracker.import_results([from_dict(edited)])
    assert (counts["new"], counts["updated"], counts["gone"]) == (0, 1, 1)
    items = {v.ref: v for v in fresh_tracker.list_items(TODAY)}
    assert {ref: v.id for ref, v in items.items()} == before  # same IDs, nothing deleted
    assert items["第8次常务会议第1项"].due_current == date(2026, 11, 30)
    assert items["第8次常务会议第3项"].missing
    history = fresh_tracker.show(before["第8次常务会议第1项"], TODAY).changes
    assert {(c.action, c.field) for c in history} >= {("edit", "quote"), ("edit", "due_original")}
    fresh_tracker.import_results([from_dict(MINUTES)])
    back = fresh_tracker.show(before["第8次常务会议第3项"], TODAY)
    assert not back.item.missing
    assert [c.action for c in back.changes] == ["import", "gone", "back"]


def test_tracker_update_extend_close_keep_history(fresh_tracker: Any) -> None:
    fresh_tracker.import_results([from_dict(MINUTES)])
    item_id = fresh_tracker.list_items(TODAY)[0].id
    fresh_tracker.update(item_id, progress="已完成初稿", problems="部分数据未到位", next_steps="月底前报审")
    assert fresh_tracker.show(item_id, TODAY).item.status == "推进中"  # a report starts the item
    fresh_tracker.extend(item_id, date(2026, 12, 15), "等待上级资金下达")
    fresh_tracker.update(item_id, status="已办结")
    fresh_tracker.close(item_id, note="分管领导同意")
    shown = fresh_tracker.show(item_id, TODAY)
    assert (shown.item.due_original, shown.item.due_current) == (date(2026, 11, 20), date(2026, 12, 15))
    assert shown.item.status == "已销号"
    assert [c.action for c in shown.changes] == ["import", "report", "update", "extend", "update", "close"]
    assert {c.by for c in shown.changes} == {"tester"}
    assert shown.reports[0].problems == "部分数据未到位"
    assert item_id not in [v.id for v in fresh_tracker.list_items(TODAY)]  # closed items leave the open list
    with pytest.raises(TrackerError, match="closed"):
        fresh_tracker.update(item_id, note="again")


def test_tracker_extend_needs_a_later_date_and_a_reason(fresh_tracker: Any) -> None:
    fresh_tracker.import_results([from_dict(MINUTES)])
    item_id = fresh_tracker.list_items(TODAY)[0].id
    with pytest.raises(TrackerError, match="not later"):
        fresh_tracker.extend(item_id, date(2026, 11, 1), "原因")
    with pytest.raises(TrackerError, match="reason"):
        fresh_tracker.extend(item_id, date(2026, 12, 1), " ")
    with pytest.raises(TrackerError, match="no item with ID 999"):
        fresh_tracker.extend(999, date(2026, 12, 1), "原因")


def test_tracker_warnings_and_filters(fresh_tracker: Any) -> None:
    fresh_tracker.import_results([from_dict(MINUTES)])
    flags = {v.ref: v.warning for v in fresh_tracker.list_items(TODAY)}
    # 11-20 passed: 逾期; 11-25 not started with most of the time gone: 滞后; 12-31 on track.
    assert flags == {"第8次常务会议第1项": "逾期", "第8次常务会议第2项": None, "第8次常务会议第3项": "滞后"}
    fresh_tracker.update(fresh_tracker.list_items(TODAY)[2].id, progress="已排查12所学校")
    assert fresh_tracker.list_items(TODAY)[2].warning == "临期"  # started, and due within 3 days
    assert [v.ref for v in fresh_tracker.list_items(TODAY, Filter(overdue=True))] == ["第8次常务会议第1项"]
    assert [v.ref for v in fresh_tracker.list_items(TODAY, Filter(due_within=7))] == ["第8次常务会议第3项"]
    assert [v.lead for v in fresh_tracker.list_items(TODAY, Filter(owner="自然资源"))] == ["县住房和城乡建设局"]
    assert len(fresh_tracker.list_items(TODAY, Filter(meeting="常务会议"))) == 3
    later = {v.ref: v.warning for v in fresh_tracker.list_items(date(2026, 11, 27))}
    assert later["第8次常务会议第2项"] == "滞后"  # the 11-25 report did not come


def test_tracker_remind_and_stats(fresh_tracker: Any) -> None:
    fresh_tracker.import_results([from_dict(MINUTES)])
    texts = {r.owner: r.text(TODAY) for r in fresh_tracker.remind(TODAY, within=3)}
    assert set(texts) == {"县财政局", "县住房和城乡建设局", "县教育局"}
    assert "已逾期事项1项" in texts["县财政局"] and "已逾期3天" in texts["县财政局"]
    assert "应报送进展事项1项" in texts["县住房和城乡建设局"]
    stats = fresh_tracker.stats(TODAY)
    assert {row["name"]: row["total"] for row in stats["status"]}["未启动"] == 3
    assert [row["overdue"] for row in stats["owner"] if row["name"] == "县财政局"] == [1]


def test_tracker_bad_file_imports_nothing(fresh_tracker: Any, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(MINUTES, ensure_ascii=False), encoding="utf-8")
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(TrackerError, match="not a speechkit outline JSON file"):
        fresh_tracker.import_files([good, bad])
    assert count_rows(fresh_tracker, "items") == 0


def test_tracker_refuses_a_date_it_cannot_read(fresh_tracker: Any, tmp_path: Path) -> None:
    """A hand-edited due date the JSON reader (from_dict) cannot read is refused, not silently dropped."""
    edited = copy.deepcopy(MINUTES)
    edited["speeches"][0]["tasks"][1]["deadline_iso"] = "2026-13-31"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TrackerError, match="\"deadline_iso\" is not a date of the form YYYY-MM-DD: '2026-13-31'"):
        fresh_tracker.import_files([path])
    assert count_rows(fresh_tracker, "items") == 0


def test_tracker_refuses_a_newer_schema(tracker_url: str) -> None:
    open_tracker(tracker_url).dispose()
    engine = sqlalchemy.create_engine(tracker_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM alembic_version")  # one row per branch: leave one, unknown
        connection.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES ('9999')")
    engine.dispose()
    with pytest.raises(TrackerError, match="schema revision 9999, newer than this speechkit"):
        open_tracker(tracker_url)


def test_tracker_bad_url_is_one_line_error() -> None:
    with pytest.raises(TrackerError, match="unknown database kind 'nonsense'"):
        open_tracker("nonsense://")
    with pytest.raises(TrackerError, match="cannot open tracker database"):
        open_tracker("postgresql://nobody@127.0.0.1:1/none")


@pytest.mark.parametrize(("rule", "expected"), [
    ("FREQ=MONTHLY;BYMONTHDAY=25", date(2026, 11, 25)),            # 每月25日前
    ("FREQ=MONTHLY;BYMONTHDAY=9,19,28", date(2026, 11, 28)),       # 旬报 每月9、19、28日
    ("FREQ=WEEKLY;BYDAY=TU", date(2026, 11, 24)),                  # 每周二
    ("FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1", date(2026, 12, 31)),  # 每季度末
    ("FREQ=MONTHLY;INTERVAL=3", date(2027, 2, 23)),                # 一季一汇报
    ("FREQ=DAILY", date(2026, 11, 24)),                            # 每天
    ("FREQ=MONTHLY;BYDAY=1MO", date(2026, 12, 7)),                 # 每月第一个周一 (not the next Monday)
    (None, None),
])  # fmt: skip
def test_tracker_next_report_date(rule: str | None, expected: date | None) -> None:
    assert next_occurrence(rule, TODAY) == expected


def test_tracker_rule_parsers() -> None:
    assert (parse_days("7d"), parse_days("3天"), parse_days("2w")) == (7, 3, 14)
    assert (parse_status("done"), parse_status("推进中")) == ("已办结", "推进中")
    with pytest.raises(TrackerError, match="unknown status"):
        parse_status("maybe")
    assert lead_and_cooperating("县公安局、县交通局、县城管局", None, []) == ("县公安局", ["县交通局", "县城管局"])
    assert lead_and_cooperating("经济开发区和国土局", None, []) == ("经济开发区", ["国土局"])
    assert lead_and_cooperating("县住房和城乡建设局", None, []) == ("县住房和城乡建设局", [])
    assert lead_and_cooperating("市财政局及各县区", None, []) == ("市财政局", ["各县区"])
    assert meeting_kind("县政府第八次常务会议") == "常务会议"
    assert (meeting_number("第八十六次常务会议"), meeting_number("第12次")) == (86, 12)


def test_tracker_warning_colours_follow_dates() -> None:
    due = TODAY + timedelta(days=2)
    assert warning("推进中", TODAY - timedelta(days=1), TODAY) == "逾期"
    assert warning("推进中", due, TODAY) == "临期"
    assert warning("已办结", TODAY - timedelta(days=1), TODAY) is None
    assert warning("未启动", TODAY + timedelta(days=10), TODAY, started_on=TODAY - timedelta(days=30)) == "滞后"


def test_tracker_migrations_match_the_models(tracker_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from speechkit.tracker.models import Base

    open_tracker(tracker_url).dispose()
    engine = sqlalchemy.create_engine(tracker_url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_tracker_schema_heads_constant_is_the_newest_migrations() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from speechkit.tracker.store import MIGRATIONS, SCHEMA_HEADS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert set(ScriptDirectory.from_config(config).get_heads()) == SCHEMA_HEADS


def test_tracker_default_store_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from speechkit.tracker import default_url

    monkeypatch.setenv("SPEECHKIT_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert default_url().endswith("env.db")
    monkeypatch.delenv("SPEECHKIT_DB")
    assert default_url().startswith("sqlite:///") and default_url().endswith("tracker.db")
    open_tracker(str(tmp_path / "plain path.db")).dispose()  # a bare path means a SQLite file
    assert (tmp_path / "plain path.db").is_file()


QUOTES = st.lists(st.text(alphabet="县局要完成工作月日前，。、 报送进展", min_size=1, max_size=12), max_size=8)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(quotes=QUOTES)
def test_tracker_import_twice_equals_once(tmp_path: Path, quotes: list[str]) -> None:
    url = f"sqlite:///{tmp_path / f'p{abs(hash(tuple(quotes)))}.db'}"
    tracker = open_tracker(url)
    data = outline([task(q, "县财政局") for q in quotes if q.strip()])
    first = tracker.import_results([from_dict(data)])
    second = tracker.import_results([from_dict(data)])
    assert second["new"] == second["updated"] == second["gone"] == 0
    assert second["unchanged"] == first["new"] == count_rows(tracker, "items")
    tracker.dispose()
