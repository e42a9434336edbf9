"""The adversarial suite of issue 14: what a careful tester throws at every command.

Each case ends in one line naming the file and the reason, the right exit code, no traceback, no
hang and nothing lost. The numbers in the test names are the issue's items.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechkit.cli import main
from speechkit.deliver.outline import from_dict
from speechkit.errors import InputError, SpeechkitError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "000_ccfca2a2b2a83bab.txt"
SAMPLE_2 = ROOT / "samples" / "001_96d783c7254f03f3.txt"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """Exit code and stderr lines of one command; never a traceback, at most one line per error."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    return int(exc.value.code or 0), lines


def errors(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("speechkit: error:")]


def outline_json(tasks: list[dict[str, Any]], path: str = "/in/纪要.txt", held: str = "2024-03-01") -> dict:
    """An outline JSON of one set of minutes, as ``speechkit outline`` writes it."""
    return {
        "source": Path(path).name,
        "input": {"path": path, "sha256": "0" * 64, "kind": "txt"},
        "speeches": [{"title": "全县安全生产工作会议纪要", "meeting": "全县安全生产工作会议", "meeting_date": held,
                      "tasks": tasks}],
    }  # fmt: skip


def task(quote: str, owner: str | None = "县应急管理局", due: str | None = None) -> dict[str, Any]:
    return {
        "quote": quote,
        "owner": owner,
        "deadline": None,
        "deadline_iso": due,
        "cooperating": [],
        "heading_path": [],
    }


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def tracker_with_one_item(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A tracker database holding one imported task; returns its path."""
    db = str(tmp_path / "t.db")
    outline = write_json(tmp_path / "a.json", outline_json([task("县应急管理局要排查")]))
    run(["tracker", "import", str(outline), "--db", db], capsys)
    return db


# --- 1. formula injection ------------------------------------------------------------------------

ATTACKS = ["=HYPERLINK(\"http://x\",\"点击\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,2)", "\t=1", " =1+1",
           "＝SUM(3)"]  # fmt: skip


def test_adversarial_1_escape_formula_makes_every_formula_text() -> None:
    from speechkit.deliver.cells import escape_formula, is_formula_like

    for attack in ATTACKS:
        assert escape_formula(attack) == "'" + attack
        assert is_formula_like(attack)
    assert escape_formula("县财政局要在月底前完成") == "县财政局要在月底前完成"
    assert escape_formula(5) == 5


@given(st.text(max_size=40))
def test_adversarial_1_escaped_cells_never_start_a_formula(text: str) -> None:
    from speechkit.deliver.cells import FORMULA_STARTS, escape_formula

    escaped = escape_formula(text)
    assert escaped in (text, "'" + text)
    assert not escaped.lstrip(" \u3000").startswith(FORMULA_STARTS)


def test_adversarial_1_tracker_export_writes_no_live_formula(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "t.db")
    source = write_json(tmp_path / "a.json", outline_json([task(a) for a in ATTACKS]))
    assert run(["tracker", "import", str(source), "--db", db], capsys)[0] == 0
    xlsx, csv_path = tmp_path / "台账.xlsx", tmp_path / "台账.csv"
    assert run(["tracker", "export", "--xlsx", str(xlsx), "--csv", str(csv_path), "--db", db], capsys)[0] == 0
    with zipfile.ZipFile(xlsx) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet  # no cell is a formula
    from openpyxl import load_workbook

    from speechkit.deliver.cells import is_formula_like
    from speechkit.tracker import open_tracker

    tracker = open_tracker(db)
    texts = [item.text for item in tracker.list_items(date(2024, 3, 2))]
    tracker.dispose()
    assert len(texts) == len(ATTACKS) and all(is_formula_like(t) for t in texts)
    cells = {c.value for row in load_workbook(xlsx).active.iter_rows(min_row=2) for c in row}
    assert set(texts) <= cells  # the text is kept as it was, typed as text
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    column = rows[0].index("督办事项")
    assert sorted(row[column] for row in rows[1:]) == sorted("'" + t for t in texts)


def test_adversarial_1_tasks_csv_escapes_formulas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import speechkit.cli.outline as cli_outline

    def job(path: Path, options: object) -> list[dict[str, str]]:
        return [dict.fromkeys(cli_outline.TASK_COLUMNS, attack) for attack in ATTACKS]

    monkeypatch.setattr(cli_outline, "tasks_job", job)
    out = tmp_path / "tasks.csv"
    assert run(["tasks", str(SAMPLE), "--csv", str(out)], capsys)[0] == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))[1:]
    assert all(cell.startswith("'") for row in rows for cell in row)


# --- 2. a meeting's identity is not its file name ----------------------------------------------------


def test_adversarial_2_same_name_other_folder_is_another_meeting(tmp_path: Path) -> None:
    from speechkit.tracker import open_tracker

    tracker = open_tracker(str(tmp_path / "t.db"), by="tester")
    first = outline_json([task("县应急管理局要在3月底前完成全县安全隐患排查")], "/a/2023/纪要.txt", held="2023-03-01")
    second = outline_json(
        [task("县应急管理局要在3月底前完成全县安全隐患排查整治")], "/a/2024/纪要.txt", held="2024-03-01"
    )
    tracker.import_results([from_dict(first)])
    old = tracker.list_items(date(2023, 3, 2))[0]
    tracker.update(old.id, progress="已完成80%")
    counts = tracker.import_results([from_dict(second)])
    assert (counts["new"], counts["updated"], counts["gone"]) == (1, 0, 0)
    items = {i.id: i for i in tracker.list_items(date(2024, 3, 2))}
    assert len(items) == 2 and not items[old.id].missing
    assert items[old.id].text == "县应急管理局要在3月底前完成全县安全隐患排查"  # not rewritten into 2024's
    assert items[old.id].status == "推进中"
    tracker.dispose()


def test_adversarial_2_same_folder_and_title_other_year_without_path(tmp_path: Path) -> None:
    from speechkit.tracker import open_tracker

    tracker = open_tracker(str(tmp_path / "t.db"), by="tester")
    first, second = (
        outline_json([task(f"{year}年底前完成老旧小区改造")], held=f"{year}-03-01") for year in (2023, 2024)
    )
    for data in (first, second):
        del data["input"]  # a hand-made JSON: no path, only the file name 纪要.txt
    tracker.import_results([from_dict(first)])
    assert tracker.import_results([from_dict(second)])["gone"] == 0
    assert len(tracker.list_items(date(2024, 3, 2))) == 2
    tracker.dispose()


def test_adversarial_2_tracker_of_old_keys_is_adopted_on_reimport(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import speechkit.tracker.importer as importer
    from speechkit.tracker import open_tracker

    tracker = open_tracker(str(tmp_path / "t.db"), by="tester")
    data = outline_json([task("县应急管理局要在3月底前完成隐患排查"), task("县消防大队要加强检查")])

    def old_keys(source: str, speeches: list[Any], path: str | None = None) -> list[str]:
        return importer.legacy_meeting_keys(source, speeches)

    with monkeypatch.context() as patch:  # a tracker filled before issue 14, under the old keys
        patch.setattr(importer, "meeting_keys", old_keys)
        tracker.import_results([from_dict(data)])
    ids = sorted(i.id for i in tracker.list_items(date(2024, 3, 2)))
    counts = tracker.import_results([from_dict(data)])
    assert (counts["new"], counts["unchanged"], counts["gone"]) == (0, 2, 0)
    assert sorted(i.id for i in tracker.list_items(date(2024, 3, 2))) == ids
    tracker.dispose()


# --- 3. output collisions ---------------------------------------------------------------------------


def test_adversarial_3_batch_never_writes_two_inputs_to_one_output(tmp_path: Path) -> None:
    from speechkit.batch import run_batch

    archive = tmp_path / "archive"
    archive.mkdir()
    for name, sample in (("x.md", SAMPLE), ("x.md.txt", SAMPLE_2), ("x.txt", SAMPLE)):
        (archive / name).write_bytes(sample.read_bytes())
    out = tmp_path / "out"
    summary = run_batch([archive], out, workers=1)
    assert (summary.ok, summary.failed) == (3, 0)
    written = sorted(p.name for p in out.glob("*.json") if p.name != "speechkit-batch-summary.json")
    assert len(written) == 3
    sources = {json.loads((out / name).read_text("utf-8"))["input"]["path"] for name in written}
    assert sources == {"x.md", "x.md.txt", "x.txt"}


def test_adversarial_3_outline_keeps_both_same_named_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for year, sample in (("2023", SAMPLE), ("2024", SAMPLE_2)):
        (tmp_path / year).mkdir()
        (tmp_path / year / "纪要.txt").write_bytes(sample.read_bytes())
    out = tmp_path / "X"
    args = [str(tmp_path / "2023" / "纪要.txt"), str(tmp_path / "2024" / "纪要.txt"), "-o", str(out), "-f", "json"]
    code, lines = run(["outline", *args], capsys)
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["2023_纪要.json", "2024_纪要.json"]
    assert any("written as 2024_纪要" in line for line in lines)
    paths = {json.loads(p.read_text("utf-8"))["input"]["path"] for p in out.iterdir()}
    assert len(paths) == 2


# --- 4. zip bomb ---------------------------------------------------------------------------------------


def test_adversarial_4_docx_inflating_beyond_the_bound_is_refused(tmp_path: Path) -> None:
    from docx import Document

    from speechkit.ingest import read
    from speechkit.ingest.guard import MAX_DOCX_XML_BYTES

    small = tmp_path / "small.docx"
    document = Document()
    document.add_paragraph("一、加强组织领导。")
    document.save(small)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(small) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for entry in src.infolist():
            data = src.read(entry)
            if entry.filename == "word/document.xml":  # the same text, padded with inflating whitespace
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (MAX_DOCX_XML_BYTES + 1))
            dst.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    assert bomb.stat().st_size < MAX_DOCX_XML_BYTES // 100
    started = time.perf_counter()
    with pytest.raises(InputError, match="zip bomb"):
        read(bomb)
    assert time.perf_counter() - started < 10
    assert "加强组织领导" in read(small).text


# --- 5. binary after a byte-order mark --------------------------------------------------------------

BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]


@pytest.mark.parametrize("bom", BOMS)
@pytest.mark.parametrize("seed", range(8))
def test_adversarial_5_bom_then_random_bytes_is_binary(bom: bytes, seed: int) -> None:
    from speechkit.ingest import read_bytes

    data = bom + random.Random(seed).randbytes(3000)
    with pytest.raises(InputError, match="binary"):
        read_bytes("x.txt", data)


@pytest.mark.parametrize("bom", BOMS)
def test_adversarial_5_bom_then_one_stray_byte_is_binary(bom: bytes) -> None:
    from speechkit.ingest import read_bytes

    with pytest.raises(InputError):
        read_bytes("x.txt", bom + b"\xc3")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_adversarial_5_bom_then_real_text_still_reads(encoding: str) -> None:
    from speechkit.ingest import read_bytes

    text = SAMPLE.read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert read_bytes("x.txt", data).text.strip() == text.replace("\r\n", "\n").strip()


# --- 6. a one-line page ---------------------------------------------------------------------------------


def test_adversarial_6_one_line_page_is_read_not_dropped_as_chrome(tmp_path: Path) -> None:
    from speechkit.pipeline import process_file

    page = tmp_path / "page.txt"
    page.write_text(SAMPLE.read_text(encoding="utf-8").replace("\n", ""), encoding="utf-8")
    result = process_file(page)
    assert result.speeches and sum(len(s.tasks) for s in result.speeches) > 0


# --- 7. a 253-byte file name --------------------------------------------------------------------------


def test_adversarial_7_longest_file_name_gets_outputs_and_reruns(tmp_path: Path) -> None:
    from speechkit.batch import run_batch

    archive = tmp_path / "archive"
    archive.mkdir()
    name = "纪" * 83 + ".txt"
    assert len(name.encode("utf-8")) == 253
    (archive / name).write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    from speechkit.batch import BatchOptions

    first = run_batch([archive], out, BatchOptions(minutes=True), workers=1)
    assert (first.ok, first.failed) == (1, 0)
    assert len([p for p in out.iterdir() if p.name.startswith("纪")]) == 3  # json, md, minutes.docx
    again = run_batch([archive], out, BatchOptions(minutes=True), workers=1)
    assert (again.skipped, again.failed) == (1, 0)


def test_adversarial_7_outline_of_longest_file_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / ("纪" * 83 + ".txt")
    source.write_bytes(SAMPLE.read_bytes())
    assert run(["outline", str(source), "-o", str(tmp_path / "o")], capsys)[0] == 0
    assert len(list((tmp_path / "o").iterdir())) == 2


# --- 8. a symlink to a file outside the archive ---------------------------------------------------


def test_adversarial_8_symlink_out_of_the_archive_is_processed(tmp_path: Path) -> None:
    from speechkit.batch import run_batch

    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "link.txt").symlink_to(SAMPLE)
    (archive / "own.txt").write_bytes(SAMPLE_2.read_bytes())
    summary = run_batch([archive], tmp_path / "out", workers=1)
    assert (summary.ok, summary.failed) == (2, 0)
    assert (tmp_path / "out" / "link.json").exists()


# --- 9. FIFOs never hang ---------------------------------------------------------------------------------


def test_adversarial_9_fifo_is_one_line_for_every_command(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    script = f"""
import sys
from speechkit.cli import main
for command in (["outline"], ["process"], ["tasks"], ["minutes"], ["tracker", "import"], ["batch"]):
    extra = ["-o", {str(tmp_path / "o")!r}] if command[0] in ("outline", "process", "batch") else []
    extra += ["--db", {str(tmp_path / "t.db")!r}] if command[0] == "tracker" else []
    try:
        main([*command, {str(fifo)!r}, *extra])
    except SystemExit as e:
        print("CODE", command[0], e.code, flush=True)
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "Traceback" not in done.stderr
    codes = [line.split()[1:] for line in done.stdout.splitlines() if line.startswith("CODE ")]
    assert codes == [[name, "1"] for name in ("outline", "process", "tasks", "minutes", "tracker", "batch")]
    assert done.stderr.count("FIFO") == 6


# --- 10. no process outlives the batch driver ----------------------------------------------------


def session_processes(sid: int) -> list[str]:
    found = subprocess.run(["ps", "-s", str(sid), "-o", "pid=,cmd="], capture_output=True, text=True).stdout
    return [line for line in found.splitlines() if line.strip()]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ps -s and setsid are Linux's")
def test_adversarial_10_sigkill_of_driver_leaves_no_worker(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for i in range(400):  # enough work that the batch is still running when its processes are counted
        (archive / f"f{i}.txt").write_bytes(SAMPLE.read_bytes())
    command = [sys.executable, "-c", "from speechkit.cli import main; main()", "batch", str(archive), "-o",
               str(tmp_path / "out"), "-w", "2", "--db", f"sqlite:///{tmp_path / 't.db'}"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    stderr = (tmp_path / "stderr.txt").open("wb")
    driver = subprocess.Popen(command, start_new_session=True, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        deadline = time.monotonic() + 120
        while (
            len(session_processes(driver.pid)) < 5 and driver.poll() is None and time.monotonic() < deadline
        ):  # driver, tracker, forkserver, 2 workers
            time.sleep(0.2)
        started = session_processes(driver.pid)
        said = (tmp_path / "stderr.txt").read_text(encoding="utf-8", errors="replace")[-2000:]
        assert len(started) >= 5, f"the workers never started (exit {driver.poll()}): {started} {said}"
        driver.send_signal(signal.SIGKILL)
        driver.wait()
        deadline = time.monotonic() + 20
        while session_processes(driver.pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert session_processes(driver.pid) == []
    finally:
        with suppress(ProcessLookupError):
            os.killpg(driver.pid, signal.SIGKILL)
        stderr.close()


def test_adversarial_10_forkserver_dying_while_starting_a_worker_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from multiprocessing import forkserver

    from speechkit.batch import run_batch

    real_read, lost = forkserver.read_signed, []

    def die_once(fd: int) -> int:
        """The first worker's start ends as when the forkserver is killed then: EOF, no PID."""
        pid = real_read(fd)
        if not lost:
            lost.append(pid)
            os.kill(pid, signal.SIGKILL)
            raise EOFError
        return pid

    monkeypatch.setattr(forkserver, "read_signed", die_once)
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_bytes(SAMPLE.read_bytes())
    summary = run_batch([archive], tmp_path / "out", workers=1)
    assert lost and (summary.ok, summary.failed) == (1, 0)


def test_adversarial_10_run_that_cannot_start_workers_is_not_done(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import speechkit.batch.executors as executors
    from speechkit.batch import run_batch

    def broken(context: Any) -> None:
        raise EOFError("the forkserver went away")

    monkeypatch.setattr(executors, "start_warm_forkserver", broken)
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_bytes(SAMPLE.read_bytes())
    with pytest.raises(SpeechkitError, match="cannot start worker processes"):
        run_batch([archive], tmp_path / "out", workers=1)
    with sqlite3.connect(tmp_path / "out" / ".speechkit-manifest.sqlite") as db:
        assert db.execute("SELECT status FROM runs").fetchall() == [("failed",)]


# --- 11. a Ray address nobody answers -----------------------------------------------------------


def test_adversarial_11_dead_ray_address_is_one_error_fast(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    from speechkit.batch import run_batch

    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_bytes(SAMPLE.read_bytes())
    started = time.perf_counter()
    with pytest.raises(SpeechkitError, match="no Ray cluster answers"):
        run_batch([archive], tmp_path / "out", executor="ray", ray_address="127.0.0.1:1")
    assert time.perf_counter() - started < 30


# --- 12. one line instead of a traceback ----------------------------------------------------------

WRONG_SHAPES = {
    "tasks_5": {"source": "a.txt", "speeches": [{"tasks": 5}]},
    "meeting_5": {"source": "a.txt", "speeches": [{"meeting": 5, "tasks": []}]},
    "headings_dict": {"source": "a.txt", "speeches": [{"headings": {"a": 1}}]},
    "cooperating_5": {"source": "a.txt", "speeches": [{"tasks": [{"quote": "x", "cooperating": 5}]}]},
    "speech_list": {"source": "a.txt", "speeches": [[1, 2]]},
    "source_5": {"source": 5, "speeches": []},
    "input_list": {"source": "a.txt", "input": [1], "speeches": []},
}


def wrong_shape_files(tmp_path: Path) -> list[Path]:
    files = [write_json(tmp_path / f"{name}.json", data) for name, data in WRONG_SHAPES.items()]
    deep = tmp_path / "deep.json"
    deep.write_text('{"speeches": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    surrogate = tmp_path / "surrogate.json"
    surrogate.write_text('{"source": "a.txt", "speeches": [{"title": "\\ud800"}]}', encoding="utf-8")
    folder = tmp_path / "folder.json"
    folder.mkdir()
    truncated = tmp_path / "truncated.json"
    truncated.write_text('{"speeches": [{"title": "会议', encoding="utf-8")
    return [*files, deep, surrogate, folder, truncated]


def test_adversarial_12_wrong_shape_json_is_one_line_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "t.db")
    gold = ROOT / "samples" / "gold" / "000_ccfca2a2b2a83bab.json"
    for bad in wrong_shape_files(tmp_path):
        for argv in (["tracker", "import", str(bad), "--db", db], ["minutes", str(bad), "-o", str(tmp_path / "m.docx")],
                     ["eval", str(bad), str(gold)], ["eval", str(gold), str(bad)]):  # fmt: skip
            code, lines = run(argv, capsys)
            assert (code, len(errors(lines))) == (1, 1), (argv, lines)
            assert str(bad) in errors(lines)[0]
    assert not (tmp_path / "m.docx").exists()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
speech_keys = st.sampled_from(["title", "meeting", "meeting_date", "tasks", "headings", "requirements", "speaker"])
task_keys = st.sampled_from(["quote", "owner", "deadline_iso", "cooperating", "heading_path", "lead", "start"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    speech=st.dictionaries(speech_keys, json_values, max_size=4),
    first_task=st.dictionaries(task_keys, json_values, max_size=4),
)
def test_adversarial_12_any_json_shape_imports_or_is_refused(
    tmp_path: Path, speech: dict[str, Any], first_task: dict[str, Any]
) -> None:
    from speechkit.errors import TrackerError
    from speechkit.tracker import open_tracker

    tasks = speech.get("tasks", [])
    speech["tasks"] = [first_task, *tasks] if isinstance(tasks, list) else tasks
    data = {"source": "a.txt", "speeches": [speech]}
    path = write_json(tmp_path / "any.json", data)
    tracker = open_tracker(f"sqlite:///{tmp_path / 'any.db'}", by="tester")
    try:
        tracker.import_files([path])
    except TrackerError:
        pass  # refused with a message; anything else is a bug
    finally:
        tracker.dispose()


TRACKER_COMMANDS = [["import", str(SAMPLE)], ["list"], ["show", "1"], ["update", "1", "--note", "x"],
                    ["extend", "1", "--to", "2030-01-01", "--reason", "x"], ["close", "1"], ["remind"], ["stats"],
                    ["export", "--csv", "x.csv"]]  # fmt: skip


@pytest.mark.parametrize("command", TRACKER_COMMANDS, ids=lambda c: c[0])
def test_adversarial_12_malformed_db_url_is_one_line(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(["tracker", *command, "--db", "postgresql://::bad::"], capsys)
    assert (code, errors(lines)) == (1, ["speechkit: error: not a database URL: 'postgresql://::bad::'"])


def test_adversarial_12_item_id_beyond_64_bits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from speechkit.tracker import open_tracker

    db = str(tmp_path / "t.db")
    open_tracker(db, create=True).dispose()
    for command in (["show"], ["close"], ["update", "--note", "x"]):
        code, lines = run(["tracker", command[0], "99999999999999999999", *command[1:], "--db", db], capsys)
        assert (code, len(errors(lines))) == (1, 1)
        assert "no item with ID 99999999999999999999" in errors(lines)[0]


def test_adversarial_12_unwritable_outputs_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    db = tracker_with_one_item(tmp_path, capsys)
    for argv in (["tasks", str(SAMPLE), "--csv", str(blocker / "t.csv")],
                 ["minutes", str(SAMPLE), "-o", str(blocker / "m.docx")],
                 ["minutes", str(SAMPLE), "-o", str(blocker / "m.md")],
                 ["tracker", "export", "--xlsx", str(blocker / "l.xlsx"), "--db", db],
                 ["outline", str(SAMPLE), "-o", str(blocker)]):  # fmt: skip
        code, lines = run(argv, capsys)
        assert code == 1 and len(errors(lines)) == 1, (argv, lines)
        assert "cannot be written" in errors(lines)[0]
    assert blocker.read_text(encoding="utf-8") == "a file where a folder should be"


def test_adversarial_12_transcript_into_unwritable_folder_is_one_error(tmp_path: Path) -> None:
    from speechkit.deliver.transcript import write_transcript
    from speechkit.document import Segment

    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(SpeechkitError, match="cannot be written"):
        write_transcript([Segment(0.0, 1.0, "同志们")], Path("a.wav"), blocker / "sub", "srt")


def test_adversarial_12_read_only_folder_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from speechkit.deliver import write_atomic

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # what a read-only folder does (root ignores chmod)
    with pytest.raises(SpeechkitError, match=r"cannot be written \(Permission denied\)"):
        write_atomic(tmp_path / "x.json", "{}")


def test_adversarial_12_json_written_in_pieces_is_all_or_nothing(tmp_path: Path) -> None:
    """A long document's JSON is written piece by piece (issue 18): the file is the pieces joined,
    and a failure half-way leaves the previous file as it was, with no temporary behind."""
    from speechkit.deliver import write_atomic

    target = tmp_path / "x.json"
    pieces = ["{", '"讲话": "' + "同志们" * 40_000, '"}\n']  # more than one 64 K block
    write_atomic(target, iter(pieces))
    assert target.read_bytes() == "".join(pieces).encode("utf-8")

    def broken() -> Any:
        yield "{" * 100_000
        raise ValueError("a value JSON cannot hold")

    with pytest.raises(ValueError):
        write_atomic(target, broken())
    assert target.read_bytes() == "".join(pieces).encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


# --- 13. clear messages ---------------------------------------------------------------------------------


def test_adversarial_13_unreadable_file_fails_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import speechkit.ingest.guard as guard

    bad = tmp_path / "bad.txt"
    bad.write_bytes(SAMPLE.read_bytes())
    real_open, real_access = os.open, os.access

    def deny_open(path: Any, *args: Any, **kwargs: Any) -> int:
        if Path(path) == bad:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(guard.os, "open", deny_open)  # what chmod 000 does (root ignores it)
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != bad and real_access(path, mode, **kw))
    code, lines = run(["outline", str(SAMPLE), str(bad), "-o", str(tmp_path / "o")], capsys)
    assert code == 1
    assert errors(lines) == [f"speechkit: error: {bad}: cannot be read (permission denied)"]
    assert (tmp_path / "o" / f"{SAMPLE.stem}.json").exists()


LOOP_COMMANDS = [["outline"], ["process"], ["tasks"], ["minutes"], ["tracker", "import"], ["eval"], ["transcribe"]]


@pytest.mark.parametrize("command", LOOP_COMMANDS, ids=lambda c: c[-1])
def test_adversarial_13_loops_and_broken_links_are_named_in_every_command(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two, broken = tmp_path / "one.txt", tmp_path / "two.txt", tmp_path / "broken.txt"
    one.symlink_to(two)
    two.symlink_to(one)
    broken.symlink_to(tmp_path / "gone.txt")
    gold = ROOT / "samples" / "gold" / "000_ccfca2a2b2a83bab.json"
    for path, reason in ((one, "is a symbolic link loop"), (broken, "is a broken symbolic link")):
        extra = (
            [str(gold)] if command == ["eval"] else ["--db", str(tmp_path / "t.db")] if command[0] == "tracker" else []
        )
        code, lines = run([*command, str(path), *extra], capsys)
        assert (code, errors(lines)) == (1, [f"speechkit: error: {path}: {reason}"])


def test_adversarial_13_file_name_with_a_line_break_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "new\nline.txt"
    odd.write_bytes(b"")
    code, lines = run(["outline", str(odd), "-o", str(tmp_path / "o")], capsys)
    shown = str(odd).replace("\n", "\\n")
    assert (code, lines) == (1, [f"speechkit: error: {shown}: is empty"])


def test_adversarial_13_symlink_loop_is_named_a_loop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.symlink_to(two)
    two.symlink_to(one)
    code, lines = run(["outline", str(one), "-o", str(tmp_path / "o")], capsys)
    assert (code, errors(lines)) == (1, [f"speechkit: error: {one}: is a symbolic link loop"])


def test_adversarial_13_transcribe_options_are_checked_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clip = ROOT / "tests" / "data" / "audio" / "funasr_asr_example.wav"
    code, lines = run(["transcribe", str(clip), "--model", "/nonexistent", "-o", str(tmp_path)], capsys)
    assert (code, errors(lines)) == (2, ["speechkit: error: --model: no such model folder or file: /nonexistent"])
    code, lines = run(["transcribe", str(clip), "--compute-type", "bogus", "-o", str(tmp_path)], capsys)
    assert code == 2 and errors(lines)[0].startswith("speechkit: error: --compute-type: 'bogus' is not one of")


def test_adversarial_13_extend_before_the_meeting_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tracker_with_one_item(tmp_path, capsys)
    code, lines = run(["tracker", "extend", "1", "--to", "1999-01-01", "--reason", "x", "--db", db], capsys)
    assert (code, errors(lines)) == (1, ["speechkit: error: --to 1999-01-01 is before the item existed (2024-03-01)"])


def test_adversarial_13_export_refuses_a_wrong_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "t.db")
    code, lines = run(["tracker", "export", "--xlsx", str(tmp_path / "x.pdf"), "--db", db], capsys)
    assert code == 2 and "give a name ending in .xlsx" in errors(lines)[0]
    assert not (tmp_path / "x.pdf").exists()


def test_adversarial_13_stale_temporaries_are_removed_at_the_next_write(tmp_path: Path) -> None:
    from speechkit.deliver import write_atomic

    stale, fresh, other = (tmp_path / n for n in (".x.json.abcd1234.tmp", ".x.json.efgh5678.tmp", ".x.json.keep"))
    for path in (stale, fresh, other):
        path.write_text("half", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    write_atomic(tmp_path / "x.json", "{}")
    assert not stale.exists()
    assert fresh.exists() and other.exists()  # a writer may still be busy on a fresh one; not our pattern


def test_adversarial_13_batch_counts_fifos_loops_and_broken_links(tmp_path: Path) -> None:
    from speechkit.batch import run_batch

    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "good.txt").write_bytes(SAMPLE.read_bytes())
    os.mkfifo(archive / "pipe.txt")
    (archive / "one.txt").symlink_to(archive / "two.txt")
    (archive / "two.txt").symlink_to(archive / "one.txt")
    (archive / "broken.txt").symlink_to(tmp_path / "gone.txt")
    summary = run_batch([archive], tmp_path / "out", workers=1)
    assert (summary.files, summary.ok, summary.failed) == (5, 1, 4)
    reasons = {f["file"]: f["reason"] for f in summary.failures}
    assert reasons == {
        "pipe.txt": "is a FIFO (named pipe), not a regular file",
        "one.txt": "is a symbolic link loop",
        "two.txt": "is a symbolic link loop",
        "broken.txt": "is a broken symbolic link",
    }
