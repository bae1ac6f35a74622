"""The bench's copy of the site: timed builds (full, fresh checkout, `mkdocs serve`-like
rebuilds), the sitemap pointed at the bench server, and the floor page."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


FLOOR_DIR = "bench-floor"


def build_site(site_dir, project_dir=PROJECT_ROOT):
    """`mkdocs build --strict` of `project_dir` into `site_dir` in a fresh interpreter, as
    `make build` does.

    Returns:
        Wall time in seconds.

    Raises:
        RuntimeError: the build failed (with the end of its output).
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file",
         str(Path(project_dir) / "mkdocs.yml"), "--site-dir", str(site_dir)],
        cwd=project_dir, env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-30:])
        raise RuntimeError(f"mkdocs build failed (exit {completed.returncode}):\n{tail}")
    return elapsed


def fresh_checkout_build(workdir):
    """`build_site` of a copy of the project without its `.cache`, as on a fresh checkout (or
    the first build after a model edit): Node makes the engine's files (site_src/engine)."""
    project = Path(workdir) / "fresh-checkout"
    project.mkdir(parents=True)
    shutil.copyfile(PROJECT_ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("content", "site_src", "widgets", "node_modules"):
        (project / name).symlink_to(PROJECT_ROOT / name)
    return build_site(project / "site", project)


#: Runs in a child interpreter: `mkdocs serve`'s rebuild, i.e. load_config + build in a warm
#: process, after appending a paragraph to one page of a copy of content/.
_REBUILD_SCRIPT = r"""
import json, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config_file, docs_dir, site_dir, page, count = sys.argv[1:6]
def configured():
    return load_config(config_file=config_file, docs_dir=docs_dir, site_dir=site_dir, strict=True)
build(configured())  # the first build of a `mkdocs serve` session
times = []
for number in range(int(count)):
    edited = Path(docs_dir) / page
    edited.write_text(edited.read_text(encoding="utf-8") + f"\n\n改动 {number}。\n", encoding="utf-8")
    started = time.perf_counter()
    build(configured())
    times.append(time.perf_counter() - started)
print(json.dumps(times))
"""


def rebuild_times(workdir, page, count):
    """Seconds per rebuild after editing `page`, the way `mkdocs serve` rebuilds.

    Args:
        workdir: Scratch folder (gets a copy of content/ and a site folder).
        page: Page file name inside content/ to edit.
        count: Number of edit + rebuild rounds.

    Returns:
        List of seconds.
    """
    docs_dir = Path(workdir) / "content"
    shutil.copytree(PROJECT_ROOT / "content", docs_dir)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    completed = subprocess.run(
        [sys.executable, "-c", _REBUILD_SCRIPT, str(PROJECT_ROOT / "mkdocs.yml"), str(docs_dir),
         str(Path(workdir) / "site"), page, str(count)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600)
    if completed.returncode != 0:
        tail = "\n".join(completed.stderr.strip().splitlines()[-30:])
        raise RuntimeError(f"rebuild timing failed:\n{tail}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def pyodide_base(site_dir):
    """Site-relative folder of the Pyodide runtime (e.g. 'assets/pyodide/314.0.7/')."""
    found = sorted(Path(site_dir).glob("assets/pyodide/*/pyodide.mjs"))
    if not found:
        raise RuntimeError("the built site has no assets/pyodide/<version>/pyodide.mjs")
    return found[0].parent.relative_to(site_dir).as_posix() + "/"


def point_sitemap_at(site_dir, base_url):
    """Rewrite sitemap.xml of the bench copy so it lists every page at the bench server.

    Material's instant navigation only intercepts links to pages listed in
    sitemap.xml, and it rebases the listed URLs onto the page's protocol and host
    name but keeps their port: the site's `site_url` port (8000, for `make
    preview`) would never match the bench server's, and navigation would fall
    back to full page loads.
    """
    pages = sorted(path.parent.relative_to(site_dir).as_posix() for path in Path(site_dir).glob("**/index.html"))
    entries = "".join(f"<url><loc>{base_url}{'' if page == '.' else page + '/'}</loc></url>"
                      for page in pages)
    (Path(site_dir) / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n', encoding="utf-8")


FLOOR_HTML = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>floor</title>
<script type="module">
  // The floor: nothing but a module worker starting Pyodide from the site's files.
  const worker = new Worker("./worker.mjs", { type: "module" });
  worker.onmessage = (event) => { document.documentElement.dataset.state = event.data; };
</script></head><body><p>floor</p></body></html>
"""


FLOOR_WORKER = """import { loadPyodide } from "../%(base)spyodide.mjs";
try {
  await loadPyodide({ indexURL: new URL("../%(base)s", self.location.href).href });
  postMessage("ready");
} catch (error) {
  postMessage("error");
}
"""


def write_floor(site_dir):
    """Add the floor page (bare Pyodide start in a module worker) to a bench copy of the site,
    with the standard library stock Pyodide boots from (the site ships its own, smaller one)."""
    base = pyodide_base(site_dir)
    shutil.copyfile(PROJECT_ROOT / "node_modules" / "pyodide" / "python_stdlib.zip",
                    Path(site_dir) / base / "python_stdlib.zip")
    folder = Path(site_dir) / FLOOR_DIR
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(FLOOR_HTML, encoding="utf-8")
    (folder / "worker.mjs").write_text(FLOOR_WORKER % {"base": base},
                                       encoding="utf-8")
