"""Session-wide fixtures shared by the whole suite, and the site's pages as mkdocs.yml lists them."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from site_src.plugin.check import essay_pages, nav_pages

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT_SECONDS = 600
#: Every page's URL folder in mkdocs.yml's nav order ("" is the home page).
NAV_PAGES = list(nav_pages(PROJECT_ROOT / "mkdocs.yml"))
#: {URL folder: model} of the essay pages, in nav order: tests loop over these, so a new
#: essay needs no test edits.
ESSAY_PAGES = essay_pages(PROJECT_ROOT / "mkdocs.yml")


@pytest.fixture(scope="session")
def site_port():
    """A free port on 127.0.0.1 for the test server, chosen before the build.

    Material's instant navigation only intercepts links listed in sitemap.xml, and
    it keeps the sitemap's port: the site is built for the address it is served at.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port):
    """Build the site once with `mkdocs build --strict` and return its directory.

    The build runs in a subprocess with this interpreter (the project's venv),
    exactly as `make build` does, but into a temporary directory so tests never
    touch `site/`. A failed build fails every test that needs the site, with
    the end of MkDocs' output in the message.

    Returns:
        Path to the built site (contains index.html).
    """
    site_dir = tmp_path_factory.mktemp("built_site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{site_port}/")
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS)
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr).strip().splitlines()
        pytest.fail("`mkdocs build --strict` failed (exit {}):\n{}".format(
            completed.returncode, "\n".join(output[-60:])), pytrace=False)
    return site_dir
