"""What the search index and the finder are fed: facets, counts, index tags, finder data."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

from generator.core.programme import programme_of
from generator.core.search_fields import (
    APPLY_TIER,
    BENEFIT_TIER,
    DOCUMENT_TIER,
    EXPIRED_TIER,
    FACETS,
    GOVERNMENT_TIER,
    RECENT_TIER,
    SOURCE_KIND,
    TIER,
    SearchTags,
)
from generator.output.data.finder import finder_json
from generator.output.html.pages import BROWSE_KINDS, ColumnPages
from generator.output.html.renderer import FragmentRenderer
from generator.pipeline.stages import check_policies
from generator.search.glued_numbers import space_glued_numbers

TODAY = date.fromisoformat(AS_OF)


@pytest.fixture(scope="module")
def column():
    column, _ = check_policies(ROOT / "policies")
    return column


@pytest.fixture(scope="module")
def tags(column):
    return SearchTags(column, TODAY)


def test_facet_counts_equal_the_browse_page_counts(column, tags):
    renderer = ColumnPages(FragmentRenderer(column, TODAY, ROOT / "overrides/fragments"))
    fields = {field.facet.vocabulary: field for field in tags.fields() if field.facet.vocabulary}
    for kind, _ in BROWSE_KINDS:
        vocabulary = column.taxonomy.vocabulary(kind)
        browse = {
            vocabulary.get(term.id).name: count
            for term, count in renderer._terms_with_counts(kind)
            if count
        }
        facet = {option.value: option.count for option in fields[kind].options}
        assert facet == browse, kind


def test_an_item_is_filed_under_its_terms_and_their_broader_terms(column, tags):
    item = next(i for i in column.items if "sellers" in i.audiences)
    audiences = [value for key, value in tags.item_filters(item) if key == "audience"]
    assert "销售企业" in audiences
    assert "企业" in audiences  # the broader term, as on the browse page 企业


def test_items_carry_every_facet_and_documents_none(column, tags):
    for item in column.items:
        keys = {key for key, _ in tags.of_item(item).filters}
        assert {"theme", "sector", "audience", "level", "issuer", "status"} <= keys
    # A document is no item: facet counts are item counts, as on the browse pages; its only
    # filter is the ranking tier that puts whole documents after items.
    source_tags = tags.of_source(column.sources[0])
    assert source_tags.filters == ((TIER, DOCUMENT_TIER),)
    assert dict(source_tags.meta)["type"] == SOURCE_KIND
    assert dict(source_tags.meta)["title"] == column.sources[0].title


@pytest.mark.parametrize(
    ("title", "programme"),
    [
        ("山东省2025年家电以旧换新实施方案", "家电以旧换新"),
        ("济南市2025年家电以旧换新补贴实施细则", "家电以旧换新"),
        ("2025年政府汽车消费补贴活动公告", "汽车消费"),
        ("济南市2025年下半年第一轮汽车消费补贴活动公告", "汽车消费"),
        ("济南市2025年新车首保消费券活动公告", "新车首保消费券"),
        ("汨罗市“两重”“两新”送解优专项行动方案", "两重两新送解优"),
        ("关于进一步做好湖南省岳阳市2024年家电以旧换新工作的通知", "家电以旧换新"),
        (
            "国务院关于印发《推动大规模设备更新和消费品以旧换新行动方案》的通知",
            "推动大规模设备更新和消费品以旧换新",
        ),
        ("湖南省推动大规模设备更新和消费品以旧换新实施方案", "推动大规模设备更新和消费品以旧换新"),
        # Whoever comes before 关于 is the issuer, however many offices sign it.
        (
            "国家发展改革委 财政部关于加力支持大规模设备更新和消费品以旧换新的若干措施",
            "加力支持大规模设备更新和消费品以旧换新",
        ),
        ("岳阳市人民政府办公室关于印发岳阳市城市更新实施方案的通知", "城市更新"),
        # 城市, 上市 and 社区 end in a kind of place and name none.
        ("关于推进城市燃气管道等老化更新改造的实施方案", "推进城市燃气管道等老化更新改造"),
        ("企业上市若干措施", "企业上市"),
        ("社区嵌入式服务设施建设方案", "社区嵌入式服务设施建设"),
        ("岳阳经济技术开发区设备更新实施方案", "设备更新"),
        ("通知", ""),
    ],
)
def test_a_documents_programme_is_its_title_without_place_year_and_kind(title, programme):
    assert programme_of(title) == programme


def test_items_carry_their_documents_programme(column, tags):
    by_source = {item.source.slug: dict(tags.of_item(item).meta) for item in column.items}
    assert by_source["jn-2025-appliance-rules"]["programme"] == "家电以旧换新"
    assert by_source["sd-2025-appliance-plan"]["programme"] == "家电以旧换新"
    assert by_source["jn-2025h1-car-subsidy"]["programme"] == "汽车消费"


def test_the_one_sort_key_is_the_deadline_of_the_items_with_one(column, tags):
    assert all(tags.of_source(source).sorts == () for source in column.sources)
    for item in column.items:
        sorts = dict(tags.of_item(item).sorts)
        deadline = item.details.deadline
        assert sorts.get("deadline") == (deadline.isoformat() if deadline else None)


def test_tiers_mark_work_plan_clauses_and_expired_pages(column):
    later = date(2025, 5, 1)  # the car subsidy (申报截止 2025-04-15) has expired
    tags = SearchTags(column, later)
    tiers = {
        item.id: {v for k, v in tags.of_item(item).filters if k == TIER} for item in column.items
    }
    assert tiers["mzbh-2024-33/2-2"] == {GOVERNMENT_TIER}  # 专班机制: 成员单位, 工作人员
    # For 个人消费者, with its 支持标准: what the public gets comes first among equals.
    # Released 2025-01-20, 101 days before: recent, ahead of older rules that match as well.
    assert tiers["jn-2025-appliance-rules/1"] == {BENEFIT_TIER, RECENT_TIER}
    # How to get it (申报方式): next among equals, before 申报材料 and the rest.
    assert tiers["jn-2025-appliance-rules/2-4"] == {APPLY_TIER, RECENT_TIER}
    assert tiers["jn-2025h1-car-subsidy/4-2"] == {EXPIRED_TIER}  # 申报材料
    # 企业 and 个人消费者 as well as the plan; signed 2024-09-05, more than half a year before.
    assert tiers["mzbh-2024-33/3-5"] == set()
    assert EXPIRED_TIER in tiers["jn-2025h1-car-subsidy/3"]
    car = next(s for s in column.sources if s.slug == "jn-2025h1-car-subsidy")
    assert set(tags.of_source(car).filters) == {(TIER, DOCUMENT_TIER), (TIER, EXPIRED_TIER)}
    assert dict(tags.of_source(car).meta)["status"] == "已失效"


def test_facets_are_in_a_fixed_order_with_chinese_labels():
    assert [f.key for f in FACETS] == [
        "theme",
        "sector",
        "audience",
        "level",
        "issuer",
        "status",
        "year",
    ]
    assert all(re.search(r"[\u4e00-\u9fff]", f.label) for f in FACETS)


def test_finder_data_carries_broader_terms_and_end_dates(column):
    data = json.loads(finder_json(column, TODAY))
    assert data["as_of"] == AS_OF
    terms = {t["id"]: t for t in data["audiences"]}
    assert terms["smes"]["broader"] == ["enterprises", "smes"]
    assert data["any_sector"] == ["general"]
    car = next(r for r in data["items"] if r["id"] == "jn-2025h1-car-subsidy/1")
    # Deadline 2025-04-15 comes before the expiry 2025-04-30: the deadline is what ends it.
    assert (car["ends"], car["ends_is_deadline"]) == ("2025-04-15", True)
    assert len(data["items"]) == len(column.items)


def test_built_pages_carry_index_tags(sample_site: Path):
    item = (sample_site / "items/jn-2025h1-car-subsidy/6/index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in item
    assert 'data-pagefind-filter="sector:汽车"' in item
    assert 'data-pagefind-filter="audience:个人消费者"' in item
    assert 'data-pagefind-weight="10">汽车消费补贴客服电话</h1>' in item
    # Only items and documents are indexed: pages such as the home page carry no body mark.
    assert "data-pagefind-body" not in (sample_site / "index.html").read_text(encoding="utf-8")


def test_the_build_writes_a_pagefind_index_that_segments_chinese(sample_site: Path):
    entry = json.loads((sample_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == "1.4.0"  # the version the relevance table passes with
    assert list(entry["languages"]) == ["zh"]
    assert entry["languages"]["zh"]["page_count"] == 65  # 60 items + 4 documents + 1 解读
    # Pagefind picks the index, and segments queries, by the page's <html lang>.
    html = (sample_site / "search/index.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="zh[-"]', html)


@pytest.mark.parametrize(
    ("page", "indexed"),
    [
        (
            "<p>中国工商银行客服95588；中石油客服956100。</p>",
            "<p>中国工商银行客服 95588；中石油客服 956100。</p>",
        ),
        ("<p>请拨打12345热线</p>", "<p>请拨打 12345 热线</p>"),
        ("<p>补贴10000元</p>", "<p>补贴 10000 元</p>"),
        # an amount in yuan, however short: what a poster prints and a reader types
        ("<p>每件补贴不超过2000元，最高50万元</p>", "<p>每件补贴不超过 2000 元，最高 50 万元</p>"),
        ("<p>补贴1.5万元</p>", "<p>补贴1.5万元</p>"),  # a decimal is indexed as its digits
        # years, dates, clause numbers and numbers set apart already stay as they are
        (
            "<p>2025年7月1日起，12类家电，电话：4006096588</p>",
            "<p>2025年7月1日起，12类家电，电话：4006096588</p>",
        ),
        # the tags' attributes are Pagefind's filters and result metadata: never touched
        (
            '<span data-pagefind-meta="title:客服95588"></span>',
            '<span data-pagefind-meta="title:客服95588"></span>',
        ),
    ],
)
def test_long_numbers_against_chinese_text_are_spaced_for_the_index(page, indexed):
    assert space_glued_numbers(page) == indexed
