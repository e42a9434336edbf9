"""The tracker end to end: the real pipeline's tasks from the samples and dev set, the CLI, the xlsx register."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from speechkit.cli import main
from speechkit.deliver.ledger import DETAIL_HEADERS, HEADER_ROW, HEADERS
from speechkit.deliver.outline import from_dict
from speechkit.document import Result
from speechkit.tracker import Filter
from speechkit.tracker.importer import meeting_keys
from speechkit.tracker.rules import normalize_text

REGISTER = (
    "序号", "来源及编号", "督办事项", "牵头领导", "牵头单位", "配合单位", "完成时限", "进展情况", "状态", "预警",
)  # fmt: skip


@pytest.fixture(scope="module")
def pipeline_results(sample_files: list[Path], dev_dir: Path) -> list[Result]:
    """The four samples and the dev set through the whole text pipeline."""
    from speechkit.pipeline import process_file

    files = [*sample_files, *sorted((dev_dir / "raw").glob("*.txt"))]
    return [process_file(path) for path in files]


def distinct_tasks(results: list[Result]) -> int:
    """What the tracker should hold: one item per distinct quote per meeting."""
    keys = set()
    for result in results:
        for key, speech in zip(meeting_keys(result.source.name, result.speeches), result.speeches, strict=True):
            keys |= {(key, normalize_text(t.quote)) for t in speech.tasks if t.quote}
    return len(keys)


def tracker_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every meeting, item and history row of a tracker, without the clock's columns."""
    import sqlalchemy

    columns = {
        "meetings": "id, key, title, name, kind, number, held_on, source, source_path, sha256",
        "items": "id, key, meeting_id, ordinal, text, quote, heading, owner, lead, cooperating, person, deadline,"
        " due_original, due_current, recurrence, rrule, status, missing_since",
        "changes": "id, item_id, meeting_id, by, action, field, old, new, note",
    }
    engine = sqlalchemy.create_engine(url)
    with engine.connect() as connection:
        rows = {t: list(connection.exec_driver_sql(f"SELECT {c} FROM {t} ORDER BY id")) for t, c in columns.items()}
    engine.dispose()
    return rows


def test_tracker_results_and_their_json_import_alike(pipeline_results: list[Result], tmp_path: Path) -> None:
    """``process --track`` imports the pipeline's results, ``tracker import`` their JSON read back with
    ``from_dict``: the same meetings (path, hash, keys), items and history, on the samples and the dev set."""
    from speechkit.deliver.outline import to_dict
    from speechkit.tracker import open_tracker

    read_back = [from_dict(to_dict(result)) for result in pipeline_results]
    assert [r.document and str(r.document.source) for r in read_back] == [str(p.source) for p in pipeline_results]
    urls = {name: f"sqlite:///{tmp_path / f'{name}.db'}" for name in ("results", "json")}
    for name, results in (("results", pipeline_results), ("json", read_back)):
        tracker = open_tracker(urls[name], by="tester")
        tracker.import_results(results)
        tracker.dispose()
    results_rows, json_rows = tracker_rows(urls["results"]), tracker_rows(urls["json"])
    assert len(results_rows["items"]) == distinct_tasks(pipeline_results)
    assert all(row[8] and row[9] for row in results_rows["meetings"])  # every meeting knows its file and hash
    for table, rows in results_rows.items():
        assert rows == json_rows[table], table


def read_xlsx(path: Path, sheet: str | None = None) -> Any:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return book[sheet] if sheet else book.active


def test_tracker_samples_and_dev_set_twice_then_work_them(
    fresh_tracker: Any, pipeline_results: list[Result], tmp_path: Path
) -> None:
    expected = distinct_tasks(pipeline_results)
    assert expected >= 20, "the extraction stage should find tasks in the samples and the dev set"
    first = fresh_tracker.import_results(pipeline_results)
    items = fresh_tracker.list_items(date.today())
    changes = len(fresh_tracker.show(items[0].id, date.today()).changes)
    second = fresh_tracker.import_results(pipeline_results)
    assert first["new"] == expected == len(items)
    assert (second["new"], second["updated"], second["gone"]) == (0, 0, 0)
    assert len(fresh_tracker.list_items(date.today())) == expected  # no duplicates

    worked, extended, closed = items[0].id, items[1].id, items[2].id
    fresh_tracker.update(worked, progress="已召开专题会部署", next_steps="月底前完成")
    fresh_tracker.extend(extended, date.today() + timedelta(days=60), "需协调上级部门")
    fresh_tracker.update(closed, status="已办结")
    fresh_tracker.close(closed)
    fresh_tracker.import_results(pipeline_results)  # a third import keeps the office's work
    assert fresh_tracker.show(worked, date.today()).item.status == "推进中"
    assert fresh_tracker.show(extended, date.today()).item.extension_reason == "需协调上级部门"
    assert [c.action for c in fresh_tracker.show(closed, date.today()).changes] == ["import", "update", "close"]
    assert len(fresh_tracker.show(items[0].id, date.today()).changes) == changes + 2  # + the report, + 未启动→推进中

    from speechkit.deliver.ledger import write_ledger

    everything = fresh_tracker.list_items(date.today(), Filter(include_closed=True))
    path = write_ledger(everything, tmp_path / "台账.xlsx")
    rows = list(read_xlsx(path).iter_rows(values_only=True))
    assert rows[HEADER_ROW - 1] == HEADERS == REGISTER
    assert [row[0] for row in rows[HEADER_ROW:]] == list(range(1, expected + 1))
    detail = list(read_xlsx(path, "明细").iter_rows(values_only=True))
    header = detail[0]
    assert header == ("序号", *DETAIL_HEADERS) and len(detail) == expected + 1
    by_id = {row[header.index("ID")]: row for row in detail[1:]}
    assert by_id[closed][header.index("状态")] == "已销号"
    assert "已召开专题会部署" in by_id[worked][header.index("最新进展")]
    assert by_id[extended][header.index("延期理由")] == "需协调上级部门"


def test_ledger_xlsx_layout(fresh_tracker: Any, tmp_path: Path) -> None:
    from test_tracker import MINUTES

    from speechkit.deliver.ledger import COLUMNS, write_ledger

    fresh_tracker.import_results([from_dict(MINUTES)])
    day = date(2026, 11, 23)
    path = write_ledger(fresh_tracker.list_items(day), tmp_path / "l.xlsx", title="县督办事项台账", today=day)
    sheet = read_xlsx(path)
    assert sheet["A1"].value == "县督办事项台账" and sheet["A1"].font.name == "方正小标宋简体"
    assert sheet["A2"].value == "截至2026年11月23日，共3项：逾期1项，滞后1项，临期0项"
    assert sheet["A3"].font.name == "黑体" and sheet["C4"].font.name == "仿宋_GB2312" and sheet["C4"].font.sz == 12
    assert sheet.print_title_rows == "$3:$3" and sheet.freeze_panes == "A4"
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert "&P" in sheet.oddFooter.center.text
    assert [sheet.column_dimensions[chr(65 + n)].width for n in range(len(COLUMNS))] == [w for _, w in COLUMNS]
    overdue = next(r for r in range(4, 7) if sheet.cell(r, len(HEADERS)).value == "逾期")
    assert sheet.cell(overdue, 3).fill.fgColor.rgb.endswith("FFC7CE")
    assert all(sheet.row_dimensions[r].height >= 30 for r in range(4, 7))  # two lines of 12 pt at least


def test_ledger_row_height_grows_with_the_text() -> None:
    from speechkit.deliver.ledger import row_height, wrapped_lines

    assert wrapped_lines("县财政局", 11) == 1
    assert wrapped_lines("县" * 40, 27) == 4  # 27 units ≈ 13 characters of 12 pt a line
    assert wrapped_lines("甲\n乙\n丙", 27) == 3
    assert row_height(["县" * 40, "短"], [27, 11]) > row_height(["县" * 10, "短"], [27, 11])


def test_ledger_csv_has_bom_and_every_field(fresh_tracker: Any, tmp_path: Path) -> None:
    from test_tracker import MINUTES

    from speechkit.deliver.ledger import write_ledger

    fresh_tracker.import_results([from_dict(MINUTES)])
    raw = write_ledger(fresh_tracker.list_items(date(2026, 11, 23)), tmp_path / "l.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == ("序号", *DETAIL_HEADERS) and len(rows) == 4
    assert rows[1][rows[0].index("牵头单位")] == "县财政局"


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
    assert run(["tracker", "close", "1", "--note", "已完成，分管领导同意销号", *db]) == 0
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
        (["tracker", "export"], 2, "give --xlsx FILE, --csv FILE and/or --notices DIR"),
        (
            ["tracker", "list", "--status", "maybe"],
            2,
            "--status: unknown status 'maybe'; use one of 未启动 推进中 已办结 已销号",
        ),
        (
            ["tracker", "extend", "1", "--to", "soon", "--reason", "r"],
            2,
            "--to: 'soon' is not a date of the form YYYY-MM-DD",
        ),
    ],
)
def test_cli_tracker_errors_are_one_line(
    argv: list[str], code: int, line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from speechkit.tracker import open_tracker

    open_tracker(f"sqlite:///{tmp_path / 't.db'}").dispose()
    assert run([*argv, "--db", f"sqlite:///{tmp_path / 't.db'}"]) == code
    assert capsys.readouterr().err.strip().splitlines() == [f"speechkit: error: {line}"]


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["close", "1", "--note", "x"], ["stats"], ["remind"]])
def test_cli_tracker_mistyped_db_is_one_line_and_creates_nothing(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "trakcer.db"
    assert run(["tracker", *command, "--db", str(typo)]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [
        f"speechkit: error: no tracker database at {typo} (check --db; 'tracker import' or 'add' creates one)"
    ]
    assert not typo.exists()


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
