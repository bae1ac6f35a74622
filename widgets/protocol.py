"""The one message protocol between the page, the engine worker and the models.

Defined once here; the build writes it for the browser as `protocol.js`
(`site_src` emits `export const Msg = Object.freeze({...})` and the shared constants), and
`widgets.runtime.handle` answers exactly the request kinds in `REQUESTS`.

Page → worker: requests, each with an id: LOAD a model (once per page), then EVALUATE, and
TABLES / FLIPS when the reader pauses; EVALUATE is what the reader waits for (it computes the
charts in view; TABLES brings every chart's data, caption and table).
Worker → page: PROGRESS while starting, READY or FAILED, then RESULT or ERROR per request.
"""

#: Every message type, page ↔ worker (name → wire value).
MSG = {
    "PROGRESS": "progress",
    "READY": "ready",
    "FAILED": "failed",
    "LOAD": "load",
    "EVALUATE": "evaluate",
    "TABLES": "tables",
    "FLIPS": "flips",
    "RESULT": "result",
    "ERROR": "error",
}

#: The request kinds `runtime.handle` answers (the worker forwards them as they are).
REQUESTS = ("evaluate", "tables", "flips")

#: Constants both sides need (name → value), emitted for the client beside `Msg`.
CONSTANTS = {
    # Name of the Bokeh renderers that legend entries stand for (site_src charts).
    "LEGEND_PROXY": "legend_proxy",
}
