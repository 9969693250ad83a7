"""The search index: Pagefind, fed page by page through its service mode, offline.

Pagefind's *extended* binary (PyPI ``pagefind[extended]``, pinned in pyproject)
segments Chinese; the plain one would index whole runs of Chinese text as single
words. Only pages marked ``data-pagefind-body`` (items and source documents) are
indexed; their facets come from ``search.py``.

``pagefind --service`` takes the pages over a pipe, so the build hands them over as soon
as they are rendered (no copies written to disk and read back) and Pagefind indexes them
on the other core while the rest of the site is made. The index depends on the order
pages arrive in: both ways in (``PagefindIndex.add`` from the build, ``index_site`` from a
built site) send them sorted by their path in the site.
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.search.copies import BODY_MARK
from generator.search.glued_numbers import space_glued_numbers
from generator.search.words import write_word_files

# Set by ``policy-column build``: a folder for the plugin's search index and its report.
SEARCH_WORK_ENV = "POLICY_COLUMN_SEARCH_WORK"


REPORT_FILE = "report.json"


INDEX_FOLDER = "pagefind"  # under the site root; the search page loads pagefind/pagefind.js


# The folders whose pages carry data-pagefind-body (item, source and interpretation.html).
# Only these are read: the big list, term and package pages have nothing to index.
# tests/test_scale.py keeps this true.
INDEXED_FOLDERS = ("items", "sources", "zcjd")  # zcjd: 政策解读


# Pagefind answers each page as it reads it; writing the index of 10 000 pages takes
# about 10 s without a word. Silence ten times longer than the longest seen is a hang.
SEARCH_TIMEOUT = 300.0


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass(frozen=True)
class IndexReport:
    pages: int
    seconds: float
    output: str
    note: str = ""  # how the index was made, when not the usual way


def write_report(work: Path, report: IndexReport) -> None:
    (work / REPORT_FILE).write_text(json.dumps(asdict(report)), encoding="utf-8")


def read_report(work: Path) -> IndexReport | None:
    """The report the plugin left in ``work``, if it made the index."""
    path = work / REPORT_FILE
    return IndexReport(**json.loads(path.read_text("utf-8"))) if path.exists() else None


def pagefind_executable() -> Path:
    """The extended Pagefind binary shipped by the ``pagefind-bin-extended`` wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError(
            "the search index needs Pagefind's extended build — install it with "
            "`pip install -e .` (pyproject pins pagefind[extended])"
        ) from None
    return get_executable()


def index_site(
    site_dir: Path, timeout: float = SEARCH_TIMEOUT, keep_fds: tuple[int, ...] = ()
) -> IndexReport:
    """Write ``<site_dir>/pagefind/`` for the indexed pages of a built site."""
    index = PagefindIndex(timeout, keep_fds)
    for path in sorted(indexed_pages(site_dir)):
        html = (site_dir / path).read_text(encoding="utf-8")
        if BODY_MARK in html:
            index.add(path, html)
    index.finish(site_dir / INDEX_FOLDER)
    report = index.wait()
    write_word_files(site_dir, site_dir / INDEX_FOLDER)
    return report


def write_index_files(output: Path, files: list[dict]) -> None:
    """Write Pagefind's files (paths relative to the index folder, contents base64) into
    ``output``; raises ``SearchIndexError`` if one cannot be written."""
    folder = output.resolve()
    try:
        for file in files:
            path = output / file["path"]
            if folder not in path.resolve().parents:
                raise SearchIndexError(f"Pagefind named a file outside its folder: {file['path']}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(file["content"]))
    except OSError as error:
        raise SearchIndexError(
            f"the search index could not be written to {output}: {error}"
        ) from None


def index_gaps(site_dir: Path, pages: int) -> list[str]:
    """What a search index of ``pages`` pages lacks in ``site_dir``; empty when whole.

    A build checks this before publishing: an index cut short (its folder deleted while
    Pagefind wrote) would leave the search page saying 搜索暂时无法使用.
    """
    folder = site_dir / INDEX_FOLDER
    gaps = [
        f"{INDEX_FOLDER}/{name}"
        for name in ("pagefind.js", "pagefind-entry.json")
        if not (folder / name).is_file()
    ]
    for name in ("index", "filter", "fragment"):
        part = folder / name
        found = sum(1 for _ in part.iterdir()) if part.is_dir() else 0
        if not found:
            gaps.append(f"{INDEX_FOLDER}/{name}/")
        elif name == "fragment" and found < pages:
            gaps.append(f"{INDEX_FOLDER}/fragment/ ({found} of {pages} pages)")
    return gaps


def indexed_pages(site_dir: Path) -> list[str]:
    """Site paths of the HTML pages Pagefind may index, as ``items/…/index.html``."""
    return [
        path.relative_to(site_dir).as_posix()
        for folder in INDEXED_FOLDERS
        for path in (site_dir / folder).rglob("*.html")
    ]


class PagefindIndex:
    """An index being built by ``pagefind --service`` in the background.

    ``add`` every page (in site path order), then ``finish`` to have the index written
    to a folder, then ``wait`` for the report. Requests and answers are Pagefind's
    service protocol: JSON, base64-encoded, each followed by a comma. Pagefind silent
    for ``timeout`` seconds while an answer is due is stopped, and the index fails.
    """

    def __init__(self, timeout: float = SEARCH_TIMEOUT, keep_fds: tuple[int, ...] = ()):
        self.started = time.perf_counter()
        self.timeout = timeout
        self.heard = time.monotonic()  # when Pagefind last said anything
        # A file, not a pipe, for Pagefind's own messages: nobody reads them until the end.
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        try:
            self.process = subprocess.Popen(
                [str(pagefind_executable()), "--service"],
                pass_fds=keep_fds,  # the staging folder's lock: held while Pagefind writes
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.log,
            )
        except OSError as error:
            raise SearchIndexError(f"Pagefind could not start: {error}") from None
        self.answers: dict[int, dict] = {}
        self.arrived = threading.Condition()
        self.sent = 0
        self.pages = 0
        self.ended = False  # Pagefind's output closed: no more answers
        self.finisher: threading.Thread | None = None
        # Requests go out from a thread of their own: when Pagefind reads slower than
        # pages are rendered, the build goes on instead of waiting on a full pipe.
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        threading.Thread(target=self.write_requests, daemon=True).start()
        self.failure: SearchIndexError | None = None
        self.report: IndexReport | None = None
        threading.Thread(target=self.read_answers, daemon=True).start()
        self.send({"type": "NewIndex", "config": None})
        try:
            self.index_id = self.answer(self.sent)["index_id"]
        except SearchIndexError:
            self.stop()
            raise

    def stop(self) -> None:
        """Kill Pagefind and reap it."""
        self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def add(self, path: str, html: str) -> None:
        """Index ``html`` as the page at ``path`` in the site (its URL follows from it), its
        long numbers kept whole (``glued_numbers.py``)."""
        self.send(
            {
                "type": "AddFile",
                "index_id": self.index_id,
                "file_path": path,
                "url": None,
                "file_contents": space_glued_numbers(html),
            }
        )
        self.pages += 1

    def finish(self, output: Path) -> None:
        """Have the index written to ``output`` once every page is in; returns at once."""
        self.finisher = threading.Thread(target=self.write, args=(output,), daemon=True)
        self.finisher.start()

    def wait(self) -> IndexReport:
        """The report, once the index is written; raises ``SearchIndexError`` if it failed."""
        assert self.finisher is not None, "finish() first"
        self.finisher.join()
        if self.failure is not None:
            raise self.failure
        assert self.report is not None
        return self.report

    # --- the protocol ---------------------------------------------------------------

    def write(self, output: Path) -> None:
        try:
            for number in range(2, self.sent + 1):  # every page indexed (or refused) first
                self.answer(number)
            # The files are asked for and written here. Pagefind's own WriteFiles may answer
            # with its last write still buffered (tokio's File), and at the end of its input
            # it exits at once: that once left pagefind-ui.css cut short in CI.
            self.send({"type": "GetFiles", "index_id": self.index_id})
            files = self.answer(self.sent)["files"]
            self.outbox.put(None)  # Pagefind stops at the end of its input
            try:
                self.process.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                raise SearchIndexError(
                    f"Pagefind made the index but did not stop within {self.timeout:.0f} s"
                ) from None
            write_index_files(output, files)
        except SearchIndexError as error:
            self.failure = error
            self.stop()
        finally:
            self.log.seek(0)
            log = self.log.read()
            self.log.close()
        if self.failure is None:
            self.report = IndexReport(self.pages, time.perf_counter() - self.started, log)
        else:
            self.failure = SearchIndexError(f"{self.failure}\n{log}".rstrip())

    def send(self, payload: dict) -> None:
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}).encode("utf-8")
        self.outbox.put(base64.b64encode(message) + b",")

    def write_requests(self) -> None:
        """Write queued requests to Pagefind (a thread); ``None`` closes its input."""
        while (request := self.outbox.get()) is not None:
            try:
                self.process.stdin.write(request)
                self.process.stdin.flush()
            except OSError:  # Pagefind stopped: answer() reports it
                return
        self.process.stdin.close()

    def answer(self, number: int) -> dict:
        """The answer to message ``number``, once it arrives; Pagefind silent for
        ``timeout`` seconds raises ``SearchIndexError``."""
        began = time.monotonic()
        with self.arrived:
            while not (number in self.answers or self.ended):
                silent = time.monotonic() - max(self.heard, began)
                if silent >= self.timeout:
                    raise SearchIndexError(
                        f"Pagefind said nothing for {self.timeout:.0f} s while the index was "
                        "being built: it was stopped"
                    )
                self.arrived.wait(self.timeout - silent)
        answer = self.answers.get(number)
        if answer is None:
            raise SearchIndexError("Pagefind stopped while the index was being built")
        if answer.get("type") == "Error":
            raise SearchIndexError(f"Pagefind failed: {answer.get('message')}")
        return answer

    def read_answers(self) -> None:
        """Collect Pagefind's answers by message number (a thread, until its output ends).

        The index files come as one answer of tens of megabytes: its pieces are kept in a
        list and joined once, not copied again at every read."""
        pending: list[bytes] = []
        while chunk := self.process.stdout.read1(1 << 20):
            *messages, rest = chunk.split(b",")
            if messages:
                messages[0] = b"".join([*pending, messages[0]])
                pending = []
            pending.append(rest)
            with self.arrived:
                self.heard = time.monotonic()
                for message in messages:
                    answer = json.loads(base64.b64decode(message))
                    self.answers[answer.get("message_id")] = answer["payload"]
                self.arrived.notify_all()
        with self.arrived:
            self.ended = True
            self.arrived.notify_all()
