// Makes the engine's two build-time files (run by site_src/engine_files.py, in Node):
//
// 1. Its standard library: the modules Pyodide's boot and our models import, compiled to
//    bytecode by Pyodide's own Python (engine_probe.py says how they are found). Stock
//    Pyodide boots from the whole library as source and compiles what it imports at every
//    start; from this one it boots in a third of the time.
// 2. Its memory snapshot: an engine started from that library with every model imported,
//    its memory written gzip-compressed (31 MB → 6 MB; hosts do not compress binary files).
//    A browser that has it in its HTTP cache starts from it instead of booting Python.
//
// Before writing either, an engine restored from the snapshot must answer every request of
// engine_probe.requests exactly as stock Pyodide did; else nothing is written and the exit
// status says why (the build then ships the stock library and no snapshot).
//
// Usage: node engine.mjs <pyodide dir>/ <engine_probe.py> <stdlib out> <snapshot out> <archive.zip>...
import { readFileSync, writeFileSync, renameSync, rmSync } from "node:fs";
import { basename } from "node:path";
import { gzipSync } from "node:zlib";

const [pyodideDir, probeFile, stdlibOut, snapshotOut, ...archives] = process.argv.slice(2);
const HOME = "/home/pyodide";
const names = archives.map((archive) => basename(archive, ".zip")).filter((name) => name !== "core");
const { loadPyodide } = await import(`${pyodideDir}pyodide.mjs`);

/** Pyodide with the models' archives unpacked where the browser's worker unpacks them. */
async function engine(options) {
  const pyodide = await loadPyodide({ indexURL: pyodideDir, packages: [], ...options });
  if (!options._loadSnapshot) {
    for (const archive of archives) {
      pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: HOME });
    }
  }
  return pyodide;
}

/** The probe module, imported in `pyodide` from outside the models' folder. */
function probe(pyodide) {
  pyodide.FS.mkdirTree("/tmp/probe");
  pyodide.FS.writeFile("/tmp/probe/engine_probe.py", readFileSync(probeFile));
  pyodide.runPython("import sys; sys.path.insert(0, '/tmp/probe')");
  return pyodide.pyimport("engine_probe");
}

function answers(pyodide) {
  return JSON.parse(pyodide.runPython(
    `import json, engine_probe; json.dumps(engine_probe.answers(${JSON.stringify(names)}))`));
}

/** Where a file is written before it is complete (two builds at once never mix their bytes). */
const partial = (path) => `${path}.${process.pid}.partial`;

/** Both files, or neither (then the error says why). */
async function main() {
  // 1. Stock Pyodide runs every request; what it imported from the library is what we ship.
  const stock = await engine({});
  const stockProbe = probe(stock);
  stockProbe.import_named(`${HOME}/widgets`);
  const expected = answers(stock);
  const library = stockProbe.compiled_stdlib(stockProbe.stdlib_members()).toJs();
  writeFileSync(partial(stdlibOut), library);

  try {
    // 2. The snapshot, made by an engine booted from that library.
    const made = await engine({ stdLibURL: partial(stdlibOut), _makeSnapshot: true });
    made.pyimport("widgets.runtime");
    for (const name of names) made.pyimport(`widgets.${name}`);
    const memory = made.makeMemorySnapshot();

    // 3. Restored from the snapshot, with that library, it answers as stock Pyodide did.
    const restored = await engine({ stdLibURL: partial(stdlibOut), _loadSnapshot: memory });
    probe(restored);
    const found = answers(restored);
    for (const [request, answer] of Object.entries(expected)) {
      if (found[request] !== answer) {
        throw new Error(`from its own library the engine answered ${request.slice(0, 160)} differently`);
      }
    }
    writeFileSync(partial(snapshotOut), gzipSync(memory, { level: 6 }));
    renameSync(partial(snapshotOut), snapshotOut);
    renameSync(partial(stdlibOut), stdlibOut);
  } finally {
    rmSync(partial(stdlibOut), { force: true });
    rmSync(partial(snapshotOut), { force: true });
  }
}

main().catch((error) => {
  // A Python traceback ends with the exception: that line is what the build's log shows.
  const lines = String(error?.message ?? error).trim().split("\n");
  console.error(lines[lines.length - 1]);
  process.exitCode = 1;
});
