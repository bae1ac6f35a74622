// Makes the engine's memory snapshot (run by site_src/snapshot.py at build time, in Node):
// Pyodide started as the browser's worker starts it, with the models archives unpacked and
// every model imported, then its memory written gzip-compressed (31 MB → 6 MB; hosts do not
// compress binary files). A browser that has this file in its HTTP cache starts the engine
// from it instead of booting Python from scratch.
//
// Usage: node snapshot.mjs <pyodide dir>/ <output file> <archive.zip>...
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { basename } from "node:path";
import { gzipSync } from "node:zlib";

const [pyodideDir, output, ...archives] = process.argv.slice(2);
const { loadPyodide } = await import(`${pyodideDir}pyodide.mjs`);
const pyodide = await loadPyodide({ indexURL: pyodideDir, packages: [], _makeSnapshot: true });
for (const archive of archives) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: "/home/pyodide" });
}
pyodide.pyimport("widgets.runtime");
for (const archive of archives) {
  const name = basename(archive, ".zip");
  if (name !== "core") pyodide.pyimport(`widgets.${name}`);
}
const partial = `${output}.${process.pid}.partial`; // two builds at once never mix their bytes
writeFileSync(partial, gzipSync(pyodide.makeMemorySnapshot(), { level: 6 }));
renameSync(partial, output);
