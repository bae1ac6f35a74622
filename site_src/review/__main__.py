"""`python -m site_src.review --base REF [--json] [--json-file PATH]` (what `make diff` runs).

Prints what readers will see change between REF and the working tree (Markdown, or JSON
with `--json`); `--json-file` also writes the JSON next to a Markdown report. Exits 0
whatever changed, 2 when the values of either side cannot be read.
"""

import argparse
import sys
from pathlib import Path

from . import report, trees


def main(argv=None):
    """Run the diff; the exit status."""
    parser = argparse.ArgumentParser(prog="make diff", description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git ref to compare the working tree with")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--json-file", type=Path, help="also write the JSON report to this file")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    args = parser.parse_args(argv)
    try:
        sha, base, head = trees.both_sides(args.root.resolve(), args.base)
    except trees.ExtractionError as error:
        print(f"make diff: {error}", file=sys.stderr)
        return 2
    changes = report.compare(base, head)
    as_json = report.as_json(changes, args.base, sha)
    if args.json_file:
        args.json_file.write_text(as_json, encoding="utf-8")
    sys.stdout.write(as_json if args.json else report.markdown(changes, args.base, sha))
    return 0


if __name__ == "__main__":
    sys.exit(main())
