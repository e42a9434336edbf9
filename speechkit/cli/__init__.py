"""The command line: a thin typer shell over the library, one module per group of commands.

``main`` is the console script. Importing this package is nearly free: the commands are registered
on ``app`` (in the order ``--help`` lists them) when ``main`` runs or ``app`` is first asked for, so
that a Ctrl-C while they load is caught by ``main`` and start-up pays only for what it uses.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["app", "load_commands", "main", "tracker_app"]


def load_commands() -> Any:
    """Import every command module (each registers its commands) and return the typer app."""
    # isort: off
    from speechkit.cli import outline, minutes, batch, audio, tracker, serve  # noqa: F401

    # isort: on
    from speechkit.cli.app import app, config_cmd

    if not any(command.name == "config" for command in app.registered_commands):
        app.command("config")(config_cmd)  # last in --help: about the tool, not the meeting
    globals()["app"] = app  # the submodule import bound speechkit.cli.app to the module: the app wins
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return load_commands()
    if name == "tracker_app":
        load_commands()
        from speechkit.cli.tracker import tracker_app

        return tracker_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``speechkit`` console script."""
    try:
        load_commands()
        from speechkit.cli.app import main as run
    except KeyboardInterrupt:  # Ctrl-C while the commands load: one line, no traceback
        sys.stderr.write("speechkit: interrupted\n")
        sys.exit(130)
    run(argv)
