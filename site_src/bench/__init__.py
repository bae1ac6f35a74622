"""`make bench`: how fast the built site is for a reader, measured in a real Chromium.

Run as `.venv/bin/python -m site_src.bench` (`--quick` for a short run, `--help`
for the options). One run builds the site into a temporary folder (timing the
build, and once more a build of a fresh checkout, which makes the engine's files),
adds a *floor* page there (a bare page that only starts stock Pyodide in a module
worker from the same files and Pyodide's own standard library; it never ships),
serves the folder on 127.0.0.1 with gzip and GitHub-Pages-like caching
(`Cache-Control: max-age=600` plus ETags), drives headless Chromium with
Playwright and prints one Markdown table: every figure is the median of several
runs with min–max, all measured in this one run. A full run also writes that table into README.md between
`<!-- bench:start -->` and `<!-- bench:end -->` and the raw numbers into
`bench-results/latest.json`.

How things are measured (all times in the page, from navigation start unless said):
- *first paint*: the later of first-contentful-paint (essay text and default
  numbers are in the HTML) and the frame after every chart in the first
  screenful is drawn (its `[data-chart]` gets `data-drawn="true"`; two
  animation frames later). Charts further down are drawn when they come into
  view or once the engine is ready, so they are not part of first paint.
- *interactive*: `[data-model]` gets `data-state="ready"`; cold = fresh browser
  context (empty HTTP cache), warm = a new tab in the same context once the first
  visit has fetched what it fetches for the next one (the engine snapshot, see
  README, "The engine"): a reader coming back.
- *update latency*: from the keydown on a focused range slider to the end of the
  page's update (the root's `data-state` is rewritten once numbers, verdicts,
  tables and every Bokeh `ColumnDataSource` hold the new reply); each move waits
  for the previous one to finish, so no coalescing is involved. Measured three ways:
  a held arrow key (a keydown repeat every KEY_REPEAT_MS, as a keyboard sends them;
  this row carries the target); keys tapped back to back, each as soon as the previous
  update is in, faster than the screen refreshes; and the same back to back with
  Chromium's DeferRendererTasksAfterInput off (a diagnostic). After a key press that
  leaves a frame pending, Chromium holds the page's other tasks, the worker's answer
  among them, until that frame is drawn: back to back, nearly every key lands so, and
  its latency is bounded by the frame interval rather than by the page's work.
- *instant navigation*: from the click on the sidebar link of the next essay to
  that page's `data-state="ready"` (Material swaps the content, the worker stays).
  Measured twice: from a page the reader has been on for a while (every chart drawn,
  SETTLE_AFTER_DRAWN_S more; this row carries the target), and with the click as soon
  as the first page is interactive, while it still draws its charts out of view and
  asks the worker for its pause-time extras.
- *bytes*: response bodies as sent by the bench server (gzip when smaller).

Modules: `cli` (options, one run), `site` (the builds and the bench's copy of the site),
`server` (the static server, shared with the browser tests), `page` and `latency` (what
runs in Chromium), `run` (the measurements of one run), `stats` and `report` (the table).
"""
