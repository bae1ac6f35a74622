"""The models the site knows, declared in one place (no discovery by file name).

`MODELS` lists every model module of this package, in the order pages list them; `CORE`
the shared modules every page's engine needs (shipped together as `core.zip`).

A model `<model>.py` is what a page sees (SPEC, PRESETS, compute, chart_<id>, its texts);
its parts sit beside it and are imported relatively, so a model's archive follows them:
`<model>_scenario` (parameters and formulas), `<model>_verdicts`, `<model>_charts` (built
with `chartkit`) and `<model>_record`. A model names its public record by holding
`PUBLIC_RECORD` (imported from its `<model>_record` module); a model without one has an
empty record.
"""

#: Every model module, by its name in this package (a page's front matter `model:`).
MODELS = ("meta_capex", "nato_taxpayer", "treasuries", "notebooklm", "space_solar")

#: The modules every model's engine needs, shipped as one archive.
CORE = ("__init__", "base", "chartdata", "chartkit", "protocol", "registry", "runtime")


def record(model):
    """The public-record entries of an imported model module (empty when it has none)."""
    return list(getattr(model, "PUBLIC_RECORD", ()))
