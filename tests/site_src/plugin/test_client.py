"""The client's files as shipped: protocol.js written from widgets/protocol.py, imports pinned
to content hashes and preloaded, and the worker's starter (boot.js) ready to inline."""

import json
import shutil
import subprocess

import pytest

from site_src.plugin import client
from widgets import protocol


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")
def test_protocol_js_exports_the_python_protocol(tmp_path):
    module = tmp_path / "protocol.mjs"
    module.write_bytes(client.protocol_js())
    script = f'import("{module.as_uri()}").then((m) => console.log(JSON.stringify({{...m}})))'
    exported = json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True,
                                         check=True, timeout=60).stdout)
    assert exported == {"Msg": protocol.MSG, **protocol.CONSTANTS}
    assert exported["LEGEND_PROXY"] == "legend_proxy"


def test_every_relative_import_is_pinned_to_its_targets_content():
    files = client.client_files()
    assert "protocol.js" in files and client.BOOT not in files
    for name, content in files.items():
        for imported in client._IMPORTED.findall(content.decode("utf-8")):
            assert f'"./{imported}?v={client.digest(files[imported])}"' in content.decode("utf-8"), (name, imported)


def test_the_page_scripts_imports_are_preloaded_once_each():
    files = client.client_files()
    preloaded = client.preloaded(files)
    assert "protocol.js" in preloaded and len(preloaded) == len(set(preloaded))
    assert client.ENTRY not in preloaded and "worker.js" not in preloaded
    assert set(client._IMPORTED.findall(files[client.ENTRY].decode("utf-8"))) <= set(preloaded)


def test_the_boot_script_is_one_line_of_code_naming_the_worker_url_once():
    boot = client.boot_script()
    assert "\n" not in boot and "//" not in boot
    assert boot.count(client.BOOT_WORKER_URL) == 1 and "new Worker(" in boot
