"""One small interface over the two drivers: Firefox through puppeteer-core (firefox.mjs, a
Node process answering JSON lines) and WebKitGTK through Selenium and WebKitWebDriver.

`engine.open(url)` opens a cold visit (no Cache Storage from an earlier one) and returns a
page with `evaluate(expression)`, `wait_for(expression, timeout_ms)`, `errors()` and
`close()`. Expressions are JavaScript source evaluated in the page; promises are awaited.
Errors are what the driver reports plus what the test server's hook (hook.js) recorded in
the page, since WebKitWebDriver has no console API.
"""

import json
import shutil
import subprocess
import warnings
from pathlib import Path

ENGINES_DIR = Path(__file__).resolve().parent
FIREFOX_SCRIPT = ENGINES_DIR / "firefox.mjs"
#: What the hook recorded: uncaught errors, console.error calls, worker errors.
HOOK_ERRORS = "window.__engineTest?.errors ?? ['the test hook did not run on this page']"
#: Empties the origin's Cache Storage (run on the blank page the test server offers).
CLEAR_CACHES = "caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))))"


class DriverError(RuntimeError):
    """The browser or its driver refused a request (a timeout, a script error)."""


class Firefox:
    """Firefox ESR driven by firefox.mjs; one browser, a new context per page."""

    name = "firefox"

    def __init__(self, binary, project_root):
        self.process = subprocess.Popen(
            [shutil.which("node") or "node", str(FIREFOX_SCRIPT), str(binary)], cwd=project_root,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1)
        self.version = self.call("hello")

    def call(self, op, **fields):
        """Send one request (the first call only reads the greeting); returns its value."""
        if op != "hello":
            self.process.stdin.write(json.dumps({"op": op, **fields}) + "\n")
            self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise DriverError("firefox.mjs exited: " + self.process.stderr.read()[-3000:])
        reply = json.loads(line)
        if "error" in reply:
            raise DriverError(f"{op}: {reply['error']}")
        return reply["value"]

    def open(self, url):
        """A new context (empty caches and storage) showing `url`."""
        return FirefoxPage(self, self.call("open", url=url))

    def close(self):
        """End Firefox and the Node process."""
        self.process.stdin.close()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class FirefoxPage:
    """A page of `Firefox`, in its own context."""

    def __init__(self, firefox, page_id):
        self.firefox, self.id = firefox, page_id

    def evaluate(self, expression):
        return self.firefox.call("evaluate", page=self.id, expression=expression)

    def wait_for(self, expression, timeout_ms):
        return self.firefox.call("waitFor", page=self.id, expression=expression, timeout=timeout_ms)

    def errors(self):
        return self.firefox.call("errors", page=self.id) + self.evaluate(HOOK_ERRORS)

    def close(self):
        self.firefox.call("close", page=self.id)


class WebKit:
    """WebKitGTK's MiniBrowser driven by Selenium through WebKitWebDriver; one window.

    WebKitWebDriver opens no second context, so a cold visit empties the site's Cache
    Storage first, from a blank page of the site (after the page before has gone, so its
    worker cannot put anything back).
    """

    name = "webkit"

    def __init__(self, driver_binary, browser_binary, display, blank_url):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        options = Options()
        options.binary_location = str(browser_binary)
        options.add_argument("--automation")
        service = Service(executable_path=str(driver_binary), env={"DISPLAY": display})
        with warnings.catch_warnings():  # Selenium's own WebKitGTK class uses its deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_script_timeout(120)
        self.version = self.driver.capabilities.get("browserVersion")
        self.blank_url = blank_url

    def open(self, url):
        """The site's Cache Storage emptied, then `url` shown in the one window."""
        self.driver.get("about:blank")
        self.driver.get(self.blank_url)
        self.driver.execute_script(f"return {CLEAR_CACHES}")
        self.driver.get(url)
        return WebKitPage(self.driver)

    def close(self):
        self.driver.quit()


class WebKitPage:
    """The page WebKit's window shows."""

    def __init__(self, driver):
        self.driver = driver

    def evaluate(self, expression):
        from selenium.common.exceptions import WebDriverException

        try:
            return self.driver.execute_script(f"return ({expression});")
        except WebDriverException as error:
            raise DriverError(error.msg) from None

    def wait_for(self, expression, timeout_ms):
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.wait import WebDriverWait

        try:
            return WebDriverWait(self.driver, timeout_ms / 1000, poll_frequency=0.05).until(
                lambda driver: self.evaluate(expression))
        except TimeoutException:
            raise DriverError(f"waiting for {expression[:200]!r}: timed out after {timeout_ms} ms") from None

    def errors(self):
        return self.evaluate(HOOK_ERRORS)

    def close(self):
        """Leave the page, so that its worker stops: left open, the last page's worker went
        on warming up and fetched the snapshot while the next test counted requests."""
        self.driver.get("about:blank")
