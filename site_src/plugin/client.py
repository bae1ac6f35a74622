"""The client's files as the site ships them.

Every `.js`/`.css` of `site_src/client/` with its relative imports pinned to content
hashes, plus `protocol.js`, written from `widgets/protocol.py` (the one protocol); the
modules the page script imports, for `<link rel="modulepreload">`; and the worker's
starter (`boot.js`), which the theme inlines into the page's <head>.
"""

import hashlib
import json
import re
from pathlib import Path

from widgets import protocol

CLIENT_DIR = Path(__file__).parents[1] / "client"
#: The page script: the modules it imports are preloaded beside it.
ENTRY = "explainer.js"
#: The worker's starter, inlined rather than shipped.
BOOT = "boot.js"
#: What BOOT names the worker's URL by (the theme puts the page-relative URL there).
BOOT_WORKER_URL = "WORKER_URL"

_IMPORT = re.compile(r'(from\s+"\./)([\w-]+\.js)(")')
#: A relative import, pinned or not.
_IMPORTED = re.compile(r'from\s+"\./([\w-]+\.js)(?:\?v=\w+)?"')
_LINE_COMMENT = re.compile(r"^\s*//.*$", re.M)


def digest(data):
    """Short content hash for file names and cache busting."""
    return hashlib.sha256(data).hexdigest()[:10]


def protocol_js():
    """`protocol.js`: the message types and shared constants of `widgets/protocol.py`."""
    entries = "".join(f"  {name}: {json.dumps(value)},\n" for name, value in protocol.MSG.items())
    constants = "".join(f"export const {name} = {json.dumps(value)};\n"
                        for name, value in protocol.CONSTANTS.items())
    return ("// Written by the build from widgets/protocol.py (the one protocol between the page and\n"
            "// the engine worker); edit that file, not this one.\n"
            f"export const Msg = Object.freeze({{\n{entries}}});\n{constants}").encode("utf-8")


def client_files():
    """{name: bytes} of our client files, each relative import pinned to its target's hash.

    `import … from "./protocol.js"` becomes `"./protocol.js?v=<hash>"`, the hash of that
    module as shipped (its own imports pinned first): a change to any module a script reaches
    changes every URL on the way to it, so nothing is taken from a stale cache, and the
    page's <link rel="modulepreload"> (which uses the same URLs) fetches exactly what the
    scripts import.

    Raises:
        ValueError: The client's modules import each other in a cycle.
    """
    sources = {path.name: path.read_bytes() for path in sorted(CLIENT_DIR.iterdir())
               if path.suffix in (".js", ".css") and path.name != BOOT}
    sources["protocol.js"] = protocol_js()
    pinned, visiting = {}, set()

    def pin(name):
        if name in pinned:
            return pinned[name]
        if name in visiting:
            raise ValueError(f"site_src/client: {name} imports itself through another module")
        visiting.add(name)
        content = sources[name]
        if name.endswith(".js"):
            content = _IMPORT.sub(lambda m: f"{m.group(1)}{m.group(2)}?v={digest(pin(m.group(2)))}"
                                            f"{m.group(3)}", content.decode("utf-8")).encode("utf-8")
        pinned[name] = content
        return content

    for name in sorted(sources):
        pin(name)
    return pinned


def preloaded(files, entry=ENTRY):
    """The modules `entry` imports, directly or through another, in the order it meets them."""
    found = []

    def visit(name):
        for module in _IMPORTED.findall(files[name].decode("utf-8")):
            if module not in found:
                found.append(module)
                visit(module)

    visit(entry)
    return found


def boot_script():
    """BOOT's code without its comments and indentation (it is inlined into every page)."""
    code = _LINE_COMMENT.sub("", (CLIENT_DIR / BOOT).read_text(encoding="utf-8"))
    return "".join(line.strip() for line in code.splitlines())
