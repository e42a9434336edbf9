"""What a run over several inputs did, and run_each(): a job over a few paths in turn."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from speechkit.errors import SpeechkitError

T = TypeVar("T")


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
