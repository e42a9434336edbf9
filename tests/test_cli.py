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


# --- conventions (issue 16) ---------------------------------------------------------------------------


def command_tree():
    """Every command and group of the app as (path, click command), the root first."""
    import typer

    from speechkit.cli import app

    def walk(command, path):
        yield path, command
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, (*path, name))

    return list(walk(typer.main.get_command(app), ()))


@pytest.mark.parametrize("path", [p for p, _ in command_tree()], ids=lambda p: " ".join(p) or "speechkit")
def test_cli_each_command_shows_its_own_help(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    command = dict(command_tree())[path]
    for flag in ("--help", "-h"):
        assert run([*path, flag]) == 0
        out = " ".join(capsys.readouterr().out.split())  # help wraps lines; compare with single spaces
        assert out.startswith(f"Usage: speechkit {' '.join(path)}".rstrip())
        summary = "".join((command.help or "").split("\n\n")[0].split())
        assert summary and summary in "".join(out.split())  # the command's own docstring, not the parent's
        for param in command.params:
            for opt in getattr(param, "opts", ()):
                if opt.startswith("--"):
                    assert opt in out, f"{opt} missing from {' '.join(path)} --help"
        assert "<bool>" not in out  # a flag is written --track, not --track <bool>


def test_cli_version_and_python_m(capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    from speechkit import __version__

    assert run(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"speechkit {__version__}"
    done = subprocess.run([sys.executable, "-m", "speechkit", "--version"], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, f"speechkit {__version__}")


def test_cli_completion_is_offered(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    assert "--install-completion" in capsys.readouterr().out


# fmt: off
USAGE_ERRORS = [
    ["outline", "--date", "next tuesday", "x.txt"],
    ["outline", "--format", "pdf", "x.txt"],
    ["process", "--track", "true", "x.txt"],
    ["tasks", "--date", "2026-13-01", "x.txt"],
    ["minutes", "--date", "yesterday", "x.txt"],
    ["batch", "x", "-o", "out", "--executor", "spark"],
    ["batch", "x", "-o", "out", "--track", "yes"],
    ["tracker", "list", "--status", "maybe"],
    ["tracker", "list", "--due-within", "soon"],
    ["tracker", "list", "--today", "monday"],
    ["tracker", "update", "1"],
    ["tracker", "export"],
    ["transcribe", "a.wav", "--hotwords", "/nonexistent/terms.txt"],
    ["outline"],
    ["nonsense-command"],
]
# fmt: on


@pytest.mark.parametrize("argv", USAGE_ERRORS, ids=lambda a: " ".join(a))
def test_cli_usage_errors_exit_2_everywhere(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SPEECHKIT_DB", str(tmp_path / "t.db"))
    assert run(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()


def test_cli_flag_followed_by_true_names_the_flag(sample_files: list[Path], tmp_path: Path, capsys) -> None:
    assert run(["process", "--track", "true", str(sample_files[1]), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == (
        "speechkit: error: --track takes no value: write the flag alone, not followed by 'true'"
    )
    assert not list(tmp_path.iterdir())  # nothing was processed, nothing imported


def test_cli_stdin_is_read_for_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_files) -> None:
    import io
    import sys

    data = sample_files[1].read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert run(["outline", "-", "-o", str(tmp_path), "--format", "json"]) == 0
    from_stdin = json.loads((tmp_path / "stdin.json").read_text(encoding="utf-8"))
    assert run(["outline", str(sample_files[1]), "-o", str(tmp_path), "--format", "json"]) == 0
    from_file = json.loads((tmp_path / f"{sample_files[1].stem}.json").read_text(encoding="utf-8"))
    assert from_stdin["speeches"] == from_file["speeches"]


def test_cli_config_file_sets_option_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_files: list[Path], capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SPEECHKIT_CONFIG", str(tmp_path / "user.toml"))
    (tmp_path / "user.toml").write_text('out = "from-user"\ndate = "2026-03-03"\n', encoding="utf-8")
    (tmp_path / "speechkit.toml").write_text('[outline]\nformat = "json"\n', encoding="utf-8")
    assert run(["outline", str(sample_files[1])]) == 0
    written = sorted(p.name for p in (tmp_path / "from-user").iterdir())
    assert written == [f"{sample_files[1].stem}.json"]  # out from the user file, format from the project's
    assert run(["outline", str(sample_files[1]), "-o", str(tmp_path / "given")]) == 0  # the command line wins
    assert (tmp_path / "given").is_dir()
    (tmp_path / "speechkit.toml").write_text('colour = "red"\n', encoding="utf-8")
    capsys.readouterr()
    assert run(["outline", str(sample_files[1])]) == 2
    assert "unknown key 'colour'" in capsys.readouterr().err


def test_cli_quiet_keeps_errors_only(tmp_path: Path, sample_files: list[Path], capsys) -> None:
    missing = tmp_path / "nope.txt"
    assert run(["-q", "outline", str(sample_files[1]), str(missing), "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip().splitlines() == [f"speechkit: error: {missing}: no such file"]


def rendered_width(text: str) -> int:
    from rich.cells import cell_len

    return max(cell_len(line) for line in text.splitlines())


@pytest.mark.parametrize("columns", [80, 160])
def test_cli_tables_fit_the_terminal(columns: int, tmp_path: Path, sample_files: list[Path]) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": str(columns), "SPEECHKIT_DB": str(tmp_path / "t.db")}
    cli = [sys.executable, "-m", "speechkit"]
    tasks = subprocess.run([*cli, "tasks", str(sample_files[0])], capture_output=True, text=True, env=env)
    assert tasks.returncode == 0 and rendered_width(tasks.stdout) <= columns
    assert "完成时限" in tasks.stdout and "原文依据" in tasks.stdout  # headers whole, not folded into pieces
    subprocess.run([*cli, "-q", "process", str(sample_files[0]), "-o", str(tmp_path), "--track"], env=env, check=True)
    day = ["--today", "2027-01-01"]
    listing = subprocess.run([*cli, "tracker", "list", *day], capture_output=True, text=True, env=env)
    assert listing.returncode == 0 and rendered_width(listing.stdout) <= columns
    assert "督办事项" in listing.stdout and "牵头单位" in listing.stdout


@pytest.mark.parametrize("columns", [80, 200])
def test_cli_eval_table_reads_whole_at_any_width(columns: int, tmp_path: Path, sample_files: list[Path]) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": str(columns)}
    cli = [sys.executable, "-m", "speechkit"]
    outline = [*cli, "-q", "outline", *map(str, sample_files), "-o", str(tmp_path), "--format", "json"]
    subprocess.run(outline, check=True)
    scores = subprocess.run([*cli, "eval", str(tmp_path), str(sample_files[0].parent / "gold")],
                            capture_output=True, text=True, env=env)  # fmt: skip
    assert scores.returncode == 0 and rendered_width(scores.stdout) <= columns
    assert "…" not in scores.stdout.split("ALL")[-1]  # the overall figures are never cut
    figures = scores.stdout.split("ALL")[-1].split()
    assert len(figures) == (10 if columns == 80 else 13) and figures[-1 if columns == 80 else 9].count("/") == 1


def test_cli_wrote_lines_are_not_wrapped(tmp_path: Path, sample_files: list[Path]) -> None:
    import os
    import subprocess
    import sys

    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / "outputs"
    env = {**os.environ, "COLUMNS": "60"}
    done = subprocess.run(
        [sys.executable, "-m", "speechkit", "outline", str(sample_files[1]), "-o", str(deep), "--format", "json"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.stderr.strip() == f"wrote {deep / sample_files[1].stem}.json"


def test_cli_verbose_logs_each_file(sample_files: list[Path], tmp_path: Path) -> None:
    import subprocess
    import sys

    cli = [sys.executable, "-m", "speechkit"]
    argv = [*cli, "-v", "outline", str(sample_files[1]), "-o", str(tmp_path)]
    done = subprocess.run(argv, capture_output=True, text=True)
    assert done.returncode == 0
    assert f"speechkit: INFO: speechkit.pipeline: {sample_files[1]}: 1 speeches" in done.stderr
    both = subprocess.run([*cli, "-v", "-q", "outline", str(sample_files[1])], capture_output=True, text=True)
    assert both.returncode == 2 and "contradict" in both.stderr
