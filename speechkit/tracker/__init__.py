"""The supervision tracker (督办台账): a persistent store of meeting decisions and how far each has got.

``open_tracker(url)`` opens (and migrates) the store; every method is one transaction.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from speechkit.errors import TrackerError
from speechkit.tracker import ops, queries
from speechkit.tracker.importer import import_outlines, load_outline
from speechkit.tracker.queries import Filter, ItemFile, ItemView, Reminder
from speechkit.tracker.rules import DUE_SOON_DAYS
from speechkit.tracker.store import create_tracker_engine, default_url, describe, migrate, run_in_transaction

__all__ = ["Filter", "ItemFile", "ItemView", "Reminder", "Tracker", "current_user", "default_url", "open_tracker"]
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

    def import_outlines(self, outlines: Iterable[Mapping[str, Any]]) -> dict[str, int]:
        """Import outline dicts (``deliver.outline.to_dict``) in one transaction."""
        outlines = list(outlines)
        return self.run(lambda s: import_outlines(s, outlines, self.by, utc_now()))

    def import_files(self, paths: Iterable[Path]) -> dict[str, int]:
        """Import outline JSON files, all or nothing: a bad file stops the import before anything is written."""
        return self.import_outlines([load_outline(Path(p)) for p in paths])

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

    def stats(self, today: date) -> dict[str, list[dict[str, Any]]]:
        """Counts and completion rates by unit, meeting and status (``tracker stats``)."""
        return self.run(lambda s: queries.stats(s, today), write=False)

    def dispose(self) -> None:
        """Close the database connections."""
        self.engine.dispose()


def open_tracker(url: str | None = None, by: str | None = None) -> Tracker:
    """Open the store at ``url`` (default: ``SPEECHKIT_DB`` or the user data dir) and migrate it."""
    engine = create_tracker_engine(url or default_url())
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
