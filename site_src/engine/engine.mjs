// Makes the engine's build-time files (run by site_src/engine/job.py, in Node), into one
// folder: stdlib.zip (the standard library modules the engine imports, as bytecode),
// models/<name>.zip (each models archive compiled the same way) and snapshot.gz (the memory
// of an engine started from those, every model imported). Why: README, "The engine".
//
// An engine booted from those files must answer every request of probe.requests exactly as
// stock Pyodide did from the sources, and one restored from the snapshot each model's first
// request; else the exit status is 1 and the last line of the error output says why. The
// folder is complete only when the exit status is 0 (job.py moves it into the cache then).
//
// Usage: node engine.mjs <pyodide dir>/ <site_src/engine dir> <output folder> <archive.zip>...
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { gzipSync } from "node:zlib";

const [pyodideDir, engineDir, output, ...archivePaths] = process.argv.slice(2);
const HOME = "/home/pyodide";
let loadPyodide;

/** Pyodide with `archives` ({name: zip bytes}) unpacked where the browser's worker unpacks them. */
async function engine(options, archives = new Map()) {
  const pyodide = await loadPyodide({ indexURL: pyodideDir, packages: [], ...options });
  for (const archive of archives.values()) pyodide.unpackArchive(archive, "zip", { extractDir: HOME });
  return pyodide;
}

/** Python files of site_src/engine the probe needs inside Pyodide (its package has no more). */
const PROBE_FILES = ["probe.py", "archive.py"];

/** The probe module, imported in `pyodide` from a package outside the models' folder. */
function probe(pyodide) {
  pyodide.FS.mkdirTree("/tmp/probe/explainer_engine");
  pyodide.FS.writeFile("/tmp/probe/explainer_engine/__init__.py", "");
  for (const name of PROBE_FILES) {
    pyodide.FS.writeFile(`/tmp/probe/explainer_engine/${name}`, readFileSync(`${engineDir}/${name}`));
  }
  pyodide.runPython("import sys; sys.path.insert(0, '/tmp/probe')");
  return pyodide.pyimport("explainer_engine.probe");
}

/** {request: answer} from the probe module of an engine. */
function answers(probe, requests) {
  return probe.answers(requests).toJs({ dict_converter: Object.fromEntries });
}

/** Throws unless `probe`'s engine answers each of `requests` as `expected` says. */
function answersAsStock(probe, requests, expected, engineName) {
  const found = answers(probe, requests);
  for (const request of requests) {
    if (found[request] !== expected[request]) {
      throw new Error(`${engineName} answered ${request.slice(0, 160)} unlike stock Pyodide`);
    }
  }
}

async function main() {
  ({ loadPyodide } = await import(`${pyodideDir}pyodide.mjs`));
  const sources = new Map(archivePaths.map((path) => [basename(path, ".zip"), new Uint8Array(readFileSync(path))]));
  const names = [...sources.keys()].filter((name) => name !== "core");
  mkdirSync(`${output}/models`, { recursive: true });

  // 1. Stock Pyodide answers every request from the sources; what it imported from the
  //    library is what we ship, and we compile the models archives.
  const stock = await engine({}, sources);
  const stockProbe = probe(stock);
  stockProbe.import_named(`${HOME}/widgets`);
  const requests = stockProbe.requests(names).toJs();
  const expected = answers(stockProbe, requests);
  const library = `${output}/stdlib.zip`;
  writeFileSync(library, stockProbe.compiled_stdlib(stockProbe.stdlib_members()).toJs());
  const compiled = new Map();
  for (const [name, archive] of sources) {
    compiled.set(name, stockProbe.compiled_archive(stock.toPy(archive)).toJs());
    writeFileSync(`${output}/models/${name}.zip`, compiled.get(name));
  }

  // 2. Booted from those files, as a first visit's engine is, it answers the same.
  const booted = await engine({ stdLibURL: library }, compiled);
  answersAsStock(probe(booted), requests, expected, "the engine");

  // 3. The snapshot, of an engine booted from those files with every model imported.
  const made = await engine({ stdLibURL: library, _makeSnapshot: true }, compiled);
  made.pyimport("widgets.runtime");
  for (const name of names) made.pyimport(`widgets.${name}`);
  const memory = made.makeMemorySnapshot();

  // 4. Restored from it, as a later visit's engine is, it answers each model's first request
  //    the same.
  const restored = await engine({ stdLibURL: library, _loadSnapshot: memory });
  const firsts = names.map((name) => requests.find((request) => JSON.parse(request).model === name));
  answersAsStock(probe(restored), firsts, expected, "the engine from its snapshot");
  writeFileSync(`${output}/snapshot.gz`, gzipSync(memory, { level: 6 }));
}

main().catch((error) => {
  // A Python traceback ends with the exception: that line is what the build's log shows.
  const lines = String(error?.message ?? error).trim().split("\n");
  console.error(lines[lines.length - 1]);
  process.exitCode = 1;
});
