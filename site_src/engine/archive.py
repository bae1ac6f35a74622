"""The one zip writer of the engine's files: deterministic (fixed dates and modes, sorted by
the caller), so the same inputs give byte-identical archives on every build.

Standard library only: `probe.py` imports it inside Pyodide too (engine.mjs copies both).
"""

import io
import zipfile

#: A fixed timestamp keeps the archives byte-identical between builds.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def zip_bytes(members, compresslevel=None):
    """A deflated zip of `members` ([(name, bytes)], in that order) as bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
