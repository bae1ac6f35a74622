// Runs model functions inside real Pyodide (the pinned npm package) for the
// CPython/Pyodide parity test.
//
// Usage:  node tests/widgets/pyodide_runner.mjs < cases.json > results.json
// stdin:  [{"module": "meta_capex", "function": "compute", "params": {...}}, ...]
//         ("module" is a module of the widgets package, or a dotted name;
//          instead of "params" a case may give "args": [...] and "kwargs": {...})
// stdout: [<return value> | {"error": "<ExceptionType>: <message>"}, ...]
//         serialised by Python's json module, so floats and ints keep their form.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pyodideDir = join(projectRoot, "node_modules", "pyodide");
const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));

// Python side of the bridge: JSON in, JSON out; JS never touches Python objects.
const CALL_CASES = `
import importlib, json

def _call(case):
    module_name = case["module"] if "." in case["module"] else "widgets." + case["module"]
    function = getattr(importlib.import_module(module_name), case["function"])
    if "params" in case:
        return function(case["params"])
    return function(*case.get("args", []), **case.get("kwargs", {}))

def run_cases(cases_json):
    results = []
    for case in json.loads(cases_json):
        try:
            value = _call(case)
            json.dumps(value, allow_nan=False)
            results.append(value)
        except Exception as error:
            results.append({"error": f"{type(error).__name__}: {error}"})
    return json.dumps(results, sort_keys=True)
`;

/** Copies every .py file of the project's widgets/ package into Pyodide's FS. */
function copyPackage(pyodide, hostDir, fsDir) {
  pyodide.FS.mkdirTree(fsDir);
  for (const entry of readdirSync(hostDir, { withFileTypes: true })) {
    const hostPath = join(hostDir, entry.name);
    if (entry.isDirectory() && entry.name !== "__pycache__") {
      copyPackage(pyodide, hostPath, `${fsDir}/${entry.name}`);
    } else if (entry.isFile() && entry.name.endsWith(".py")) {
      pyodide.FS.writeFile(`${fsDir}/${entry.name}`, readFileSync(hostPath));
    }
  }
}

const casesJson = readFileSync(0, "utf8");
// Python's own prints go to stderr so stdout carries only the results.
const pyodide = await loadPyodide({
  indexURL: pyodideDir + "/",
  stdout: (line) => process.stderr.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});
copyPackage(pyodide, join(projectRoot, "widgets"), "/project/widgets");
pyodide.runPython("import sys; sys.path.insert(0, '/project')");
pyodide.runPython(CALL_CASES);
const runCases = pyodide.globals.get("run_cases");
process.stdout.write(runCases(casesJson) + "\n");
runCases.destroy();
