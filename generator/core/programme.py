"""The programme a document belongs to, read from its title.

A province's plan, a city's rules and a county's notice relay one programme's clauses, often
under one title (补贴审核、公示和发放). Two notices of one office for two programmes share
headings too (活动时间, 补贴申报资料), and those are different clauses. The programme is what
the title names once its place, year, issuer and kind are set aside:

    山东省2025年家电以旧换新实施方案         → 家电以旧换新
    济南市2025年家电以旧换新补贴实施细则     → 家电以旧换新
    济南市2025年下半年第一轮汽车消费补贴活动公告 → 汽车消费
    济南市2025年新车首保消费券活动公告       → 新车首保消费券

Pure: the search index carries it with each item, and the search page folds two items of one
title into one result only when their documents are of one programme.
"""

from __future__ import annotations

import re

# 印发《…》的通知 names its programme inside the book-title marks.
_ENCLOSED = re.compile(r"《([^》]+)》")
# 国家发展改革委 财政部关于…, 岳阳市人民政府关于…: whoever comes before 关于 issues it.
_ISSUER = re.compile(r"^.*?关于")
# Words ending in 市, 区 or 省 that name no place: 推进城市更新, 企业上市, 社区, 园区, 节省.
_NOT_A_PLACE = r"(?<![城上超夜集都门股社园景街小专片节])"
_LEADING = (
    re.compile(r"^(?:印发|转发|进一步|做好|开展|组织|加快|实施)+"),
    # 湖南省岳阳市, 汨罗市, 内蒙古自治区, 岳阳经济技术开发区: a short name and its kind.
    re.compile(
        rf"^(?:[\u4e00-\u9fff]{{2,4}}?"
        rf"(?:自治区|自治州|经济技术开发区|高新技术产业开发区|新区|{_NOT_A_PLACE}[省市区]|县))+"
    ),
    re.compile(r"^(?:\d{4}(?:[-—至]\d{4})?年度?|[上下]半年|第[一二三四五六七八九十\d]+[轮批期])+"),
    re.compile(r"^(?:人民)?政府(?:办公厅|办公室)?"),
)
# The kind, once or twice: 实施方案, 印发实施方案的通知 (when the title has no 《》).
_KIND = re.compile(
    r"(?:的?(?:通知|公告|通告|实施方案|工作方案|行动方案|方案|实施细则|细则|实施办法|管理办法"
    r"|办法|若干措施|措施|政策要点|要点|指南))+$"
)
_TRAILING = re.compile(r"(?:的|专项|行动|活动|工作|补贴)+$")
_MARKS = re.compile(r"[\s\"'“”‘’「」『』]")


def programme_of(title: str) -> str:
    """What a document's title names, without place, year, issuer and kind ("" if nothing)."""
    enclosed = _ENCLOSED.search(title)
    name = _ISSUER.sub("", _MARKS.sub("", enclosed.group(1) if enclosed else title))
    for pattern in _LEADING:
        name = pattern.sub("", name)
    return _TRAILING.sub("", _KIND.sub("", name))
