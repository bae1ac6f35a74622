"""The build of the engine's files (README, "The engine"): `models.py` the models archives,
`archive.py` the one deterministic zip writer, `job.py` the background job that runs Node
(`engine.mjs`), which runs `probe.py` inside Pyodide to make the trimmed standard library,
the compiled archives and the memory snapshot."""
