"""`make diff`: what readers will see change between a git ref and the working tree.

`values.py` runs inside one tree (in a subprocess, with that tree's own `widgets` first on
`sys.path`) and prints the reader-facing values of every page as JSON; `trees.py` makes a
temporary worktree of the base ref and runs the extractor on both sides; `report.py`
compares the two and writes the Markdown or JSON report; `__main__.py` is the CLI.
"""
