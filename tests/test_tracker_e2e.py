"""The tracker end to end: the real pipeline's tasks from the samples and dev set, the CLI, the xlsx register."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from speechkit.cli import main
from speechkit.deliver.ledger import HEADERS, warning_formulas
from speechkit.tracker import Filter
from speechkit.tracker.importer import meeting_keys
from speechkit.tracker.rules import normalize_text

REGISTER = ("序号", "督办事项", "来源会议", "牵头单位", "配合单位", "责任人", "完成时限", "进展情况", "状态")


@pytest.fixture(scope="module")
def pipeline_outlines(sample_files: list[Path], dev_dir: Path) -> list[dict[str, Any]]:
    """Outline dicts of the four samples and the dev set, through the whole text pipeline."""
    from speechkit.deliver.outline import to_dict
    from speechkit.pipeline import process_file

    files = [*sample_files, *sorted((dev_dir / "raw").glob("*.txt"))]
    return [to_dict(process_file(path)) for path in files]


def distinct_tasks(outlines: list[dict[str, Any]]) -> int:
    """What the tracker should hold: one item per distinct quote per meeting."""
    keys = set()
    for data in outlines:
        for key, speech in zip(meeting_keys(data["source"], data["speeches"]), data["speeches"], strict=True):
            keys |= {(key, normalize_text(t["quote"])) for t in speech["tasks"] if t.get("quote")}
    return len(keys)


def read_xlsx(path: Path) -> Any:
    from openpyxl import load_workbook

    return load_workbook(path).active


def test_tracker_samples_and_dev_set_twice_then_work_them(
    fresh_tracker: Any, pipeline_outlines: list[dict[str, Any]], tmp_path: Path
) -> None:
    expected = distinct_tasks(pipeline_outlines)
    assert expected >= 20, "the extraction stage should find tasks in the samples and the dev set"
    first = fresh_tracker.import_outlines(pipeline_outlines)
    items = fresh_tracker.list_items(date.today())
    changes = len(fresh_tracker.show(items[0].id, date.today()).changes)
    second = fresh_tracker.import_outlines(pipeline_outlines)
    assert first["new"] == expected == len(items)
    assert (second["new"], second["updated"], second["gone"]) == (0, 0, 0)
    assert len(fresh_tracker.list_items(date.today())) == expected  # no duplicates

    worked, extended, closed = items[0].id, items[1].id, items[2].id
    fresh_tracker.update(worked, progress="已召开专题会部署", next_steps="月底前完成")
    fresh_tracker.extend(extended, date.today() + timedelta(days=60), "需协调上级部门")
    fresh_tracker.update(closed, status="已办结")
    fresh_tracker.close(closed)
    fresh_tracker.import_outlines(pipeline_outlines)  # a third import keeps the office's work
    assert fresh_tracker.show(worked, date.today()).item.status == "推进中"
    assert fresh_tracker.show(extended, date.today()).item.extension_reason == "需协调上级部门"
    assert [c.action for c in fresh_tracker.show(closed, date.today()).changes] == ["import", "update", "close"]
    assert len(fresh_tracker.show(items[0].id, date.today()).changes) == changes + 2  # + the report, + 未启动→推进中

    from speechkit.deliver.ledger import write_ledger

    everything = fresh_tracker.list_items(date.today(), Filter(include_closed=True))
    sheet = read_xlsx(write_ledger(everything, tmp_path / "台账.xlsx"))
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS and rows[0][: len(REGISTER)] == REGISTER
    assert len(rows) == expected + 1 and sheet.max_column == len(HEADERS)
    by_id = {row[HEADERS.index("ID")]: row for row in rows[1:]}
    assert by_id[closed][HEADERS.index("状态")] == "已销号"
    assert "已召开专题会部署" in by_id[worked][HEADERS.index("进展情况")]
    assert "延期至" in by_id[extended][HEADERS.index("完成时限")]
    assert [row[0] for row in rows[1:]] == list(range(1, expected + 1))


def test_ledger_xlsx_layout(fresh_tracker: Any, tmp_path: Path) -> None:
    from test_tracker import MINUTES

    from speechkit.deliver.ledger import write_ledger

    fresh_tracker.import_outlines([MINUTES])
    sheet = read_xlsx(write_ledger(fresh_tracker.list_items(date(2026, 11, 23)), tmp_path / "l.xlsx"))
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 48
    assert sheet["B2"].alignment.wrap_text
    assert isinstance(sheet["J2"].value, type(sheet["J2"].value)) and sheet["J2"].number_format == "yyyy-mm-dd"
    formulas = [rule.formula[0] for rules in sheet.conditional_formatting for rule in rules.rules]
    assert formulas == list(warning_formulas().values())
    assert all("TODAY()" in f for f in formulas)
    assert sheet.auto_filter.ref == f"A1:O{sheet.max_row}"


def test_ledger_csv_has_bom_and_register_columns(fresh_tracker: Any, tmp_path: Path) -> None:
    from test_tracker import MINUTES

    from speechkit.deliver.ledger import write_ledger

    fresh_tracker.import_outlines([MINUTES])
    raw = write_ledger(fresh_tracker.list_items(date(2026, 11, 23)), tmp_path / "l.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADERS and len(rows) == 4
    assert rows[1][HEADERS.index("牵头单位")] == "县财政局"


def run(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    return int(exc.value.code or 0)


def test_cli_process_track_then_tracker_commands(
    sample_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 't.db'}"]
    sample = sample_files[2]
    assert run(["process", str(sample), "-o", str(tmp_path / "out"), "--track", *db, "--by", "秘书科"]) == 0
    assert (tmp_path / "out" / f"{sample.stem}.json").is_file()
    assert " new items" in capsys.readouterr().err
    assert run(["tracker", "import", str(tmp_path / "out" / f"{sample.stem}.json"), *db]) == 0
    assert ", 0 new items," in capsys.readouterr().err
    assert run(["tracker", "list", *db]) == 0
    assert "督办台账" in capsys.readouterr().out
    assert run(["tracker", "update", "1", "--progress", "已部署", "--status", "推进中", *db]) == 0
    assert run(["tracker", "extend", "1", "--to", "2099-01-01", "--reason", "跨年度实施", *db]) == 0
    assert run(["tracker", "close", "1", *db]) == 0
    assert run(["tracker", "show", "1", *db]) == 0
    out = capsys.readouterr().out
    assert "跨年度实施" in out and "已销号" in out and "秘书科" in out
    for command in (["remind", "--within", "7d"], ["stats"], ["export", "--xlsx", str(tmp_path / "a.xlsx")]):
        assert run(["tracker", *command, *db]) == 0
    assert (tmp_path / "a.xlsx").is_file()


NO_ITEM = "no item with ID {} (see speechkit tracker list)"


@pytest.mark.parametrize(
    ("argv", "code", "line"),
    [
        (["tracker", "show", "999"], 1, NO_ITEM.format(999)),
        (["tracker", "close", "999"], 1, NO_ITEM.format(999)),
        (["tracker", "update", "1", "--status", "推进中"], 1, NO_ITEM.format(1)),
        (["tracker", "export"], 2, "give --xlsx FILE and/or --csv FILE"),
        # a bad option value is a usage error, as in every command (issue 16)
        (["tracker", "list", "--status", "maybe"], 2, "--status: unknown status 'maybe'; use one of 未启动 推进中 "
         "已办结 已销号"),
        (["tracker", "extend", "1", "--to", "soon", "--reason", "r"], 2, "--to: 'soon' is not a date of the form "
         "YYYY-MM-DD"),
    ],
)
def test_cli_tracker_errors_are_one_line(
    argv: list[str], code: int, line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([*argv, "--db", f"sqlite:///{tmp_path / 't.db'}"]) == code
    assert capsys.readouterr().err.strip().splitlines() == [f"speechkit: error: {line}"]


def test_cli_tracker_import_bad_json_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("[]", encoding="utf-8")
    assert run(["tracker", "import", str(bad), "--db", str(tmp_path / "t.db")]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f'speechkit: error: {bad}: not a speechkit outline JSON file (no "speeches" list)'
    ]


def test_cli_tracker_commands_have_help(capsys: pytest.CaptureFixture[str]) -> None:
    from speechkit.cli import tracker_app

    for command in tracker_app.registered_commands:
        assert run(["tracker", command.name or "", "--help"]) == 0
        assert "Usage" in capsys.readouterr().out


def test_cli_process_track_imports_the_good_files_and_names_the_bad(
    sample_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = f"sqlite:///{tmp_path / 't.db'}"
    assert run(["process", str(sample_files[0]), str(empty), "-o", str(tmp_path / "out"), "--track", "--db", db]) == 1
    err = capsys.readouterr().err
    assert f"speechkit: error: {empty}: " in err and "1 meetings" in err
    assert run(["tracker", "list", "--db", db]) == 0
    assert "共0项" not in capsys.readouterr().out
