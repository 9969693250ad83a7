"""The search box's vocabulary: the index's own words read back, split by first character,
and the lexicon (fillers, synonyms, sectors, shortcuts) the browser cuts queries with."""

from __future__ import annotations

import gzip
import itertools
import json
from datetime import date

import pytest
from conftest import ROOT

from generator.core.index_chunks import CHUNK_BYTES, chunk_holding, regroup, with_chunks
from generator.core.search_vocabulary import (
    FILLERS,
    WORD_BUCKETS,
    bucket_of,
    even_page_lengths,
    exact_lookups,
    query_lexicon,
    word_buckets,
)
from generator.pipeline.stages import check_policies
from generator.search.pagefind_files import PAGEFIND_SIGNATURE, read_pagefind, write_pagefind


@pytest.fixture(scope="module")
def column():
    column, _ = check_policies(ROOT / "policies")
    return column


def pagefind_file(cbor: bytes) -> bytes:
    return gzip.compress(PAGEFIND_SIGNATURE + cbor)


@pytest.mark.parametrize(
    ("cbor", "value"),
    [
        (bytes([0x17]), 23),
        (bytes([0x18, 0xC8]), 200),
        (bytes([0x19, 0x01, 0x2C]), 300),
        (bytes([0x38, 0x18]), -25),  # Pagefind's weight markers in word locations
        (bytes([0x66]) + "换新".encode(), "换新"),
        (bytes([0x82, 0x01, 0x9F, 0x02, 0xFF]), [1, [2]]),
        (bytes([0xA1, 0x61, 0x61, 0xF5]), {"a": True}),
    ],
)
def test_pagefind_files_decode(cbor, value):
    assert read_pagefind(pagefind_file(cbor)) == value


def test_a_file_without_pagefinds_signature_is_refused():
    with pytest.raises(ValueError, match="not a Pagefind index file"):
        read_pagefind(gzip.compress(b"\x17"))


def test_index_words_are_read_from_the_chunks(sample_site):
    chunks = [
        read_pagefind(p.read_bytes()) for p in (sample_site / "pagefind/index").glob("*.pf_index")
    ]
    words = {word for chunk in chunks for word, _pages in chunk[0]}
    # What Pagefind made of the sample: 以旧换新 in three pieces, 家电 and 补贴 whole.
    assert {"以", "旧", "换新", "家电", "补贴", "泉城", "4006096588"} <= words
    assert "以旧换新" not in words
    # The browser's files hold exactly these words, each in the file of its first character,
    # with the pages that have it and the chunk Pagefind fetches for it.
    meta = read_pagefind(next((sample_site / "pagefind").glob("*.pf_meta")).read_bytes())
    hashes = [hash_ for _from, _to, hash_ in meta[2]]
    sizes = json.loads((sample_site / "search/words/chunks.json").read_text("utf-8"))
    assert len(sizes) == len(hashes) and all(size > 0 for size in sizes)
    # Regrouped by weight: a chunk weighs at most CHUNK_BYTES, unless it is one heavy word.
    for (first, last, _hash), size in zip(meta[2], sizes, strict=True):
        assert size <= CHUNK_BYTES / 1024 or first == last
    shipped: set[str] = set()
    for number in range(WORD_BUCKETS):
        found = json.loads((sample_site / f"search/words/{number:02x}.json").read_text("utf-8"))
        assert all(bucket_of(word) == number for word in found["words"])
        assert found["words"] == sorted(found["words"])
        for word, chunk in zip(found["words"], found["chunks"], strict=True):
            assert chunk_holding(meta[2], word) == hashes[chunk]
        assert all(pages > 0 for pages in found["pages"])
        shipped.update(found["words"])
    assert shipped == words


def test_word_files_name_the_pages_that_name_each_word_in_title_sector_or_issuer(sample_site):
    subjects = {}  # page number → an item's title, 行业 and issuers, from the fragments
    for path in (sample_site / "pagefind/fragment").glob("*.pf_fragment"):
        page = json.loads(gzip.decompress(path.read_bytes())[len(PAGEFIND_SIGNATURE) :])
        if "/items/" in page["url"]:  # (a document's 文号 is weighted as its title, too)
            tags = " ".join(page["filters"].get("sector", []) + page["filters"]["issuer"])
            subjects[int(path.stem.rsplit("_", 1)[1], 16)] = (page["meta"]["title"], tags)
    named = {}
    for number in range(WORD_BUCKETS):
        found = json.loads((sample_site / f"search/words/{number:02x}.json").read_text("utf-8"))
        for word, gaps in zip(found["words"], found["named"], strict=True):
            pages, at = [], 0
            for gap in gaps:
                at += gap
                pages.append(at)
            named[word] = [subjects[page] for page in pages if page in subjects]
    assert all(word in " ".join(subject) for word, pages in named.items() for subject in pages)
    titles = {word: {title for title, _tags in pages} for word, pages in named.items()}
    subsidy = "家电以旧换新补贴：12类家电补15%，一级能效再加5%"
    assert {"怎样领取家电补贴资格", subsidy} <= titles["家电"]
    assert "怎样领取家电补贴资格" in titles["资格"]
    assert subsidy not in titles["资格"]  # its body says 资格, its title does not
    # 购车补贴标准：… names no 汽车, but it is filed under 汽车.
    assert any(title.startswith("购车补贴标准") for title in titles["汽车"])
    # … and issued by 济南's offices.
    assert any(title.startswith("购车补贴标准") for title in titles["济南"])


def test_the_theme_file_lists_each_themes_pages_by_number(sample_site):
    themes = {}
    for name, gaps in json.loads((sample_site / "search/words/themes.json").read_text()).items():
        themes[name] = set(itertools.accumulate(gaps))
    filed = {}  # page number → its 主题, from the fragments
    for path in (sample_site / "pagefind/fragment").glob("*.pf_fragment"):
        page = json.loads(gzip.decompress(path.read_bytes())[len(PAGEFIND_SIGNATURE) :])
        filed[int(path.stem.rsplit("_", 1)[1], 16)] = set(page["filters"].get("theme", []))
    assert themes and all(name in filed[page] for name, pages in themes.items() for page in pages)
    assert all(page in themes[name] for page, names in filed.items() for name in names)
    assert "消费品以旧换新" in themes


def test_the_metadata_is_written_back_as_pagefind_wrote_it(sample_site):
    meta = next((sample_site / "pagefind").glob("*.pf_meta")).read_bytes()
    value = read_pagefind(meta)
    assert gzip.decompress(write_pagefind(value)) == gzip.decompress(meta)


def test_fragments_are_named_by_one_prefix_and_the_page_number(sample_site):
    meta = read_pagefind(next((sample_site / "pagefind").glob("*.pf_meta")).read_bytes())
    names = [name for name, _words in meta[1]]
    assert len({words for _name, words in meta[1]}) == 1  # the mean, for every page
    prefix = names[0].rsplit("_", 1)[0]
    assert names == [f"{prefix}_{number:x}" for number in range(len(names))]
    files = {path.stem for path in (sample_site / "pagefind/fragment").glob("*.pf_fragment")}
    assert files == set(names)


def test_every_page_gets_the_mean_word_count():
    pages = [["zh_a_0", 100], ["zh_a_1", 301], ["zh_a_2", 200]]
    assert even_page_lengths(pages) == [["zh_a_0", 200], ["zh_a_1", 200], ["zh_a_2", 200]]
    assert even_page_lengths([]) == []


def test_chunks_are_regrouped_by_weight_and_bounded_by_whole_words():
    # As Pagefind 1.4 cut them at 10 000 items, by count of words: 汽车 beside 活动 (on most
    # pages), so a search for 汽车 fetched all of 活动 too.
    entries = [[word, []] for word in ("汽车", "注册", "活动", "补", "补助", "补贴", "表彰")]
    sizes = [10, 4, 51, 9, 3, 74, 2]  # in word order, as the index lists them
    chunks = regroup(entries, sizes, most=16)
    assert [[word for word, _pages in chunk] for chunk in chunks] == [
        ["汽车", "注册"],
        ["活动"],  # heavier than a chunk: alone
        ["补", "补助"],
        ["补贴"],
        ["表彰"],
    ]
    bounds = [(chunk[0][0], chunk[-1][0], f"zh_{n}") for n, chunk in enumerate(chunks)]
    meta = with_chunks(["1.4.0", [], [["汽", "补", "a"], ["补助", "补", "b"]], [], []], bounds)
    assert meta[0] == "1.4.0" and meta[3:] == [[], []]
    # Each word is looked up in the one chunk that holds it (Pagefind had bounded a chunk
    # 补助 … 补贴 by 补助 … 补, which sorts before 补贴).
    looked_up = [chunk_holding(meta[2], word) for word, _pages in entries]
    assert looked_up == ["zh_0", "zh_0", "zh_1", "zh_2", "zh_2", "zh_3", "zh_4"]
    assert chunk_holding(meta[2], "安") is None


def test_buckets_cover_every_number_and_sort_their_words():
    buckets = word_buckets(["补贴", "家电", "补", ""])
    assert set(buckets) == set(range(WORD_BUCKETS))
    assert buckets[bucket_of("补")] == ["补", "补贴"]
    assert buckets[bucket_of("家")] == ["家电"]
    assert sum(len(words) for words in buckets.values()) == 3


def test_lexicon_has_fillers_synonyms_sectors_themes_and_shortcuts(column):
    lexicon = query_lexicon(column)
    assert set(lexicon["fillers"]) == set(FILLERS)
    assert ["买车", "购车", "购买汽车", "购置汽车"] in lexicon["synonyms"]
    assert lexicon["broader"]["电冰箱"] == ["家电"]  # a sector keyword finds the sector
    assert lexicon["sectors"]["手机"] == "数码产品"  # through the checked-in synonyms
    assert lexicon["sectors"]["空调"] == "家电"  # a taxonomy keyword
    # A theme is named by its name and the keywords its name holds, not by those that tag a
    # clause into it (补贴资格 asks for that clause), nor by a part of a keyword (标准).
    assert lexicon["themes"]["以旧换新"] == ["消费品以旧换新"]
    assert lexicon["themes"]["设备更新"] == ["大规模设备更新"]
    assert lexicon["themes"]["两新"] == ["两新"]
    assert not {"补贴资格", "购车补贴", "能效", "标准"} & set(lexicon["themes"])
    assert "数码产品" in lexicon["empty_sectors"]  # no sample item is filed under it
    assert "家电" not in lexicon["empty_sectors"]
    assert lexicon["shortcuts"]["政策包"] == ["政策包", "packages/"]
    assert {"以旧换新", "家电", "政策包"} <= set(lexicon["terms"])


def test_exact_lookups_list_every_document_number(column):
    listed = exact_lookups(column, date(2025, 3, 1))["numbers"]
    numbers = {number: path for number, path, _title in listed}
    assert numbers["济商务字〔2025〕5号"] == "sources/jn-2025-appliance-rules/"
    assert len(numbers) == sum(1 for s in column.sources if s.doc_number)


def test_exact_lookups_list_documents_in_force_and_newest_first(column):
    def listed(today: date) -> list[str]:
        return [number for number, _path, _title in exact_lookups(column, today)["numbers"]]

    # 2025-03-01: all in force; the 2025 documents before Miluo's plan of 2024.
    assert listed(date(2025, 3, 1))[-1] == "汨政办函〔2024〕33号"
    # After the Shandong plan has expired (2025-12-31) it is listed after those in force.
    ended = listed(date(2026, 6, 1))
    assert ended.index("鲁商字〔2025〕1号") > ended.index("汨政办函〔2024〕33号")
