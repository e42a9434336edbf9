"""The command line: exit codes, one-line errors, outputs written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speechkit.cli import main


def run(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    return int(exc.value.code or 0)


def test_cli_outline_writes_json_and_markdown(sample_files: list[Path], tmp_path: Path) -> None:
    assert run(["outline", str(sample_files[0]), "-o", str(tmp_path)]) == 0
    data = json.loads((tmp_path / f"{sample_files[0].stem}.json").read_text(encoding="utf-8"))
    assert data["speeches"] and data["speeches"][0]["headings"]
    assert (tmp_path / f"{sample_files[0].stem}.md").read_text(encoding="utf-8").startswith("# ")


def test_cli_missing_file_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    assert run(["outline", str(missing), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"speechkit: error: {missing}: no such file"]


def test_cli_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    from speechkit.cli import app

    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert run([name, "--help"]) == 0
        assert "Usage" in capsys.readouterr().out


def bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input a clerk may hand over, and the reason the one-line error must give."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "folder").mkdir()
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    (tmp_path / "utf32.txt").write_bytes("同志们：今天开会。".encode("utf-32-le"))
    return {
        "empty": (tmp_path / "empty.txt", "is empty"),
        "binary": (tmp_path / "binary.txt", "binary"),
        "directory": (tmp_path / "folder", "is a directory"),
        "missing": (tmp_path / "missing.txt", "no such file"),
        "corrupt docx": (tmp_path / "broken.docx", "not a valid .docx"),
        "odd encoding": (tmp_path / "utf32.txt", "unsupported encoding"),
    }


@pytest.mark.parametrize("kind", ["empty", "binary", "directory", "missing", "corrupt docx", "odd encoding"])
def test_cli_bad_input_is_one_line_no_traceback(tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    path, reason = bad_inputs(tmp_path)[kind]
    assert run(["outline", str(path), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"speechkit: error: {path}: ") and reason in err[0]


def test_cli_run_goes_on_past_bad_files(
    sample_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = bad_inputs(tmp_path)
    files = [str(bad["empty"][0]), str(sample_files[1]), str(bad["corrupt docx"][0]), str(sample_files[0])]
    assert run(["outline", *files, "-o", str(tmp_path / "out"), "--format", "json"]) == 1
    written = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert written == sorted(f"{p.stem}.json" for p in sample_files[:2])
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("speechkit: error:")]
    assert len(errors) == 2


def test_cli_usage_error_exits_2(tmp_path: Path) -> None:
    assert run(["outline", "--format", "pdf", str(tmp_path)]) == 2
    assert run(["outline", "--date", "next tuesday", str(tmp_path)]) == 2
