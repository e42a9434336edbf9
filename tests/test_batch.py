"""Batch: a mixed archive interrupted and resumed, bad files reported, dying workers, Ray."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from speechkit.batch import MANIFEST_NAME, SUMMARY_NAME, BatchOptions, collect_inputs, process_bytes, run_batch

ROOT = Path(__file__).resolve().parent.parent
AUDIO_CLIP = ROOT.parent / "shared" / "audio" / "fireredasr_IT0011W0001.wav"
HAS_AUDIO = (ROOT / "speechkit" / "ingest" / "audio.py").exists() and AUDIO_CLIP.exists()
HAS_DOCX = (ROOT / "speechkit" / "ingest" / "docx.py").exists()
DRIVER = "import sys; from speechkit.cli import main; main(sys.argv[1:])"


def sample_texts(samples_dir: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt"))]


def docx_bytes(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_bytes(text: str) -> bytes:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = "".join(f"<p>{line}</p>" for line in lines[1:])
    page = (
        f'<html><head><meta charset="utf-8"><title>{lines[0]}</title></head>'
        f"<body><nav>首页 | 新闻中心</nav><article><h1>{lines[0]}</h1>{body}</article></body></html>"
    )
    return page.encode("utf-8")


def big5_bytes(text: str) -> bytes:
    import opencc

    return opencc.OpenCC("s2t").convert(text).encode("big5", errors="ignore")


def build_archive(root: Path, samples_dir: Path, bulk: int = 0) -> tuple[dict[str, bytes], dict[str, str]]:
    """A clerk's archive: the samples in several encodings and formats, bad files, and (optionally) bulk.

    Returns the good files (name → bytes) and the bad ones (name → the reason the manifest must give).
    """
    texts = sample_texts(samples_dir)
    good = {
        "2023/gbk.txt": texts[0].encode("gbk", errors="ignore"),
        "2023/big5.txt": big5_bytes(texts[2]),
        "2023/utf16.txt": texts[1].encode("utf-16"),
        "2024/page.html": html_bytes(texts[1]),
        "2024/deep/er/utf8.md": texts[3].encode("utf-8"),
    }
    if HAS_DOCX:
        good["2024/minutes.docx"] = docx_bytes(texts[3])
    if HAS_AUDIO:
        good["audio/clip.wav"] = AUDIO_CLIP.read_bytes()
    for i in range(bulk):  # slices of the samples, so that a run lasts long enough to interrupt
        paragraphs = texts[i % len(texts)].splitlines()
        start = (i * 7) % max(1, len(paragraphs) - 40)
        good[f"bulk/{i:03d}.txt"] = "\n".join(paragraphs[start : start + 40]).encode("utf-8")
    bad = {
        "bad/empty.txt": (b"", "is empty"),
        "bad/corrupt.docx": (b"PK\x03\x04" + bytes(range(256)) * 8, "not a valid .docx"),
        "bad/binary.txt": (bytes(range(256)) * 16, "binary"),
        "bad/huge.txt": (("同志们，" * 60_000).encode("utf-8"), "is too large"),
    }
    for name, data in [*good.items(), *((n, d) for n, (d, _) in bad.items())]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "2023" / "notes.csv").write_text("not a speech\n", encoding="utf-8")  # ignored: not a supported type
    return good, {name: reason for name, (_, reason) in bad.items()}


def manifest_rows(out: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(f"file:{out / MANIFEST_NAME}?mode=ro", uri=True, timeout=10) as db:
        return db.execute(sql, args).fetchall()


def ok_attempts(out: Path) -> int:
    try:
        return manifest_rows(out, "SELECT count(*) FROM attempts WHERE status = 'ok'")[0][0]
    except sqlite3.Error:
        return 0


def run_cli(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", DRIVER, *args], capture_output=True, text=True, timeout=600, env=env, check=False
    )


def stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


@pytest.mark.slow
def test_batch_interrupted_archive_resumes_each_file_once(samples_dir: Path, tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    good, bad = build_archive(archive, samples_dir, bulk=40)
    args = ["batch", str(archive), "-o", str(out), "--workers", "1", "--max-mb", "0.2"]

    # Ctrl-C at a terminal reaches the whole process group: driver and workers alike.
    first = subprocess.Popen(
        [sys.executable, "-c", DRIVER, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while ok_attempts(out) < 3 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGINT)
    _, err1 = first.communicate(timeout=120)
    assert first.returncode == 130, err1
    assert "Traceback" not in err1
    assert "interrupted" in err1
    summary1 = json.loads((out / SUMMARY_NAME).read_text(encoding="utf-8"))
    assert summary1["interrupted"] is True
    assert 3 <= summary1["ok"] < len(good)
    assert manifest_rows(out, "SELECT status FROM runs") == [("interrupted",)]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")], "half-written output left behind"

    second = run_cli(args)
    assert second.returncode == 1, second.stderr
    assert "Traceback" not in second.stderr
    summary = json.loads((out / SUMMARY_NAME).read_text(encoding="utf-8"))
    assert summary["interrupted"] is False
    assert summary["skipped"] == summary1["ok"]
    assert summary["ok"] + summary["skipped"] == len(good)
    assert summary["failed"] == len(bad)
    assert summary["ignored"] == 1
    assert summary["tasks"] > 0 and summary["characters"] > 0
    assert {f["file"]: f["reason"] for f in summary["failures"]}.keys() == bad.keys()
    if HAS_AUDIO:
        assert summary["audio_minutes"] > 0

    # Each good file processed exactly once over both runs, its outputs mirrored and complete.
    attempts = dict(manifest_rows(out, "SELECT name, count(*) FROM attempts WHERE status = 'ok' GROUP BY name"))
    assert attempts == dict.fromkeys(good, 1)
    for name, data in good.items():
        status, sha256, outputs = manifest_rows(out, "SELECT status, sha256, outputs FROM files WHERE name = ?", name)[
            0
        ]
        assert (status, sha256) == ("ok", hashlib.sha256(data).hexdigest())
        assert json.loads(outputs) == [f"{stem(name)}.json", f"{stem(name)}.md"]
        result = json.loads((out / f"{stem(name)}.json").read_text(encoding="utf-8"))
        assert result["input"]["sha256"] == hashlib.sha256(data).hexdigest()
        assert result["speeches"], name
        assert (out / f"{stem(name)}.md").read_text(encoding="utf-8").startswith("# ")
    encodings = {n: json.loads((out / f"{stem(n)}.json").read_text("utf-8"))["input"]["encoding"] for n in good}
    assert encodings["2023/gbk.txt"] == "gb18030"
    assert encodings["2023/big5.txt"].startswith("big5")
    assert encodings["2023/utf16.txt"].startswith("utf-16")
    if HAS_AUDIO:
        assert json.loads((out / "audio/clip.json").read_text("utf-8"))["segments"]

    # Each bad file reported, with its reason, in the manifest, the summary and one stderr line.
    for name, reason in bad.items():
        [(status, why)] = manifest_rows(out, "SELECT status, reason FROM files WHERE name = ?", name)
        assert status == "failed" and reason in why, (name, why)
        assert f"speechkit: error: {name}: {why}" in second.stderr
        assert not (out / f"{stem(name)}.json").exists()


def test_batch_rerun_redoes_changed_and_failed_files_only(samples_dir: Path, tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    texts = sample_texts(samples_dir)
    (archive / "a.txt").write_text(texts[1], encoding="utf-8")
    (archive / "b.txt").write_text(texts[1][:2000], encoding="utf-8")
    (archive / "c.txt").write_bytes(b"")
    first = run_batch([archive], out, workers=1)
    assert (first.ok, first.failed, first.skipped, first.exit_code) == (2, 1, 0, 1)

    (archive / "b.txt").write_text(texts[1][:3000], encoding="utf-8")  # changed
    (archive / "c.txt").write_text(texts[1][:1000], encoding="utf-8")  # fixed
    second = run_batch([archive], out, workers=1)
    assert (second.ok, second.failed, second.skipped, second.exit_code) == (2, 0, 1, 0)
    runs = manifest_rows(out, "SELECT name, run_id FROM attempts WHERE status = 'ok' ORDER BY name, run_id")
    assert runs == [("a.txt", 1), ("b.txt", 1), ("b.txt", 2), ("c.txt", 2)]

    (out / "a.md").write_bytes(b"")  # what a power loss leaves of an output written just before it
    (out / "c.json").unlink()
    third = run_batch([archive], out, workers=1)
    assert (third.ok, third.skipped) == (2, 1)
    assert (out / "a.md").read_text(encoding="utf-8").startswith("# ") and (out / "c.json").is_file()

    fourth = run_batch([archive], out, BatchOptions(formats=("json",)), workers=1)  # other options: done again
    assert (fourth.ok, fourth.skipped) == (3, 0)
    assert not list(out.glob("*.md")), "outputs of the earlier --format stay behind"


def test_batch_reads_a_manifest_written_before_output_sizes_were_kept(samples_dir: Path, tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    (archive / "a.txt").write_text(sample_texts(samples_dir)[1], encoding="utf-8")
    run_batch([archive], out, workers=1)
    with sqlite3.connect(out / MANIFEST_NAME) as db:
        db.execute("ALTER TABLE files DROP COLUMN output_bytes")
    again = run_batch([archive], out, workers=1)
    assert (again.ok, again.skipped, again.failed) == (0, 1, 0)
    assert manifest_rows(out, "SELECT output_bytes FROM files") == [(None,)]


def test_batch_inputs_mirror_folders_and_keep_names_apart(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    for name in ["x/a.txt", "x/a.docx", "x/b.html", "y/.hidden/c.txt", "y/d.wav", "y/e.csv", "out/old.txt"]:
        (archive / name).parent.mkdir(parents=True, exist_ok=True)
        (archive / name).write_text("同志们", encoding="utf-8")
    inputs, ignored = collect_inputs([archive], out_dir=archive / "out")
    assert {i.name: i.out_stem for i in inputs} == {
        "x/a.docx": "x/a.docx",
        "x/a.txt": "x/a.txt",
        "x/b.html": "x/b",
        "y/d.wav": "y/d",
    }
    assert ignored == 2  # the hidden file and the csv
    globbed, _ = collect_inputs([str(archive / "x" / "*.txt"), str(archive / "y")])
    assert [i.name for i in globbed] == ["x/a.txt", "y/d.wav"]


def crash_or_raise(name: str, data: bytes, settings: BatchOptions) -> object:
    """A job for the fault test: the files named crash kill their worker, those named raise hit a bug."""
    if "crash" in name:
        os._exit(3)
    if "raise" in name:
        raise RuntimeError("boom")
    return process_bytes(name, data, settings)


def test_batch_dead_worker_and_stage_bug_fail_only_their_file(samples_dir: Path, tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    text = sample_texts(samples_dir)[1]
    for name in ["a.txt", "b.txt", "crash.txt", "c.txt", "raise.txt", "d.txt", "e.txt"]:
        (archive / name).write_text(text, encoding="utf-8")
    script = (
        "import json, sys; from pathlib import Path; from speechkit.batch import run_batch; import test_batch as t;"
        "s = run_batch([sys.argv[1]], Path(sys.argv[2]), workers=2, job=t.crash_or_raise);"
        "print(json.dumps(s.to_dict()))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", script, str(archive), str(out)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    summary = json.loads(done.stdout)
    assert (summary["ok"], summary["failed"]) == (5, 2)
    reasons = dict(manifest_rows(out, "SELECT name, reason FROM files WHERE status = 'failed'"))
    assert reasons == {
        "crash.txt": "the worker process died while processing it (crash, out of memory or killed)",
        "raise.txt": "internal error: RuntimeError: boom",
    }
    assert sorted(p.name for p in out.glob("?.json")) == ["a.json", "b.json", "c.json", "d.json", "e.json"]


def test_batch_sigterm_stops_cleanly(samples_dir: Path, tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    for i, text in enumerate(sample_texts(samples_dir) * 10):
        (archive / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    batch = subprocess.Popen(
        [sys.executable, "-c", DRIVER, "batch", str(archive), "-o", str(out), "-w", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while ok_attempts(out) < 2 and batch.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    batch.send_signal(signal.SIGTERM)
    _, err = batch.communicate(timeout=120)
    assert batch.returncode == 130, err
    assert "Traceback" not in err
    assert manifest_rows(out, "PRAGMA integrity_check") == [("ok",)]
    done = {name for (name,) in manifest_rows(out, "SELECT name FROM files WHERE status = 'ok'")}
    outputs = {p.relative_to(out).with_suffix(".txt").as_posix() for p in out.glob("??.json")}
    assert outputs == done and 0 < len(done) < 40
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture
def local_ray():
    ray = pytest.importorskip("ray")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, _node_ip_address="127.0.0.1")
    yield ray
    ray.shutdown()


@pytest.mark.slow
def test_batch_ray_executor_runs_the_same_jobs(local_ray, samples_dir: Path, tmp_path: Path) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    good, bad = build_archive(archive, samples_dir)
    settings = BatchOptions(max_bytes=200_000)
    summary = run_batch([archive], out, settings, executor="ray")
    assert (summary.ok, summary.failed, summary.executor) == (len(good), len(bad), "ray")
    for name in good:
        assert json.loads((out / f"{stem(name)}.json").read_text(encoding="utf-8"))["speeches"], name
    reasons = dict(manifest_rows(out, "SELECT name, reason FROM files WHERE status = 'failed'"))
    assert all(bad[name] in reasons[name] for name in bad)
    again = run_batch([archive], out, settings, executor="ray")
    assert (again.ok, again.skipped, again.failed) == (0, len(good), len(bad))


@pytest.mark.slow
def test_batch_ray_worker_death_fails_only_its_file(local_ray, samples_dir: Path, tmp_path: Path) -> None:
    """Files travel to Ray in bundles: the one that kills its worker is found and failed alone."""
    from ray import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # Ray workers cannot import this test module
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    text = sample_texts(samples_dir)[1]
    names = ["a.txt", "b.txt", "crash.txt", "c.txt", "raise.txt", "d.txt"]
    for name in names:
        (archive / name).write_text(text, encoding="utf-8")
    summary = run_batch([archive], out, executor="ray", job=crash_or_raise)
    assert (summary.ok, summary.failed) == (4, 2)
    reasons = dict(manifest_rows(out, "SELECT name, reason FROM files WHERE status = 'failed'"))
    assert reasons == {
        "crash.txt": "the worker process died while processing it (crash, out of memory or killed)",
        "raise.txt": "internal error: RuntimeError: boom",
    }
    assert sorted(p.name for p in out.glob("?.json")) == ["a.json", "b.json", "c.json", "d.json"]


def test_batch_track_imports_each_file_once(samples_dir: Path, tmp_path: Path) -> None:
    from datetime import date

    from speechkit.cli import main
    from speechkit.tracker import open_tracker

    archive, out, db = tmp_path / "archive", tmp_path / "out", f"sqlite:///{tmp_path / 'tracker.sqlite'}"
    archive.mkdir()
    for path in sorted(samples_dir.glob("*.txt"))[:2]:
        (archive / path.name).write_bytes(path.read_bytes())
    for _ in range(2):  # the second run skips both files: nothing imported twice
        with pytest.raises(SystemExit) as exit_:
            main(["batch", str(archive), "-o", str(out), "--track", "--db", db, "-w", "1"])
        assert exit_.value.code == 0
    summary = json.loads((out / SUMMARY_NAME).read_text(encoding="utf-8"))
    assert summary["skipped"] == 2 and summary["tasks"] > 0
    tracker = open_tracker(db)
    try:
        items = tracker.list_items(date.today())
    finally:
        tracker.dispose()
    assert len(items) == summary["tasks"]
    assert manifest_rows(out, "SELECT count(*) FROM files WHERE tracked = 1") == [(2,)]


def test_batch_cli_bad_source_and_busy_folder_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from speechkit.batch import Manifest
    from speechkit.cli import main

    missing, out = tmp_path / "nope", tmp_path / "out"
    with pytest.raises(SystemExit) as exit_:
        main(["batch", str(missing), "-o", str(out)])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"speechkit: error: {missing}: no such file, folder or matching glob"
    ]
    held = Manifest(out / MANIFEST_NAME)  # another batch at work on the same folder
    try:
        with pytest.raises(SystemExit) as exit_:
            main(["batch", str(tmp_path), "-o", str(out)])
    finally:
        held.close()
    assert exit_.value.code == 1
    assert capsys.readouterr().err.splitlines() == [
        f"speechkit: error: {out}: another speechkit batch is writing to this folder"
    ]


def test_batch_all_done_rerun_starts_no_workers(samples_dir: Path, tmp_path: Path, monkeypatch) -> None:
    """Issue 18: a rerun with nothing to do is answered from the manifest; no pool, no Ray, no spaCy."""
    import speechkit.batch.driver as driver

    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    for i, text in enumerate(sample_texts(samples_dir)[:2]):
        (archive / f"s{i}.txt").write_text(text, encoding="utf-8")
    first = run_batch([archive], out, workers=1)
    assert first.ok == 2

    def no_executor(*args: object, **kwargs: object) -> None:
        raise AssertionError("an executor was made for a rerun with every file done")

    monkeypatch.setattr(driver, "_make_executor", no_executor)
    again = run_batch([archive], out, workers=1, executor="ray")  # not even Ray is started
    assert (again.ok, again.skipped, again.failed) == (0, 2, 0)


def test_batch_audio_gets_the_whisper_options(tmp_path: Path, monkeypatch) -> None:
    """One Options object from the command line to ingest: a batch's recordings use its Whisper settings."""
    import speechkit.ingest.audio as audio
    from speechkit.document import Document, Options
    from speechkit.ingest.audio import TranscribeOptions

    seen = []

    def fake_read_audio(path: Path, options: TranscribeOptions | None = None, progress=None) -> Document:
        seen.append(options)
        return Document(source=path, text="同志们：今天开会。一、加强领导。各单位要在本月底前报送材料。", kind="audio")

    monkeypatch.setattr(audio, "read_audio", fake_read_audio)
    whisper = TranscribeOptions(engine="openai-whisper", model="small", beam_size=2, hotwords=("近年来",))
    settings = BatchOptions(options=Options(transcribe=whisper), formats=("json",))
    outcome = process_bytes("meeting.wav", b"RIFF fake", settings)
    assert outcome.ok and seen == [whisper]
    assert settings.fingerprint() != BatchOptions(formats=("json",)).fingerprint()  # other settings: done again
    text_only = BatchOptions(formats=("json",)).fingerprint()
    assert "transcribe" not in text_only  # text batches keep the fingerprint they had


@pytest.mark.slow
def test_batch_ray_honours_workers(local_ray) -> None:
    from speechkit.batch.executors import RayExecutor

    executor = RayExecutor(None, process_bytes, BatchOptions(), workers=1)
    try:
        assert executor.cpus == 1 and executor.window == 2 * RayExecutor.BUNDLE_FILES
    finally:
        executor.close(kill=False)


@pytest.mark.parametrize("delay", [0.4, 0.8, 1.2, 2.5])
def test_batch_ctrl_c_at_any_moment_of_start_is_one_line(delay: float, samples_dir: Path, tmp_path: Path) -> None:
    """Issue 16: Ctrl-C while the command loads, the forkserver starts or the workers warm up: exit 130,
    one line, no traceback from the driver, the forkserver or a worker."""
    archive = tmp_path / "archive"
    archive.mkdir()
    for i, text in enumerate(sample_texts(samples_dir)):
        (archive / f"s{i}.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    process = subprocess.Popen(
        [sys.executable, "-m", "speechkit", "batch", str(archive), "-o", str(tmp_path / "out"), "--workers", "2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as from a terminal, not ignored
    )  # fmt: skip
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
    err = process.communicate(timeout=120)[1]
    if process.returncode == 0 or "init_import_site" in err:  # finished first, or still in Python's own start
        return
    if process.returncode == -signal.SIGINT and not err:  # ended by the signal's default action, silent
        return  # (seen once in CI at 0.8 s under load; where it was is not known, see the issue-16 note)
    # 130; under heavy load a run was seen ending by the signal itself (-2) after its line: still no
    # traceback, still one line (not understood yet, see the branch report of issue 16)
    assert process.returncode in (130, -signal.SIGINT), err
    assert "Traceback" not in err and "Aborted" not in err
    assert err.strip().splitlines()[-1].startswith("speechkit: interrupted")
