"""The command line: a thin typer shell over the library, one module per group of commands.

Importing this package registers every command on ``app``, in the order ``--help`` lists them;
``main`` is the console script.
"""

# isort: off
from speechkit.cli import outline, minutes, batch, audio, tracker, serve  # noqa: F401  (each registers its commands)
from speechkit.cli.app import app, main
from speechkit.cli.tracker import tracker_app
# isort: on

__all__ = ["app", "main", "tracker_app"]
