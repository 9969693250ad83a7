"""``build`` and ``preview``: the column through MkDocs, and one document's pages fast."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from dataclasses import replace
from pathlib import Path

from generator.cli.report import build_date, report
from generator.errors import PolicyInputError
from generator.host.options import BuildOptions
from generator.host.process import ENGINES, BuildTimeout, run_mkdocs
from generator.host.sitedir import (
    lock_fd,
    make_staging,
    recover,
    release,
    remove_tree,
    replace_folder,
)
from generator.input.yaml_nodes import display_path
from generator.pipeline.stages import check_policies, preview_column
from generator.search.index import (
    SEARCH_TIMEOUT,
    SearchIndexError,
    index_gaps,
    index_site,
    read_report,
)

# A build of 10 000 items takes under a minute; one still running after an hour is stuck.
BUILD_TIMEOUT = 3600.0


def add_commands(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser(
        "build", help="check, then build the site; site/ changes only on success"
    )
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    build.add_argument("--policies", type=Path, default=Path("policies"))
    build.add_argument("--site-dir", type=Path, default=Path("site"))
    build.add_argument("--as-of", type=build_date, help="build date (YYYY-MM-DD)")
    build.add_argument(
        "--site-url", help="public URL of the column, e.g. https://www.example.gov.cn/zt/lzlx/"
    )
    build.add_argument("--strict", action="store_true", help="warnings fail the build")
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default=ENGINES[0],
        help="the program that builds the site (ProperDocs: the maintained fork of MkDocs 1.6)",
    )
    build.add_argument(
        "--embed-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="a portal origin that may embed the column (besides mkdocs.yml's embed_origins)",
    )
    build.add_argument(
        "--timeout",
        type=float,
        default=BUILD_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a build that takes longer (default {BUILD_TIMEOUT:.0f})",
    )
    build.add_argument(
        "--packages-pdf",
        action="store_true",
        help="also render every 政策包 (policy package) as a PDF (needs pango and CJK fonts)",
    )
    build.set_defaults(run=run_build)

    preview = commands.add_parser(
        "preview", help="build and serve one source document's pages with the real theme, fast"
    )
    preview.add_argument("file", type=Path, help="a source file, e.g. policies/sources/<slug>.yml")
    preview.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    preview.add_argument("--policies", type=Path, default=Path("policies"))
    preview.add_argument("--as-of", type=build_date, help="build date (YYYY-MM-DD)")
    preview.add_argument("--port", type=int, default=8000, help="serve on 127.0.0.1:PORT")
    preview.add_argument(
        "--site-dir", type=Path, help="build the preview into this folder and stop, not serve"
    )
    preview.set_defaults(run=run_preview)


def run_build(args: argparse.Namespace) -> int:
    """Check first; build into a fresh folder; swap it in only when everything worked."""
    # A terminated build unwinds (so its staging folder goes); a killed one is tidied next time.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    site_dir = args.site_dir.resolve()
    kept = f"{args.site_dir}/ was left as it was."
    try:
        recover(site_dir)
    except OSError as error:
        return fail(f"{error.filename}: cannot tidy up: {error.strerror}", kept)
    inherited = BuildOptions.from_environment()
    try:
        _, warnings = check_policies(args.policies, strict=args.strict, cache=inherited.cache)
    except PolicyInputError as error:
        report(error.report())
        print(f"{len(error.problems)} error(s); {kept}", file=sys.stderr)
        return 1
    report(warnings)
    try:
        staging = make_staging(site_dir)
    except OSError as error:
        where = display_path(Path(error.filename or site_dir.parent))
        hint = "make the folder writable, or build elsewhere with --site-dir"
        return fail(f"{where}: cannot write the new site here: {error.strerror} — {hint}", kept)
    # The plugin has Pagefind write the search index here while MkDocs builds; named
    # like the staging folder, so a killed build's leftovers are tidied up with it.
    search_work = staging.with_name(f"{staging.name}-search")
    options = replace(
        inherited,
        as_of=args.as_of or inherited.as_of,
        site_url=args.site_url or inherited.site_url,
        packages_pdf=args.packages_pdf or inherited.packages_pdf,
        search_work=search_work,
        embed_origins=inherited.embed_origins + tuple(args.embed_origin),
        lock_fd=lock_fd(staging),
    )
    try:
        search_work.mkdir()
        flags = ["--clean", "-q", "-d", str(staging), *(["--strict"] if args.strict else [])]
        built = run_mkdocs(
            "build",
            args.config,
            options,
            *flags,
            keep_fds=options.keep_fds,
            timeout=args.timeout,
            engine=args.engine,
        )
        if built != 0:
            return fail("the build failed;", kept)
        # The plugin indexed while MkDocs built, unless its config has no plugin.
        indexed = read_report(search_work) or index_site(staging, options.timeout or SEARCH_TIMEOUT)
        gaps = site_gaps(staging) + index_gaps(staging, indexed.pages)
        if gaps:
            return fail(f"the new site is incomplete (missing {', '.join(gaps)});", kept)
        note = f" ({indexed.note})" if indexed.note else ""
        print(f"search index: {indexed.pages} pages in {indexed.seconds:.1f} s{note}")
        replace_folder(staging, site_dir)
    except SearchIndexError as error:
        return fail(str(error), kept)
    except BuildTimeout as error:
        return fail(f"{error}; it was stopped (raise --timeout for a very large column).", kept)
    except OSError as error:
        where = display_path(Path(error.filename or site_dir))
        return fail(f"{where}: {error.strerror}", kept)
    finally:
        release(staging)
        remove_tree(search_work)
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


# What every built column has; a site without them is not published.
SITE_PAGES = ("index.html", "404.html", "search/index.html", "sitemap.xml")


def site_gaps(site: Path) -> list[str]:
    return [page for page in SITE_PAGES if not (site / page).is_file()]


def fail(message: str, kept: str) -> int:
    print(f"{message} {kept}" if message.endswith(";") else f"{message}\n{kept}", file=sys.stderr)
    return 1


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
