"""``--fragments`` and ``--site-url``, for the commands that write pages outside a build
(``schedule --out``, ``report``): the templates they render and the address they link to."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.host.options import BuildOptions


def add_page_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fragments", type=Path, default=Path("overrides/fragments"))
    parser.add_argument(
        "--site-url", default=BuildOptions.from_environment().site_url, help="for absolute links"
    )
