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
