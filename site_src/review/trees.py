"""The two sides of a diff: a temporary git worktree of the base ref, and the working tree.

Each side's values come from `values.py` run in a subprocess whose `sys.path` starts at
that side's root, so the base ref's own models compute the base ref's numbers. Both sides
run at once; nothing touches the network.
"""

import contextlib
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

EXTRACTOR = Path(__file__).with_name("values.py")
EXTRACT_TIMEOUT_SECONDS = 120


class ExtractionError(RuntimeError):
    """Values could not be read from one side; the message names the side."""


def git(root, *args):
    """Run git in `root`; its stdout, stripped (raises CalledProcessError on failure)."""
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          check=True).stdout.strip()


def resolve(root, ref):
    """The commit sha of `ref`, or ExtractionError naming the base side."""
    try:
        return git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except subprocess.CalledProcessError:
        raise ExtractionError(f"base {ref!r}: not a commit in {root}") from None


@contextlib.contextmanager
def worktree(root, sha):
    """A detached worktree of `sha` in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="review-base-") as folder:
        path = Path(folder) / "tree"
        try:
            git(root, "worktree", "add", "--detach", "--quiet", str(path), sha)
        except subprocess.CalledProcessError as error:
            raise ExtractionError(f"base {sha[:12]}: git worktree add failed: {error.stderr.strip()}") from None
        try:
            yield path
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=root,
                           capture_output=True, check=False)


def extract(side, tree):
    """Run the extractor in `tree`; its values, or ExtractionError naming `side`."""
    try:
        completed = subprocess.run([sys.executable, "-I", str(EXTRACTOR), str(tree)], cwd=tree,
                                   capture_output=True, text=True, timeout=EXTRACT_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise ExtractionError(f"{side}: extracting values took over {EXTRACT_TIMEOUT_SECONDS} s") from None
    if completed.returncode != 0:
        lines = completed.stderr.strip().splitlines() or ["(no output)"]
        raise ExtractionError(f"{side}: extracting values failed: {lines[-1]}\n"
                              + "\n".join("    " + line for line in lines[-4:-1]))
    return json.loads(completed.stdout)


def both_sides(root, ref):
    """(base sha, base values, working-tree values) for `ref` against the tree at `root`."""
    sha = resolve(root, ref)
    with worktree(root, sha) as base_tree, ThreadPoolExecutor(max_workers=2) as pool:
        base = pool.submit(extract, f"base {ref} ({sha[:12]})", base_tree)
        head = pool.submit(extract, "working tree", root)
        return sha, base.result(), head.result()
