"""Fixtures for the hardening tests: the built site served WITH its CSP as an HTTP header.

`site_server` is overridden for this directory: every test here runs against a
server that sends, with each HTML page, `Content-Security-Policy: <the policy
in that page's own <meta>>`, and with each JavaScript file (the page script,
the module worker, Pyodide) the same policy without the inline-script hashes,
so a worker is held to the policy too. Every test that uses `page` is also
watched for CSP violations (`securitypolicyviolation` events and the console's
"Content Security Policy" messages): any violation fails the test.
"""

import functools
import re
import threading
from pathlib import Path

import pytest

from ..conftest import _QuietHandler, _QuietServer

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
HASH_SOURCE = re.compile(r" 'sha256-[A-Za-z0-9+/=]+'")
SCRIPT_SUFFIXES = (".js", ".mjs")

# Runs before any page script: reports every CSP violation of the document as a
# console message the test can read (workers' violations reach the console as
# "Refused to …" errors, which are recorded as well).
VIOLATION_LISTENER_JS = """(() => {
  document.addEventListener('securitypolicyviolation', (event) => {
    console.warn('CSP-VIOLATION ' + JSON.stringify({
      directive: event.effectiveDirective, blocked: event.blockedURI,
      source: event.sourceFile, line: event.lineNumber, sample: event.sample}));
  }, true);
})();"""


def page_policy(html):
    """The policy in a built page's CSP <meta> (None if it has none)."""
    match = CSP_META.search(html)
    return match.group(1) if match else None


def script_policy(policy):
    """A page policy without its inline-script hashes (for JavaScript responses)."""
    return HASH_SOURCE.sub("", policy)


class CspHandler(_QuietHandler):
    """The static handler, plus a Content-Security-Policy header on HTML and JS responses."""

    def end_headers(self):
        policy = self._policy_for(Path(self.translate_path(self.path)))
        if policy:
            self.send_header("Content-Security-Policy", policy)
        super().end_headers()

    def _policy_for(self, file):
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return None
        reference = self.server.reference_policy
        if file.suffix == ".html":
            return page_policy(file.read_text(encoding="utf-8")) or reference
        if file.suffix in SCRIPT_SUFFIXES:
            return script_policy(reference)
        return None


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site on 127.0.0.1 with CSP headers (see module docstring); yields its base URL."""
    handler = functools.partial(CspHandler, directory=str(built_site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.reference_policy = page_policy((built_site / "index.html").read_text(encoding="utf-8"))
    assert server.reference_policy, "the built index.html has no CSP <meta>"
    thread = threading.Thread(target=server.serve_forever, name="csp-site-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


class CspViolations:
    """CSP violations a page reported, from the listener and from the console."""

    def __init__(self):
        self.events = []
        self.console = []

    def on_console(self, message):
        text = message.text
        if text.startswith("CSP-VIOLATION "):
            self.events.append(text[len("CSP-VIOLATION "):])
        elif "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.console.append(f"{message.type}: {text}")

    def all(self):
        """Every violation seen, as readable lines."""
        return [f"securitypolicyviolation {event}" for event in self.events] + \
            [f"console {line}" for line in self.console]


@pytest.fixture(autouse=True)
def csp_violations(request):
    """Watch the test's `page` (if it uses one) for CSP violations; fail on any."""
    if "page" not in request.fixturenames:
        yield None
        return
    page = request.getfixturevalue("page")
    violations = CspViolations()
    page.add_init_script(VIOLATION_LISTENER_JS)
    page.on("console", violations.on_console)
    yield violations
    found = violations.all()
    if found:
        pytest.fail("Content-Security-Policy violations:\n" + "\n".join(found[:20]), pytrace=False)
