"""The engine's build-time files made by Node (`engine.mjs`) in a background thread: its
standard library, its compiled models archives and its memory snapshot (what they are and
why: README, "The engine").

Making them takes Node ~5 s, so it runs beside the rest of the build, and the results are
kept in `.cache/engine/<digest>/`, a name that changes with the Pyodide version, the models'
sources and these scripts: later builds reuse them, and a `mkdocs serve` rebuild never waits
for them. Without Node, or if the engine made from them answers unlike stock Pyodide, the
site ships Pyodide's stock library, the models' sources and no snapshot.
"""

import hashlib
import logging
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

ENGINE_DIR = Path(__file__).parent
SCRIPT = ENGINE_DIR / "engine.mjs"
#: What the engine's files are made by: Node's script and the Python it runs in Pyodide.
MADE_BY = (SCRIPT, ENGINE_DIR / "probe.py", ENGINE_DIR / "archive.py")
#: Node gets this long; a build never waits longer for the engine's files.
TIMEOUT_S = 180

log = logging.getLogger("mkdocs.plugins.explainer")
_RUNNING = {}  # folder → the Job of this process that last started on it
_RUNNING_LOCK = threading.Lock()


class Job:
    """The engine's files being made (or found in the cache) in a background thread."""

    def __init__(self, cache_dir, pyodide_dir, archives, key, wait=True):
        """Start making the files for `archives` ({name: zip bytes}) and Pyodide in
        `pyodide_dir` (version `key`), unless `cache_dir` already holds the ones for them and
        these scripts, or a job of this process is already making them (then this one shares
        its outcome).

        With `wait` false (`mkdocs serve`), a build that finds them not made yet does not
        wait: it ships the stock files, and a rebuild once they are made ships them."""
        made_of = key.encode() + b"".join(path.read_bytes() for path in MADE_BY) + b"".join(archives.values())
        #: Names the files: any change to what they are made of or how gives new names.
        self.digest = hashlib.sha256(made_of).hexdigest()[:16]
        self.folder = Path(cache_dir) / self.digest
        self.stock_stdlib = Path(pyodide_dir) / "python_stdlib.zip"
        self.archives = archives
        self.problem = None  # why Node did not make them (set by the job that runs Node)
        self.wait = wait
        self._made = None  # decided once, so that a build never mixes made and stock files
        self._maker, self._thread = self, None  # the job that makes them; no thread: in the cache
        with _RUNNING_LOCK:
            running = _RUNNING.get(self.folder)
            if running is not None and running._thread.is_alive():
                self._maker = running
            elif not self.folder.is_dir():
                self._thread = threading.Thread(target=self._make, args=(Path(pyodide_dir), archives),
                                                daemon=True)
                self._thread.start()
                _RUNNING[self.folder] = self

    def _make(self, pyodide_dir, archives):
        node = shutil.which("node")
        if node is None:
            self.problem = "Node.js is not on PATH"
            return
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        # Node writes into a folder of its own, which becomes the cache's only when complete.
        work = Path(tempfile.mkdtemp(prefix=f"{self.digest}.", suffix=".partial", dir=self.folder.parent))
        try:
            zips = []
            for name, data in archives.items():
                zips.append(work / "sources" / f"{name}.zip")
                zips[-1].parent.mkdir(exist_ok=True)
                zips[-1].write_bytes(data)
            made = work / "made"
            try:
                run = subprocess.run([node, str(SCRIPT), f"{pyodide_dir.resolve()}/", str(ENGINE_DIR), str(made),
                                      *map(str, zips)],
                                     capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
            except (OSError, subprocess.TimeoutExpired) as error:
                self.problem = f"node {SCRIPT.name} did not finish: {error}"
                return
            if run.returncode != 0:
                last = (run.stderr.strip().splitlines() or ["no output"])[-1]
                self.problem = f"node {SCRIPT.name} failed: {last[:300]}"
                return
            try:
                made.rename(self.folder)
            except OSError as error:
                if not self.folder.is_dir():  # else another build made the same files first
                    self.problem = f"could not keep them in {self.folder}: {error}"
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def made(self):
        """Whether the files were made (after logging why not: pages then boot stock Pyodide)."""
        if self._made is None:
            thread = self._maker._thread
            if thread is not None:
                thread.join(TIMEOUT_S + 10 if self.wait else 0)
            if thread is not None and thread.is_alive():
                reason = "Node is still making them: " + ("timed out" if self.wait else "this build does not wait")
            else:
                reason = self._maker.problem
            self._made = not reason and self.folder.is_dir()
            if not self._made:
                log.info("explainer: the engine's own library, compiled models and snapshot were "
                         "not made (%s); pages boot Pyodide's stock library and the models' sources",
                         reason or f"{self.folder} is missing")
        return self._made

    def stdlib_source(self):
        """The standard library the site ships: ours if it was made, else Pyodide's stock one."""
        return self.folder / "stdlib.zip" if self.made() else self.stock_stdlib

    def archive_source(self, name):
        """The models archive `name` the site ships: compiled if it was made, else the sources."""
        return self.folder / "models" / f"{name}.zip" if self.made() else self.archives[name]

    def snapshot_source(self):
        """The snapshot, or None if it was not made (the site then has none)."""
        return self.folder / "snapshot.gz" if self.made() else None
