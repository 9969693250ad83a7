"""The source file in the guide's form: metadata, a suggested 有效期 and tags as comments for
the officer to confirm, the covering notice and the body, one paragraph a line, then each
clause's suggested 申报截止, commented out too."""

from __future__ import annotations

import re

import yaml

from .metadata import Metadata
from .windows import WINDOWS_SHOWN, Window, suggested_expires

# Characters YAML cannot hold in a block, or that end a line where an editor shows none.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")
LINE_BREAKS = re.compile(r"[\u0085\u2028\u2029]")


def render_source(
    meta: Metadata, origin: str, suggested: dict[str, list[str]], notes: tuple[str, ...] = ()
) -> str:
    """The YAML text of the source file; ``origin`` names the imported file, ``notes`` say
    what of it was not imported (images, page headers), so the file itself tells."""
    lines = [f"# 由 policy-column import 从 {origin} 导入。以下元数据读自原文，请对照原件核对。"]
    if notes:
        lines.append("# 原件中未导入的内容：")
        lines += [f"#   {note}" for note in notes]
    lines += [f"# {key}：{value}" for key, value in sorted(meta.extras.items())]
    lines.append(_field("title", meta.title, "未能读出标题：请照原文填写"))
    if meta.doc_number:
        lines.append(_field("doc_number", meta.doc_number))
    lines.append(
        _field(
            "issuer", " ".join(meta.issuers), "未能读出发文机关：填写 taxonomy.yml issuers 里的名称"
        )
    )
    lines.append(_field("level", meta.level, "未能读出层级：填写 taxonomy.yml levels 里的名称"))
    for key in ("signed", "published"):
        value = getattr(meta, key)
        if value:
            lines.append(f"{key}: {value}")
    if meta.source_url:
        lines.append(_field("source_url", meta.source_url))
    lines += _expires(meta.windows)
    lines.append("# —— 专栏标签（政策专班添加；以上为原文元数据）——")
    if any(suggested.values()):
        lines.append("# 按正文关键词建议的全文默认标签，核对后去掉行首的 # 号：")
        for kind in ("themes", "sectors", "audiences"):
            if suggested.get(kind):
                lines.append(f"# {kind}: [{', '.join(suggested[kind])}]")
    if meta.notice:
        lines += ["notice: |", *_block(meta.notice)]
    lines += ["body: |", *_block(meta.body)]
    lines += _deadlines(meta.deadlines)
    return "\n".join(lines) + "\n"


def _expires(windows: list[Window]) -> list[str]:
    """The text's windows and the latest end as a suggested ``expires``, commented out: until
    then the column shows the document 有效 (有效期至: the last day anything can still be done)."""
    if not windows:
        return []
    lines = ["# 正文写明的时间（有效期至填最后仍可办理的那天，核对后去掉 expires 行首的 # 号）："]
    shown = windows[:WINDOWS_SHOWN]
    lines += [f"#   {window.label}：至 {window.ends.isoformat()}" for window in shown]
    if len(windows) > WINDOWS_SHOWN:
        lines.append(f"#   另有 {len(windows) - WINDOWS_SHOWN} 处日期")
    lines.append(f"# expires: {suggested_expires(windows).isoformat()}")
    return lines


def _deadlines(deadlines: dict[str, Window]) -> list[str]:
    """Each clause's window for applying as its suggested 开始申报 and 申报截止, commented out:
    the 申报截止 sort and a question about a deadline find only the items that carry one."""
    if not deadlines:
        return []
    lines = [
        "",
        '# —— 逐条补充（键为条款路径：四、（二） → "4-2"）——',
        "# 正文写明的申报时间，建议作为该条的开始申报和申报截止（核对后去掉行首的 # 号）：",
        "# overrides:",
    ]
    for path, window in deadlines.items():
        lines.append(f'#   "{path}":  # {window.label}')
        if window.starts:
            lines.append(f"#     opens: {window.starts.isoformat()}")
        lines.append(f"#     deadline: {window.ends.isoformat()}")
    return lines


def _field(key: str, value: str, missing: str = "") -> str:
    if not value:
        return f"{key}:  # {missing}"
    return f"{key}: {_scalar(value)}"


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value``: plain when safe, else quoted."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def _block(paragraphs: list[str]) -> list[str]:
    """The paragraphs as the lines of a literal block, indented two spaces."""
    lines = []
    for paragraph in paragraphs:
        for line in LINE_BREAKS.split(CONTROL.sub("", paragraph)):
            line = line.rstrip().lstrip(" \u3000\xa0")
            if line:
                lines.append(f"  {line}")
    return lines or ["  "]
