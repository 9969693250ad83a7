"""load → items → URL lock → schedule (and the editors' published.csv): the one sequence
that build, preview, lock and check all run.

Each stage runs only when the stages before it found no error, so one run reports
every problem that can be known without guessing, and no stage sees broken input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from generator.core.items import build_column
from generator.core.model import Column, Portal, Source, Taxonomy
from generator.core.scheduler import push_interpretations
from generator.core.split import Splitter, split_body
from generator.errors import PolicyError, PolicyInputError, quote, warning
from generator.input.interpretations import (
    INTERPRETATIONS_FOLDER,
    check_references,
    load_interpretations,
    missing_interpretations,
)
from generator.input.policies import load_policies
from generator.input.portal import load_portal
from generator.input.published_file import PUBLISHED_FILE, read_published
from generator.input.schedule_file import SCHEDULE_FILE, plan_schedule
from generator.input.source_checks import check_sources
from generator.input.sources import load_source
from generator.input.taxonomy import load_taxonomy
from generator.input.url_lock import apply_url_lock
from generator.input.yaml_nodes import UNSTATED
from generator.pipeline.cache import ColumnCache, SplitCache, cache_folder


@dataclass(frozen=True)
class Stages:
    """Which stages a caller runs after load and items.

    ``lock``: published URLs keep their ids; ``schedule``: the campaign is planned.
    A preview (one document) and ``policy-column lock`` (which rewrites the lock) skip both.
    """

    lock: bool = True
    schedule: bool = True


ALL = Stages()
ITEMS_ONLY = Stages(lock=False, schedule=False)


def read_column(
    policies_dir: Path,
    split: Splitter = split_body,
    stages: Stages = ALL,
    source_file: Path | None = None,
) -> tuple[Column | None, list[PolicyError]]:
    """The column and every problem found; no column when an error stops the way.

    With ``source_file`` the column holds that one document alone, read with the
    project's taxonomy (the preview).
    """
    taxonomy, sources, problems, channels_trusted = load(Path(policies_dir), source_file)
    # A taxonomy whose levels could not be read is reported once, not again by portal.yml.
    levels = taxonomy.levels if taxonomy.levels.terms else None
    portal, portal_problems = load_portal(Path(policies_dir), levels)
    readings, reading_problems = load_interpretations(Path(policies_dir) / INTERPRETATIONS_FOLDER)
    problems += portal_problems + reading_problems + successor_problems(sources)
    column = None
    if not any(p.is_error for p in problems):
        column, item_problems = build_column(taxonomy, sources, split)
        problems += item_problems
        if column is not None:
            problems += check_sources(column)
    sound = not any(p.is_error for p in problems)
    if stages.lock and column is not None and sound:
        # Published URLs keep their ids (and moved ones redirect) before anything uses an id.
        column, url_problems = apply_url_lock(column, policies_dir)
        problems += url_problems
    if column is not None:
        column, interpretation_problems = with_interpretations(
            column, portal, readings, whole=source_file is None
        )
        problems += interpretation_problems
    if stages.schedule:
        sound_column = column if not any(p.is_error for p in problems) else None
        schedule, schedule_problems = plan_schedule(
            policies_dir / SCHEDULE_FILE, taxonomy, sound_column, channels_trusted
        )
        problems += schedule_problems
        if column is not None and schedule is not None:
            schedule = push_interpretations(schedule, column)
            column = replace(column, schedule=schedule)
        if column is not None and not any(p.is_error for p in problems):
            # What the editors published, for the report: checked against the campaign.
            published, published_problems = read_published(policies_dir / PUBLISHED_FILE, column)
            problems += published_problems
            column = replace(column, published=published)
    return column, problems


def missing_release_dates(sources: tuple[Source, ...]) -> list[PolicyError]:
    """``--strict`` only: a document without 发布日期, which gov.cn's 文件信息 shows."""
    return [
        warning(
            source.file,
            1,
            1,
            "no 发布日期 (published:)",
            "add published: YYYY-MM-DD as the document or its portal states it, "
            f"or published: {UNSTATED} when it states none",
        )
        for source in sources
        if source.published is None and not source.published_unstated
    ]


def successor_problems(sources: tuple[Source, ...]) -> list[PolicyError]:
    """replaced_by must name another document of the column."""
    slugs = {source.slug for source in sources}
    return [
        PolicyError(
            source.file,
            source.replaced_by_line,
            1,
            f"replaced_by names no document: {quote(source.replaced_by)}",
            "give the slug (file name without .yml) of a file in policies/sources/",
        )
        for source in sources
        if source.replaced_by
        and (source.replaced_by not in slugs or source.replaced_by == source.slug)
    ]


def with_interpretations(
    column: Column, portal: Portal, readings: tuple, whole: bool
) -> tuple[Column, list[PolicyError]]:
    """The column with its portal and 解读; unknown ids are errors, and a document of the
    portal's own government without a 解读 is a warning (谁起草谁解读: the drafter
    interprets, so a document reposted from another government needs none here).

    A preview (one document) keeps the 解读 of that document and checks nothing more.
    """
    slugs = {source.slug for source in column.sources}
    ids = {item.id for item in column.items}
    problems: list[PolicyError] = []
    if whole:
        for reading in readings:
            problems += check_references(reading, slugs, ids)
        named = {slug for reading in readings for slug in reading.documents}
        named |= {item_id.split("/", 1)[0] for reading in readings for item_id in reading.items}
        uninterpreted = [
            (source.file, source.title)
            for source in column.sources
            if portal.level
            and source.level == portal.level
            and source.slug not in named
            and not source.interpretation_url
        ]
        problems += missing_interpretations(uninterpreted)
    else:
        readings = tuple(
            reading
            for reading in readings
            if set(reading.documents) & slugs
            or any(i.split("/", 1)[0] in slugs for i in reading.items)
        )
        readings = tuple(
            replace(
                reading,
                documents=tuple(d for d in reading.documents if d in slugs),
                items=tuple(i for i in reading.items if i in ids),
            )
            for reading in readings
        )
    return replace(column, portal=portal, interpretations=readings), problems


def load(
    policies_dir: Path, source_file: Path | None
) -> tuple[Taxonomy, tuple, list[PolicyError], bool]:
    """The taxonomy and the sources (all of them, or ``source_file`` alone), with problems,
    and whether the taxonomy's channels were read without error."""
    if source_file is None:
        loaded = load_policies(policies_dir)
        return loaded.taxonomy, loaded.sources, list(loaded.problems), loaded.channels_trusted
    taxonomy, problems = load_taxonomy(policies_dir / "taxonomy.yml")
    sound = not any(p.is_error for p in problems)
    if not sound:
        return taxonomy, (), problems, sound
    source, source_problems = load_source(Path(source_file), taxonomy)
    found = (source,) if source is not None else ()
    return taxonomy, found, problems + source_problems, sound


def check_policies(
    policies_dir: Path,
    strict: bool = False,
    cache: str = "",
    stages: Stages = ALL,
    source_file: Path | None = None,
) -> tuple[Column, list[PolicyError]]:
    """Run the stages; raise once if anything is wrong.

    Returns the column and the warnings. With ``strict``, warnings are errors too.
    ``cache`` is the cache setting (``pipeline/cache.py``): a whole column without
    errors is kept, and the same input reads it back; split results are kept always.
    """
    folder = cache_folder(policies_dir, cache)
    split = SplitCache(folder).split if folder is not None else split_body
    whole = stages == ALL and source_file is None
    column_cache = ColumnCache(folder, policies_dir) if folder is not None and whole else None
    found = column_cache.load() if column_cache is not None else None
    if found is not None:
        column, problems = found
    else:
        column, problems = read_column(policies_dir, split, stages, source_file)
        sound = column is not None and not any(p.is_error for p in problems)
        if column_cache is not None and sound:
            column_cache.store((column, problems))
    if strict and column is not None:
        problems = problems + missing_release_dates(column.sources)
    errors = [p for p in problems if p.is_error or strict]
    if errors or column is None:
        warnings = [p for p in problems if not (p.is_error or strict)]
        raise PolicyInputError(errors, warnings)
    return column, sorted(problems)


def preview_column(
    policies_dir: Path, file: Path, cache: str = ""
) -> tuple[Column, list[PolicyError]]:
    """The column of ``file`` alone; raises once, like ``check_policies``, on any error."""
    return check_policies(policies_dir, cache=cache, stages=ITEMS_ONLY, source_file=file)
