"""run_batch(): the driver that walks the inputs, skips what is done, feeds an executor and records."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from speechkit.batch.executors import Executor, LazyExecutor, LocalExecutor, RayExecutor
from speechkit.batch.inputs import MANIFEST_NAME, SUMMARY_NAME, BatchInput, collect_inputs
from speechkit.batch.job import (
    MB,
    BatchOptions,
    FileOutcome,
    Job,
    find_minutes_writer,
    one_line,
    output_suffixes,
    process_bytes,
    stage_outputs,
)
from speechkit.batch.manifest import Manifest, ManifestRow
from speechkit.document import Result
from speechkit.errors import SpeechkitError, UsageError
from speechkit.ingest.guard import read_input

EXIT_INTERRUPTED = 130


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
    requested, workers = workers, max(1, workers or os.cpu_count() or 1)
    summary = BatchSummary(out_dir=str(out_dir), files=len(inputs), ignored=ignored, workers=workers, executor=executor)
    state = BatchProgress(files_total=len(inputs), bytes_total=sum(i.size for i in inputs))
    manifest = Manifest(out_dir / MANIFEST_NAME)
    driver = _Driver(manifest, out_dir, settings, summary, state, progress, on_failure, tracker)
    started = time.perf_counter()
    completed = False
    try:
        manifest.start_run()
        summary.run_id = manifest.run_id
        if executor not in ("local", "ray"):
            raise UsageError(f"--executor: {executor!r} is not one of local, ray")
        if ray_address and executor == "local":
            raise UsageError("--ray-address needs --executor ray")
        make = partial(_make_executor, executor, requested, audio_workers, ray_address, job, settings, out_dir)
        pool = LazyExecutor(make) if inputs else None
        with _Stop() as stop:
            driver.run(inputs, pool, stop)
            summary.interrupted = stop.set
        summary.workers = (pool.cpus if pool else None) or workers
        completed = True
    finally:
        summary.seconds = round(time.perf_counter() - started, 3)
        processed = summary.ok + summary.failed
        summary.files_per_second = round(processed / summary.seconds, 2) if summary.seconds else 0.0
        summary.audio_minutes = round(summary.audio_minutes, 2)
        summary.megabytes = round(summary.megabytes, 3)
        summary.job_cpu_seconds = round(summary.job_cpu_seconds, 3)
        status = "interrupted" if summary.interrupted else "done" if completed else "failed"  # never "done" on an error
        manifest.finish_run(status, summary.to_dict())
        manifest.close()
        from speechkit.deliver import write_atomic

        write_atomic(out_dir / SUMMARY_NAME, json.dumps(summary.to_dict(), ensure_ascii=False, indent=1) + "\n")
    return summary


def _make_executor(
    kind: str,
    workers: int | None,
    audio_workers: int,
    ray_address: str | None,
    job: Job,
    settings: BatchOptions,
    out_dir: Path,
) -> Executor:
    if kind == "local":
        if ray_address:
            raise UsageError("--ray-address needs --executor ray")
        return LocalExecutor(max(1, workers or os.cpu_count() or 1), max(1, audio_workers), job, settings, out_dir)
    if kind == "ray":
        return RayExecutor(ray_address, job, settings, workers=workers)
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
        for item in inputs:  # staged outputs a killed run left behind: this run holds OUTDIR's lock
            self._discard_staged(item)
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
            data = read_input(item.path)  # a FIFO fails at once instead of hanging the driver
        except SpeechkitError as e:
            self._finish(item, FileOutcome(item.name, ok=False, reason=e.message))
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
