"""The Content-Security-Policy every built page carries, checked against the page itself.

The hashes are recomputed here from the HTML with the standard library's
parser (not with site_src/plugin/csp.py's regex), so a page whose inline scripts and
policy drift apart fails here, not silently in a reader's browser.
"""

import base64
import hashlib
import html.parser
import re

import pytest

#: Script types a browser executes (anything else, e.g. application/json, is data).
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
CSP_HTTP_EQUIV = "content-security-policy"


class PageScan(html.parser.HTMLParser):
    """Collects a page's CSP metas, the first element inside <head>, inline scripts and handlers."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.policies = []
        self.first_in_head = None
        self._in_head = False
        self.inline_scripts = []
        self._script = None
        self.handler_attributes = []
        self.javascript_urls = []

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "head":
            self._in_head = True
        elif self._in_head and self.first_in_head is None:
            self.first_in_head = (tag, values)
        if tag == "meta" and values.get("http-equiv", "").lower() == CSP_HTTP_EQUIV:
            self.policies.append(values.get("content", ""))
        if tag == "script" and "src" not in values and \
                values.get("type", "").strip().lower() in EXECUTABLE_TYPES:
            self._script = []
        self.handler_attributes += [f"<{tag} {name}>" for name in values if name.startswith("on")]
        self.javascript_urls += [f"<{tag} {name}={value!r}>" for name, value in values.items()
                                 if name in ("href", "src", "action", "formaction")
                                 and value.strip().lower().startswith("javascript:")]

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None
        if tag == "head":
            self._in_head = False


def scan(path):
    """Parse one built page."""
    scanner = PageScan()
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    return scanner


def sha256_source(script_text):
    """The CSP hash source ('sha256-…') of an inline script's exact text."""
    digest = hashlib.sha256(script_text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def directives(policy):
    """{directive name: [source, …]} of a policy string."""
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            assert words[0] not in parsed, f"directive {words[0]} appears twice in {policy!r}"
            parsed[words[0]] = words[1:]
    return parsed


def built_pages(site):
    """Every content page of the built site: index, the essays, about (not 404.html)."""
    pages = sorted(path for path in site.rglob("*.html") if path.name != "404.html")
    assert len(pages) >= 7, f"expected index, 5 essays and about; found {pages}"
    return pages


def test_every_page_has_exactly_one_policy_first_in_head(built_site):
    for path in built_pages(built_site):
        page = scan(path)
        where = path.relative_to(built_site)
        assert len(page.policies) == 1, f"{where}: {len(page.policies)} CSP <meta> elements"
        tag, attrs = page.first_in_head
        assert tag == "meta" and attrs.get("http-equiv", "").lower() == CSP_HTTP_EQUIV, \
            f"{where}: the first element in <head> is <{tag} {attrs}>, not the CSP <meta>"


def test_the_404_page_has_a_policy_matching_its_scripts(built_site):
    # Hosts serve 404.html for every unknown URL (GitHub Pages does), so it runs
    # Material's scripts under any path a visitor types; it needs the policy too.
    page = scan(built_site / "404.html")
    assert page.inline_scripts, "404.html has no inline scripts (Material writes some)"
    assert len(page.policies) == 1, f"404.html: {len(page.policies)} CSP <meta> elements"
    allowed = set(directives(page.policies[0])["script-src"])
    missing = {sha256_source(text) for text in page.inline_scripts} - allowed
    assert not missing, f"404.html: inline scripts the policy would block: {missing}"


def test_script_src_forbids_eval_and_inline_code(built_site):
    for path in built_pages(built_site):
        policy = directives(scan(path).policies[0])
        where = path.relative_to(built_site)
        script_src = policy.get("script-src")
        assert script_src, f"{where}: no script-src directive"
        assert "'unsafe-eval'" not in script_src and "'unsafe-inline'" not in script_src, \
            f"{where}: script-src allows eval or inline code: {script_src}"
        assert script_src[0] == "'self'", f"{where}: script-src {script_src}"
        for source in script_src[1:]:
            assert source == "'wasm-unsafe-eval'" or re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", source), \
                f"{where}: unexpected script source {source}"


def test_policy_keeps_everything_on_the_site_and_blocks_plugins(built_site):
    for path in built_pages(built_site):
        policy = directives(scan(path).policies[0])
        where = path.relative_to(built_site)
        assert policy.get("default-src") == ["'self'"], where
        assert policy.get("object-src") == ["'none'"], where
        assert policy.get("base-uri") == ["'self'"], where
        assert policy.get("worker-src") == ["'self'"], f"{where}: the engine worker must be same-origin"
        for name, sources in policy.items():
            for source in sources:
                assert source not in ("*", "http:", "https:", "blob:") and "://" not in source, \
                    f"{where}: {name} lets the page reach {source}"


def test_hashes_match_exactly_the_inline_scripts_of_each_page(built_site):
    for path in built_pages(built_site):
        page = scan(path)
        where = path.relative_to(built_site)
        allowed = {s for s in directives(page.policies[0])["script-src"] if s.startswith("'sha256-")}
        needed = {sha256_source(text) for text in page.inline_scripts}
        assert page.inline_scripts, f"{where}: no inline scripts found (Material writes some)"
        assert needed <= allowed, f"{where}: inline scripts the policy would block: {needed - allowed}"
        assert allowed <= needed, f"{where}: hashes of scripts no longer on the page: {allowed - needed}"


def test_pages_at_different_depths_get_their_own_hashes(built_site):
    def hashes(relative):
        return {s for s in directives(scan(built_site / relative).policies[0])["script-src"]
                if s.startswith("'sha256-")}

    top, essay, other_essay = hashes("index.html"), hashes("nato-taxpayer/index.html"), \
        hashes("meta-capex/index.html")
    assert top != essay, "index.html and nato-taxpayer/ share hashes though Material's base URL differs"
    assert essay == other_essay, "pages at the same depth should need the same inline scripts"


@pytest.mark.parametrize("kind", ["handler_attributes", "javascript_urls"])
def test_no_inline_handlers_or_javascript_urls_the_policy_would_block(built_site, kind):
    for path in built_pages(built_site):
        found = getattr(scan(path), kind)
        assert not found, f"{path.relative_to(built_site)}: {found[:5]} (CSP blocks these silently)"
