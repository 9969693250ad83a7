"""``build`` and ``preview``: the column through MkDocs, and one document's pages fast."""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from generator.cli.report import report
from generator.errors import PolicyInputError
from generator.host.options import BuildOptions
from generator.host.process import ENGINES, run_mkdocs
from generator.host.sitedir import make_staging, recover, replace_folder
from generator.pipeline.stages import check_policies, preview_column
from generator.search.index import SearchIndexError, index_site, read_report


def add_commands(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser(
        "build", help="check, then build the site; site/ changes only on success"
    )
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    build.add_argument("--policies", type=Path, default=Path("policies"))
    build.add_argument("--site-dir", type=Path, default=Path("site"))
    build.add_argument("--as-of", type=date.fromisoformat, help="build date (YYYY-MM-DD)")
    build.add_argument(
        "--site-url", help="public URL of the column, e.g. https://www.example.gov.cn/zt/lzlx/"
    )
    build.add_argument("--strict", action="store_true", help="warnings fail the build")
    build.add_argument(
        "--packages-pdf",
        action="store_true",
        help="also render every 政策包 (policy package) as a PDF (needs pango and CJK fonts)",
    )
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default=ENGINES[0],
        help="the program that builds the site (ProperDocs: the maintained fork of MkDocs 1.6)",
    )
    build.set_defaults(run=run_build)

    preview = commands.add_parser(
        "preview", help="build and serve one source document's pages with the real theme, fast"
    )
    preview.add_argument("file", type=Path, help="a source file, e.g. policies/sources/<slug>.yml")
    preview.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    preview.add_argument("--policies", type=Path, default=Path("policies"))
    preview.add_argument("--as-of", type=date.fromisoformat, help="build date (YYYY-MM-DD)")
    preview.add_argument("--port", type=int, default=8000, help="serve on 127.0.0.1:PORT")
    preview.add_argument(
        "--site-dir", type=Path, help="build the preview into this folder and stop, not serve"
    )
    preview.set_defaults(run=run_preview)


def run_build(args: argparse.Namespace) -> int:
    """Check first; build into a fresh folder; swap it in only when everything worked."""
    # A terminated build unwinds (so its staging folder goes); a killed one is tidied next time.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    recover(args.site_dir.resolve())
    inherited = BuildOptions.from_environment()
    try:
        _, warnings = check_policies(args.policies, strict=args.strict, cache=inherited.cache)
    except PolicyInputError as error:
        report(error.report())
        print(
            f"{len(error.problems)} error(s); {args.site_dir}/ was left as it was.", file=sys.stderr
        )
        return 1
    report(warnings)
    site_dir = args.site_dir.resolve()
    staging = make_staging(site_dir)
    # The plugin has Pagefind write the search index here while MkDocs builds; named
    # like the staging folder, so a killed build's leftovers are tidied up with it.
    search_work = staging.with_name(f"{staging.name}-search")
    search_work.mkdir()
    options = replace(
        inherited,
        as_of=args.as_of or inherited.as_of,
        site_url=args.site_url or inherited.site_url,
        packages_pdf=args.packages_pdf or inherited.packages_pdf,
        search_work=search_work,
    )
    try:
        flags = ["--clean", "-q", "-d", str(staging), *(["--strict"] if args.strict else [])]
        if run_mkdocs("build", args.config, options, *flags, engine=args.engine) != 0:
            print(f"the build failed; {args.site_dir}/ was left as it was.", file=sys.stderr)
            return 1
        try:
            # The plugin indexed while MkDocs built, unless its config has no plugin.
            indexed = read_report(search_work) or index_site(staging)
        except SearchIndexError as error:
            print(f"{error}\n{args.site_dir}/ was left as it was.", file=sys.stderr)
            return 1
        note = f" ({indexed.note})" if indexed.note else ""
        print(f"search index: {indexed.pages} pages in {indexed.seconds:.1f} s{note}")
        replace_folder(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(search_work, ignore_errors=True)
    print(f"built {args.site_dir}/ for {built_for(site_dir, args.site_url, inherited.site_url)}")
    return 0


def built_for(site_dir: Path, flag: str | None, environment: str | None) -> str:
    """Which public address the build used, and where it came from: QR codes, the sitemap
    and the API's absolute links all point there."""
    try:
        index = json.loads((site_dir / "api/v1/index.json").read_text(encoding="utf-8"))
        used = index.get("site_url") or "(no site_url: no absolute links)"
    except (OSError, ValueError):
        used = "(unknown: the site has no api/v1/index.json)"
    if flag:
        return f"{used} (from --site-url)"
    if environment:
        return f"{used} (from SITE_URL)"
    return (
        f"{used} — the default of mkdocs.yml: QR codes, copy, the sitemap and the API's links"
        " point there; build with --site-url (or SITE_URL=) for the address it will have"
    )


def run_preview(args: argparse.Namespace) -> int:
    """Check one document against the taxonomy, then build or serve only its pages."""
    inherited = BuildOptions.from_environment()
    try:
        _, warnings = preview_column(args.policies, args.file, inherited.cache)
    except PolicyInputError as error:
        report(error.report())
        print(f"{len(error.problems)} error(s); nothing was built.", file=sys.stderr)
        return 1
    report(warnings)
    page = f"sources/{args.file.stem}/"  # the document's page, relative to the site root
    options = replace(inherited, as_of=args.as_of or inherited.as_of, source=args.file.resolve())
    if args.site_dir:
        flags = ("--clean", "-q", "-d", str(args.site_dir))
        if run_mkdocs("build", args.config, options, *flags) != 0:
            print("the preview build failed", file=sys.stderr)
            return 1
        print(f"preview of {args.file}: {args.site_dir / page / 'index.html'}")
        return 0
    address = f"127.0.0.1:{args.port}"
    # Served at the root: links and QR codes stay local.
    options = replace(options, site_url=f"http://{address}/")
    print(f"preview of {args.file}: http://{address}/{page} — rebuilt on save, Ctrl+C stops")
    return run_mkdocs("serve", args.config, options, "-a", address, "-w", str(args.file))
