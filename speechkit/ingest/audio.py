"""Audio → Document: stream-decode with PyAV, transcribe with Whisper, keep the timed Segments.

The recording is decoded and transcribed a block at a time (``decode.stream_blocks``: blocks of about
four minutes cut in pauses), so memory stays flat with its length; each block is loudness-normalised
and handed to the engine (``whisper``: faster-whisper's batched decoder by default), whose segments are
shifted to the block's start; ``transcript`` then turns the segments into the text the outline reads.
Progress is reported after every segment and every block, as (seconds done, seconds in all).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from speechkit.document import Document, Segment
from speechkit.errors import InputError
from speechkit.ingest.decode import SAMPLE_RATE, audio_duration, decode_audio, normalize_loudness, stream_blocks
from speechkit.ingest.hotwords import read_hotwords
from speechkit.ingest.transcript import segments_text, to_segments
from speechkit.ingest.whisper import DEFAULT_PROMPT, TimedText, TranscribeOptions, check_options, load_transcriber

__all__ = [
    "DEFAULT_PROMPT",
    "Progress",
    "TimedText",
    "TranscribeOptions",
    "check_options",
    "decode_audio",
    "read_audio",
    "transcribe",
    "transcribe_parts",
    "transcript_document",
]

PROMPT_MIN_SECONDS = 30.0
Progress = Callable[[float, float], None]  # (seconds transcribed, total seconds): both always numbers


def transcribe_parts(
    path: Path, options: TranscribeOptions | None = None, progress: Progress | None = None
) -> Iterator[TimedText]:
    """The engine's raw timed segments of one recording, block by block, times from the recording's start."""
    options = options or TranscribeOptions()
    path = Path(path)
    total, done = audio_duration(path) or 0.0, 0.0

    def report(seconds: float) -> None:
        nonlocal total, done
        done = max(done, seconds)
        total = max(total, done)
        if progress:
            progress(done, total)

    # at once, with numbers: a progress bar drawn before the first segment has a total to show
    report(0.0)
    blocks = stream_blocks(path, options.block_seconds)
    first = next(blocks)  # decodes the first block: a file that is not audio fails here, before the model loads
    engine = load_transcriber(options.engine, options.model, options.device, options.compute_type, options.cpu_threads)
    for block in _chain(first, blocks):
        audio = normalize_loudness(block.samples) if options.normalize else block.samples
        length = audio.size / SAMPLE_RATE
        # On clips shorter than one 30 s window Whisper base echoes or paraphrases the prompt: CER on the
        # eight test clips went from 0.124 to 0.228 with it, while the long excerpt gained (0.111 → 0.107).
        prompt = options.initial_prompt if length >= PROMPT_MIN_SECONDS or block.start > 0 else None
        for part in engine.transcribe(audio, options, prompt):
            shifted = TimedText(
                block.start + part.start,
                block.start + min(part.end, length),
                part.text,
                tuple((block.start + s, block.start + e, w) for s, e, w in part.words),
            )
            report(shifted.end)
            yield shifted
        report(block.start + length)
        _return_freed_memory()
    if progress:
        progress(done, done)  # the end: the container's length may have been a little off


def _return_freed_memory() -> None:
    """Hand the heap's free pages back to the system between blocks (glibc's ``malloc_trim``; elsewhere nothing).

    CTranslate2 and ONNX Runtime free a block's buffers, but glibc kept most of them in its arenas, cut
    up so that the next block could not always reuse them: the resident size crept up block after
    block (447 → 656 MB over four blocks of a 15-minute recording). Trimmed, it goes back to about
    330 MB before each block; it costs milliseconds (issue 18).
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def _chain(first: object, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def transcribe(
    path: Path, options: TranscribeOptions | None = None, progress: Progress | None = None
) -> tuple[Segment, ...]:
    """The timed, cleaned Segments of one recording."""
    options = options or TranscribeOptions()
    return to_segments(transcribe_parts(path, options, progress), options)


def read_audio(path: Path, options: TranscribeOptions | None = None, progress: Progress | None = None) -> Document:
    """Transcribe a recording into a Document whose text is built from its timed segments.

    Without options, the hot-words of the file named by ``SPEECHKIT_HOTWORDS`` (one term a line) are used,
    so that ``outline``/``process``/``batch`` hear a meeting's units as ``transcribe --hotwords`` does.
    """
    options = options or default_options()
    return transcript_document(Path(path), transcribe_parts(path, options, progress), options)


def default_options() -> TranscribeOptions:
    """TranscribeOptions with the hot-words of ``SPEECHKIT_HOTWORDS`` when it names a file."""
    named = os.environ.get("SPEECHKIT_HOTWORDS")
    return TranscribeOptions(hotwords=read_hotwords(Path(named))) if named else TranscribeOptions()


def transcript_document(path: Path, parts: Iterable[TimedText], options: TranscribeOptions | None = None) -> Document:
    """The Document of a recording from the engine's raw timed segments."""
    segments = to_segments(parts, options or TranscribeOptions())
    if not segments:
        raise InputError("no speech found in the recording", path)
    return Document(source=path, text=segments_text(segments), kind="audio", encoding=None, segments=segments)
