"""The manifest: one SQLite file in OUTDIR, a row per input, committed after its outputs are written."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, cast

from speechkit.batch.inputs import BatchInput
from speechkit.batch.job import FileOutcome
from speechkit.errors import SpeechkitError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    name TEXT PRIMARY KEY,      -- relative to the archive, with '/'
    sha256 TEXT,                -- of the bytes processed; NULL when the file could not be read
    size INTEGER,
    options TEXT,               -- BatchOptions.fingerprint() of the run that produced the row
    status TEXT NOT NULL,       -- ok | failed
    reason TEXT,
    outputs TEXT NOT NULL DEFAULT '[]',  -- JSON list of OUTDIR-relative paths
    output_bytes TEXT,          -- JSON list of their sizes: outputs of other sizes are done again
    characters INTEGER NOT NULL DEFAULT 0,
    audio_seconds REAL NOT NULL DEFAULT 0,
    speeches INTEGER NOT NULL DEFAULT 0,
    tasks INTEGER NOT NULL DEFAULT 0,
    tracked INTEGER NOT NULL DEFAULT 0,
    run_id INTEGER,
    updated TEXT
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL,       -- running | done | interrupted | failed | crashed (still 'running' after a kill)
    summary TEXT
);
CREATE TABLE IF NOT EXISTS attempts (  -- every time a file was processed: the audit trail
    run_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    seconds REAL,
    at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class ManifestRow:
    """What the manifest knows of one input."""

    name: str
    sha256: str | None
    options: str | None
    status: str
    reason: str | None
    outputs: tuple[str, ...]
    output_bytes: tuple[int, ...] | None  # None in a manifest written before sizes were kept
    characters: int
    audio_seconds: float
    speeches: int
    tasks: int


class Manifest:
    """The batch manifest (Black ``Cache``, but in SQLite so that a kill leaves it consistent).

    Records are committed in groups (``flush``), one transaction each: a kill loses at most the
    last group, whose files the next run does again.
    """

    GROUP_FILES = 256
    GROUP_SECONDS = 0.5

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.lock = _lock_folder(path.with_suffix(".lock"))
        except OSError as e:
            raise SpeechkitError(f"the output folder cannot be used ({e.strerror or e})", path.parent) from e
        try:
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            self._add_missing_columns()
        except sqlite3.Error as e:
            self.lock.close()
            raise SpeechkitError(f"the batch manifest cannot be opened ({e})", path) from e
        self.run_id = 0
        self.unwritten: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = []  # (files row, attempts row)
        self.flushed = time.monotonic()

    def _add_missing_columns(self) -> None:
        """A manifest from an earlier speechkit lacks the newer columns; they are added, rows kept."""
        have = {row[1] for row in self.db.execute("PRAGMA table_info(files)")}
        if "output_bytes" not in have:
            self.db.execute("ALTER TABLE files ADD COLUMN output_bytes TEXT")

    def close(self) -> None:
        self.db.close()
        self.lock.close()  # closing the file releases the lock

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def start_run(self) -> int:
        with self.transaction() as db:
            inserted = db.execute("INSERT INTO runs (started, status) VALUES (?, 'running')", (_now(),))
            self.run_id = cast(int, inserted.lastrowid)  # an INSERT's cursor has the new row's id
        return self.run_id

    def finish_run(self, status: str, summary: dict[str, Any]) -> None:
        self.flush()
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET finished = ?, status = ?, summary = ? WHERE id = ?",
                (_now(), status, json.dumps(summary, ensure_ascii=False), self.run_id),
            )

    def rows(self) -> dict[str, ManifestRow]:
        """Every file the manifest knows, read once at the start of a run."""
        rows = self.db.execute(
            "SELECT name, sha256, options, status, reason, outputs, output_bytes, characters, audio_seconds,"
            " speeches, tasks FROM files"
        )
        return {
            name: ManifestRow(
                name,
                sha256,
                options,
                status,
                reason,
                tuple(json.loads(outputs)),
                tuple(json.loads(output_bytes)) if output_bytes else None,
                *counts,
            )
            for name, sha256, options, status, reason, outputs, output_bytes, *counts in rows
        }

    def record(
        self,
        item: BatchInput,
        sha256: str | None,
        options: str,
        outcome: FileOutcome,
        outputs: Sequence[tuple[str, int]],
    ) -> None:
        """One file's result and its attempt, committed with the next group."""
        status, now = ("ok" if outcome.ok else "failed"), _now()
        file_row = (
            item.name,
            sha256,
            item.size,
            options,
            status,
            outcome.reason,
            json.dumps([path for path, _ in outputs], ensure_ascii=False),
            json.dumps([size for _, size in outputs]),
            outcome.characters,
            outcome.audio_seconds,
            outcome.speeches,
            outcome.tasks,
            int(outcome.ok and outcome.result is not None),
            self.run_id,
            now,
        )
        self.unwritten.append((file_row, (self.run_id, item.name, status, outcome.reason, outcome.seconds, now)))
        self.flush_if_due()

    def flush_if_due(self) -> None:
        if len(self.unwritten) >= self.GROUP_FILES or time.monotonic() - self.flushed >= self.GROUP_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Commit the records not yet written, in one transaction."""
        if self.unwritten:
            with self.transaction() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO files (name, sha256, size, options, status, reason, outputs,"
                    " output_bytes, characters, audio_seconds, speeches, tasks, tracked, run_id, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [file_row for file_row, _ in self.unwritten],
                )
                db.executemany(
                    "INSERT INTO attempts (run_id, name, status, reason, seconds, at) VALUES (?, ?, ?, ?, ?, ?)",
                    [attempt for _, attempt in self.unwritten],
                )
            self.unwritten.clear()
        self.flushed = time.monotonic()


def _lock_folder(lock_path: Path) -> Any:
    """Hold an exclusive lock on OUTDIR for this run: two batches writing one folder would race."""
    handle = lock_path.open("a+b")
    try:
        import fcntl
    except ImportError:  # Windows: no advisory lock; one batch per folder is then the user's care
        return handle
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise SpeechkitError("another speechkit batch is writing to this folder", lock_path.parent) from None
    return handle


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
