"""Content-Security-Policy for every built page.

Scripts may come only from the site itself, plus the few inline scripts of
each page (Material's, and on model pages the engine worker's starter, from
site_src/client/boot.js), allowed by their SHA-256 hashes (they embed the page's relative base
URL, so the hashes differ with page depth).
`'wasm-unsafe-eval'` lets Pyodide compile WebAssembly; nothing needs `eval`.
"""

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_DATA_TYPE = re.compile(r'type\s*=\s*"(?!text/javascript|module)[^"]*"')

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def inline_script_hashes(html):
    """'sha256-…' sources for every inline script a browser would execute."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or _DATA_TYPE.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return list(dict.fromkeys(hashes))


def policy(html):
    """The policy for one page."""
    hashes = "".join(f" {h}" for h in inline_script_hashes(html))
    return "; ".join(DIRECTIVES).format(hashes=hashes)


def with_policy(html):
    """The page with its policy as the first element of <head> (before any script)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)
