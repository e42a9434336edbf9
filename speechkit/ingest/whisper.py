"""Whisper engines behind one small interface (faster-whisper's ``WhisperModel`` style), loaded once.

faster-whisper (CTranslate2, the default; int8 on CPU, float16 on CUDA) runs its
``BatchedInferencePipeline``: the speech that Silero VAD finds is cut into windows of up to 30 s that
are decoded several at a time: 1.07–1.46× as fast as the sequential decoder on 2 shared cores, at the
same CER (issue 18; benchmarks/README.md). ``batch_size=1`` keeps the sequential decoder. openai-whisper
(PyTorch) is the reference.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from speechkit.errors import InputError, MissingExtra, UsageError
from speechkit.lang import bare

ENGINES = ("faster-whisper", "openai-whisper")
# CTranslate2's compute types (ctranslate2.get_supported_compute_types lists those this device runs).
COMPUTE_TYPES = (
    "default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16",
    "float32",
)  # fmt: skip
# Whisper base writes almost no punctuation in Chinese; a punctuated prompt in simplified characters
# makes it punctuate, and keeps it from drifting into traditional characters (issue 7, benchmarks/audio.py).
DEFAULT_PROMPT = "以下是普通话的会议讲话，请加上标点符号。"
WINDOW_SECONDS = 30.0
SAMPLE_RATE = 16000


@dataclass(frozen=True, slots=True)
class TranscribeOptions:
    """How to transcribe (faster-whisper ``TranscriptionOptions`` style)."""

    engine: str = "faster-whisper"
    model: str = "base"  # a name installed by `speechkit models install`, a local folder/.pt, or a hub name
    device: str = "auto"  # cpu, cuda or auto
    compute_type: str | None = None  # faster-whisper: int8 on CPU, float16 on CUDA when None
    beam_size: int = 5
    language: str = "zh"
    initial_prompt: str | None = DEFAULT_PROMPT
    hotwords: tuple[str, ...] = ()  # unit names and terms of the meeting (--hotwords FILE), given to every window
    vad: bool = True  # faster-whisper only: skip silence with Silero VAD
    normalize: bool = True  # loudness normalisation before transcribing
    pause_punctuation: bool = True  # end each segment with ，or 。 by the pause after it
    word_times: bool = False  # word timestamps: clause breaks at pauses inside a segment (2.5x slower batched)
    simplify: bool = True  # OpenCC t2s
    window_timestamps: bool = False
    # faster-whisper: windows decoded together; 1 = the sequential decoder. Memory grows with it (about
    # 55 MB a window with beam 5): 4 is what a 2-minute recording already fills, so a longer one needs no
    # more, at the same CPU time per window as 8 (issue 18).
    batch_size: int = 4
    block_seconds: float | None = 240.0  # decode and transcribe the recording this much at a time; None = whole
    cpu_threads: int = field(default_factory=lambda: os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class TimedText:
    """A segment as an engine returns it, with word times when asked for."""

    start: float
    end: float
    text: str
    words: tuple[tuple[float, float, str], ...] = ()


class Transcriber(Protocol):
    """One Whisper engine with its model loaded."""

    def transcribe(self, audio: Any, options: TranscribeOptions, prompt: str | None) -> Iterator[TimedText]:
        """Timed segments of 16 kHz mono float32 audio, in order, times from the start of ``audio``."""
        ...


def _cuda_available(engine: str) -> bool:
    try:
        if engine == "faster-whisper":
            import ctranslate2

            return ctranslate2.get_cuda_device_count() > 0
        import torch

        return bool(torch.cuda.is_available())
    except Exception:  # no driver, no library: CPU it is
        return False


def resolve_device(engine: str, device: str) -> str:
    """cpu, cuda, or auto → cuda when this machine has it."""
    if device not in {"cpu", "cuda", "auto"}:
        raise UsageError(f"--device: {device!r} is not cpu, cuda or auto")
    if device == "auto":
        return "cuda" if _cuda_available(engine) else "cpu"
    return device


class FasterWhisper:
    """faster-whisper (CTranslate2): int8 on CPU, float16 on CUDA by default; batched windows."""

    def __init__(self, model: str, device: str, compute_type: str, cpu_threads: int) -> None:
        try:
            from faster_whisper import BatchedInferencePipeline, WhisperModel
        except ImportError as e:
            raise MissingExtra("faster-whisper", "audio") from e
        from speechkit.models import resolve_model

        path = resolve_model(model, "faster-whisper")
        try:
            self.model = WhisperModel(path, device=device, compute_type=compute_type, cpu_threads=cpu_threads)
        except Exception as e:  # hub unreachable, bad folder, unsupported compute type
            raise _model_error(model, e) from e
        if device == "cpu":
            self.model.encode = _encode_each(self.model.encode)  # type: ignore[method-assign]
        self.batched = BatchedInferencePipeline(self.model)

    def transcribe(self, audio: Any, options: TranscribeOptions, prompt: str | None) -> Iterator[TimedText]:
        common = {
            "language": options.language,
            "beam_size": options.beam_size,
            "initial_prompt": prompt,
            # run together: Whisper writes its prompt's separators (spaces, commas) inside the phrases it hears
            "hotwords": "".join(options.hotwords) or None,
            "word_timestamps": options.word_times,
        }
        if options.batch_size <= 1:
            segments, _ = self.model.transcribe(audio, vad_filter=options.vad, **common)
            yield from (_timed(s) for s in segments)
            return
        speech = speech_regions(audio, options.vad)
        windows = speech_windows(speech)
        clips = [{"start": start, "end": end} for start, end in windows]
        batched, _ = self.batched.transcribe(
            audio, batch_size=options.batch_size, clip_timestamps=clips, without_timestamps=False, **common
        ) if clips else ([], None)  # fmt: skip
        parts = [_timed(s) for s in batched]
        # What the batched decoder dropped or skipped, decoded again by the sequential one (which seeks
        # to its last timestamp and falls back to higher temperatures where the batched one cannot),
        # without the prompt.
        for start, end in lost_speech(windows, parts, speech):
            # without the prompt: on e01 it was the prompt that made Whisper jump to the window's end
            again, _ = self.model.transcribe(
                audio[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)], **(common | {"initial_prompt": None})
            )
            parts = [p for p in parts if not start - 0.05 <= p.start < end] + [_shift(t, start) for t in again]
        yield from sorted(parts, key=lambda p: (p.start, p.end))


def _encode_each(encode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``WhisperModel.encode`` one window at a time, its outputs joined into one batch for the decoder.

    The encoder's self-attention holds 1500 × 1500 scores a head: a batch of windows encoded at once
    took about 100 MB a window at its peak, one at a time about as much as a single window, for the
    same CPU time (issue 18).
    """

    def each(features: Any) -> Any:
        if features.ndim < 3 or features.shape[0] <= 1:
            return encode(features)
        import numpy as np
        from faster_whisper.transcribe import get_ctranslate2_storage

        outputs = [np.asarray(encode(features[i : i + 1])) for i in range(features.shape[0])]
        return get_ctranslate2_storage(np.concatenate(outputs))

    return each


def _shift(segment: Any, offset: float) -> TimedText:
    words = tuple((offset + w.start, offset + w.end, w.word) for w in segment.words or ())
    return TimedText(offset + segment.start, offset + segment.end, segment.text, words)


def _timed(segment: Any) -> TimedText:
    words = tuple((w.start, w.end, w.word) for w in segment.words or ())
    return TimedText(segment.start, segment.end, segment.text, words)


def speech_regions(audio: Any, vad: bool) -> list[tuple[float, float]]:
    """Where Silero VAD hears speech, in seconds (the whole audio without VAD)."""
    duration = audio.size / SAMPLE_RATE
    if not vad:
        return [(0.0, duration)]
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    found = get_speech_timestamps(audio, VadOptions(min_silence_duration_ms=160, max_speech_duration_s=WINDOW_SECONDS))
    return [(r["start"] / SAMPLE_RATE, r["end"] / SAMPLE_RATE) for r in found]


def speech_windows(speech: list[tuple[float, float]], length: float = WINDOW_SECONDS) -> list[tuple[float, float]]:
    """Speech regions joined into windows of at most ``length`` seconds (a longer region is cut into windows).

    A window keeps the pauses inside it, so that Whisper's timestamps stay the recording's own.
    """
    windows: list[tuple[float, float]] = []
    for start, end in speech:
        while end - start > length:
            windows.append((start, start + length))
            start += length
        if windows and end - windows[-1][0] <= length and start - windows[-1][1] < length:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


LOST_SECONDS = 1.0  # speech left after a window's last segment that is decoded again
THIN_RATE = 0.35  # a segment of at most this share of the recording's characters per second skipped speech
THIN_SECONDS = 6.0


def lost_speech(
    windows: list[tuple[float, float]], parts: list[TimedText], speech: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Stretches of speech the batched decoder dropped or skipped: each is decoded again.

    - The end of a window that no segment covers although VAD hears speech in it: the batched
      decoder drops the text after a window's last timestamp (faster-whisper 1.2
      ``_split_segments_by_timestamps``, "ignore the unfinished segment"; the sequential decoder
      seeks there instead). 4.8 s of the speech_000 excerpt went missing this way.
    - A segment far too short for its time (16 characters for 29.5 s of minutes read aloud, dev2
      e01): Whisper jumped to the window's end timestamp and skipped what was said in between.
    """
    lost = []
    for start, end in windows:
        inside = [p for p in parts if start - 0.5 <= p.start < end]
        covered = max((p.end for p in inside), default=start)
        heard = sum(max(0.0, min(end, e) - max(covered, s)) for s, e in speech)
        if end - covered >= LOST_SECONDS and heard >= LOST_SECONDS / 2:
            # from the last segment's start: it is decoded again with the rest, so no word is cut in two
            lost.append((max((p.start for p in inside), default=start), end))
    rates = sorted(len(bare(p.text)) / (p.end - p.start) for p in parts if p.end - p.start >= 1.0)
    if rates:
        typical = rates[len(rates) // 2]
        for p in parts:
            length = p.end - p.start
            if length >= THIN_SECONDS and len(bare(p.text)) < THIN_RATE * typical * length:
                lost.append((p.start, p.end))
    return _merge(lost)


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class OpenAIWhisper:
    """openai-whisper (PyTorch), the reference implementation; loads the checkpoint built from the same weights."""

    def __init__(self, model: str, device: str) -> None:
        try:
            import whisper
        except ImportError as e:
            raise MissingExtra("openai-whisper", "whisper") from e
        from speechkit.models import resolve_model

        path = resolve_model(model, "openai-whisper")
        try:
            self.model = whisper.load_model(path, device=device)
        except Exception as e:
            raise _model_error(model, e) from e
        self.device = device
        _set_alignment_heads(self.model, path)

    def transcribe(self, audio: Any, options: TranscribeOptions, prompt: str | None) -> Iterator[TimedText]:
        if options.hotwords:  # openai-whisper has no hotwords: they join the prompt, carried to every window
            prompt = " ".join(options.hotwords) + ("，" + prompt if prompt else "")
        result = self.model.transcribe(
            audio,
            language=options.language,
            beam_size=options.beam_size,
            initial_prompt=prompt,
            carry_initial_prompt=bool(options.hotwords),
            word_timestamps=options.word_times,
            fp16=self.device == "cuda",
            verbose=None,
        )
        for s in result["segments"]:
            words = tuple((w["start"], w["end"], w["word"]) for w in s.get("words", ()))
            yield TimedText(s["start"], s["end"], s["text"], words)


def _set_alignment_heads(model: Any, path: str) -> None:
    """Word timestamps need the alignment heads that our checkpoint carries beside its weights."""
    if not os.path.isfile(path):
        return
    import torch

    heads = torch.load(path, map_location="cpu", weights_only=True).get("alignment_heads")
    if heads:
        mask = torch.zeros(model.dims.n_text_layer, model.dims.n_text_head, dtype=torch.bool)
        for layer, head in heads:
            mask[layer, head] = True
        model.register_buffer("alignment_heads", mask.to_sparse(), persistent=False)


def _model_error(model: str, error: Exception) -> InputError:
    hint = "; run `speechkit models install base`" if model == "base" else ""
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return InputError(f"cannot load Whisper model {model!r}: {first}{hint}")


def check_options(options: TranscribeOptions) -> None:
    """Refuse a wrong --compute-type or a --model path that is not there before any file is read."""
    if options.compute_type is not None and options.compute_type not in COMPUTE_TYPES:
        raise UsageError(f"--compute-type: {options.compute_type!r} is not one of {', '.join(COMPUTE_TYPES)}")
    from speechkit.models import resolve_model

    resolve_model(options.model, options.engine)


@functools.lru_cache(maxsize=4)
def load_transcriber(engine: str, model: str, device: str, compute_type: str | None, cpu_threads: int) -> Transcriber:
    """The engine with its model loaded, once per process for each setting."""
    if engine not in ENGINES:
        raise UsageError(f"--engine: {engine!r} is not one of {', '.join(ENGINES)}")
    device = resolve_device(engine, device)
    if engine == "openai-whisper":
        return OpenAIWhisper(model, device)
    compute_type = compute_type or ("float16" if device == "cuda" else "int8")
    if compute_type not in COMPUTE_TYPES:  # else CTranslate2's refusal reads as a missing model
        raise UsageError(f"--compute-type: {compute_type!r} is not one of {', '.join(COMPUTE_TYPES)}")
    return FasterWhisper(model, device, compute_type, cpu_threads)
