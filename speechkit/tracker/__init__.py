"""The supervision tracker (督办台账): a persistent store of meeting decisions and how far each has got.

``open_tracker(url)`` opens (and migrates) the store; every method is one transaction.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from speechkit.document import Result
from speechkit.errors import TrackerError
from speechkit.tracker import ops, queries
from speechkit.tracker.history import HistoryLine, history_line
from speechkit.tracker.importer import import_results, load_result
from speechkit.tracker.queries import Filter, ItemFile, ItemView, Reminder
from speechkit.tracker.rules import DUE_SOON_DAYS
from speechkit.tracker.store import (
    create_tracker_engine,
    default_url,
    describe,
    migrate,
    normalize_url,
    run_in_transaction,
)
from speechkit.tracker.units import UnitCheck, UnitList, read_units

__all__ = [
    "Filter", "HistoryLine", "ItemFile", "ItemView", "Reminder", "Tracker", "UnitCheck", "UnitList",
    "current_user", "default_url", "open_tracker", "read_units",
]  # fmt: skip
T = TypeVar("T")


def current_user() -> str:
    """Who is at the keyboard, for the history (getpass), or 'unknown'."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def utc_now() -> datetime:
    """Now in UTC without tzinfo: stored the same way on SQLite and PostgreSQL."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Tracker:
    """An open tracker store; each public method runs as one transaction."""

    def __init__(self, engine: Engine, by: str | None = None) -> None:
        self.engine, self.by = engine, by or current_user()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def run(self, work: Callable[[Session], T], write: bool = True) -> T:
        """Run ``work(session)`` in one retried transaction (``write=False``: a read that takes no lock)."""
        return run_in_transaction(self.engine, work, write)

    def import_results(self, results: Iterable[Result], units: UnitList | None = None) -> dict[str, int]:
        """Import pipeline results (``process_file``) in one transaction; 牵头/配合单位 under the names of
        ``units`` (the office's list) when given."""
        results = list(results)
        return self.run(lambda s: import_results(s, results, self.by, utc_now(), units))

    def import_files(self, paths: Iterable[Path], units: UnitList | None = None) -> dict[str, int]:
        """Import outline JSON files (read with ``deliver.outline.from_dict``), all or nothing: a bad file stops
        the import before anything is written."""
        return self.import_results([load_result(Path(p)) for p in paths], units)

    def import_register(self, path: Path, today: date | None = None, units: UnitList | None = None) -> dict[str, int]:
        """Import an office's existing 台账 (.xlsx/.csv, columns by their Chinese headers) in one transaction."""
        from speechkit.tracker.register import import_register, read_register

        table = read_register(Path(path))  # read (and a bad file refused) before the write lock is taken
        day = today or date.today()
        return self.run(lambda s: import_register(s, table, Path(path).name, self.by, utc_now(), day, units))

    def add(self, text: str, source: str, source_date: date | None = None, units: UnitList | None = None,
            **fields: Any) -> int:  # fmt: skip
        """Add an item by hand (a 领导批示, a task from a phone call); returns its ID (``tracker add``)."""
        return self.run(lambda s: ops.add_item(s, self.by, utc_now(), text, source, source_date, units, **fields).id)

    def edit(self, item_id: int, reason: str | None = None, due: date | None = None, units: UnitList | None = None,
             **fields: Any) -> None:  # fmt: skip
        """Correct text, units, 牵头领导/责任领导, person, deadline (``tracker edit``); each change recorded."""
        self.run(lambda s: ops.edit_item(s, item_id, self.by, utc_now(), reason, due, units, **fields))

    def reopen(self, item_id: int, reason: str) -> None:
        """重新打开 an item that was 已办结 or 已销号 (``tracker reopen``)."""
        self.run(lambda s: ops.reopen_item(s, item_id, self.by, utc_now(), reason))

    def split(self, item_id: int, parts: Sequence[str]) -> list[int]:
        """拆分 an item into several (``tracker split``); returns the IDs, the original first."""
        return self.run(lambda s: [i.id for i in ops.split_item(s, item_id, parts, self.by, utc_now())])

    def merge(self, item_ids: Sequence[int], text: str | None = None) -> int:
        """合并 items into the first (``tracker merge``); the others are 销号 with a note; returns the kept ID."""
        return self.run(lambda s: ops.merge_items(s, item_ids, self.by, utc_now(), text).id)

    def history(self, item_id: int) -> list[HistoryLine]:
        """An item's history in Chinese and local time (``tracker show``)."""
        return self.run(lambda s: [history_line(c) for c in queries.get_item(s, item_id).changes], write=False)

    def check_units(self, units: UnitList, apply: bool = False) -> list[tuple[UnitCheck, int]]:
        """Every 牵头/配合单位 name in use with its canonical form or problem, and how many items use it;
        ``apply`` renames them to the list's names, recorded in each item's history (``tracker units``)."""
        return self.run(lambda s: ops.check_units(s, units, apply, self.by, utc_now()), write=apply)

    def list_items(self, today: date, filt: Filter | None = None) -> list[ItemView]:
        """Items matching ``filt`` with their warnings as of ``today`` (``tracker list``)."""
        return self.run(lambda s: queries.list_items(s, today, filt), write=False)

    def show(self, item_id: int, today: date) -> ItemFile:
        """One item with its reports and history (``tracker show``)."""
        return self.run(lambda s: queries.show_item(s, item_id, today), write=False)

    def update(self, item_id: int, **changes: Any) -> None:
        """A progress report, a note and/or a new status (``tracker update``)."""
        self.run(lambda s: ops.update_item(s, item_id, self.by, utc_now(), **changes))

    def extend(self, item_id: int, to: date, reason: str) -> None:
        """A later due date, keeping the original (``tracker extend``)."""
        self.run(lambda s: ops.extend_item(s, item_id, to, reason, self.by, utc_now()))

    def close(self, item_id: int, note: str | None = None) -> None:
        """销号 (``tracker close``)."""
        self.run(lambda s: ops.close_item(s, item_id, self.by, utc_now(), note))

    def remind(self, today: date, within: int = DUE_SOON_DAYS) -> list[Reminder]:
        """Per unit: overdue, due soon, reports due (``tracker remind``)."""
        return self.run(lambda s: queries.reminders(s, today, within), write=False)

    def stats(self, today: date, units: UnitList | None = None) -> dict[str, list[dict[str, Any]]]:
        """Counts and completion rates by unit (under ``units``' names when given), meeting and status."""
        return self.run(lambda s: queries.stats(s, today, units), write=False)

    def dispose(self) -> None:
        """Close the database connections."""
        self.engine.dispose()


def missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it does not exist yet (None for PostgreSQL, memory or a file)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(normalize_url(url))
    except (ArgumentError, ValueError):  # a port that is no number: ValueError
        return None  # create_tracker_engine says what is wrong with it
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def open_tracker(url: str | None = None, by: str | None = None, create: bool = True) -> Tracker:
    """Open the store at ``url`` (default: ``SPEECHKIT_DB`` or the user data dir) and migrate it.

    ``create=False`` refuses a SQLite file that does not exist, so that a mistyped ``--db`` on ``list`` or
    ``close`` is one line instead of a new empty tracker."""
    url = url or default_url()
    missing = missing_sqlite_file(url)
    if missing is not None and not create:
        raise TrackerError(f"no tracker database at {missing} (check --db; 'tracker import' or 'add' creates one)")
    engine = create_tracker_engine(url)
    try:
        migrate(engine)
    except SQLAlchemyError as e:
        engine.dispose()
        shown = engine.url.render_as_string(hide_password=True)
        raise TrackerError(f"cannot open tracker database {shown}: {describe(e)}") from None
    except TrackerError:
        engine.dispose()
        raise
    return Tracker(engine, by)
