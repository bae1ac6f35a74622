"""The engine's memory snapshot, made at build time by Node (`snapshot.mjs`).

A snapshot is Pyodide's memory with the runtime and every model already imported. A
browser that has it in its HTTP cache starts the engine from it (~0.8 s here) instead of
booting Python (~2.3 s); a first visit boots Python as usual and fetches the snapshot once
the page is live (explainer's worker.js). It is 31 MB, shipped gzip-compressed (6 MB) by
us, since hosts do not compress binary files; it is never what a first visit waits for.

Making one takes Node ~2 s, so it runs beside the rest of the build, and the result is
kept in `.cache/snapshots/` under a name that changes with the Pyodide version and the
models' sources: `mkdocs serve` rebuilds and later builds reuse it.
"""

import hashlib
import logging
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

SCRIPT = Path(__file__).with_name("snapshot.mjs")
#: Node gets this long; a build never waits longer for a snapshot.
TIMEOUT_S = 120

log = logging.getLogger("mkdocs.plugins.explainer")
_RUNNING = {}  # snapshot path → the Job of this process that last started on it
_RUNNING_LOCK = threading.Lock()


class Job:
    """One snapshot being made (or found in the cache) in a background thread."""

    def __init__(self, cache_dir, pyodide_dir, archives, key):
        """Start making the snapshot of `archives` ({name: zip bytes}) for Pyodide in
        `pyodide_dir` (version `key`), unless `cache_dir` already holds the one for them and
        this script, or a job of this process is already making it (then this one waits)."""
        made_of = key.encode() + SCRIPT.read_bytes() + b"".join(archives.values())
        digest = hashlib.sha256(made_of).hexdigest()[:16]
        self.path = Path(cache_dir) / f"engine-{digest}.snapshot.gz"
        self.problem = None
        with _RUNNING_LOCK:
            running = _RUNNING.get(self.path)
            if running is not None and running._thread.is_alive():
                self._maker = running
            else:
                self._maker = self
                self._thread = threading.Thread(target=self._make, args=(Path(pyodide_dir), archives),
                                                daemon=True)
                self._thread.start()
                _RUNNING[self.path] = self

    def _make(self, pyodide_dir, archives):
        if self.path.exists():
            return
        node = shutil.which("node")
        if node is None:
            self.problem = "Node.js is not on PATH"
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            zips = []
            for name, data in archives.items():
                zips.append(Path(folder) / f"{name}.zip")
                zips[-1].write_bytes(data)
            try:
                made = subprocess.run([node, str(SCRIPT), f"{pyodide_dir.resolve()}/", str(self.path),
                                       *map(str, zips)], capture_output=True, text=True,
                                      timeout=TIMEOUT_S, check=False)
            except (OSError, subprocess.TimeoutExpired) as error:
                self.problem = f"node {SCRIPT.name} did not finish: {error}"
                return
        if made.returncode != 0 or not self.path.exists():
            last = (made.stderr.strip().splitlines() or ["no output"])[-1]
            self.problem = f"node {SCRIPT.name} failed: {last[:300]}"

    def result(self):
        """The snapshot file, or None (after logging why: pages then boot Python as usual)."""
        self._maker._thread.join(TIMEOUT_S + 10)
        self.problem = self._maker.problem
        if self.problem or not self.path.exists():
            log.info("explainer: no engine snapshot (%s); pages start Python from scratch",
                     self.problem or "timed out")
            return None
        return self.path
