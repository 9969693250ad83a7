"""The column as the city portal uses it: under a sub-path, embedded in an iframe, its JSON
API, its 政策包 (pages, PDFs, QR codes) and its display settings (大字/高对比).

One build serves every test here: the sample column with PDFs, published at /zt/lzlx/ of a
local server, next to the example portal page under /portal/.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pytest
from conftest import AS_OF, ROOT, build_site, open_watched, screenshot_dir
from portal_server import MountServer, serve_mounts

PREFIX = "/zt/lzlx/"
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="session")
def portal(tmp_path_factory) -> Iterator[MountServer]:
    """The sample column built for http://127.0.0.1:<port>/zt/lzlx/ with every package PDF,
    served there, with the example portal page under /portal/."""
    site = tmp_path_factory.mktemp("portal") / "site"
    server = serve_mounts({PREFIX: site, "/portal/": ROOT / "examples"})
    # A portal on another origin, that the webmaster lists as one that may embed the column.
    partner_folder = tmp_path_factory.mktemp("partner")
    partner = serve_mounts({"/": partner_folder})
    partner.site = partner_folder
    result = build_site(
        site,
        "--as-of",
        AS_OF,
        "--strict",
        "--packages-pdf",
        "--site-url",
        server.url(PREFIX),
        "--embed-origin",
        partner.url(),
    )
    assert result.returncode == 0, result.stderr
    server.site = site
    server.partner = partner
    yield server
    partner.close()
    server.close()


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


# --- 1. every internal link resolves under the sub-path --------------------------------


class LinkParser(HTMLParser):
    """The references of one HTML page (links, assets, frames, forms) and its anchor ids."""

    ATTRIBUTES: ClassVar[dict[str, str]] = {
        "a": "href",
        "link": "href",
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "form": "action",
    }

    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        wanted = self.ATTRIBUTES.get(tag)
        if wanted and values.get(wanted) is not None:
            self.references.append(values[wanted])


CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:")


def crawl(server: MountServer) -> dict:
    """Follow every reference from the home page, the 404 page, the sitemap and the API.

    Returns counts, and the failures: references that 404, that leave the sub-path on the
    column's own host, and #anchors missing from the page they point to.
    """
    root = server.url(PREFIX)
    origin = urlsplit(root).netloc
    queue = [root, urljoin(root, "404.html"), urljoin(root, "sitemap.xml")]
    queue.append(urljoin(root, "api/v1/index.json"))
    # The widgets are for the portal's iframes and CMS: nothing links them, start there too.
    for widget in ("latest", "deadlines"):
        queue += [
            urljoin(root, f"widgets/{widget}/"),
            urljoin(root, f"widgets/{widget}/snippet.html"),
        ]
    seen: set[str] = set(queue)
    ids: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []  # (page, anchor, linked from)
    broken: list[tuple[str, str]] = []  # (target, linked from)
    outside: list[tuple[str, str]] = []
    references = external = 0
    referrer: dict[str, str] = {}
    kinds: dict[str, int] = {}

    def follow(reference: str, page: str) -> None:
        nonlocal references, external
        reference = reference.strip()
        if not reference or reference.startswith(SKIPPED_SCHEMES):
            return
        target = urljoin(page, reference)
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or parts.netloc != origin:
            external += 1
            return
        references += 1
        if not parts.path.startswith(PREFIX):
            outside.append((target, page))
            return
        bare = target.split("#")[0]
        if parts.fragment:
            anchors.append((bare, parts.fragment, page))
        if bare not in seen:
            seen.add(bare)
            referrer[bare] = page
            queue.append(bare)

    while queue:
        url = queue.pop()
        status, content_type, body = get(url)
        if status != 200:
            broken.append((url, referrer.get(url, "(start)")))
            continue
        kinds[content_type] = kinds.get(content_type, 0) + 1
        text = body.decode("utf-8", errors="replace")
        if content_type == "text/html":
            parser = LinkParser()
            parser.feed(text)
            ids[url] = parser.ids
            for reference in parser.references:
                follow(reference, url)
        elif content_type == "text/css":
            for reference in CSS_URL.findall(text):
                follow(reference, url)
        elif url.endswith("sitemap.xml"):
            for loc in re.findall(r"<loc>([^<]+)</loc>", text):
                follow(loc, url)
        elif url.endswith("/api/v1/index.json"):
            for endpoint in json.loads(text)["endpoints"].values():
                if "{" not in endpoint["href"]:
                    follow(endpoint["href"], url)
                follow(endpoint["schema"], url)
        elif url.endswith(".json") and "/api/v1/" in url:
            for key, value in walk_json(json.loads(text)):
                if key in ("url", "href", "pdf", "in_source") and isinstance(value, str) and value:
                    follow(value, root)
                elif key == "api" and isinstance(value, str):
                    follow(value, urljoin(root, "api/v1/"))

    missing_anchors = [
        (page, anchor, source)
        for page, anchor, source in anchors
        if page in ids and anchor not in ids[page]
    ]
    return {
        "fetched": len(seen),
        "pages": kinds.get("text/html", 0),
        "by_type": kinds,
        "references": references,
        "anchors": len(anchors),
        "external_links": external,
        "broken": broken,
        "outside_prefix": outside,
        "missing_anchors": missing_anchors,
        "urls": sorted(seen),
    }


def walk_json(data) -> Iterator[tuple[str, object]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield key, value
            yield from walk_json(value)
    elif isinstance(data, list):
        for value in data:
            yield from walk_json(value)


def test_every_internal_link_resolves_under_a_sub_path(portal):
    report = crawl(portal)
    counts = {k: v for k, v in report.items() if not isinstance(v, list)}
    (screenshot_dir() / "crawl-counts.json").write_text(
        json.dumps(counts, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    print("crawl:", json.dumps(counts, ensure_ascii=False))
    assert report["broken"] == []
    assert report["outside_prefix"] == []
    assert report["missing_anchors"] == []
    # No page is an orphan: every page on disk was reached.
    on_disk = {
        portal.url(PREFIX + p.relative_to(portal.site).as_posix()).removesuffix("index.html")
        for p in portal.site.rglob("*.html")
        if "pagefind" not in p.parts
    }
    assert on_disk - set(report["urls"]) == set()
    items = json.loads((portal.site / "api/v1/items.json").read_text(encoding="utf-8"))
    # Every item page, package page and item API file was reached, not just a few.
    assert report["pages"] > items["count"] + 50
    assert report["fetched"] > 2 * items["count"]


def test_every_column_page_has_the_display_toolbar(portal):
    pages = [
        p
        for p in portal.site.rglob("index.html")
        if "widgets" not in p.parts and "pagefind" not in p.parts
    ]
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'data-pc-display="large"' in html, page
        assert 'data-pc-display="contrast"' in html, page
        assert "assets/javascripts/display.js" in html, page


# --- 3. the JSON API and its schemas ----------------------------------------------------


def api_validator(site: Path, schema_name: str):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {}
    for path in (site / "api/v1/schemas").glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        schemas[path.name] = schema
    registry = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    return Draft202012Validator(schemas[schema_name], registry=registry)


def test_every_api_file_validates_against_its_schema(portal):
    site = portal.site
    index = json.loads((site / "api/v1/index.json").read_text(encoding="utf-8"))
    api_validator(site, "index.schema.json").validate(index)
    checked = 0
    for name, endpoint in sorted(index["endpoints"].items()):
        validator = api_validator(site, endpoint["schema"].removeprefix("schemas/"))
        pattern = endpoint["href"].replace("{id}", "*/*")
        files = sorted((site / "api/v1").glob(pattern))
        assert files, name
        for path in files:
            errors = list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8"))))
            assert errors == [], (path, [e.message for e in errors[:3]])
            checked += 1
    items = json.loads((site / "api/v1/items.json").read_text(encoding="utf-8"))
    assert checked >= items["count"] + 6
    # Every file under api/v1/ is listed in the index (directly, or as an item file).
    data_files = {
        p.relative_to(site / "api/v1").as_posix()
        for p in (site / "api/v1").rglob("*.json")
        if "schemas" not in p.parts
    }
    listed = {e["href"] for e in index["endpoints"].values()} | {r["api"] for r in items["items"]}
    assert data_files - listed == set()


def test_the_unversioned_items_json_keeps_working(portal):
    old = json.loads((portal.site / "api/items.json").read_text(encoding="utf-8"))
    new = json.loads((portal.site / "api/v1/items.json").read_text(encoding="utf-8"))
    assert old["count"] == new["count"]
    for before, after in zip(old["items"], new["items"], strict=True):
        assert {k: after[k] for k in before} == before


def test_item_api_carries_the_application_guide(portal):
    detail = json.loads(
        (portal.site / "api/v1/items/jn-2025h1-car-subsidy/4-1.json").read_text(encoding="utf-8")
    )
    assert detail["guide"]["phone"] == "4006096588"
    assert detail["href"] == portal.url(PREFIX + "items/jn-2025h1-car-subsidy/4-1/")
    assert detail["tags"]["sectors"] == ["automobiles"]


# --- 4. 政策包: pages, PDFs and QR codes ------------------------------------------------


def packages(portal) -> list[dict]:
    return json.loads((portal.site / "api/v1/packages.json").read_text(encoding="utf-8"))[
        "packages"
    ]


def item_titles(portal) -> dict[str, str]:
    data = json.loads((portal.site / "api/v1/items.json").read_text(encoding="utf-8"))
    return {r["id"]: r["title"] for r in data["items"]}


def squeeze(text: str) -> str:
    """Text without any whitespace: pdftotext breaks long titles across lines."""
    return re.sub(r"\s+", "", text)


def test_a_package_exists_for_every_audience_and_sector_pair_with_items(portal):
    data = json.loads((portal.site / "api/v1/items.json").read_text(encoding="utf-8"))
    taxonomy = json.loads((portal.site / "api/v1/taxonomy.json").read_text(encoding="utf-8"))
    parents = {
        kind: {t["id"]: t["parent"] for t in taxonomy[kind]} for kind in ("audiences", "sectors")
    }

    def up(kind, ids):
        out = set()
        for term in ids:
            while term and term not in out:
                out.add(term)
                term = parents[kind][term]
        return out

    pairs = {
        (a, s)
        for r in data["items"]
        for a in up("audiences", r["tags"]["audiences"])
        for s in up("sectors", r["tags"]["sectors"])
    }
    assert {(p["audience"]["id"], p["sector"]["id"]) for p in packages(portal)} == pairs
    for package in packages(portal):
        assert (portal.site / package["url"] / "index.html").is_file()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs Debian's poppler-utils")
def test_every_package_pdf_has_its_items_chinese_titles(portal):
    titles = item_titles(portal)
    checked = 0
    for package in packages(portal):
        if not package["pdf"]:
            continue
        pdf = portal.site / package["pdf"]
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert squeeze(package["audience"]["name"]) in squeeze(text)
        for item_id in package["items"]:
            assert squeeze(titles[item_id]) in squeeze(text), (package["pdf"], item_id)
            checked += 1
    assert checked > 100


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="needs Debian's poppler-utils")
def test_package_pdf_is_a4_and_embeds_its_cjk_fonts(portal):
    package = next(p for p in packages(portal) if p["url"].endswith("consumers/automobiles/"))
    pdf = str(portal.site / package["pdf"])
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk
    for line in cjk:
        embedded, _subset, unicode_map = line.split()[-5:-2]
        assert (embedded, unicode_map) == ("yes", "yes"), line


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs Debian's poppler-utils")
def test_package_pdf_qr_codes_decode_to_the_online_items(portal, tmp_path):
    pyzbar = pytest.importorskip("pyzbar.pyzbar", reason="needs pyzbar and Debian's libzbar0")
    from PIL import Image

    package = next(p for p in packages(portal) if p["url"].endswith("consumers/automobiles/"))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(portal.site / package["pdf"]), str(tmp_path / "p")],
        check=True,
    )
    decoded = set()
    for page in sorted(tmp_path.glob("p*.png")):
        decoded |= {code.data.decode() for code in pyzbar.decode(Image.open(page))}
    expected = {portal.url(f"{PREFIX}items/{item_id}/") for item_id in package["items"]}
    assert decoded == expected


@pytest.mark.browser
def test_package_page_qr_codes_decode_to_the_absolute_item_urls(browser, portal):
    """Drawn in the browser (qr.js): each code, as the screen shows it, reads as its item."""
    pyzbar = pytest.importorskip("pyzbar.pyzbar", reason="needs pyzbar and Debian's libzbar0")
    from PIL import Image

    package = next(p for p in packages(portal) if p["url"].endswith("consumers/automobiles/"))
    watched = open_watched(browser, urlsplit(portal.url()).netloc)
    page = watched.page
    page.goto(portal.url(PREFIX + package["url"]), wait_until="networkidle")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # draws every code
    codes = page.locator(".pc-package__qr .pc-qr")
    assert codes.count() == len(package["items"])
    assert page.locator(".pc-package__qr .pc-qr svg").count() == len(package["items"])
    for index, item_id in enumerate(package["items"][:4]):
        shot = codes.nth(index).screenshot()
        decoded = {code.data.decode() for code in pyzbar.decode(Image.open(io.BytesIO(shot)))}
        assert decoded == {portal.url(f"{PREFIX}items/{item_id}/")}
    label = codes.first.get_attribute("aria-label")
    assert label and label.startswith("二维码：")
    assert not (portal.site / "packages" / "qr").exists()
    assert watched.console_errors == []
    page.context.close()


# --- 2. embedding in the portal (Chromium) ----------------------------------------------


def frame_heights(page) -> list[dict]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('iframe')).map(f => {
            const body = f.contentDocument && f.contentDocument.body;
            return {src: f.src, height: f.getBoundingClientRect().height,
                    content: body ? body.getBoundingClientRect().height : null,
                    here: f.contentWindow.location.href};
        })"""
    )


def wait_for_fitted_frames(page, count: int = 3) -> list[dict]:
    page.wait_for_function(
        """(count) => {
            const frames = Array.from(document.querySelectorAll('iframe'));
            return frames.length === count && frames.every(f => {
                const body = f.contentDocument && f.contentDocument.body;
                if (!body || f.contentDocument.readyState !== 'complete') return false;
                const gap = f.getBoundingClientRect().height - body.getBoundingClientRect().height;
                return Math.abs(gap) <= 2;
            });
        }""",
        arg=count,
        timeout=15000,
    )
    return frame_heights(page)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_portal_page_embeds_the_column_and_fits_it(browser, portal, viewport):
    width, height = VIEWPORTS[viewport]
    watched = open_watched(browser, urlsplit(portal.url()).netloc, width, height)
    page = watched.page
    page.goto(portal.url("/portal/portal.html"), wait_until="networkidle")
    frames = wait_for_fitted_frames(page)
    latest, deadlines, column = frames
    assert latest["src"].endswith(PREFIX + "widgets/latest/")
    assert deadlines["src"].endswith(PREFIX + "widgets/deadlines/")
    assert column["here"] == portal.url(PREFIX)
    assert column["height"] > 1500  # the whole home page, not a scrolling box
    # Inside the frame: embed mode, no header or navigation of its own.
    frame = page.frame_locator("iframe.pc-embed-frame >> nth=2")
    assert frame.locator(".md-header").is_hidden()
    assert frame.locator(".pc-toolbar__column").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(screenshot_dir() / f"portal-{viewport}.png"), full_page=True)
    assert watched.console_errors == []
    assert watched.foreign_requests == []
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_deep_link_in_the_portal_url_opens_the_item(browser, portal, viewport):
    width, height = VIEWPORTS[viewport]
    titles = item_titles(portal)
    item_id = "jn-2025h1-car-subsidy/4-1"
    watched = open_watched(browser, urlsplit(portal.url()).netloc, width, height)
    page = watched.page
    page.goto(portal.url(f"/portal/portal.html#/items/{item_id}/"), wait_until="networkidle")
    frames = wait_for_fitted_frames(page)
    assert frames[2]["here"] == portal.url(f"{PREFIX}items/{item_id}/")
    frame = page.frame_locator("iframe.pc-embed-frame >> nth=2")
    assert frame.locator("article h1").inner_text().strip() == titles[item_id]
    page.screenshot(path=str(screenshot_dir() / f"portal-deep-link-{viewport}.png"), full_page=True)

    # Following a link inside the column moves the portal's deep link along.
    frame.get_by_role("link", name="全文中查看本条").click()
    page.wait_for_function("location.hash.startsWith('#/sources/jn-2025h1-car-subsidy/')")
    assert page.evaluate("location.hash") == "#/sources/jn-2025h1-car-subsidy/#c-4-1"
    wait_for_fitted_frames(page)

    # Reloading the portal URL comes back to the same place.
    page.reload(wait_until="networkidle")
    frames = wait_for_fitted_frames(page)
    assert frames[2]["here"] == portal.url(f"{PREFIX}sources/jn-2025h1-car-subsidy/#c-4-1")
    assert watched.console_errors == []
    page.context.close()


@pytest.mark.browser
def test_a_search_inside_the_embedded_column_stays_in_the_portal_url(browser, portal):
    watched = open_watched(browser, urlsplit(portal.url()).netloc, *VIEWPORTS["phone"])
    page = watched.page
    page.goto(portal.url("/portal/portal.html#/search/"), wait_until="networkidle")
    wait_for_fitted_frames(page)
    frame = page.frame_locator("iframe.pc-embed-frame >> nth=2")
    frame.locator("#pc-search-q").fill("家电 补贴")
    frame.locator("#pc-search-q").press("Enter")
    page.wait_for_function("location.hash.startsWith('#/search/?')")
    query = urlsplit(unquote(page.evaluate("location.hash"))[2:]).query
    assert parse_qs(query)["q"] == ["家电 补贴"]
    # A reload (or the link shared) runs the same search again.
    page.reload(wait_until="networkidle")
    wait_for_fitted_frames(page)
    assert frame.locator("#pc-search-q").input_value() == "家电 补贴"
    frame.locator(".pc-result").first.wait_for(timeout=15000)
    assert watched.console_errors == []
    page.context.close()


@pytest.mark.browser
def test_policy_query_and_widget_clicks_open_items_inside_the_portal(browser, portal):
    titles = item_titles(portal)
    watched = open_watched(browser, urlsplit(portal.url()).netloc)
    page = watched.page
    page.goto(portal.url("/portal/portal.html?policy=jn-2025h1-car-subsidy/1"))
    frames = wait_for_fitted_frames(page)
    assert frames[2]["here"] == portal.url(f"{PREFIX}items/jn-2025h1-car-subsidy/1/")
    assert page.evaluate("location.hash") == "#/items/jn-2025h1-car-subsidy/1/"

    latest = page.frame_locator("iframe.pc-embed-frame >> nth=0")
    first = latest.locator(".pc-widget__item a").first
    title = first.inner_text().strip()
    first.click()
    page.wait_for_function(
        "location.hash.startsWith('#/items/') && "
        "!location.hash.endsWith('/jn-2025h1-car-subsidy/1/')"
    )
    item_id = page.evaluate("location.hash").removeprefix("#/items/").rstrip("/")
    assert titles[item_id] == title
    page.wait_for_function(
        "(url) => document.querySelectorAll('iframe')[2].contentWindow.location.href === url",
        arg=portal.url(f"{PREFIX}items/{item_id}/"),
    )
    assert watched.console_errors == []
    page.context.close()


@pytest.mark.browser
def test_embed_works_across_origins_and_ignores_forged_messages(browser, portal, tmp_path):
    column = portal.url(PREFIX)
    html = (ROOT / "examples/portal.html").read_text(encoding="utf-8")
    other = portal.partner  # another port: another origin, one of the build's embed_origins
    (other.site / "portal.html").write_text(html.replace('"/zt/lzlx/', f'"{column}'), "utf-8")
    shutil.copy(ROOT / "examples/portal.css", other.site / "portal.css")
    watched = open_watched(browser, urlsplit(other.url()).netloc)
    page = watched.page
    page.goto(other.url("/portal.html#/items/mzbh-2024-33/3-5/"), wait_until="networkidle")
    # Cross-origin, the portal cannot look inside: it sees only what the frames reported.
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('iframe')).filter(f => f.dataset.height).length"
        " === 3"
    )
    heights = [f["height"] for f in frame_heights_cross(page)]
    assert heights[2] > 1000
    reported = page.evaluate(
        "Array.from(document.querySelectorAll('iframe')).map(f => Number(f.dataset.height))"
    )
    assert [round(h) for h in heights] == reported
    # A message that does not come from the column's frame changes nothing.
    page.evaluate(
        "window.postMessage({source: 'policy-column', type: 'frame', height: 7, "
        "path: 'evil/'}, '*')"
    )
    page.wait_for_timeout(300)
    assert [f["height"] for f in frame_heights_cross(page)] == heights
    assert page.evaluate("location.hash") == "#/items/mzbh-2024-33/3-5/"
    assert [e for e in watched.console_errors if "favicon" not in e] == []
    page.context.close()


def frame_heights_cross(page) -> list[dict]:
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('iframe'))"
        ".map(f => ({height: f.getBoundingClientRect().height}))"
    )


@pytest.mark.browser
def test_without_javascript_the_portal_keeps_plain_links(browser, portal):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(portal.url("/portal/portal.html"))
    assert page.locator("iframe").count() == 0
    link = page.get_by_role("link", name="进入“两重”“两新”政策专栏")
    assert link.get_attribute("href") == PREFIX
    context.close()


# --- 5. large font and high contrast ----------------------------------------------------


@pytest.mark.browser
def test_large_font_and_high_contrast_toggle_by_keyboard_and_are_remembered(browser, portal):
    watched = open_watched(browser, urlsplit(portal.url()).netloc)
    page = watched.page
    page.goto(portal.url(PREFIX + "items/jn-2025h1-car-subsidy/4-1/"))
    base_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    large = page.locator("[data-pc-display=large]")
    assert large.get_attribute("aria-pressed") == "false"

    # Reachable with the keyboard, with a focus ring you can see.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.pcDisplay") == "large":
            break
    else:
        pytest.fail("the 大字模式 button is not reachable with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert large.get_attribute("aria-pressed") == "true"
    bigger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert bigger >= base_size * 1.2

    page.locator("[data-pc-display=contrast]").focus()
    page.keyboard.press("Space")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    page.screenshot(path=str(screenshot_dir() / "item-large-contrast.png"))

    # Remembered on the next page.
    page.goto(portal.url(PREFIX + "list/"))
    assert page.evaluate("document.documentElement.className").count("pc-") >= 2
    assert page.locator("[data-pc-display=contrast]").get_attribute("aria-pressed") == "true"
    page.locator("[data-pc-display=reset]").click()
    assert "pc-large" not in page.evaluate("document.documentElement.className")
    assert watched.console_errors == []
    page.context.close()


# --- 4. 政策包 in the browser -----------------------------------------------------------


@pytest.mark.browser
def test_package_page_prints_without_the_site_chrome(browser, portal):
    watched = open_watched(browser, urlsplit(portal.url()).netloc)
    page = watched.page
    page.goto(portal.url(PREFIX + "packages/consumers/automobiles/"), wait_until="networkidle")
    assert page.locator("[data-pc-print]").is_visible()
    page.screenshot(path=str(screenshot_dir() / "package-screen.png"), full_page=True)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".pc-toolbar-bar", ".md-tabs", "[data-pc-print]"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".pc-package__item").count() == len(
        next(p for p in packages(portal) if p["url"].endswith("consumers/automobiles/"))["items"]
    )
    assert watched.console_errors == []
    page.context.close()


@pytest.mark.browser
def test_custom_package_is_built_in_the_browser_for_any_combination(browser, portal):
    watched = open_watched(browser, urlsplit(portal.url()).netloc)
    page = watched.page
    query = "?audience=consumers&sector=automobiles&sector=home-appliances"
    page.goto(portal.url(PREFIX + "packages/custom/" + query), wait_until="networkidle")
    page.wait_for_selector(".pc-package__item")
    by_pair = {p["url"]: set(p["items"]) for p in packages(portal)}
    expected = (
        by_pair["packages/consumers/automobiles/"] | by_pair["packages/consumers/home-appliances/"]
    )
    assert page.locator(".pc-package__item").count() == len(expected)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # draws every code
    assert page.locator(".pc-package__qr .pc-qr svg").count() == len(expected)
    page.screenshot(path=str(screenshot_dir() / "package-custom.png"))

    # A combination that has a ready package goes there.
    page.goto(portal.url(PREFIX + "packages/custom/?audience=consumers&sector=automobiles"))
    page.wait_for_url(portal.url(PREFIX + "packages/consumers/automobiles/"))
    assert watched.console_errors == []
    page.context.close()


def test_latest_widget_follows_the_portals_rolling_push(portal):
    api = portal.site / "api/v1"
    schedule = json.loads((api / "schedule.json").read_text(encoding="utf-8"))
    latest = json.loads((api / "widgets/latest.json").read_text(encoding="utf-8"))
    status = {
        r["id"]: r["status"] for r in json.loads((api / "items.json").read_text("utf-8"))["items"]
    }
    portal_channel = schedule["campaign"]["portal"]
    pushed = [s for s in schedule["slots"] if s["channel"] == portal_channel and s["date"] <= AS_OF]
    expected = []
    for slot in sorted(pushed, key=lambda s: s["date"], reverse=True):
        if slot["item"] not in expected and status[slot["item"]] != "已失效":
            expected.append(slot["item"])
    assert [r["id"] for r in latest["items"]] == expected[: latest["count"]]
    assert latest["count"] > 0
    snippet = (portal.site / "widgets/latest/snippet.html").read_text(encoding="utf-8")
    assert f'href="{portal.url(PREFIX)}items/{expected[0]}/"' in snippet


@pytest.mark.browser
def test_finder_hands_its_results_to_a_custom_package(browser, portal):
    watched = open_watched(browser, urlsplit(portal.url()).netloc)
    page = watched.page
    page.goto(portal.url(PREFIX + "finder/?who=consumers&sector=automobiles"))
    page.wait_for_function("document.querySelector('.pc-finder__results').children.length > 0")
    found = page.locator(".pc-finder__results > li").count()
    page.get_by_role("link", name="生成政策包").click()
    page.wait_for_selector(".pc-package__item")
    assert page.locator(".pc-package__item").count() == found
    assert watched.console_errors == []
    page.context.close()


# --- 6. a strict Content-Security-Policy, and who may embed the column ------------------


# What README's "Headers to send" tells the webmaster to send (the column's server and the
# portal page's own, here the same host): no inline script but the 404 page's, by its hash;
# WebAssembly for Pagefind. The portal page is on the column's own host here, so
# frame-ancestors 'self' covers it.
def documented_policy() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n(Content-Security-Policy: .*?)\nX-Content-Type-Options", readme, re.S)
    assert block, "README's Headers to send lists the Content-Security-Policy"
    return " ".join(block.group(1).removeprefix("Content-Security-Policy: ").split())


def strict_headers() -> dict[str, str]:
    policy = re.sub(r"frame-ancestors [^;]*", "frame-ancestors 'self'", documented_policy())
    return {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff"}


def inline_scripts(html: str) -> list[str]:
    """The text of every <script> the browser would run that is not loaded from a file."""
    found = re.findall(r"<script(\s[^>]*)?>(.*?)</script>", html, re.S | re.I)
    data = re.compile(r"\b(src=|type=.?application/(ld\+)?json)", re.I)
    return [text for attributes, text in found if not data.search(attributes or "")]


def test_the_only_inline_script_is_the_404_pages_and_the_documented_csp_allows_it(portal):
    with_inline = {
        str(path.relative_to(portal.site))
        for path in portal.site.rglob("*.html")
        if inline_scripts(path.read_text(encoding="utf-8"))
    }
    assert with_inline == {"404.html"}
    (script,) = inline_scripts((portal.site / "404.html").read_text(encoding="utf-8"))
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    policy = documented_policy()
    assert f"script-src 'self' 'wasm-unsafe-eval' 'sha256-{digest}';" in policy
    assert "unsafe-inline" not in policy


# Every kind of page the column has, and the portal page that embeds it.
PAGE_KINDS = (
    "",
    "items/jn-2025h1-car-subsidy/4-1/",
    "sources/jn-2025h1-car-subsidy/",
    "list/",
    "themes/",
    "sectors/automobiles/",
    "audiences/",
    "levels/",
    "issuers/",
    "sources/",
    "finder/?who=consumers&sector=automobiles",
    "search/?q=%E5%AE%B6%E7%94%B5",
    "packages/",
    "packages/consumers/automobiles/",
    "packages/custom/?audience=consumers&sector=automobiles&sector=home-appliances",
    "schedule/",
    "schedule/portal/",
    "feeds/",
    "about/",
    "404.html",
    "widgets/latest/",
    "widgets/deadlines/",
)


# Runs in every frame before its scripts: what the browser blocked, and uncaught errors.
RECORD_VIOLATIONS = """
window.__violations = [];
window.__errors = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' +
                           event.sourceFile + ':' + event.lineNumber);
});
window.addEventListener('error', (event) => { window.__errors.push(String(event.message)); });
"""


def violations(page) -> list[str]:
    found = []
    for frame in page.frames:
        with contextlib.suppress(Exception):  # a cross-origin frame that is gone already
            found += frame.evaluate("window.__violations || []")
    return found


@pytest.fixture(scope="module")
def strict_portal(portal) -> Iterator[MountServer]:
    """The same built column and portal page, served with the strict headers."""
    server = serve_mounts({PREFIX: portal.site, "/portal/": ROOT / "examples"}, strict_headers())
    server.site = portal.site
    yield server
    server.close()


@pytest.mark.browser
def test_every_page_kind_works_under_a_strict_csp(browser, strict_portal):
    watched = open_watched(browser, urlsplit(strict_portal.url()).netloc)
    page = watched.page
    page.context.add_init_script(RECORD_VIOLATIONS)
    blocked: dict[str, list[str]] = {}
    for path in PAGE_KINDS:
        page.goto(strict_portal.url(PREFIX + path), wait_until="networkidle")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # 政策包: every QR code
        page.wait_for_timeout(100)
        if violations(page):
            blocked[path] = violations(page)
    # Search, the finder and the packages still do their work.
    page.goto(strict_portal.url(PREFIX + "search/?q=%E5%AE%B6%E7%94%B5"), wait_until="networkidle")
    page.wait_for_selector(".pc-result__title a")
    page.goto(strict_portal.url(PREFIX + "finder/?who=consumers&sector=automobiles"))
    # Under this CSP a waited-for condition must be a function: Playwright evals an
    # expression again at every poll, and only the first eval is let through.
    page.wait_for_function(
        "() => document.querySelector('.pc-finder__results').children.length > 0"
    )
    page.goto(strict_portal.url(PREFIX + PAGE_KINDS[14]), wait_until="networkidle")
    page.wait_for_selector(".pc-package__item")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".pc-package__qr .pc-qr svg").count() > 0
    # Material's own scripts ran from their files: the header's search box, the tabs.
    assert page.evaluate("typeof __md_get") == "function"
    # The embed: the portal page (same headers) fits its frames.
    page.goto(strict_portal.url("/portal/portal.html#/items/mzbh-2024-33/3-5/"))
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('iframe')).filter(f => f.dataset.height).length"
        " === 3"
    )
    if violations(page):
        blocked["/portal/portal.html"] = violations(page)
    assert blocked == {}
    assert [e for e in watched.console_errors if "Content Security Policy" in e] == []
    page.context.close()


@pytest.mark.browser
def test_a_portal_not_listed_in_embed_origins_learns_nothing(browser, portal, tmp_path):
    html = (ROOT / "examples/portal.html").read_text(encoding="utf-8")
    column = portal.url(PREFIX)
    (tmp_path / "portal.html").write_text(html.replace('"/zt/lzlx/', f'"{column}'), "utf-8")
    shutil.copy(ROOT / "examples/portal.css", tmp_path / "portal.css")
    # A hand-written iframe with ?embed=1, as any site could write it.
    (tmp_path / "spy.html").write_text(
        f'<iframe src="{column}items/mzbh-2024-33/3-5/?embed=1"></iframe>'
        "<script>window.heard = [];"
        "addEventListener('message', (e) => window.heard.push(e.data));</script>",
        "utf-8",
    )
    stranger = serve_mounts({"/": tmp_path})  # neither the column's origin nor listed
    try:
        watched = open_watched(browser, urlsplit(stranger.url()).netloc)
        page = watched.page
        page.goto(stranger.url("/portal.html#/items/mzbh-2024-33/3-5/"), wait_until="networkidle")
        page.wait_for_timeout(1500)
        assert page.evaluate(
            "Array.from(document.querySelectorAll('iframe')).map(f => f.dataset.height || null)"
        ) == [None, None, None]
        assert page.evaluate("location.hash") == "#/items/mzbh-2024-33/3-5/"
        page.goto(stranger.url("/spy.html"), wait_until="networkidle")
        page.wait_for_timeout(1500)
        assert page.evaluate("window.heard") == []
        page.context.close()
    finally:
        stranger.close()


@pytest.mark.browser
def test_deep_links_to_files_and_malformed_anchors_are_ignored(browser, portal):
    watched = open_watched(browser, urlsplit(portal.url()).netloc)
    page = watched.page
    page.context.add_init_script(RECORD_VIOLATIONS)
    downloads: list = []
    page.on("download", lambda download: downloads.append(download))
    for link in ("downloads/policy-list.csv", "downloads/policy-list.csv?q=a"):
        page.goto(portal.url(f"/portal/portal.html#/{link}"))
        frames = wait_for_fitted_frames(page)
        assert frames[2]["here"] == portal.url(PREFIX)  # the column's home, not the CSV
    assert downloads == []
    # A malformed %-escape in the anchor of a page in the frame: no error, still fitted.
    column = page.frames[3]
    column.goto(portal.url(PREFIX + "items/mzbh-2024-33/3-5/#%E0%A4%A"))
    page.wait_for_timeout(500)
    column.evaluate("window.dispatchEvent(new HashChangeEvent('hashchange'))")
    page.wait_for_timeout(300)
    assert column.evaluate("window.__errors") == []
    assert watched.console_errors == []
    page.context.close()
