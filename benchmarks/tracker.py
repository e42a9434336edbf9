"""The tracker (督办台账) at office scale: import 10,000 items, list the overdue ones, DB size, and ratios.

Usage:  .venv/bin/python benchmarks/tracker.py [--items 10000] [--edited 20000] [--db URL] [--json FILE]

Reference, measured in the same run on the same rows: plain ``sqlite3`` ``executemany`` into one table
with the same columns (one transaction), and one indexed ``SELECT`` of the overdue rows. The tracker does
more per item (a history row, a key lookup, JSON units, migrations at open), so the ratio is its overhead.
The re-import of the unchanged file (idempotent: every item compared, nothing written) is timed too.

Issue 15: an edited re-import (every one of ``--edited`` quotes reworded, so each must be paired with its old
item by similarity) against the first import of the same items, in a fresh database (goal: within 3×);
and ``tracker list --overdue`` as the command prints it (query + rows on stdout, not a terminal) against the
bare ``SELECT`` (issue 18: the rich table took 94% of the time; goal: under 1 s for 10,000 items).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from speechkit.document import Result, Speech, Task  # noqa: E402
from speechkit.tracker import Filter, open_tracker  # noqa: E402
from speechkit.tracker.importer import task_fields  # noqa: E402

UNIT_NAMES = (
    "发改委 财政局 教育局 公安局 民政局 人社局 自然资源局 生态环境局 住建局 交通运输局 水利局 农业农村局 商务局 "
    "文旅局 卫健委 应急管理局 市场监管局 城管局 统计局 医保局"
)
UNITS = [f"县{name}" for name in UNIT_NAMES.split(" ")]
TODAY = date.today()


def synthetic_results(items: int, per_meeting: int = 100) -> list[Result]:
    """``items`` tasks in meetings of ``per_meeting``: due dates from 60 days ago to 60 days ahead."""
    rng = random.Random(5)
    results = []
    for m in range(0, items, per_meeting):
        tasks = []
        for n in range(m, min(items, m + per_meeting)):
            units = rng.sample(UNITS, rng.randint(1, 3))
            due = TODAY + timedelta(days=rng.randint(-60, 60))
            tasks.append(Task(
                quote=f"{'、'.join(units)}要于{due.month}月{due.day}日前完成第{n}项重点工作任务并报送落实情况",
                owner="、".join(units), deadline=f"{due.month}月{due.day}日前", deadline_iso=due,
                recurrence="每月25日前报送进展" if n % 4 == 0 else None,
                rrule="FREQ=MONTHLY;BYMONTHDAY=25" if n % 4 == 0 else None, heading_path=("一、重点工作",),
            ))  # fmt: skip
        meeting = f"县政府第{m // per_meeting + 1}次常务会议"
        speech = Speech(text="", title=f"{meeting}纪要", meeting=meeting, meeting_date=TODAY, tasks=tuple(tasks))
        results.append(Result(source=Path(f"cw{m // per_meeting + 1:03d}.txt"), speeches=(speech,)))
    return results


def timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def database_size(url: str, tracker: Any) -> int | None:
    """Bytes on disk: the SQLite file (+ WAL), or PostgreSQL's tables with their indexes and TOAST."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    if tracker.engine.dialect.name == "postgresql":
        query = (
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        )
        with tracker.engine.connect() as connection:
            return int(connection.exec_driver_sql(query).scalar() or 0)
    return None


def measure_tracker(url: str, results: list[Result]) -> dict[str, Any]:
    open_seconds, tracker = timed(lambda: open_tracker(url, by="bench"))
    if tracker.list_items(TODAY, Filter(include_closed=True)):
        sys.exit(f"benchmarks/tracker.py: {tracker.url} already holds items; give an empty database")
    import_seconds, counts = timed(lambda: tracker.import_results(results))
    reimport_seconds, again = timed(lambda: tracker.import_results(results))
    list_seconds, overdue = timed(lambda: tracker.list_items(TODAY, Filter(overdue=True)))
    assert again["new"] == again["updated"] == 0, again
    tracker.dispose()  # checkpoints the WAL into the file
    size = database_size(url, open_tracker(url))
    return {
        "open_s": open_seconds, "import_s": import_seconds, "reimport_s": reimport_seconds,
        "list_overdue_s": list_seconds, "items": counts["new"], "overdue": len(overdue), "db_bytes": size,
    }  # fmt: skip


def measure_sqlite3(path: Path, results: list[Result]) -> dict[str, Any]:
    """The floor: the same item rows through plain sqlite3, one table, one index, one transaction."""
    rows = []
    for result in results:
        for task in result.speeches[0].tasks:
            f = task_fields(task)
            due = f["due_original"].isoformat()
            units = json.dumps(f["cooperating"], ensure_ascii=False)
            rows.append(
                (f["quote"], f["quote"], f["owner"], f["lead"], units, f["deadline"], due, due, f["recurrence"],
                 f["rrule"], "未启动")
            )  # fmt: skip
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute(
        "CREATE TABLE items (id INTEGER PRIMARY KEY, text TEXT, quote TEXT, owner TEXT, lead TEXT, cooperating TEXT,"
        " deadline TEXT, due_original DATE, due_current DATE, recurrence TEXT, rrule TEXT, status TEXT)"
    )
    connection.execute("CREATE INDEX ix_due ON items (due_current)")

    def insert() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT INTO items (text, quote, owner, lead, cooperating, deadline, due_original, due_current,"
            " recurrence, rrule, status) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        connection.execute("COMMIT")

    insert_seconds, _ = timed(insert)
    select = "SELECT * FROM items WHERE due_current < ? AND status IN ('未启动', '推进中') ORDER BY id"
    list_seconds, overdue = timed(lambda: connection.execute(select, (TODAY.isoformat(),)).fetchall())
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return {"import_s": insert_seconds, "list_overdue_s": list_seconds, "overdue": len(overdue),
            "db_bytes": path.stat().st_size}  # fmt: skip


def reworded(results: list[Result]) -> list[Result]:
    """The same minutes after an editor went through them: every quote reworded, none left as it was."""

    def edit(task: Task) -> Task:
        quote = task.quote.replace("完成", "全面完成").replace("报送落实情况", "及时报送落实情况和存在问题")
        return dataclasses.replace(task, quote=quote)

    return [
        dataclasses.replace(result, speeches=tuple(
            dataclasses.replace(speech, tasks=tuple(edit(task) for task in speech.tasks)) for speech in result.speeches
        ))
        for result in results
    ]  # fmt: skip


def measure_edited_reimport(items: int, per_meeting: int = 100) -> dict[str, Any]:
    """First import of ``items`` tasks, then the import of the reworded file, in a fresh SQLite file."""
    results = synthetic_results(items, per_meeting)
    edited = reworded(results)
    with tempfile.TemporaryDirectory() as tmp:
        tracker = open_tracker(f"sqlite:///{Path(tmp) / 'edited.db'}", by="bench")
        first_seconds, first = timed(lambda: tracker.import_results(results))
        edited_seconds, counts = timed(lambda: tracker.import_results(edited))
        tracker.dispose()
    assert first["new"] == items and counts["updated"] >= 0.999 * items, counts
    return {"items": items, "per_meeting": per_meeting, "first_s": first_seconds, "edited_s": edited_seconds,
            "paired": counts["updated"]}  # fmt: skip


def measure_list_command(url: str) -> float:
    """``speechkit tracker list --overdue`` into a pipe: open, query, print every row."""
    from speechkit.cli import main

    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main(["tracker", "list", "--overdue", "--db", url])
    seconds = time.perf_counter() - start
    assert out.getvalue().count("\n") > 2, "tracker list printed nothing"
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--edited", type=int, default=20_000, help="Items in the edited re-import (0: skip).")
    parser.add_argument("--db", help="Tracker URL to measure (default: a fresh SQLite file in a temp folder).")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    results = synthetic_results(args.items)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'tracker.db'}"
        tracker = measure_tracker(url, results)
        tracker["list_command_s"] = measure_list_command(url)
        reference = measure_sqlite3(Path(tmp) / "reference.db", results)
    edited = measure_edited_reimport(args.edited) if args.edited else None
    # all in one meeting: past 2,000 × 2,000 pairs the 3-gram index replaces scoring every pair
    edited_one = measure_edited_reimport(args.edited, args.edited) if args.edited else None
    assert tracker["overdue"] == reference["overdue"], (tracker["overdue"], reference["overdue"])
    print(f"tracker benchmark: {args.items:,} items in {len(results)} meetings, {tracker['overdue']:,} overdue, "
          f"database {url if args.db else 'SQLite (temp file)'}")  # fmt: skip
    print(f"{'':24}{'tracker':>12}{'sqlite3 ref':>14}{'ratio':>9}")
    for key, label in (("import_s", "import (1 transaction)"), ("list_overdue_s", "list overdue")):
        ratio = tracker[key] / reference[key] if reference[key] else float("inf")
        print(f"{label:24}{tracker[key]:>11.3f}s{reference[key]:>13.4f}s{ratio:>8.1f}x")
    ratio = tracker["list_command_s"] / reference["list_overdue_s"]
    print(f"{'tracker list --overdue':24}{tracker['list_command_s']:>11.3f}s{reference['list_overdue_s']:>13.4f}s"
          f"{ratio:>8.1f}x  (the command into a pipe: open, query, print)")  # fmt: skip
    print(f"{'re-import, unchanged':24}{tracker['reimport_s']:>11.3f}s")
    print(f"{'open + migrate':24}{tracker['open_s']:>11.3f}s")
    if tracker["db_bytes"]:
        ratio = tracker["db_bytes"] / reference["db_bytes"]
        print(f"{'database size':24}{tracker['db_bytes'] / 2**20:>10.2f}MB{reference['db_bytes'] / 2**20:>12.2f}MB"
              f"{ratio:>8.1f}x")  # fmt: skip
    for run in (edited, edited_one):
        if run:
            ratio = run["edited_s"] / run["first_s"]
            print(f"edited re-import, {run['per_meeting']:,} per meeting: {run['items']:,} reworded quotes "
                  f"{run['edited_s']:.2f}s ({run['paired']:,} paired), first import {run['first_s']:.2f}s: "
                  f"{ratio:.2f}x the first import (goal: within 3x)")  # fmt: skip
    if args.json:
        figures = {"tracker": tracker, "sqlite3": reference, "edited": edited, "edited_one_meeting": edited_one}
        args.json.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
