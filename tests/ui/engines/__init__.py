"""The essay pages in browser engines other than Chromium: Firefox (puppeteer-core over
WebDriver BiDi) and WebKitGTK (Selenium), and the phone profile's snapshot rule in Chromium.

Every test here is marked `engines` (and `ui`). The pages come from mkdocs.yml's `nav` and
each page's front matter `model:`, so a new essay is tested without a test edit. What a page
must show for a scenario is asked of the model itself (tests/ui/views.py).
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import yaml

from widgets import runtime

from .. import views

PROJECT_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Essay:
    """An essay page of the built site: its path below the site root and its model's name."""

    path: str
    slug: str

    @cached_property
    def model(self):
        """The model module."""
        return runtime.load(self.slug)


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml with its `!ENV` and `!!python/name` tags read as plain values."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def essays(project_root=PROJECT_ROOT):
    """Every page in mkdocs.yml's nav whose front matter names a `model:`, in nav order."""
    config = yaml.load((project_root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    docs_dir = project_root / config.get("docs_dir", "docs")
    found = []
    for entry in _nav_files(config["nav"]):
        text = (docs_dir / entry).read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        front = yaml.safe_load(text.split("---", 2)[1]) or {}
        if front.get("model"):
            path = "" if entry == "index.md" else entry.removesuffix(".md").removesuffix("/index") + "/"
            found.append(Essay(path=path, slug=front["model"]))
    return found


def _nav_files(nav):
    """The Markdown files a (nested) MkDocs nav names."""
    for item in nav:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from ([value] if isinstance(value, str) else _nav_files(value))


def grid_values(param, limit=40):
    """Values a linear slider can take, nearest the essay's default first (each on its step grid).

    Args:
        param: A SPEC descriptor.
        limit: How many steps to go each way at most.

    Yields:
        Numbers (int for integer parameters), alternating above and below the default.
    """
    low, step = Decimal(str(param["min"])), Decimal(str(param["step"]))
    high, default = Decimal(str(param["max"])), Decimal(str(param["default"]))
    base = low + ((default - low) / step).to_integral_value() * step
    for n in range(1, limit + 1):
        for value in (base + n * step, base - n * step):
            if low <= value <= high and value != default:
                yield int(value) if param["integer"] else float(value)


def number_text(value):
    """A number as a slider and a URL fragment write it ("12", "0.35")."""
    return format(Decimal(str(value)).normalize(), "f")


def telling_moves(essay, placed_outputs, placed_charts):
    """Moves of one linear slider that change a number and a chart the page places.

    Args:
        essay: The Essay.
        placed_outputs: The `data-output` paths on the page.
        placed_charts: The chart ids on the page.

    Returns:
        [(parameter name, value)], one per parameter that has such a move (its nearest
        value to the default), in SPEC order.
    """
    model = essay.model
    before = views.expected_view(model, views.defaults_of(model))
    found = []
    for param in model.SPEC:
        if param["log"]:
            continue  # a log slider's track position is not the parameter's value
        for value in grid_values(param):
            after = views.expected_view(model, views.scenario(model, **{param["name"]: value}))
            numbers = any(after["outputs"][path] != before["outputs"][path] for path in placed_outputs)
            charts = any(after["charts"][cid]["columns"] != before["charts"][cid]["columns"] for cid in placed_charts)
            if numbers and charts:
                found.append((param["name"], value))
                break
    return found
