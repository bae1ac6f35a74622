"""The bench's one table (every row with its target and verdict), the machine line, the
README block and the raw results as JSON."""

import dataclasses
import datetime
import os
import platform
import re
from pathlib import Path

from .latency import KEY_REPEAT_MS
from .run import NAV_WHEN
from .server import CACHE_SECONDS, GZIP_LEVEL
from .stats import (Row, format_kb, format_ms, format_ratio, format_seconds, format_split,
                    format_summary, median_split, percentile, ratio_summary, render_table, summarize,
                    verdict, without_pyodide)

TARGETS = {
    "ratio": 1.15,
    "latency_p95_ms": 16.0,
    "nav_ms": 150.0,
    "paint_kb": 600.0,
    "build_s": 5.0,
    "rebuild_s": 3.0,
}


README_START = "<!-- bench:start -->"


README_END = "<!-- bench:end -->"


def table_rows(results, slugs):
    """The rows of the one results table, in reading order."""
    rows = []
    build = summarize(results.build_s)
    rows.append(Row("`mkdocs build --strict`, full (fresh interpreter, the engine's files cached)", "all",
                    format_summary(build, format_seconds), f"≤ {TARGETS['build_s']:.0f} s",
                    verdict(build and build.median, TARGETS["build_s"])))
    rows.append(Row("`mkdocs build --strict`, full, on a fresh checkout (Node makes the engine's files)",
                    "all", format_summary(summarize(results.fresh_build_s), format_seconds)))
    rebuild = summarize(results.rebuild_s)
    rows.append(Row("rebuild after editing one page (warm process, as `mkdocs serve`)",
                    "nato-taxpayer", format_summary(rebuild, format_seconds),
                    f"≤ {TARGETS['rebuild_s']:.0f} s",
                    verdict(rebuild and rebuild.median, TARGETS["rebuild_s"])))
    floor = {t: summarize(results.floor[t]) for t in ("cold", "warm")}
    for temperature in ("cold", "warm"):
        rows.append(Row(f"floor: bare Pyodide start in a module worker, {temperature}", "floor",
                        format_summary(floor[temperature], format_ms)))
    for slug in slugs:
        rows.extend(essay_rows(results, slug))
    return rows


def essay_rows(results, slug):
    """Paint, interactive (cold/warm, vs floor), latency, navigation and bytes of one essay."""
    rows = []
    cold, warm = results.cold.get(slug, []), results.warm.get(slug, [])
    paint = summarize([load.paint_ms for load in cold])
    rows.append(Row("first paint: text, default numbers, charts (cold)", slug,
                    format_summary(paint, format_ms)))
    for temperature, loads in (("cold", cold), ("warm", warm)):
        times = [load.ready_ms for load in loads]
        ratio = ratio_summary(times, results.floor[temperature])
        result = format_summary(summarize(times), format_ms)
        if temperature == "warm":
            used = sum(load.engine == "used" for load in loads)
            result += f" (engine from the snapshot in {used}/{len(loads)} runs)"
        rows.append(Row(f"interactive (data-state=ready), {temperature}", slug, result))
        rows.append(Row(f"interactive / floor, {temperature}", slug,
                        format_summary(ratio, format_ratio), f"≤ {TARGETS['ratio']:.2f}×",
                        verdict(ratio and ratio.median, TARGETS["ratio"])))
    for how, measured in (("held", results.latency_held), ("tapped", results.latency_tapped),
                          ("undeferred", results.latency_undeferred)):
        if slug in measured:
            rows.append(latency_row(slug, measured[slug], how))
    for when in NAV_WHEN:
        for pair, times in results.nav_ms[when].items():
            if pair.startswith(f"{slug}→"):
                rows.append(nav_row(slug, pair, times, results.nav_problems[when].get(pair, []), when))
    rows.extend(byte_rows(slug, cold))
    return rows


def nav_row(slug, pair, times, problems, when):
    """Instant navigation from `slug` to the next essay: time to ready, or why it never was.
    The target is judged on the navigation from a settled page."""
    nav = summarize(times)
    result = format_summary(nav, format_ms)
    met = verdict(nav and nav.median, TARGETS["nav_ms"])
    if problems:
        result += f" — {len(problems)}/{len(times)} runs never ready: {problems[0]}"
        met = "❌"
    measure = f"instant navigation → {pair.split('→')[1]} interactive, {NAV_WHEN[when]}"
    if when != "settled":
        return Row(measure, slug, result, "", "❌" if problems else "")
    return Row(measure, slug, result, f"≤ {TARGETS['nav_ms']:.0f} ms", met)


LATENCY_MEASURES = {
    "held": f"input → updated prose + chart, arrow key held (a keydown every {KEY_REPEAT_MS} ms)",
    "tapped": "input → updated prose + chart, keys tapped back to back",
    "undeferred": "the same back to back, Chromium's input deferral off (diagnostic)",
}


def latency_row(slug, latency, how):
    """p50 / p95 / max of one page's slider moves; `how` is a key of LATENCY_MEASURES (the
    target is judged on the held key, the pace of a reader's keyboard)."""
    samples = latency["samples"]
    p95 = percentile(samples, 0.95)
    text = " / ".join(format_ms(v) for v in
                      (percentile(samples, 0.5), p95, max(samples) if samples else None))
    notes = [f"n={len(samples)}"]
    if latency.get("worker_ms"):
        notes.append(f"p50 split: worker round trip {format_ms(percentile(latency['worker_ms'], 0.5))}, "
                     f"page update {format_ms(percentile(latency['apply_ms'], 0.5))}")
    if latency["timeouts"]:
        notes.append(f"{latency['timeouts']} moves without update")
    if latency["unchanged"]:
        notes.append(f"{latency['unchanged']} moves changed no chart")
    measure = f"{LATENCY_MEASURES[how]}, p50 / p95 / max"
    if how != "held":
        return Row(measure, slug, f"{text} ({', '.join(notes)})", "", "")
    return Row(measure, slug, f"{text} ({', '.join(notes)})",
               f"p95 ≤ {TARGETS['latency_p95_ms']:.0f} ms", verdict(p95, TARGETS["latency_p95_ms"]))


def byte_rows(slug, cold_loads):
    """Bytes before first paint (target excludes Pyodide) and in total, split by kind."""
    before = [load.bytes_before_paint for load in cold_loads if load.bytes_before_paint]
    total = [load.bytes_total for load in cold_loads if load.bytes_total]
    if not before or not total:
        return []
    before_split = median_split(before)
    total_split = median_split(total)
    kb_before = without_pyodide(before_split)
    return [
        Row("bytes before first paint, gzip, excl. Pyodide", slug,
            f"{format_kb(kb_before)} ({format_split({k: v for k, v in before_split.items() if k != 'pyodide'})})",
            f"≤ {TARGETS['paint_kb']:.0f} KB", verdict(kb_before / 1000, TARGETS["paint_kb"])),
        Row("bytes until interactive + 0.5 s, gzip, all", slug,
            f"{format_kb(sum(total_split.values()))} ({format_split(total_split)})"),
    ]


def machine_info():
    """CPU model, cores, RAM, OS and Python of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram": ram, "load_before": load_average(),
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(),
            "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")}


def load_average():
    """The 1-minute load average (other work competing for the cores), or None."""
    try:
        return round(os.getloadavg()[0], 1)
    except (OSError, AttributeError):
        return None


def report(results, slugs, runs, moves):
    """The printed/README text: machine line, method line, the table."""
    machine = results.machine
    header = (f"Measured {machine.get('date')} on {machine.get('cpu')}, {machine.get('cores')} cores, "
              f"{machine.get('ram')} RAM, {machine.get('os')}, Chromium {machine.get('chromium')} "
              f"(headless), Python {machine.get('python')}; 1-min load average {machine.get('load_before')} "
              f"before and {machine.get('load_after')} after the run. {runs} runs per figure (median, "
              f"min–max in brackets), {moves} slider moves per page in the last run. Server: "
              f"127.0.0.1, gzip level {GZIP_LEVEL}, `Cache-Control: max-age={CACHE_SECONDS}` + ETag "
              f"(like GitHub Pages). Command: `.venv/bin/python -m site_src.bench`.")
    # The load after the run is mostly the bench's own Chromium; only the load before it
    # says whether other work was running.
    if (machine.get("load_before") or 0) > (machine.get("cores") or 1):
        header += (f" Other work kept the machine busy (load average {machine.get('load_before')} on "
                   f"{machine.get('cores')} cores before the run): the timings are inflated and noisy; "
                   "compare ratios measured in the same run rather than absolute times.")
    return header + "\n\n" + render_table(table_rows(results, slugs)) + "\n"


def replace_readme_section(readme_text, section):
    """README text with `section` between the bench markers (markers added to '## Benchmarks').

    Raises:
        ValueError: the README has neither the markers nor a '## Benchmarks' heading.
    """
    block = f"{README_START}\n{section.strip()}\n{README_END}"
    if README_START in readme_text and README_END in readme_text:
        before, rest = readme_text.split(README_START, 1)
        after = rest.split(README_END, 1)[1]
        return before + block + after
    heading = re.search(r"^## Benchmarks[ \t]*\n", readme_text, re.M)
    if heading is None:
        raise ValueError("README.md has no '## Benchmarks' section")
    following = re.search(r"^## ", readme_text[heading.end():], re.M)
    end = heading.end() + following.start() if following else len(readme_text)
    body = readme_text[heading.start():end].rstrip("\n")
    return readme_text[:heading.start()] + body + "\n\n" + block + "\n\n" + readme_text[end:].lstrip("\n")


def results_json(results):
    """Raw results as JSON-safe data."""
    def loads(mapping):
        return {slug: [dataclasses.asdict(load) for load in items] for slug, items in mapping.items()}
    return {"build_s": results.build_s, "fresh_build_s": results.fresh_build_s, "rebuild_s": results.rebuild_s, "floor": results.floor,
            "cold": loads(results.cold), "warm": loads(results.warm), "nav_ms": results.nav_ms,
            "nav_problems": results.nav_problems,
            "latency_tapped": results.latency_tapped, "latency_held": results.latency_held,
            "latency_undeferred": results.latency_undeferred,
            "machine": results.machine}
