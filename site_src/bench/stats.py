"""The bench's statistics and byte accounting: medians with ranges, percentiles, the
formats of the table's cells, and which kind of file each response was."""

import dataclasses
import math
import re
import statistics
from urllib.parse import urlsplit

#: Byte kinds, in table order.
KINDS = ("html", "css", "js", "bokeh", "pyodide", "snapshot", "models", "search", "other")


@dataclasses.dataclass(frozen=True)
class Summary:
    """Median and range of repeated measurements."""

    median: float
    low: float
    high: float
    count: int


def summarize(samples):
    """Median, min and max of `samples` (NaN-free numbers); None when empty."""
    values = [value for value in samples if value is not None and not math.isnan(value)]
    if not values:
        return None
    return Summary(statistics.median(values), min(values), max(values), len(values))


def percentile(samples, fraction):
    """The nearest-rank percentile: the smallest sample with at least `fraction` of samples ≤ it.

    Args:
        samples: Numbers.
        fraction: 0 < fraction ≤ 1 (0.95 for p95).

    Returns:
        One of the samples, or None when there are none.
    """
    ordered = sorted(samples)
    if not ordered:
        return None
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def format_ms(value):
    """Milliseconds for the table: whole numbers from 100 ms, one decimal below."""
    if value is None:
        return "—"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def format_seconds(value):
    """Seconds with two decimals."""
    return "—" if value is None else f"{value:.2f} s"


def format_kb(byte_count):
    """Kilobytes (1000 bytes, like the targets) with one decimal below 100 KB."""
    if byte_count is None:
        return "—"
    kb = byte_count / 1000
    return f"{kb:,.0f} KB" if kb >= 100 else f"{kb:.1f} KB"


def format_ratio(value):
    """A ratio like 1.07×."""
    return "—" if value is None else f"{value:.2f}×"


def format_summary(summary, formatter):
    """'median (min–max, n=k)'; just the median when all runs agree or there is one."""
    if summary is None:
        return "—"
    text = formatter(summary.median)
    if summary.count > 1 and formatter(summary.low) != formatter(summary.high):
        text += f" ({formatter(summary.low)}–{formatter(summary.high)})"
    return text


def verdict(value, target):
    """'✅' when `value` ≤ `target`, '❌ +x%' (how much too much) otherwise, '' with no target."""
    if target is None or value is None:
        return ""
    if value <= target:
        return "✅"
    return f"❌ +{(value / target - 1) * 100:.0f}%"


def render_table(rows):
    """A Markdown table of `Row`s."""
    lines = ["| Measure | Page | Median (min–max) | Target | Met |",
             "|---|---|---|---|---|"]
    for row in rows:
        cells = [row.measure, row.page, row.result, row.target, row.met]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


@dataclasses.dataclass
class Row:
    """One line of the results table."""

    measure: str
    page: str
    result: str
    target: str = ""
    met: str = ""


def kind_of(path):
    """Which kind of file a site path is, for the byte split (see KINDS)."""
    path = urlsplit(path).path
    name = path.rsplit("/", 1)[-1]
    if "/assets/pyodide/" in path or path.startswith("assets/pyodide/") \
            or re.search(r"/models-[0-9a-f]+/stdlib-[\w.]+\.zip$", path):
        return "pyodide"
    if name.endswith(".snapshot.gz"):
        return "snapshot"
    if "/assets/bokeh/" in path or path.startswith("assets/bokeh/"):
        return "bokeh"
    if re.search(r"/models-[0-9a-f]+/\w+\.zip$", path):
        return "models"
    if "/search/" in path or path.startswith("search/") or "/workers/search" in path \
            or "/lunr/" in path:
        return "search"
    if path.endswith("/") or name.endswith(".html"):
        return "html"
    if name.endswith(".css"):
        return "css"
    if name.endswith((".js", ".mjs")):
        return "js"
    return "other"


def bytes_by_kind(served, until_ms=None):
    """{kind: body bytes} of the responses that arrived before `until_ms` (all when None)."""
    totals = dict.fromkeys(KINDS, 0)
    for response in served:
        if until_ms is None or response.at_ms <= until_ms:
            totals[response.kind] += response.body_bytes
    return totals


def without_pyodide(totals):
    """Sum of a {kind: bytes} split, leaving out the Pyodide runtime (and its memory snapshot)."""
    return sum(count for kind, count in totals.items() if kind not in ("pyodide", "snapshot"))


def format_split(totals):
    """'html 12.3 KB · css 30.1 KB · …' for the non-zero kinds."""
    parts = [f"{kind} {format_kb(count)}" for kind, count in totals.items() if count]
    return " · ".join(parts) or "—"


def ratio_summary(page_times, floor_times):
    """TTI / floor per run (same run's floor), summarized."""
    ratios = [page / floor for page, floor in zip(page_times, floor_times) if page and floor]
    return summarize(ratios)


def median_split(splits):
    """Kind-wise median of several {kind: bytes} splits."""
    return {kind: statistics.median(split[kind] for split in splits) for kind in KINDS}
