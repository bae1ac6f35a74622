// Calls the exports of site_src/client/fragment.js for the property-based tests.
//
// Usage: node tests/ui/engine/fragment_runner.mjs   (a persistent process)
// stdin:  one JSON object per line: {"call": "<export name>", "args": [...]}
// stdout: one JSON object per line: {"value": <return value>} or {"error": "<message>"}
// Numbers JSON cannot carry (NaN, ±Infinity) come back as {"$nonfinite": "NaN"} and
// the like, so the tests can see them instead of receiving a silent null.
import { createInterface } from "node:readline";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const fragment = await import(pathToFileURL(join(projectRoot, "site_src", "client", "fragment.js")).href);

function keepNonFinite(key, value) {
  return typeof value === "number" && !Number.isFinite(value) ? { $nonfinite: String(value) } : value;
}

function answer(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (error) {
    return { error: `bad request line: ${error.message}` };
  }
  const target = fragment[request.call];
  if (typeof target !== "function") return { error: `fragment.js exports no function ${request.call}` };
  try {
    return { value: target(...(request.args ?? [])) };
  } catch (error) {
    return { error: `${error?.name ?? "Error"}: ${error?.message ?? error}` };
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  process.stdout.write(JSON.stringify(answer(line), keepNonFinite) + "\n");
}
