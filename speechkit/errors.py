"""The one error hierarchy: a problem with the user's input or setup, shown as one line."""

from __future__ import annotations

from pathlib import Path


class SpeechkitError(Exception):
    """A problem with the user's input or setup: shown as one line, never a traceback."""

    exit_code = 1

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message, self.path = message, path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(SpeechkitError):
    """An input that cannot be read: missing, empty, binary, corrupt or of an unknown type."""


class MissingExtra(SpeechkitError):
    """An optional dependency is not installed; the message names the extra to install."""

    def __init__(self, module: str, extra: str | None = None) -> None:
        install = f"pip install 'speechkit[{extra}]'" if extra else "pip install speechkit"  # None: a core dependency
        super().__init__(f"{module} is not installed: {install}")


class TrackerError(SpeechkitError):
    """The supervision tracker (督办台账) refused an operation or its store is unusable."""


class UsageError(SpeechkitError):
    """The command was called wrongly (a bad option value, a conflicting pair)."""

    exit_code = 2
