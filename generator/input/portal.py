"""Read ``policies/portal.yml``: the government site the column belongs to.

Its values become every page's 网页标签 (the meta tags inspection crawlers read), the
footer band and the 纠错 link. It lives beside the policies, not in ``mkdocs.yml``: it is
checked like every input (``file:line:col``), the producers and the printed 政策包 need
it as much as the theme does, and another host than MkDocs reads it unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from generator.core.model import Portal, Vocabulary
from generator.errors import PolicyError
from generator.input.yaml_nodes import Field, NodeReader, display_path, parse_file

PORTAL_FILE = "portal.yml"


PORTAL_FIELDS = {
    "site_name": Field("text", "网站名称", "SiteName: the portal's name", required=True),
    "site_domain": Field("domain", "网站域名", "SiteDomain: e.g. www.miluo.gov.cn", required=True),
    "site_id": Field("site_id", "网站标识码", "SiteIDCode: the 10-character 网站标识码"),
    "column_name": Field("text", "栏目名称", "ColumnName: the column's name", required=True),
    "column_type": Field("text", "栏目类别", "ColumnType: e.g. 专题专栏", required=True),
    "column_description": Field("text", "栏目描述", "ColumnDescription: one sentence"),
    "keywords": Field("texts", "关键词", "Keywords of the column, before each page's own"),
    "level": Field("level", "本级政府", "the portal's level: its documents need a 解读"),
    "host": Field("text", "主办单位", "the office that runs the portal", required=True),
    "operator": Field("text", "承办单位", "the office that keeps the column"),
    "icp": Field("text", "ICP备案号", "e.g. 湘ICP备XXXXXXXX号"),
    "police": Field("text", "公安备案号", "e.g. 湘公网安备 XXXXXXXXXXXXXX号"),
    "contact": Field("text", "联系方式", "a phone number or an address for readers"),
    "correction_url": Field(
        "correction", "纠错地址", "the portal's 纠错 form (http(s)) or a mailto: address", True
    ),
}


DOMAIN = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")


SITE_ID = re.compile(r"[0-9A-Z]{10}")


MAILTO = re.compile(r"mailto:[^@\s?]+@[^@\s?]+\.[a-z]{2,}(\?.*)?", re.IGNORECASE)


def load_portal(folder: Path, levels: Vocabulary | None) -> tuple[Portal, list[PolicyError]]:
    """The portal of ``folder/portal.yml``; no file: an empty portal (no tags beyond the page's)."""
    path = folder / PORTAL_FILE
    if not path.exists():
        return Portal(), []
    file = display_path(path)
    root, lines, problems = parse_file(path, file, "it needs site_name, site_domain, host …")
    if root is None:
        return Portal(), problems
    reader = PortalReader(file, lines, {"levels": levels} if levels is not None else {})
    entries = reader.entries(root, PORTAL_FIELDS) or {}
    values = reader.read_values(entries, PORTAL_FIELDS)
    return Portal(**values), problems + reader.problems


class PortalReader(NodeReader):
    """Reads ``policies/portal.yml`` into a :class:`Portal`."""

    def __init__(self, file: str, lines: list[str], vocabularies: dict[str, Vocabulary]):
        super().__init__(file, lines, vocabularies)
        self.readers |= {
            "domain": self.read_domain,
            "site_id": self.read_site_id,
            "correction": self.read_correction,
        }

    def read_domain(self, key: str, node: Node) -> str | None:
        text = self.read_text(key, node)
        if text is None or DOMAIN.fullmatch(text):
            return text
        bare = re.sub(r"^[a-z]+://|/.*$", "", text.lower())
        hint = (
            f"write the host name alone: {bare}"
            if DOMAIN.fullmatch(bare)
            else "e.g. www.miluo.gov.cn"
        )
        self.error(node, f"{key} {text!r} is not a domain name", hint)
        return None

    def read_site_id(self, key: str, node: Node) -> str | None:
        text = (
            self.read_text(key, node)
            if isinstance(node, ScalarNode) and node.tag.endswith("str")
            else None
        )
        if text is None and isinstance(node, ScalarNode):
            self.error(node, f"{key} must be quoted text", f'quote it: "{node.value}"')
            return None
        if text is None or SITE_ID.fullmatch(text):
            return text
        self.error(
            node,
            f"{key} {text!r} is not a 网站标识码",
            "it has 10 digits or capital letters, as 全国政府网站基本信息数据库 lists it",
        )
        return None

    def read_correction(self, key: str, node: Node) -> str | None:
        text = self.text_of(key, node)
        if text is not None and MAILTO.fullmatch(text.strip()):
            return text.strip()
        return self.read_url(key, node)
