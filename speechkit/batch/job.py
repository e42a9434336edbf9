"""The per-file job: bytes + name + settings → outputs. No file system, so a Ray task can run it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from speechkit.document import Options, Result
from speechkit.errors import SpeechkitError

MB = 1 << 20
MINUTES_DOCX = ".minutes.docx"  # as speechkit.deliver.minutes.minutes_name names it (the minutes command too)


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
            "options": {k: str(v) for k, v in _fields(self.options).items() if k != "transcribe"},
            "formats": sorted(self.formats),
            "minutes": self.minutes,
            "track": self.track,
        }
        if self.options.transcribe is not None:  # Whisper settings other than the defaults
            from speechkit.ingest.audio import TranscribeOptions

            whisper = _transcribe_fields(self.options.transcribe)
            if whisper != _transcribe_fields(TranscribeOptions()):  # default settings keep the fingerprint
                settings["transcribe"] = {k: str(v) for k, v in whisper.items()}
        return json.dumps(settings, sort_keys=True, ensure_ascii=False)

    def limit_for(self, name: str) -> int:
        return self.max_audio_bytes if is_audio(name) else self.max_bytes


def _fields(options: Any) -> dict[str, Any]:
    return {name: getattr(options, name) for name in options.__dataclass_fields__}


def _transcribe_fields(options: Any) -> dict[str, Any]:  # an ingest.audio.TranscribeOptions
    """The Whisper settings that change a transcript (not the threads it runs on)."""
    return {k: v for k, v in _fields(options).items() if k != "cpu_threads"}


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

    document = read_bytes(name, data, settings.options.transcribe)
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
    minutes = MINUTES_DOCX
    wanted = {".json": "json" in settings.formats, ".md": "md" in settings.formats, minutes: settings.minutes}
    return tuple(suffix for suffix, on in wanted.items() if on)


def render_outputs(result: Result, settings: BatchOptions) -> tuple[tuple[str, bytes], ...]:
    """The output files of one result, as (suffix, bytes)."""
    from speechkit.deliver.outline import to_json, to_markdown

    renderers: dict[str, Callable[[], bytes]] = {
        ".json": lambda: to_json(result).encode("utf-8"),
        ".md": lambda: to_markdown(result).encode("utf-8"),
        MINUTES_DOCX: lambda: minutes_docx(result),
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
