"""The same source tree builds to the same bytes, so a published site can be rebuilt and compared.

Each build is `mkdocs build --strict` (what `make build` runs) in its own
process, into its own folder, with a different PYTHONHASHSEED: output that
depended on set or dict-of-hash order, on the output folder's path or on
per-process ids (Bokeh's element ids, the search index's order) would differ.

The one date MkDocs writes is the build date, into the sitemap (`<lastmod>`,
and sitemap.xml.gz's gzip header); it comes from SOURCE_DATE_EPOCH when that
is set (the Pages workflow sets it to the last commit's time). The builds here
pin it, and one more build with another date shows that no page depends on it.

The engine snapshot (README, "The engine") is a memory image that Node makes; it
holds the random state and file times of the run that made it, so two runs differ in a
few hundred bytes while working the same. Builds reuse the engine's files cached for the
same sources (.cache/engine), which is what makes it identical here: a fresh checkout
makes its own (its standard library and compiled models come out byte-identical).
"""

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_SECONDS = 600
#: 2026-01-01T00:00:00Z, and a build date 400 days later.
SOURCE_DATE = 1767225600
LATER_SOURCE_DATE = SOURCE_DATE + 400 * 86400
#: Files allowed to carry the build date: the sitemap's <lastmod> and the gzip
#: header's mtime of its compressed copy. No page may.
DATED_FILES = {"sitemap.xml", "sitemap.xml.gz"}


def build(site_dir, *, source_date, hash_seed):
    """`mkdocs build --strict` of the project into `site_dir`; returns the folder."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(source_date),
               PYTHONHASHSEED=str(hash_seed))
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS)
    if completed.returncode != 0:
        pytest.fail("`mkdocs build --strict` failed:\n" + (completed.stdout + completed.stderr)[-3000:],
                    pytrace=False)
    return Path(site_dir)


def files_of(site_dir):
    """Every file of a built site, as sorted site-relative POSIX paths."""
    return sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file())


def differing_files(first, second):
    """Site-relative paths whose bytes differ between two builds (same file list assumed)."""
    return [relative for relative in files_of(first)
            if not filecmp.cmp(first / relative, second / relative, shallow=False)]


def first_difference(first, second):
    """Where two versions of a file part ways: byte offset and a little context from each."""
    a, b = first.read_bytes(), second.read_bytes()
    offset = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at byte {offset}: {a[offset - 40:offset + 80]!r} vs {b[offset - 40:offset + 80]!r}"


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    return build(tmp_path_factory.mktemp("first") / "site", source_date=SOURCE_DATE, hash_seed=1)


@pytest.fixture(scope="module")
def second_build(tmp_path_factory):
    return build(tmp_path_factory.mktemp("second") / "elsewhere", source_date=SOURCE_DATE, hash_seed=2)


def test_two_builds_of_the_same_tree_are_byte_identical(first_build, second_build):
    assert files_of(first_build) == files_of(second_build)
    assert len(files_of(first_build)) > 20, "the build wrote suspiciously few files"
    differing = differing_files(first_build, second_build)
    details = {relative: first_difference(first_build / relative, second_build / relative)
               for relative in differing[:5]}
    assert differing == [], f"{len(differing)} files differ between two builds: {details}"


def test_only_the_sitemap_archive_carries_the_build_date(first_build, tmp_path):
    later = build(tmp_path / "site", source_date=LATER_SOURCE_DATE, hash_seed=3)
    assert files_of(later) == files_of(first_build)
    differing = set(differing_files(first_build, later))
    assert differing <= DATED_FILES, \
        f"the build date leaks into {sorted(differing - DATED_FILES)} (only {sorted(DATED_FILES)} may carry it)"
