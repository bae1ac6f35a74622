"""Fixtures for the hardening tests.

Every UI test already runs against a server that sends each page's own policy as a
`Content-Security-Policy` header (see `tests/ui/conftest.py`). Here, every test that
uses `page` is also watched for CSP violations (`securitypolicyviolation` events and
the console's "Content Security Policy" messages): any violation fails the test.
"""

import pytest

from ..conftest import page_policy, script_policy  # noqa: F401 (re-exported for the tests here)

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
