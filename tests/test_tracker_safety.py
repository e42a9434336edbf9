"""Tracker safety: a killed import changes nothing; several importing processes lose nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from test_tracker import MINUTES, outline, task

from speechkit.deliver.outline import from_dict
from speechkit.tracker import open_tracker

MINUTES_DAY = date(2026, 11, 23)
# The child imports through the real code; once the first meeting's items are written (not committed), it
# says so and waits to be killed.
KILLED_IMPORT = textwrap.dedent(
    """
    import sys, time
    from speechkit.tracker import importer, open_tracker

    insert_items = importer.Importer._insert_items

    def insert_then_wait(self, meeting, rows):
        insert_items(self, meeting, rows)
        self.session.flush()
        print("halfway", flush=True)
        time.sleep(120)

    importer.Importer._insert_items = insert_then_wait
    open_tracker(sys.argv[1], by="child").import_files(sys.argv[2:])
    """
)


def big_outline(source: str, count: int) -> dict[str, Any]:
    tasks = [task(f"第{n}项工作由县发改委牵头于12月{n % 28 + 1}日前完成并报送", "县发改委", None) for n in range(count)]
    return outline(tasks, source=source, meeting=f"{source}专题会议")


def snapshot(url: str) -> list[tuple[Any, ...]]:
    """Every row of every tracker table, in a stable order."""
    engine = sqlalchemy.create_engine(url)
    rows: list[tuple[Any, ...]] = []
    with engine.connect() as connection:
        for table in ("meetings", "items", "reports", "changes"):
            rows += [(table, *row) for row in connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")]
    engine.dispose()
    return rows


def child_env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parent.parent)
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}


def start_cli(*argv: str) -> subprocess.Popen[str]:
    code = "import sys; from speechkit.cli import main; main(sys.argv[1:])"
    return subprocess.Popen(
        [sys.executable, "-c", code, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env()
    )


def test_tracker_sigkill_mid_import_leaves_store_unchanged(tracker_url: str, tmp_path: Path) -> None:
    tracker = open_tracker(tracker_url, by="tester")
    tracker.import_results([from_dict(MINUTES)])
    tracker.update(tracker.list_items(MINUTES_DAY)[0].id, progress="已启动")
    before = snapshot(tracker_url)
    big, second = tmp_path / "big.json", tmp_path / "second.json"
    big.write_text(json.dumps(big_outline("big.txt", 500), ensure_ascii=False), encoding="utf-8")
    second.write_text(json.dumps(big_outline("second.txt", 10), ensure_ascii=False), encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, tracker_url, str(big), str(second)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(),
    )  # fmt: skip
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "halfway", child.stderr.read() if child.stderr else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    tracker.dispose()
    reopened = open_tracker(tracker_url, by="tester")
    assert snapshot(tracker_url) == before
    if tracker_url.startswith("sqlite"):
        with reopened.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert reopened.import_files([big, second])["new"] == 510  # and it is usable
    reopened.dispose()


@pytest.mark.parametrize("processes", [4])
def test_tracker_concurrent_imports_lose_nothing(tracker_url: str, tmp_path: Path, processes: int) -> None:
    url = tracker_url  # an empty database: the processes also race to create the schema
    files = []
    for n in range(processes):
        path = tmp_path / f"m{n}.json"
        path.write_text(json.dumps(big_outline(f"m{n}.txt", 60), ensure_ascii=False), encoding="utf-8")
        files.append(path)
    shared = tmp_path / "shared.json"
    shared.write_text(json.dumps(MINUTES, ensure_ascii=False), encoding="utf-8")
    children = [start_cli("tracker", "import", str(path), str(shared), "--db", url) for path in files]
    results = [(child.wait(timeout=300), child.stderr.read() if child.stderr else "") for child in children]
    assert [code for code, _ in results] == [0] * processes, results
    tracker = open_tracker(url)
    with tracker.engine.connect() as connection:
        count = connection.exec_driver_sql("SELECT count(*), count(DISTINCT key) FROM items").one()
        meetings = connection.exec_driver_sql("SELECT count(*) FROM meetings").scalar()
        if url.startswith("sqlite"):
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        imports = connection.exec_driver_sql("SELECT count(*) FROM changes WHERE action = 'import'").scalar()
    assert imports == processes * 61 + 4  # each item and meeting recorded once, the shared ones too
    assert tuple(count) == (processes * 60 + 3, processes * 60 + 3)
    assert meetings == processes + 1
    tracker.dispose()
