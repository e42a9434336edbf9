"""run_batch(): whole archives across worker processes or a Ray cluster, resumable, one Report per run.

``run_each`` runs a job over a few paths in turn (the ``outline`` command). ``run_batch`` walks
folders and globs, hands each file to ``process_bytes`` in a worker (a module-level job that needs
only the file's bytes, its relative name and the options, so a Ray task can run it as well), stages
the outputs beside their place in a mirror of the input folders, and renames them into place as it
records the file in a SQLite manifest, so that a rerun skips what is done and unchanged. A bad
file, a stage that raises or a worker that dies fails that one file; SIGINT and SIGTERM stop the
run cleanly (exit 130).
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import signal
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from speechkit.document import Options, Result
from speechkit.errors import SpeechkitError, UsageError

T = TypeVar("T")

MANIFEST_NAME = ".speechkit-manifest.sqlite"
SUMMARY_NAME = "speechkit-batch-summary.json"
EXIT_INTERRUPTED = 130
MB = 1 << 20


@dataclass
class Report(Generic[T]):
    """What a run over several inputs did (Black ``report.py``): results, failures, exit code."""

    done: list[tuple[Path, T]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


def run_each(
    paths: Iterable[Path],
    job: Callable[[Path], T],
    on_error: Callable[[SpeechkitError], None] = lambda e: None,
    on_done: Callable[[Path], None] = lambda p: None,
) -> Report[T]:
    """Run ``job`` on each path in turn; a SpeechkitError is recorded and the run goes on."""
    report: Report[T] = Report()
    for path in paths:
        try:
            report.done.append((path, job(path)))
        except SpeechkitError as e:
            if e.path is None:
                e.path = path
            report.failed.append((path, e.message))
            on_error(e)
        on_done(path)
    return report


# ----------------------------------------------------------------------------------------------
# The per-file job: bytes + name + settings → outputs. No file system, so a Ray task can run it.


@dataclass(frozen=True)
class BatchOptions:
    """How a batch treats each file: pipeline options, what to write, size limits."""

    options: Options = field(default_factory=Options)
    formats: tuple[str, ...] = ("json", "md")  # outline outputs: json and/or md
    minutes: bool = False  # also the 会议纪要 .docx
    track: bool = False  # import each file's tasks into the 督办台账 tracker
    max_bytes: int = 64 * MB  # a text, docx or html file above this fails as too large
    max_audio_bytes: int = 4096 * MB

    def fingerprint(self) -> str:
        """What changes a file's outputs: a file done under other settings is done again."""
        settings = {
            "options": {k: str(v) for k, v in _fields(self.options).items()},
            "formats": sorted(self.formats),
            "minutes": self.minutes,
            "track": self.track,
        }
        return json.dumps(settings, sort_keys=True, ensure_ascii=False)

    def limit_for(self, name: str) -> int:
        return self.max_audio_bytes if is_audio(name) else self.max_bytes


def _fields(options: Options) -> dict[str, Any]:
    return {name: getattr(options, name) for name in options.__dataclass_fields__}


@dataclass(frozen=True)
class FileOutcome:
    """What the job made of one file: its outputs (suffix, bytes) and counts, or why it failed."""

    name: str  # the file's path relative to the archive, with "/"
    ok: bool
    reason: str | None = None
    outputs: tuple[tuple[str, bytes], ...] = ()  # (".json", content), (".md", …), (".minutes.docx", …)
    characters: int = 0
    audio_seconds: float = 0.0
    speeches: int = 0
    tasks: int = 0
    seconds: float = 0.0  # time the job took in its worker
    cpu_seconds: float = 0.0  # CPU time it took there (less than ``seconds`` on a busy machine)
    result: Result | None = None  # kept only with --track: the driver imports it
    staged: tuple[tuple[str, int], ...] = ()  # (OUTDIR-relative path, size) of outputs staged for the driver


Job = Callable[[str, bytes, BatchOptions], FileOutcome]


def process_bytes(name: str, data: bytes, settings: BatchOptions) -> FileOutcome:
    """The batch job: read the bytes as the named file, run the pipeline, render every output in memory."""
    from speechkit.ingest import read_bytes
    from speechkit.pipeline import process_document

    document = read_bytes(name, data)
    result = process_document(document, settings.options)
    segments = document.segments
    return FileOutcome(
        name=name,
        ok=True,
        outputs=render_outputs(result, settings),
        characters=len(document.text),
        audio_seconds=float(segments[-1].end) if segments else 0.0,
        speeches=len(result.speeches),
        tasks=sum(len(s.tasks) for s in result.speeches),
        result=result if settings.track else None,
    )


def output_suffixes(settings: BatchOptions) -> tuple[str, ...]:
    """The suffixes of the outputs each file gets under these settings, in the order they are written."""
    wanted = {".json": "json" in settings.formats, ".md": "md" in settings.formats, ".minutes.docx": settings.minutes}
    return tuple(suffix for suffix, on in wanted.items() if on)


def render_outputs(result: Result, settings: BatchOptions) -> tuple[tuple[str, bytes], ...]:
    """The output files of one result, as (suffix, bytes)."""
    from speechkit.deliver.outline import to_json, to_markdown

    renderers: dict[str, Callable[[], bytes]] = {
        ".json": lambda: to_json(result).encode("utf-8"),
        ".md": lambda: to_markdown(result).encode("utf-8"),
        ".minutes.docx": lambda: minutes_docx(result),
    }
    return tuple((suffix, renderers[suffix]()) for suffix in output_suffixes(settings))


def stage_outputs(outcome: FileOutcome, out_dir: Path, out_stem: str) -> FileOutcome:
    """Write a good outcome's outputs to their staged files (on disk, not yet in place).

    Local workers do this themselves, so that the bytes never travel back and the driver, alone on
    its core, only renames: an output appears under its name when the driver records the file.
    """
    from speechkit.deliver import discard_staged, write_staged

    if not outcome.ok or not outcome.outputs:
        return outcome
    staged: list[tuple[str, int]] = []
    try:
        for suffix, content in outcome.outputs:
            write_staged(out_dir / (out_stem + suffix), content)
            staged.append((out_stem + suffix, len(content)))
    except OSError as e:
        for relative, _ in staged:
            discard_staged(out_dir / relative)
        return replace(outcome, ok=False, reason=one_line(f"output cannot be written ({e})"), outputs=(), result=None)
    return replace(outcome, outputs=(), staged=tuple(staged))


def minutes_docx(result: Result) -> bytes:
    """The 会议纪要 .docx of a result, through speechkit.deliver.minutes."""
    return find_minutes_writer()(result)


def find_minutes_writer() -> Callable[[Result], bytes]:
    """speechkit.deliver.minutes.minutes_docx_bytes, or one clear line when this installation lacks it."""
    try:
        from speechkit.deliver.minutes import minutes_docx_bytes
    except ImportError as e:
        raise SpeechkitError(f"--minutes: the 会议纪要 writer cannot be loaded ({e})") from None
    return minutes_docx_bytes


def run_job(job: Job, name: str, data: bytes, settings: BatchOptions) -> FileOutcome:
    """Run a job on one file; any exception becomes that file's failure, with its reason on one line."""
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        outcome = job(name, data, settings)
    except SpeechkitError as e:
        outcome = FileOutcome(name=name, ok=False, reason=one_line(e.message))
    except ImportError as e:  # e.g. the audio reader or its extra is absent from this installation
        outcome = FileOutcome(
            name=name, ok=False, reason=one_line(f"cannot be read here: {e.name or e} is not installed")
        )
    except MemoryError:
        outcome = FileOutcome(name=name, ok=False, reason="out of memory while processing it")
    except RecursionError:
        outcome = FileOutcome(name=name, ok=False, reason="internal error: RecursionError (text nested too deep)")
    except Exception as e:  # a stage bug must cost one file, not the archive
        outcome = FileOutcome(name=name, ok=False, reason=one_line(f"internal error: {type(e).__name__}: {e}"))
    return replace(outcome, seconds=time.perf_counter() - started, cpu_seconds=time.process_time() - cpu_started)


def one_line(message: str, limit: int = 300) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_audio(name: str) -> bool:
    from speechkit.ingest import AUDIO_SUFFIXES

    return Path(name).suffix.lower() in AUDIO_SUFFIXES


# ----------------------------------------------------------------------------------------------
# Inputs: folders and globs → files with a stable relative name, mirrored in OUTDIR.


@dataclass(frozen=True)
class BatchInput:
    """One file of the archive: where it is, its name relative to the archive, its size."""

    path: Path
    name: str  # relative, with "/": the key in the manifest and the mirror path in OUTDIR
    size: int
    out_stem: str = ""  # OUTDIR-relative path without suffix: "2023/speech" or "2023/speech.txt"

    @property
    def audio(self) -> bool:
        return is_audio(self.name)


def collect_inputs(sources: Sequence[str | Path], out_dir: Path | None = None) -> tuple[list[BatchInput], int]:
    """Every supported file under the folders, globs and files given; also how many others were passed over.

    Names are relative to the common folder of all sources, so two folders never clash. Hidden
    files and folders, and anything inside ``out_dir``, are left out.
    """
    from speechkit.ingest import SUPPORTED_SUFFIXES

    found: dict[Path, Path] = {}  # file → the root its name is relative to
    ignored = 0
    for source in sources:
        for path, root, explicit in _expand(str(source)):
            if out_dir is not None and _inside(path, out_dir):
                continue
            if not explicit and (path.suffix.lower() not in SUPPORTED_SUFFIXES or _hidden(path, root)):
                ignored += 1
                continue
            found.setdefault(path.resolve(), root.resolve())
    if not found:
        return [], ignored
    base = Path(os.path.commonpath([str(root) for root in found.values()]))
    inputs = []
    for path in sorted(found):
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        inputs.append(BatchInput(path=path, name=path.relative_to(base).as_posix(), size=size))
    return assign_output_stems(inputs), ignored


def _expand(source: str) -> Iterator[tuple[Path, Path, bool]]:
    """(file, root, named explicitly) for a folder, a glob or a file."""
    path = Path(source)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file():
                yield child, path, False
    elif path.is_file():
        yield path, path.parent, True
    elif glob.has_magic(source):
        root = _glob_root(source)
        for match in sorted(glob.glob(source, recursive=True)):
            if Path(match).is_file():
                yield Path(match), root, False
    else:
        raise UsageError(f"{source}: no such file, folder or matching glob")


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed = [p for p in parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]]
    return Path(*fixed) if fixed else Path(".")


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def assign_output_stems(inputs: list[BatchInput]) -> list[BatchInput]:
    """``dir/speech.txt`` → ``dir/speech``; when two inputs share a stem the full name stays (``speech.txt``)."""
    stems: dict[str, int] = {Path(SUMMARY_NAME).stem: 1}
    for item in inputs:
        stem = _stem(item.name)
        stems[stem] = stems.get(stem, 0) + 1
    return [replace(i, out_stem=_stem(i.name) if stems[_stem(i.name)] == 1 else i.name) for i in inputs]


def _stem(name: str) -> str:
    return str(Path(name).with_suffix("").as_posix())


# ----------------------------------------------------------------------------------------------
# The manifest: one SQLite file in OUTDIR, a row per input, committed after its outputs are written.

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
    status TEXT NOT NULL,       -- running | done | interrupted | crashed (still 'running' after a kill)
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
            self.run_id = db.execute("INSERT INTO runs (started, status) VALUES (?, 'running')", (_now(),)).lastrowid
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
            row[0]: ManifestRow(
                *row[:5],
                tuple(json.loads(row[5])),
                tuple(json.loads(row[6])) if row[6] else None,
                *row[7:],
            )
            for row in rows
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


# ----------------------------------------------------------------------------------------------
# Executors: a local process pool (text and audio apart) or Ray tasks, behind one small interface.


class Executor(Protocol):
    """Where jobs run: ``submit`` a file, ``collect`` what finished; ``close`` stops every worker."""

    def room(self, audio: bool) -> int: ...

    def submit(self, item: BatchInput, data: bytes) -> None: ...

    def collect(self, timeout: float) -> list[tuple[BatchInput, FileOutcome]]: ...

    def busy(self) -> bool: ...

    def close(self, kill: bool) -> list[BatchInput]: ...  # the files in flight, whose outcome is lost


_WORKER_JOB: tuple[Job, BatchOptions, Path] | None = None


def _init_worker(job: Job, settings: BatchOptions, out_dir: Path) -> None:
    """Pool initializer: the options arrive once per worker, not once per file; signals are the driver's."""
    global _WORKER_JOB
    _WORKER_JOB = (job, settings, out_dir)
    # Ctrl-C reaches the whole process group; the driver decides, so workers never print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    warm_pipeline()  # already done when the worker was forked from a warm forkserver: then it costs nothing


def warm_pipeline() -> None:
    """Load the pipeline's models (spaCy, jieba: seconds of CPU) before the first file, not in it."""
    with contextlib.suppress(Exception):
        import speechkit.deliver.outline  # noqa: F401
        from speechkit.pipeline import outline_text

        outline_text("一、加强组织领导。各单位要在本月底前报送进展情况。")


_WARM_FORKSERVER = "SPEECHKIT_BATCH_WARM_FORKSERVER"


def start_warm_forkserver(context: Any) -> None:
    """Start the forkserver with the pipeline loaded, so that every worker forked from it starts warm.

    The forkserver imports this module (``set_forkserver_preload``); the variable, set only while it
    starts, tells the import to warm the pipeline there (see the end of this module). A forkserver
    already running (started elsewhere in this process) is used as it is.
    """
    from multiprocessing import forkserver

    context.set_forkserver_preload([__name__])
    os.environ[_WARM_FORKSERVER] = "1"
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(_WARM_FORKSERVER, None)


def _work(name: str, out_stem: str, data: bytes) -> FileOutcome:
    assert _WORKER_JOB is not None, "worker not initialised"
    job, settings, out_dir = _WORKER_JOB
    return stage_outputs(run_job(job, name, data, settings), out_dir, out_stem)


@dataclass
class _Slot:
    item: BatchInput
    data: bytes
    solo: bool = False  # run alone after a pool broke, to tell the file that kills workers


class _Pool:
    """One ProcessPoolExecutor; when a worker dies, it is rebuilt and the files in flight run one by one."""

    def __init__(self, workers: int, job: Job, settings: BatchOptions, out_dir: Path) -> None:
        self.workers, self.job, self.settings, self.out_dir = workers, job, settings, out_dir
        self.executor: Any = None
        self.pending: dict[Any, _Slot] = {}
        self.waiting: deque[_Slot] = deque()
        self.suspects: deque[_Slot] = deque()

    def _start(self) -> Any:
        if self.executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # forkserver: no fork of a threaded driver (rich's refresh thread), and a cheap start per worker.
            context = multiprocessing.get_context("forkserver")
            start_warm_forkserver(context)
            self.executor = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.job, self.settings, self.out_dir),
            )
        return self.executor

    def room(self) -> int:
        return max(0, 2 * self.workers - len(self.pending) - len(self.waiting))

    def busy(self) -> bool:
        return bool(self.pending or self.waiting or self.suspects)

    def pump(self) -> None:
        """Hand waiting files to the workers, two per worker; a suspect only alone."""
        if self.suspects:
            if not self.pending:
                slot = self.suspects.popleft()
                slot.solo = True
                self._submit(slot)
            return
        while self.waiting and len(self.pending) < 2 * self.workers:
            self._submit(self.waiting.popleft())

    def _submit(self, slot: _Slot) -> None:
        from concurrent.futures.process import BrokenProcessPool

        try:
            future = self._start().submit(_work, slot.item.name, slot.item.out_stem, slot.data)
        except BrokenProcessPool:
            self._restart()
            future = self._start().submit(_work, slot.item.name, slot.item.out_stem, slot.data)
        self.pending[future] = slot

    def collect(self, timeout: float) -> list[tuple[BatchInput, FileOutcome]]:
        from concurrent.futures.process import BrokenProcessPool

        self.pump()
        if not self.pending:
            return []
        done, _ = wait(list(self.pending), timeout=timeout, return_when=FIRST_COMPLETED)
        finished: list[tuple[BatchInput, FileOutcome]] = []
        broken: list[_Slot] = []
        for future in done:
            slot = self.pending.pop(future)
            try:
                finished.append((slot.item, future.result()))
            except BrokenProcessPool:
                broken.append(slot)
        if broken:
            finished += self._after_break(broken)
        return finished

    def _after_break(self, broken: list[_Slot]) -> list[tuple[BatchInput, FileOutcome]]:
        """A worker died: every file in flight failed with it. Blame one only when it was alone."""
        wait(list(self.pending))  # the other futures of a broken pool fail at once
        finished = []
        for future, slot in self.pending.items():
            if not future.cancelled() and future.exception() is None:  # it had finished before the break
                finished.append((slot.item, future.result()))
            else:
                broken.append(slot)
        self.pending.clear()
        self._restart()
        if len(broken) == 1 or broken[0].solo:
            return finished + [(s.item, died(s.item.name)) for s in broken]
        self.suspects.extend(broken)
        return finished

    def _restart(self) -> None:
        self._shutdown(kill=True)  # the futures in flight fail with BrokenProcessPool, as in collect

    def close(self, kill: bool) -> list[BatchInput]:
        lost = [slot.item for slot in self.pending.values()]
        self.pending.clear()
        self._shutdown(kill)
        return lost

    def _shutdown(self, kill: bool) -> None:
        executor, self.executor = self.executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        if kill:
            for process in processes:
                with contextlib.suppress(Exception):
                    process.kill()
        executor.shutdown(wait=True, cancel_futures=True)


def died(name: str) -> FileOutcome:
    return FileOutcome(
        name=name, ok=False, reason="the worker process died while processing it (crash, out of memory or killed)"
    )


class LocalExecutor:
    """Worker processes on this machine: one pool for text, a smaller one for audio (Whisper per worker)."""

    def __init__(self, workers: int, audio_workers: int, job: Job, settings: BatchOptions, out_dir: Path) -> None:
        self.text = _Pool(workers, job, settings, out_dir)
        self.audio = _Pool(audio_workers, job, settings, out_dir)

    def room(self, audio: bool) -> int:
        return (self.audio if audio else self.text).room()

    def submit(self, item: BatchInput, data: bytes) -> None:
        pool = self.audio if item.audio else self.text
        pool.waiting.append(_Slot(item, data))
        pool.pump()

    def collect(self, timeout: float) -> list[tuple[BatchInput, FileOutcome]]:
        pools = [p for p in (self.text, self.audio) if p.busy()]
        if not pools:
            return []
        finished: list[tuple[BatchInput, FileOutcome]] = []
        for pool in pools:
            finished += pool.collect(timeout / len(pools) if not finished else 0)
        return finished

    def busy(self) -> bool:
        return self.text.busy() or self.audio.busy()

    def close(self, kill: bool) -> list[BatchInput]:
        return self.text.close(kill) + self.audio.close(kill)


def run_jobs(job: Job, files: list[tuple[str, bytes]], settings: BatchOptions) -> list[FileOutcome]:
    """Run a job on a bundle of files, each on its own (a Ray task over a few small files)."""
    return [run_job(job, name, data, settings) for name, data in files]


@dataclass
class _Bundle:
    files: list[tuple[BatchInput, bytes]]

    @property
    def size(self) -> int:
        return sum(len(data) for _, data in self.files)


class RayExecutor:
    """The same jobs as Ray tasks: a local Ray, or a cluster at ``address``; audio tasks ask for more CPUs.

    Small text files travel in bundles of a few per task: a Ray task costs milliseconds of its own,
    about as much as a short speech takes to process. A recording is always a task of its own.
    """

    BUNDLE_FILES = 8
    BUNDLE_BYTES = 2 * MB

    def __init__(self, address: str | None, job: Job, settings: BatchOptions, audio_cpus: float = 2.0) -> None:
        try:
            import ray
        except ImportError:
            from speechkit.errors import MissingExtra

            raise MissingExtra("ray", "cluster") from None
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home
        self.ray = ray
        self.owns_ray = not ray.is_initialized()
        if self.owns_ray:
            try:
                # A Ray started here listens on loopback only; joining a cluster is the user's --ray-address.
                local = {} if address else {"_node_ip_address": "127.0.0.1"}
                ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level="ERROR", **local)
            except Exception as e:
                raise SpeechkitError(f"--executor ray: cannot start or join Ray ({one_line(str(e))})") from e
        self.cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.audio_cpus = min(audio_cpus, self.cpus)
        self.window = 2 * self.cpus * self.BUNDLE_FILES  # files in flight: two bundles per CPU
        self.remote = ray.remote(max_retries=0)(run_jobs)
        self.job = job
        self.settings_ref = ray.put(settings)
        self.forming = _Bundle([])
        self.pending: dict[Any, _Bundle] = {}

    def room(self, audio: bool) -> int:
        in_flight = len(self.forming.files) + sum(len(bundle.files) for bundle in self.pending.values())
        return max(0, self.window - in_flight)

    def submit(self, item: BatchInput, data: bytes) -> None:
        if item.audio:
            self._launch(_Bundle([(item, data)]))
            return
        self.forming.files.append((item, data))
        if len(self.forming.files) >= self.BUNDLE_FILES or self.forming.size >= self.BUNDLE_BYTES:
            self._launch_forming()

    def _launch_forming(self) -> None:
        if self.forming.files:
            bundle, self.forming = self.forming, _Bundle([])
            self._launch(bundle)

    def _launch(self, bundle: _Bundle) -> None:
        cpus = self.audio_cpus if any(item.audio for item, _ in bundle.files) else 1
        files = [(item.name, data) for item, data in bundle.files]
        self.pending[self.remote.options(num_cpus=cpus).remote(self.job, files, self.settings_ref)] = bundle

    def collect(self, timeout: float) -> list[tuple[BatchInput, FileOutcome]]:
        self._launch_forming()  # the driver has handed over what it had: a partial bundle goes too
        if not self.pending:
            return []
        refs = list(self.pending)
        ready, _ = self.ray.wait(refs, num_returns=1, timeout=timeout)
        if ready:
            ready, _ = self.ray.wait(refs, num_returns=len(refs), timeout=0)
        finished: list[tuple[BatchInput, FileOutcome]] = []
        for ref in ready:
            bundle = self.pending.pop(ref)
            try:
                outcomes = self.ray.get(ref)
            except self.ray.exceptions.RayError:
                finished += self._after_death(bundle)
                continue
            finished += [(item, outcome) for (item, _), outcome in zip(bundle.files, outcomes, strict=True)]
        return finished

    def _after_death(self, bundle: _Bundle) -> list[tuple[BatchInput, FileOutcome]]:
        """The task's worker died: a file alone is to blame; the files of a bundle are tried alone."""
        if len(bundle.files) == 1:
            item = bundle.files[0][0]
            return [(item, died(item.name))]
        for file in bundle.files:
            self._launch(_Bundle([file]))
        return []

    def busy(self) -> bool:
        return bool(self.pending or self.forming.files)

    def close(self, kill: bool) -> list[BatchInput]:
        if kill:
            for ref in self.pending:
                with contextlib.suppress(Exception):
                    self.ray.cancel(ref, force=True)
        lost = [item for bundle in [*self.pending.values(), self.forming] for item, _ in bundle.files]
        self.pending.clear()
        self.forming = _Bundle([])
        if self.owns_ray:
            self.ray.shutdown()
        return lost


# ----------------------------------------------------------------------------------------------
# The driver.


@dataclass
class BatchProgress:
    """A snapshot for a progress bar: files, bytes and audio so far."""

    files_total: int
    bytes_total: int
    files_done: int = 0
    bytes_done: int = 0
    audio_seconds: float = 0.0
    ok: int = 0
    failed: int = 0
    skipped: int = 0


@dataclass
class BatchSummary:
    """What one batch run did: the counts of the summary JSON and the exit code."""

    out_dir: str
    files: int = 0
    ok: int = 0
    failed: int = 0
    skipped: int = 0  # done in an earlier run, unchanged
    ignored: int = 0  # files in the folders of a type speechkit does not read
    characters: int = 0  # of the files processed or skipped as done
    audio_minutes: float = 0.0
    speeches: int = 0
    tasks: int = 0
    megabytes: float = 0.0
    seconds: float = 0.0
    files_per_second: float = 0.0
    job_cpu_seconds: float = 0.0  # CPU the workers spent on the files processed (start-up not included)
    workers: int = 0
    executor: str = "local"
    interrupted: bool = False
    run_id: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return 1 if self.failed else 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Tracker = Callable[[Result], None]


class _Stop:
    """SIGINT/SIGTERM set a flag the driver checks between files (installed only in the main thread)."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.event.set()

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)

    @property
    def set(self) -> bool:
        return self.event.is_set()


def run_batch(
    sources: Sequence[str | Path],
    out_dir: Path,
    settings: BatchOptions | None = None,
    *,
    workers: int | None = None,
    audio_workers: int = 1,
    executor: str = "local",
    ray_address: str | None = None,
    progress: Callable[[BatchProgress], None] | None = None,
    on_failure: Callable[[str, str], None] | None = None,
    tracker: Tracker | None = None,
    job: Job = process_bytes,
) -> BatchSummary:
    """Process every supported file under ``sources`` into ``out_dir``, resuming from its manifest.

    ``progress`` gets a snapshot after each file; ``on_failure(name, reason)`` hears of each bad file;
    ``tracker`` (with ``settings.track``) imports each good result, one transaction per file.
    """
    settings = settings or BatchOptions()
    out_dir = Path(out_dir)
    if settings.minutes:
        find_minutes_writer()
    if settings.track and tracker is None:
        raise UsageError("--track needs a tracker to import into")
    inputs, ignored = collect_inputs(sources, out_dir)
    workers = max(1, workers or os.cpu_count() or 1)
    summary = BatchSummary(out_dir=str(out_dir), files=len(inputs), ignored=ignored, workers=workers, executor=executor)
    state = BatchProgress(files_total=len(inputs), bytes_total=sum(i.size for i in inputs))
    manifest = Manifest(out_dir / MANIFEST_NAME)
    driver = _Driver(manifest, out_dir, settings, summary, state, progress, on_failure, tracker)
    started = time.perf_counter()
    try:
        manifest.start_run()
        summary.run_id = manifest.run_id
        pool = _make_executor(executor, workers, audio_workers, ray_address, job, settings, out_dir) if inputs else None
        summary.workers = getattr(pool, "cpus", workers)
        with _Stop() as stop:
            driver.run(inputs, pool, stop)
            summary.interrupted = stop.set
    finally:
        summary.seconds = round(time.perf_counter() - started, 3)
        processed = summary.ok + summary.failed
        summary.files_per_second = round(processed / summary.seconds, 2) if summary.seconds else 0.0
        summary.audio_minutes = round(summary.audio_minutes, 2)
        summary.megabytes = round(summary.megabytes, 3)
        summary.job_cpu_seconds = round(summary.job_cpu_seconds, 3)
        status = "interrupted" if summary.interrupted else "done"
        manifest.finish_run(status, summary.to_dict())
        manifest.close()
        from speechkit.deliver import write_atomic

        write_atomic(out_dir / SUMMARY_NAME, json.dumps(summary.to_dict(), ensure_ascii=False, indent=1) + "\n")
    return summary


def _make_executor(
    kind: str,
    workers: int,
    audio_workers: int,
    ray_address: str | None,
    job: Job,
    settings: BatchOptions,
    out_dir: Path,
) -> Executor:
    if kind == "local":
        if ray_address:
            raise UsageError("--ray-address needs --executor ray")
        return LocalExecutor(workers, max(1, audio_workers), job, settings, out_dir)
    if kind == "ray":
        return RayExecutor(ray_address, job, settings)
    raise UsageError(f"--executor: {kind!r} is not one of local, ray")


class _Driver:
    """Reads, hashes and skips in the main process; publishes outputs and records files as results arrive.

    Local workers stage their outputs themselves (see stage_outputs); a Ray task's outputs come back
    as bytes and are staged here by a few threads, whose fsync waits would otherwise hold up the
    driver and leave the workers idle. Either way the driver publishes an output (a rename) just
    before it records its file, so every output in OUTDIR has its line in the manifest.
    """

    def __init__(
        self,
        manifest: Manifest,
        out_dir: Path,
        settings: BatchOptions,
        summary: BatchSummary,
        state: BatchProgress,
        progress: Callable[[BatchProgress], None] | None,
        on_failure: Callable[[str, str], None] | None,
        tracker: Tracker | None,
    ) -> None:
        self.manifest, self.out_dir, self.settings = manifest, out_dir, settings
        self.summary, self.state = summary, state
        self.progress = progress or (lambda state: None)
        self.on_failure = on_failure or (lambda name, reason: None)
        self.tracker = tracker
        self.fingerprint = settings.fingerprint()
        self.known = manifest.rows()
        self.hashes: dict[str, str | None] = {}
        self.stager = ThreadPoolExecutor(max_workers=4, thread_name_prefix="speechkit-write")
        self.staging: dict[Future[FileOutcome], BatchInput] = {}

    def run(self, inputs: list[BatchInput], executor: Executor | None, stop: _Stop) -> None:
        self.progress(self.state)
        # Audio and text wait apart so that a long recording never holds up the text pool.
        queues = {True: deque(i for i in inputs if i.audio), False: deque(i for i in inputs if not i.audio)}
        if executor is None:
            return
        lost: list[BatchInput] = []
        try:
            while not stop.set and (queues[True] or queues[False] or executor.busy() or self.staging):
                for audio, queue in queues.items():
                    while queue and executor.room(audio) > 0 and not stop.set:
                        self._consider(queue.popleft(), executor)
                for item, outcome in executor.collect(timeout=0.1 if executor.busy() else 0):
                    self._finish(item, outcome)
                self._record_staged(block=not executor.busy() or len(self.staging) > 16)
                self.manifest.flush_if_due()
            if stop.set:  # what finished before the stop is kept; what was running is done again next time
                for item, outcome in executor.collect(timeout=0):
                    self._finish(item, outcome)
        finally:
            lost = executor.close(kill=stop.set or executor.busy())
            self._record_staged(block=True, until_empty=True)
            self.stager.shutdown(wait=True)
            for item in lost:
                self._discard_staged(item)
            self.manifest.flush()

    def _consider(self, item: BatchInput, executor: Executor) -> None:
        """Skip a file done and unchanged, fail one too large or unreadable, else send it to a worker."""
        if item.size > self.settings.limit_for(item.name):
            reason = f"is too large ({item.size / MB:.1f} MB > {self.settings.limit_for(item.name) / MB:g} MB)"
            self._finish(item, FileOutcome(item.name, ok=False, reason=reason))
            return
        try:
            data = item.path.read_bytes()
        except OSError as e:
            self._finish(item, FileOutcome(item.name, ok=False, reason=f"cannot be read ({e.strerror or e})"))
            return
        digest = hashlib.sha256(data).hexdigest()
        if self._is_done(item, digest):
            self._skip(item)
            return
        self.hashes[item.name] = digest
        executor.submit(replace(item, size=len(data)), data)

    def _is_done(self, item: BatchInput, digest: str) -> bool:
        row = self.known.get(item.name)
        return (
            row is not None
            and row.status == "ok"
            and row.sha256 == digest
            and row.options == self.fingerprint
            and self._outputs_intact(row)
        )

    def _outputs_intact(self, row: ManifestRow) -> bool:
        """Every output of the row in place, with the size it was written with (a power loss can empty one)."""
        sizes = row.output_bytes or (None,) * len(row.outputs)
        for relative, size in zip(row.outputs, sizes, strict=False):
            try:
                found = (self.out_dir / relative).stat()
            except OSError:
                return False
            if size is not None and found.st_size != size:
                return False
        return True

    def _skip(self, item: BatchInput) -> None:
        row = self.known[item.name]
        self.summary.skipped += 1
        self._count(row.characters, row.audio_seconds, row.speeches, row.tasks)
        self.state.skipped += 1
        self._advance(item, row.audio_seconds)

    def _finish(self, item: BatchInput, outcome: FileOutcome) -> None:
        """Outputs still in memory (a Ray task's) go to the staging threads first; the rest is recorded now."""
        if outcome.outputs:
            self.staging[self.stager.submit(stage_outputs, outcome, self.out_dir, item.out_stem)] = item
        else:
            self._publish_and_record(item, outcome)

    def _record_staged(self, block: bool, until_empty: bool = False) -> None:
        """Record the files whose outputs the threads have staged; ``block`` waits for at least one."""
        while self.staging:
            done, _ = wait(list(self.staging), timeout=None if block else 0, return_when=FIRST_COMPLETED)
            for future in done:
                self._publish_and_record(self.staging.pop(future), future.result())
            if not until_empty:
                return

    def _publish_and_record(self, item: BatchInput, outcome: FileOutcome) -> None:
        """Import into the tracker, put the outputs in place, record the file: a kill between steps only redoes it."""
        if outcome.ok and self.tracker is not None and outcome.result is not None:
            try:
                self.tracker(outcome.result)
            except SpeechkitError as e:
                outcome = replace(outcome, ok=False, reason=one_line(f"tracker: {e.message}"))
        if outcome.ok:
            outcome = self._publish(item, outcome)
        else:
            self._discard_staged(item)
        self._record(item, outcome, outcome.staged if outcome.ok else ())

    def _publish(self, item: BatchInput, outcome: FileOutcome) -> FileOutcome:
        from speechkit.deliver import publish

        try:
            for relative, _ in outcome.staged:
                publish(self.out_dir / relative)
        except OSError as e:
            self._discard_staged(item)
            return replace(outcome, ok=False, reason=one_line(f"output cannot be written ({e})"))
        return outcome

    def _discard_staged(self, item: BatchInput) -> None:
        from speechkit.deliver import discard_staged

        for suffix in output_suffixes(self.settings):
            discard_staged(self.out_dir / (item.out_stem + suffix))

    def _record(self, item: BatchInput, outcome: FileOutcome, written: tuple[tuple[str, int], ...]) -> None:
        self._remove_stale_outputs(item, written)
        self.manifest.record(item, self.hashes.pop(item.name, None), self.fingerprint, outcome, written)
        if outcome.ok:
            self.summary.ok += 1
            self.state.ok += 1
            self._count(outcome.characters, outcome.audio_seconds, outcome.speeches, outcome.tasks)
        else:
            self.summary.failed += 1
            self.state.failed += 1
            self.summary.failures.append({"file": item.name, "reason": outcome.reason or "failed"})
            self.on_failure(item.name, outcome.reason or "failed")
        self.summary.megabytes += item.size / MB
        self.summary.job_cpu_seconds += outcome.cpu_seconds
        self._advance(item, outcome.audio_seconds)

    def _remove_stale_outputs(self, item: BatchInput, written: tuple[tuple[str, int], ...]) -> None:
        """Outputs an earlier run wrote for this file and this run did not (another --format, a failure)."""
        row = self.known.get(item.name)
        kept = {relative for relative, _ in written}
        for relative in row.outputs if row else ():
            if relative not in kept:
                (self.out_dir / relative).unlink(missing_ok=True)

    def _count(self, characters: int, audio_seconds: float, speeches: int, tasks: int) -> None:
        self.summary.characters += characters
        self.summary.audio_minutes += audio_seconds / 60
        self.summary.speeches += speeches
        self.summary.tasks += tasks

    def _advance(self, item: BatchInput, audio_seconds: float) -> None:
        self.state.files_done += 1
        self.state.bytes_done += item.size
        self.state.audio_seconds += audio_seconds
        self.progress(self.state)


if os.environ.get(_WARM_FORKSERVER) and "multiprocessing.forkserver" in sys.modules:
    warm_pipeline()  # this import is the forkserver's preload: its workers inherit the loaded pipeline
