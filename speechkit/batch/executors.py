"""Executors: a local process pool (text and audio apart) or Ray tasks, behind one small interface."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from speechkit.batch.inputs import BatchInput
from speechkit.batch.job import MB, BatchOptions, FileOutcome, Job, one_line, run_job, stage_outputs
from speechkit.errors import SpeechkitError


class Executor(Protocol):
    """Where jobs run: ``submit`` a file, ``collect`` what finished; ``close`` stops every worker."""

    def room(self, audio: bool) -> int: ...

    def submit(self, item: BatchInput, data: bytes) -> None: ...

    def collect(self, timeout: float) -> list[tuple[BatchInput, FileOutcome]]: ...

    def busy(self) -> bool: ...

    def close(self, kill: bool) -> list[BatchInput]: ...  # the files in flight, whose outcome is lost


_WORKER_JOB: tuple[Job, BatchOptions, Path] | None = None
_FORKSERVER_PID: int | None = None  # set in the warm forkserver; the workers forked from it inherit it


def die_with_parent(kernel: bool = True, parent: int | None = None) -> None:
    """End this process when its parent ends, even by SIGKILL (issue 14: a killed driver left its
    forkserver, workers and resource tracker running for good).

    On Linux the kernel does it (``PR_SET_PDEATHSIG``); elsewhere a daemon thread watches the
    parent's PID. The forkserver's parent is the driver; a worker's parent is the forkserver, so
    the driver's death reaches them all. The kernel watches the parent *thread*, so a forkserver
    started from another thread than the main one (a web app's) watches by PID (``kernel=False``).
    ``parent`` is the PID the caller knows its parent had: a process whose parent died before it got
    here has been handed to init already, and ``os.getppid()`` would name init as the one to watch.
    """
    parent = parent or os.getppid()
    if kernel and sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before the wish was registered
                    os._exit(1)
                return
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="speechkit-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _init_worker(job: Job, settings: BatchOptions, out_dir: Path) -> None:
    """Pool initializer: the options arrive once per worker, not once per file; signals are the driver's."""
    global _WORKER_JOB
    die_with_parent(parent=_FORKSERVER_PID)  # a worker of the warm forkserver knows its parent's PID
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
    in_main = threading.current_thread() is threading.main_thread()
    os.environ[_WARM_FORKSERVER] = "main" if in_main else "thread"  # how it can watch its parent: die_with_parent
    # The forkserver ignores Ctrl-C only once it has imported multiprocessing and its preload (seconds:
    # the pipeline warms up there). Started with SIGINT ignored — an ignored signal stays ignored
    # across exec; a blocked one does not (fork_exec clears the mask) — a Ctrl-C meanwhile prints no
    # traceback there. The driver ignores it only while the process is spawned, a few milliseconds.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main else None
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(_WARM_FORKSERVER, None)
        if in_main:
            signal.signal(signal.SIGINT, previous)


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
        except (BrokenProcessPool, OSError, EOFError):  # a worker or the forkserver died (killed at start)
            self._restart()
            try:
                future = self._start().submit(_work, slot.item.name, slot.item.out_stem, slot.data)
            except (BrokenProcessPool, OSError, EOFError) as e:
                self._restart()
                reason = one_line(f"{type(e).__name__}: {e}")
                raise SpeechkitError(f"cannot start worker processes ({reason})") from None
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


RAY_CONNECT_TIMEOUT_S = 5.0


def check_ray_address(address: str, timeout: float = RAY_CONNECT_TIMEOUT_S) -> None:
    """One bounded TCP connect to ``--ray-address`` before Ray tries: Ray itself retries a dead
    address for minutes, printing a warning each time (issue 14). ``auto``/``local`` are Ray's own."""
    import socket

    target = address.split("://", 1)[-1].rstrip("/")
    if target in ("auto", "local") or ":" not in target:
        return
    host, _, port = target.rpartition(":")
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout):
            return
    except ValueError:
        reason = "not a host:port address"
    except OSError as e:
        reason = f"no answer within {timeout:g} s" if isinstance(e, TimeoutError) else e.strerror or str(e)
    raise SpeechkitError(f"--ray-address {address}: no Ray cluster answers there ({reason})")


def run_jobs(job: Job, files: list[tuple[str, bytes]], settings: BatchOptions) -> list[FileOutcome]:
    """Run a job on a bundle of files, each on its own (a Ray task over a few small files)."""
    return [run_job(job, name, data, settings) for name, data in files]


@dataclass
class _Bundle:
    files: list[tuple[BatchInput, bytes]]

    @property
    def size(self) -> int:
        return sum(len(data) for _, data in self.files)


class LazyExecutor:
    """An executor made on the first file that needs it: a rerun with every file done starts no
    worker pool and no Ray (issue 18: an all-done rerun is answered from the manifest alone)."""

    def __init__(self, make: Callable[[], Executor]) -> None:
        self.make = make
        self.executor: Executor | None = None

    @property
    def cpus(self) -> int | None:
        return getattr(self.executor, "cpus", None)

    def room(self, audio: bool) -> int:
        return self.executor.room(audio) if self.executor is not None else 1

    def submit(self, item: BatchInput, data: bytes) -> None:
        if self.executor is None:
            self.executor = self.make()
        self.executor.submit(item, data)

    def collect(self, timeout: float) -> list[tuple[BatchInput, FileOutcome]]:
        return self.executor.collect(timeout) if self.executor is not None else []

    def busy(self) -> bool:
        return self.executor is not None and self.executor.busy()

    def close(self, kill: bool) -> list[BatchInput]:
        return self.executor.close(kill) if self.executor is not None else []


class RayExecutor:
    """The same jobs as Ray tasks: a local Ray, or a cluster at ``address``; audio tasks ask for more CPUs.

    Small text files travel in bundles of a few per task: a Ray task costs milliseconds of its own,
    about as much as a short speech takes to process. A recording is always a task of its own.
    """

    BUNDLE_FILES = 8
    BUNDLE_BYTES = 2 * MB

    def __init__(
        self, address: str | None, job: Job, settings: BatchOptions, audio_cpus: float = 2.0, workers: int | None = None
    ) -> None:
        """``workers`` (--workers): the CPUs a local Ray starts with, or the share of a cluster this batch uses."""
        try:
            import ray
        except ImportError:
            from speechkit.errors import MissingExtra

            raise MissingExtra("ray", "cluster") from None
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home
        self.ray = ray
        self.owns_ray = not ray.is_initialized()
        if self.owns_ray and address:
            check_ray_address(address)
            try:
                # A Ray started here listens on loopback only; joining a cluster is the user's --ray-address.
                local: dict[str, Any] = {} if address else {"_node_ip_address": "127.0.0.1"}
                if workers and not address:
                    local["num_cpus"] = workers
                ray.init(
                    address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR, **local
                )
            except Exception as e:
                raise SpeechkitError(f"--executor ray: cannot start or join Ray ({one_line(str(e))})") from e
        self.cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
        if workers:  # a cluster's share: no more tasks in flight than --workers CPUs can take
            self.cpus = min(self.cpus, workers)
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


if os.environ.get(_WARM_FORKSERVER) and "multiprocessing.forkserver" in sys.modules:
    # This import is the forkserver's preload: it ends with the driver, and its workers inherit the loaded
    # pipeline. The forkserver ignores Ctrl-C only after its preload; a Ctrl-C while the pipeline loads
    # printed a traceback (issue 16).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(kernel=os.environ.get(_WARM_FORKSERVER) == "main")
    _FORKSERVER_PID = os.getpid()
    warm_pipeline()
