"""What a reader sees of a built site, with the build's digests normalised away, so two builds
can be compared byte for byte: `python -m tests.site.reader_view <site A> <site B>`.

Normalised: content hashes in file names and `?v=` queries, CSP script hashes, the port the
site was built for, sitemap dates, and the whitespace of the inline worker starter (its code
lives in site_src/client/boot.js). Everything else a reader gets — text, numbers, verdicts,
chart JSON, tables, search index, client code — must be equal.
"""

import difflib
import re
import sys
from pathlib import Path

#: Files a reader's browser gets whose text is compared (the big binary runtime is not ours).
COMPARED = ("*.html", "*.json", "*.xml", "assets/explainer/*.js", "assets/explainer/*.css")
_RULES = (
    (re.compile(r"\?v=[0-9a-f]{10}"), "?v=<hash>"),
    (re.compile(r"models-[0-9a-f]{10}"), "models-<hash>"),
    (re.compile(r"'sha256-[A-Za-z0-9+/=]+'"), "'sha256-<hash>'"),
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:<port>"),
    (re.compile(r"<lastmod>[^<]*</lastmod>"), "<lastmod/>"),
)
_BOOT = re.compile(r"<script>(try ?\{const worker ?=.*?)</script>", re.S)


def normalised(text):
    """`text` with the build's digests replaced by placeholders."""
    for pattern, placeholder in _RULES:
        text = pattern.sub(placeholder, text)
    return _BOOT.sub(lambda m: "<script>" + re.sub(r"\s+|;(?=\})", "", m.group(1)) + "</script>", text)


def reader_files(site):
    """{normalised relative path: normalised text} of a built site."""
    site = Path(site)
    found = {}
    for pattern in COMPARED:
        for path in sorted(site.glob(f"**/{pattern}" if "/" not in pattern else pattern)):
            relative = normalised(path.relative_to(site).as_posix())
            found[relative] = normalised(path.read_text(encoding="utf-8"))
    return found


def differences(site_a, site_b, skip=()):
    """Unified diffs (one string per differing file; files only one side has, too)."""
    a, b = reader_files(site_a), reader_files(site_b)
    found = []
    for relative in sorted(set(a) | set(b)):
        if relative in skip:
            continue
        if relative not in a or relative not in b:
            found.append(f"only in {site_b if relative in b else site_a}: {relative}")
        elif a[relative] != b[relative]:
            found.append("".join(difflib.unified_diff(a[relative].splitlines(True), b[relative].splitlines(True),
                                                      f"a/{relative}", f"b/{relative}", n=1)))
    return found


def main(argv=None):
    """Print the differences between two built sites; exit 1 if there are any."""
    site_a, site_b = (sys.argv[1:] if argv is None else argv)[:2]
    found = differences(site_a, site_b)
    print("\n".join(found) if found else f"same for a reader: {len(reader_files(site_a))} files compared")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
