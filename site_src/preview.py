"""`make preview`: `mkdocs serve` with live reload, restarted when the build's own Python changes.

`mkdocs serve` already rebuilds (and reloads the browser) when a page, a model in
`widgets/` (the plugin re-imports models on each build) or a client file changes,
because mkdocs.yml watches those folders. What it cannot do is re-import the
plugin itself, so this wrapper restarts the server when `site_src/**/*.py` changes;
the open page reloads once the new server has built the site.
"""

import subprocess
import sys
import time
from pathlib import Path

BUILD_CODE = Path(__file__).parent
POLL_SECONDS = 1.0


def build_code_stamp():
    """Modification times of the build's own Python files."""
    return {path: path.stat().st_mtime_ns for path in sorted(BUILD_CODE.rglob("*.py"))}


def serve(address):
    """Start `mkdocs serve` on `address` in a child process."""
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload",
                             "--dev-addr", address])


def main(argv=None):
    """Serve until interrupted; restart when the build code changes."""
    argv = sys.argv[1:] if argv is None else argv
    address = argv[0] if argv else "127.0.0.1:8000"
    stamp, server = build_code_stamp(), serve(address)
    try:
        while True:
            time.sleep(POLL_SECONDS)
            if server.poll() is not None:
                return server.returncode
            current = build_code_stamp()
            if current != stamp:
                print("preview: build code changed, restarting the server …", flush=True)
                stamp = current
                server.terminate()
                server.wait(timeout=30)
                server = serve(address)
    except KeyboardInterrupt:
        return 0
    finally:
        if server.poll() is None:
            server.terminate()


if __name__ == "__main__":
    sys.exit(main())
