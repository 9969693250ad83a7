"""An old binary Word .doc, read by LibreOffice turned into a .docx, then read as one.

Measured on a Chinese .doc with automatic numbering and a table: antiword and catdoc
read the characters but lose Word's list labels (一、 （一） 1. vanish, so nothing would
split) and catdoc wraps lines at 72 columns; LibreOffice keeps the numbering.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from .document import Extracted, UnreadableDocument
from .word import read_docx

CONVERT_SECONDS = 120
SAVE_AS_DOCX = "open it in Word or WPS, save it as .docx (Word 文档), and import that"


def read_doc(path: Path) -> Extracted:
    """The .doc's lines, through a LibreOffice conversion in a private temporary folder."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise UnreadableDocument(
            "an old Word .doc file needs LibreOffice to be read, and it is not installed",
            f"run `make system-deps` to install it, or {SAVE_AS_DOCX}",
        )
    with tempfile.TemporaryDirectory(prefix="policy-import-") as folder:
        work = Path(folder)
        # A profile of its own, so that two imports (or an open LibreOffice) do not collide.
        command = [
            office,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(path.resolve()),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False)
        except subprocess.TimeoutExpired as error:
            raise UnreadableDocument(
                f"LibreOffice did not finish reading the .doc in {CONVERT_SECONDS} s",
                SAVE_AS_DOCX,
            ) from error
        converted = work / "out" / f"{path.stem}.docx"
        if not converted.is_file():
            raise UnreadableDocument(
                "LibreOffice could not read the .doc file (damaged, or not a Word file)",
                SAVE_AS_DOCX,
            )
        extracted = read_docx(converted)
    return replace(extracted, medium="Word (.doc)")
