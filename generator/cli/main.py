"""``policy-column``: one sub-command per module of this folder, the same functions the
build uses."""

from __future__ import annotations

import argparse

from generator.cli import build, import_command, inputs, report_command, schedule
from generator.cli.report import report_internal_error
from generator.errors import READING

COMMANDS = (
    inputs,
    import_command,
    build,
    schedule,
    report_command,
)  # each adds its sub-commands and runs them


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="policy-column", description="Build the 两重两新 policy column from policies/ YAML."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS:
        module.add_commands(commands)
    args = parser.parse_args(argv)
    READING.set("")
    try:
        return args.run(args)
    except Exception as error:  # the last resort: never a traceback for any input
        return report_internal_error(error, str(getattr(args, "policies", "policies")))
