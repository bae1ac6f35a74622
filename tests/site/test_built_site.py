"""The built site as files: complete, self-contained, and searchable in Chinese.

A reader's browser must never fetch anything from another origin (DESIGN §7),
so every resource reference in the built HTML, CSS and JS is checked here;
plain `<a href>` links to sources are fine. The browser tests (tests/ui) check
the same thing at run time.
"""

import json
import re
from html.parser import HTMLParser

import pytest

from tests.conftest import NAV_PAGES

PAGES = NAV_PAGES

#: An absolute or protocol-relative URL: anything the browser would fetch from elsewhere.
EXTERNAL_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
#: `<link rel>` values that make the browser fetch the href.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "preload",
                 "modulepreload", "prefetch", "preconnect", "dns-prefetch", "manifest",
                 "prerender"}
#: Attributes that load a resource, on any element.
LOADING_ATTRIBUTES = {"src", "data", "poster", "background", "action", "formaction"}

#: Runs of Han characters; after jieba, no indexed word should be sentence-long.
HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
MAX_WORD_CHARS = 12

CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)
#: JavaScript that fetches a literal URL: static/dynamic imports, importScripts,
#: fetch, workers, and `src`/`href` assignments. Library code merely mentioning
#: a URL (a default CDN that the site overrides, a docs link) is not a request.
JS_FETCH = re.compile(
    r"""(?:\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?\(?|\bimportScripts\s*\(|\bfetch\s*\(|"""
    r"""\bnew\s+(?:Shared)?Worker\s*\(|\.(?:src|href)\s*=)\s*(['"`])((?:https?:)?//[^'"`]+)\1""")
#: External URLs in third-party bundles that the site never reaches, each with the reason.
#: (file name, URL prefix) → why the code path stays dormant. The browser tests
#: in tests/ui would catch the request if it ever happened.
DORMANT_LIBRARY_URLS = {
    ("bokeh.min.js", "https://cdn.jsdelivr.net/npm/mathjax@"):
        "BokehJS loads MathJax only for $$…$$ math text in a chart, which no chart uses",
    ("bokeh.min.js", "https://maps.googleapis.com/"):
        "BokehJS loads Google Maps only for a GMapPlot, which no chart uses",
}


class _ResourceCollector(HTMLParser):
    """Collects (tag, attribute, value) for every resource reference in an HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.references = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        for name in LOADING_ATTRIBUTES & attributes.keys():
            if not (tag == "form" or name in ("action", "formaction")):
                self.references.append((tag, name, attributes[name]))
        for candidate in attributes.get("srcset", "").split(","):
            if candidate.strip():
                self.references.append((tag, "srcset", candidate.split()[0]))
        rels = set(attributes.get("rel", "").lower().split())
        if tag == "link" and rels & FETCHING_RELS:
            self.references.append((tag, "href", attributes.get("href", "")))
        if tag in ("use", "image") and ("href" in attributes or "xlink:href" in attributes):
            self.references.append((tag, "href", attributes.get("href") or attributes["xlink:href"]))
        if "style" in attributes:
            self.references += [(tag, "style", url) for url in _css_urls(attributes["style"])]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.references += [("style", "css", url) for url in _css_urls(data)]


def _css_urls(css):
    return [match.group(2) or match.group(4) for match in CSS_URL.finditer(css)]


def _is_dormant(file_name, url):
    return any(file_name == name and url.startswith(prefix)
               for name, prefix in DORMANT_LIBRARY_URLS)


def _external_references(site):
    """Every (file, what, url) in the built site that would be fetched from another origin."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js", ".mjs") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        relative = path.relative_to(site)
        if path.suffix == ".html":
            collector = _ResourceCollector()
            collector.feed(text)
            refs = [(f"<{tag} {name}>", url) for tag, name, url in collector.references]
        elif path.suffix == ".css":
            refs = [("css url()/@import", url) for url in _css_urls(text)]
        else:
            refs = [("js fetch/import", match.group(2)) for match in JS_FETCH.finditer(text)]
        found += [(str(relative), what, url) for what, url in refs
                  if EXTERNAL_URL.match(url) and not _is_dormant(path.name, url)]
    return found


def test_every_page_is_built(built_site):
    missing = [slug or "index" for slug in PAGES
               if not (built_site / slug / "index.html").is_file()]
    assert not missing, f"`mkdocs build --strict` produced no page for: {', '.join(missing)}"
    assert (built_site / "404.html").is_file()


def test_no_resource_is_loaded_from_another_origin(built_site):
    external = _external_references(built_site)
    assert not external, "external resources in the built site:\n" + "\n".join(
        f"{file}: {what} {url}" for file, what, url in external)


def test_the_scanner_sees_external_resources(tmp_path):
    """Guard for the test above: it must flag each kind of external reference."""
    (tmp_path / "page.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example/a.css">'
        '<link rel="preload" href="//fonts.example/f.woff2" as="font">'
        '<script src="https://cdn.example/b.js"></script>'
        '<img srcset="img.png 1x, https://img.example/c.png 2x">'
        '<div style="background: url(https://img.example/d.png)"></div>'
        '<style>@import "https://fonts.googleapis.com/css?family=Noto";</style>'
        '<a href="https://www.nato.int/">NATO</a>', encoding="utf-8")
    (tmp_path / "site.css").write_text(
        "@font-face { src: url('https://fonts.gstatic.com/x.woff2') }\n"
        ".ok { background: url(data:image/png;base64,AAAA) }", encoding="utf-8")
    (tmp_path / "app.js").write_text(
        'import x from "https://esm.example/x.js"; importScripts("https://cdn.example/w.js");'
        'const docs = "https://docs.example/"; fetch("./local.json");', encoding="utf-8")
    urls = sorted(url for _, _, url in _external_references(tmp_path))
    assert urls == sorted([
        "https://cdn.example/a.css", "//fonts.example/f.woff2", "https://cdn.example/b.js",
        "https://img.example/c.png", "https://img.example/d.png",
        "https://fonts.googleapis.com/css?family=Noto", "https://fonts.gstatic.com/x.woff2",
        "https://esm.example/x.js", "https://cdn.example/w.js"])


@pytest.fixture(scope="module")
def search_index(built_site):
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def _tokens(search_index, doc):
    """The page's indexed words in order, split as the browser's search splits them."""
    # The separator is a JavaScript regex source; Python's `re` reads the same \s and \uXXXX.
    separator = re.compile(search_index["config"]["separator"])
    return [token for token in separator.split(doc["title"] + " " + doc["text"]) if token]


def _spelled_by_consecutive_tokens(word, tokens):
    """True if `word` is one token or a run of adjacent tokens (jieba split a compound)."""
    for start in range(len(tokens)):
        spelled = ""
        for token in tokens[start:]:
            spelled += token
            if spelled == word:
                return True
            if not word.startswith(spelled):
                break
    return False


def test_search_splits_on_the_jieba_word_boundary(search_index):
    separator = search_index["config"]["separator"]
    assert "\\u200b" in separator or "\u200b" in separator, \
        f"the search separator {separator!r} does not split jieba's zero-width spaces"
    assert "trimmer" not in search_index["config"]["pipeline"], \
        "lunr's trimmer strips Han characters as non-word characters"


@pytest.mark.parametrize(("word", "slug"), [
    ("自由现金流", "meta-capex"), ("现金流", "meta-capex"), ("纳税人", "nato-taxpayer"),
    ("美债", "europe-treasuries"), ("核聚变", "spacex-space-solar"),
])
def test_search_index_holds_chinese_words(search_index, word, slug):
    page_docs = [doc for doc in search_index["docs"] if doc["location"].split("#")[0] == f"{slug}/"]
    assert page_docs, f"the search index has no entry for {slug}/"
    tokens = [token for doc in page_docs for token in _tokens(search_index, doc)]
    # jieba may keep a compound whole (自由现金流) or split it (自由 / 现金流);
    # either way the index must hold words, not whole unsegmented sentences.
    assert _spelled_by_consecutive_tokens(word, tokens), \
        f"{word!r} is not a word (or run of words) of {slug}/ in the search index"
    longest_han_run = max((len(run) for token in tokens for run in HAN_RUN.findall(token)), default=0)
    assert longest_han_run <= MAX_WORD_CHARS, \
        f"{slug}/ holds a {longest_han_run}-character Han token: Chinese text was not segmented"
