"""Batch: whole archives across worker processes or a Ray cluster, resumable, one Report per run.

``run_each`` runs a job over a few paths in turn (the ``outline`` command). ``run_batch`` walks
folders and globs, hands each file to ``process_bytes`` in a worker (a module-level job that needs
only the file's bytes, its relative name and the options, so a Ray task can run it as well), stages
the outputs beside their place in a mirror of the input folders, and renames them into place as it
records the file in a SQLite manifest, so that a rerun skips what is done and unchanged. A bad
file, a stage that raises or a worker that dies fails that one file; SIGINT and SIGTERM stop the
run cleanly (exit 130).
"""

from speechkit.batch.driver import EXIT_INTERRUPTED, BatchProgress, BatchSummary, run_batch
from speechkit.batch.inputs import MANIFEST_NAME, SUMMARY_NAME, BatchInput, collect_inputs
from speechkit.batch.job import MB, BatchOptions, FileOutcome, process_bytes
from speechkit.batch.manifest import Manifest, ManifestRow
from speechkit.batch.report import Report, run_each

__all__ = [
    "EXIT_INTERRUPTED",
    "MANIFEST_NAME",
    "MB",
    "SUMMARY_NAME",
    "BatchInput",
    "BatchOptions",
    "BatchProgress",
    "BatchSummary",
    "FileOutcome",
    "Manifest",
    "ManifestRow",
    "Report",
    "collect_inputs",
    "process_bytes",
    "run_batch",
    "run_each",
]
