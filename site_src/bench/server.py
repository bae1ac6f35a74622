"""The one static server of the built site, shared by `make bench` and the browser tests.

`SiteServer` serves a site folder on 127.0.0.1 with the MIME types module workers and
WebAssembly need, quietly. With `csp=True` each response carries the site's
Content-Security-Policy as a header (an HTML page its own <meta> policy, a script that policy
without the inline-script hashes), as a host that sets the header would (the browser tests).
With `measured=True` (the bench) it serves the files from memory, gzipped when that helps,
with GitHub-Pages-like caching (`Cache-Control: max-age` plus ETags), over keep-alive, and
logs every response for the byte accounting.
"""

import dataclasses
import functools
import gzip
import hashlib
import http.server
import re
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .stats import kind_of

#: `Cache-Control: max-age` of the measured server (GitHub Pages sends 600).
CACHE_SECONDS = 600
GZIP_LEVEL = 6
#: Types the stdlib may guess wrong or not at all; module workers and wasm need these.
MIME_TYPES = {
    ".html": "text/html; charset=utf-8", ".mjs": "text/javascript", ".js": "text/javascript",
    ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm",
    ".zip": "application/zip", ".whl": "application/zip", ".tar": "application/x-tar",
    ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2",
    ".xml": "application/xml", ".gz": "application/gzip", ".map": "application/json",
    ".txt": "text/plain; charset=utf-8",
}
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
HASH_SOURCE = re.compile(r" 'sha256-[A-Za-z0-9+/=]+'")
SCRIPT_SUFFIXES = (".js", ".mjs")


def page_policy(html):
    """The policy in a built page's CSP <meta> (None if it has none)."""
    match = CSP_META.search(html)
    return match.group(1) if match else None


def script_policy(policy):
    """A page policy without its inline-script hashes (for JavaScript responses)."""
    return HASH_SOURCE.sub("", policy)


def gzip_bytes(data):
    """`data` gzipped deterministically (mtime 0)."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def encoded_body(raw, compressed, accepts_gzip):
    """The body to send and whether it is gzipped: gzip only when the client takes it and it helps."""
    if accepts_gzip and compressed is not None and len(compressed) < len(raw):
        return compressed, True
    return raw, False


@dataclasses.dataclass(frozen=True)
class Served:
    """One response of the measured server."""

    at_ms: float  # wall clock (epoch ms) when the request arrived
    path: str
    kind: str
    status: int
    body_bytes: int


class StaticFiles:
    """Every file of a built site in memory, raw and gzipped, with an ETag."""

    def __init__(self, root):
        self.root = Path(root)
        self.files = {}
        for path in sorted(self.root.rglob("*")):
            if path.is_file():
                raw = path.read_bytes()
                compressed = None if path.suffix in (".png", ".gz") else gzip_bytes(raw)
                etag = '"' + hashlib.sha256(raw).hexdigest()[:16] + '"'
                self.files["/" + path.relative_to(self.root).as_posix()] = (raw, compressed, etag)

    def find(self, url_path):
        """(raw, gzipped or None, etag, content type) for a URL path, or None."""
        path = unquote(url_path)
        if path.endswith("/"):
            path += "index.html"
        entry = self.files.get(path)
        if entry is None:
            return None
        suffix = Path(path).suffix
        return (*entry, MIME_TYPES.get(suffix, "application/octet-stream"))


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from disk with correct MIME types and no log lines; with the server's
    `reference_policy` set, the site's policy as a Content-Security-Policy header.

    Each HTML page is sent with the policy of its own <meta>; each JavaScript file (page
    script, module worker, Pyodide) with the home page's policy minus the inline-script
    hashes, so the worker is held to it too.
    """

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self):
        policy = self._policy_for(Path(self.translate_path(self.path)))
        if policy:
            self.send_header("Content-Security-Policy", policy)
        super().end_headers()

    def _policy_for(self, file):
        reference = getattr(self.server, "reference_policy", None)
        if reference is None:
            return None
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return None
        if file.suffix == ".html":
            return page_policy(file.read_text(encoding="utf-8")) or reference
        if file.suffix in SCRIPT_SUFFIXES:
            return script_policy(reference)
        return None

    def log_message(self, format, *args):  # noqa: A002 (stdlib signature)
        pass


class MeasuredHandler(http.server.BaseHTTPRequestHandler):
    """The server's files from memory, gzipped when accepted and smaller, with ETags and
    `Cache-Control: max-age`, over keep-alive (as a real host); logs every response."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (stdlib name)
        arrived = time.time() * 1000
        path = urlsplit(self.path).path
        found = self.server.site.find(path)
        if found is None:
            self._send(404, b"not found", {"Content-Type": "text/plain"})
            self.server.record(Served(arrived, path, kind_of(path), 404, 9))
            return
        raw, compressed, etag, content_type = found
        headers = {"Content-Type": content_type, "ETag": etag, "Vary": "Accept-Encoding",
                   "Cache-Control": f"max-age={CACHE_SECONDS}"}
        if self.headers.get("If-None-Match") == etag:
            self._send(304, b"", headers)
            self.server.record(Served(arrived, path, kind_of(path), 304, 0))
            return
        body, gzipped = encoded_body(raw, compressed, "gzip" in self.headers.get("Accept-Encoding", ""))
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        self._send(200, body, headers)
        self.server.record(Served(arrived, path, kind_of(path), 200, len(body)))

    def _send(self, status, body, headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (stdlib signature)
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A threading HTTP server that does not report dropped connections."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        """Browsers drop connections mid-response (navigation, aborted fetch); not news."""


class SiteServer(QuietServer):
    """Serves a built site on 127.0.0.1 (see the module docstring for the two modes)."""

    def __init__(self, site_dir, port=0, *, csp=False, measured=False, prepare=None):
        """Bind `port` (0: a free one), let `prepare(base_url)` adjust the files, then serve.

        Args:
            site_dir: The built site.
            port: The port (the site must be built for it if pages use instant navigation).
            csp: Send the site's policy as a header (from the home page's <meta>).
            measured: Serve from memory, gzipped and cached, logging each response (the bench).
            prepare: Optional callable taking the server's base URL, run before serving.
        """
        handler = MeasuredHandler if measured else functools.partial(SiteHandler, directory=str(site_dir))
        super().__init__(("127.0.0.1", port), handler)
        if prepare is not None:
            prepare(self.url)
        self.site = StaticFiles(site_dir) if measured else None
        self.reference_policy = page_policy((Path(site_dir) / "index.html").read_text(encoding="utf-8")) \
            if csp else None
        self.served = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, name="site-server", daemon=True)

    @property
    def url(self):
        """Base URL ending in '/'."""
        return f"http://127.0.0.1:{self.server_port}/"

    def start(self):
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self):
        """Stop serving and close the socket."""
        self.shutdown()
        self.server_close()

    def record(self, response):
        """Log one response (called from the handler threads)."""
        with self._lock:
            self.served.append(response)

    def served_between(self, start_ms, end_ms):
        """Responses whose requests arrived in [start_ms, end_ms] (epoch ms)."""
        with self._lock:
            return [r for r in self.served if start_ms <= r.at_ms <= end_ms]
