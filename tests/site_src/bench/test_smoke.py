"""The benchmark's bookkeeping: statistics, byte accounting, the table and the README block.

No timings are asserted here; these check that `make bench` reports what it measured.
"""

import gzip
import urllib.request

import pytest

from site_src.bench import cli, page, report, run, server, site, stats
from site_src.bench import latency as bench_latency


# --- statistics -------------------------------------------------------------------

def test_summary_is_median_with_range():
    summary = stats.summarize([30.0, 10.0, 20.0, 50.0])
    assert summary == stats.Summary(median=25.0, low=10.0, high=50.0, count=4)


def test_summary_ignores_missing_runs_and_is_none_without_any():
    assert stats.summarize([None, 4.0, float("nan"), 2.0]) == stats.Summary(3.0, 2.0, 4.0, 2)
    assert stats.summarize([None]) is None


def test_percentile_is_nearest_rank():
    samples = list(range(1, 201))  # 1 … 200
    assert stats.percentile(samples, 0.5) == 100
    assert stats.percentile(samples, 0.95) == 190
    assert stats.percentile(samples, 1.0) == 200
    assert stats.percentile([7.0], 0.95) == 7.0
    assert stats.percentile([], 0.95) is None


def test_ratio_uses_the_same_runs_floor():
    summary = stats.ratio_summary([1100, 2400], [1000, 2000])
    assert summary.low == pytest.approx(1.1)
    assert summary.high == pytest.approx(1.2)


# --- formatting ---------------------------------------------------------------------

def test_formatters():
    assert stats.format_ms(1234.4) == "1,234 ms"
    assert stats.format_ms(12.34) == "12.3 ms"
    assert stats.format_kb(577_300) == "577 KB"
    assert stats.format_kb(19_226) == "19.2 KB"
    assert stats.format_ratio(1.0749) == "1.07×"
    assert stats.format_seconds(4.056) == "4.06 s"


def test_summary_text_shows_range_only_when_runs_differ():
    assert stats.format_summary(stats.Summary(1200, 1100, 1300, 5), stats.format_ms) == \
        "1,200 ms (1,100 ms–1,300 ms)"
    assert stats.format_summary(stats.Summary(12, 12, 12, 3), stats.format_ms) == "12.0 ms"
    assert stats.format_summary(None, stats.format_ms) == "—"


def test_verdict_says_by_how_much_a_target_is_missed():
    assert stats.verdict(1.10, 1.15) == "✅"
    assert stats.verdict(1.15, 1.15) == "✅"
    assert stats.verdict(24.0, 16.0) == "❌ +50%"
    assert stats.verdict(None, 16.0) == ""


def test_table_is_markdown_with_escaped_pipes():
    table = stats.render_table([stats.Row("a | b", "nato-taxpayer", "1.0 ms", "≤ 16 ms", "✅")])
    lines = table.splitlines()
    assert lines[0].startswith("| Measure | Page |")
    assert lines[1] == "|---|---|---|---|---|"
    assert lines[2] == "| a \\| b | nato-taxpayer | 1.0 ms | ≤ 16 ms | ✅ |"


def test_held_key_latency_row_carries_the_target():
    latency = {"samples": [float(v) for v in range(1, 201)], "timeouts": 2, "unchanged": 0,
               "worker_ms": [5.0] * 200, "apply_ms": [2.0] * 200}
    row = report.latency_row("nato-taxpayer", latency, "held")
    assert row.result.startswith("100 ms / 190 ms / 200 ms (n=200")
    assert "2 moves without update" in row.result
    assert row.met == "❌ +1088%"
    assert f"a keydown every {bench_latency.KEY_REPEAT_MS} ms" in row.measure


@pytest.mark.parametrize("how", ["tapped", "undeferred"])
def test_back_to_back_latency_rows_are_context_without_a_verdict(how):
    latency = {"samples": [4.0] * 50, "timeouts": 0, "unchanged": 3,
               "worker_ms": [2.0] * 50, "apply_ms": [1.0] * 50}
    row = report.latency_row("nato-taxpayer", latency, how)
    assert "back to back" in row.measure
    assert row.result.startswith("4.0 ms / 4.0 ms / 4.0 ms (n=50")
    assert (row.target, row.met) == ("", ""), "the target is judged on the held key only"


def test_essay_rows_put_the_held_key_first():
    sample = {"samples": [3.0] * 10, "timeouts": 0, "unchanged": 0}
    results = run.Results(latency_tapped={"meta-capex": sample}, latency_held={"meta-capex": sample},
                            latency_undeferred={"meta-capex": sample})
    measures = [row.measure for row in report.essay_rows(results, "meta-capex") if "input →" in row.measure
                or "deferral" in row.measure]
    assert [m.split(",")[1].strip() for m in measures[:2]] == ["arrow key held (a keydown every 33 ms)",
                                                                "keys tapped back to back"]
    assert "deferral off" in measures[2]


# --- byte accounting ------------------------------------------------------------------

@pytest.mark.parametrize(("path", "kind"), [
    ("/nato-taxpayer/", "html"),
    ("/404.html", "html"),
    ("/assets/stylesheets/main.57a0d79d.min.css", "css"),
    ("/assets/explainer/explainer.css", "css"),
    ("/assets/javascripts/bundle.a5f9d56c.min.js", "js"),
    ("/assets/explainer/worker.js", "js"),
    ("/assets/bokeh/3.9.2/bokeh.min.js", "bokeh"),
    ("/assets/pyodide/314.0.7/pyodide.asm.wasm", "pyodide"),
    ("/assets/pyodide/314.0.7/python_stdlib.zip", "pyodide"),
    ("/assets/explainer/models-d5e75000c4/stdlib-314.0.7.zip", "pyodide"),
    ("/assets/explainer/models-d5e75000c4/nato_taxpayer.zip", "models"),
    ("/assets/explainer/models-d5e75000c4/engine-314.0.7.snapshot.gz", "snapshot"),
    ("/search/search_index.json", "search"),
    ("/assets/javascripts/workers/search.f8cc74c7.min.js", "search"),
    ("/assets/images/favicon.png", "other"),
])
def test_every_file_has_a_kind(path, kind):
    assert stats.kind_of(path) == kind


def test_bytes_before_paint_only_count_requests_that_arrived_before_it():
    served = [server.Served(100.0, "/nato-taxpayer/", "html", 200, 19_000),
              server.Served(150.0, "/assets/bokeh/3.9.2/bokeh.min.js", "bokeh", 200, 350_000),
              server.Served(160.0, "/assets/pyodide/314.0.7/pyodide.asm.wasm", "pyodide", 200, 3_000_000),
              server.Served(900.0, "/search/search_index.json", "search", 200, 50_000)]
    before = stats.bytes_by_kind(served, until_ms=500.0)
    assert before["html"] == 19_000 and before["bokeh"] == 350_000 and before["search"] == 0
    assert stats.without_pyodide(before) == 369_000
    assert sum(stats.bytes_by_kind(served).values()) == 3_419_000
    assert stats.format_split(before) == "html 19.0 KB · bokeh 350 KB · pyodide 3,000 KB"


def test_gzip_is_sent_only_when_accepted_and_smaller():
    text = ("长文本 " * 2000).encode()
    compressed = server.gzip_bytes(text)
    assert gzip.decompress(compressed) == text
    assert server.encoded_body(text, compressed, accepts_gzip=True) == (compressed, True)
    assert server.encoded_body(text, compressed, accepts_gzip=False) == (text, False)
    tiny = b"x"
    assert server.encoded_body(tiny, server.gzip_bytes(tiny), accepts_gzip=True) == (tiny, False)


def test_server_gzips_caches_and_logs_what_it_sent(tmp_path):
    page = ("<p>一段正文。</p>" * 500).encode()
    (tmp_path / "essay").mkdir()
    (tmp_path / "essay" / "index.html").write_bytes(page)
    served_site = server.SiteServer(tmp_path, measured=True).start()
    try:
        request = urllib.request.Request(served_site.url + "essay/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Cache-Control"] == f"max-age={server.CACHE_SECONDS}"
            etag = response.headers["ETag"]
        assert gzip.decompress(body) == page
        again = urllib.request.Request(served_site.url + "essay/", headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            urllib.request.urlopen(again)
        assert not_modified.value.code == 304
    finally:
        served_site.stop()
    assert [(r.path, r.kind, r.status, r.body_bytes) for r in served_site.served] == [
        ("/essay/", "html", 200, len(body)), ("/essay/", "html", 304, 0)]


# --- marks, floor, sitemap, README ----------------------------------------------------

def test_paint_waits_for_the_charts_in_the_first_screenful_only():
    marks = [{"what": "chart-painted", "chart": "a", "t": 930.0},
             {"what": "chart-painted", "chart": "b", "t": 2900.0}]
    assert page.paint_time(marks, fcp=400.0, charts_in_view=["a"]) == 930.0
    assert page.paint_time(marks, fcp=400.0, charts_in_view=["a", "b"]) == 2900.0
    assert page.paint_time(marks, fcp=1000.0, charts_in_view=["a"]) == 1000.0
    assert page.paint_time([], fcp=400.0, charts_in_view=[]) == 400.0
    assert page.paint_time(marks, fcp=400.0, charts_in_view=["c"]) is None, "a chart never drawn"
    assert page.paint_time(marks, fcp=None, charts_in_view=[]) is None


def test_first_mark_filters_by_value_model_and_time():
    marks = [{"what": "data-state", "value": "ready", "model": "a", "t": 10.0},
             {"what": "click", "t": 20.0},
             {"what": "data-state", "value": "loading", "model": "b", "t": 25.0},
             {"what": "data-state", "value": "ready", "model": "b", "t": 60.0}]
    assert page.first_mark(marks, "data-state", "ready") == 10.0
    assert page.first_mark(marks, "data-state", "ready", model="b", after=20.0) == 60.0
    assert page.first_mark(marks, "click", after=30.0) is None


def test_a_fresh_checkout_build_makes_the_engines_files_anew(tmp_path):
    seconds = site.fresh_checkout_build(tmp_path)
    project = tmp_path / "fresh-checkout"
    made = list((project / ".cache" / "engine").glob("*/stdlib.zip"))
    assert made, "the fresh checkout's build has no engine files of its own in its .cache"
    assert (project / "site" / "nato-taxpayer" / "index.html").exists()
    assert 0 < seconds < 600


def test_floor_page_loads_pyodide_from_the_sites_own_files(tmp_path):
    runtime = tmp_path / "assets" / "pyodide" / "314.0.7"
    runtime.mkdir(parents=True)
    (runtime / "pyodide.mjs").write_text("export {}")
    site.write_floor(tmp_path)
    worker = (tmp_path / site.FLOOR_DIR / "worker.mjs").read_text()
    assert 'from "../assets/pyodide/314.0.7/pyodide.mjs"' in worker
    assert 'type: "module"' in (tmp_path / site.FLOOR_DIR / "index.html").read_text()
    # The floor boots stock Pyodide: its own standard library, which the site does not ship.
    stock = site.PROJECT_ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
    assert (runtime / "python_stdlib.zip").read_bytes() == stock.read_bytes()


def test_sitemap_lists_every_page_at_the_bench_server(tmp_path):
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?>\n<urlset><url><loc>'
                                          'http://127.0.0.1:8000/</loc></url></urlset>')
    for folder in ("", "nato-taxpayer/"):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / "index.html").write_text("<p>")
    site.point_sitemap_at(tmp_path, "http://127.0.0.1:8123/")
    sitemap = (tmp_path / "sitemap.xml").read_text()
    assert "<loc>http://127.0.0.1:8123/</loc>" in sitemap
    assert "<loc>http://127.0.0.1:8123/nato-taxpayer/</loc>" in sitemap
    assert ":8000" not in sitemap


README = """# Title

## Benchmarks

(written by the lead)

## Security

text
"""


def test_readme_block_is_added_at_the_end_of_the_benchmarks_section():
    updated = report.replace_readme_section(README, "| table |")
    assert updated.index("(written by the lead)") < updated.index(report.README_START) \
        < updated.index("| table |") < updated.index(report.README_END) < updated.index("## Security")
    assert updated.endswith("## Security\n\ntext\n")


def test_readme_block_is_replaced_between_markers_only():
    first = report.replace_readme_section(README, "| old |")
    second = report.replace_readme_section(first, "| new |")
    assert "| old |" not in second and "| new |" in second
    assert second.count(report.README_START) == 1
    assert second.replace("| new |", "| old |") == first


def test_readme_without_benchmarks_section_is_an_error():
    with pytest.raises(ValueError, match="Benchmarks"):
        report.replace_readme_section("# Title\n", "| table |")


def test_quick_options_are_small():
    quick = cli.parse_args(["--quick"])
    assert (quick.runs, quick.moves, quick.builds) == (2, 40, 1)
    assert len(quick.pages) == 2
    full = cli.parse_args([])
    assert (full.runs, full.moves, full.pages) == (5, 200, list(run.ESSAYS))


def test_navigation_target_is_judged_from_a_settled_page_only():
    settled = report.nav_row("meta-capex", "meta-capex→nato-taxpayer", [90.0, 120.0, 200.0], [], "settled")
    assert settled.met == "✅" and settled.target == "≤ 150 ms"
    assert "from a settled page" in settled.measure
    quick = report.nav_row("meta-capex", "meta-capex→nato-taxpayer", [300.0, 320.0, 900.0], [], "quick")
    assert (quick.target, quick.met) == ("", "")
    assert "as soon as the page is interactive" in quick.measure


def test_a_navigation_that_never_gets_ready_is_a_failure_either_way():
    for when in run.NAV_WHEN:
        row = report.nav_row("meta-capex", "meta-capex→nato-taxpayer", [None, 100.0], ["still loading after 15 s"], when)
        assert row.met == "❌" and "1/2 runs never ready: still loading after 15 s" in row.result


def test_the_header_blames_other_work_only_for_load_before_the_run():
    machine = {"cores": 2, "load_before": 0.2, "load_after": 2.5}
    quiet = report.report(run.Results(machine=dict(machine)), [], 1, 0)
    assert "Other work" not in quiet, "the bench's own Chromium is not other work"
    busy = report.report(run.Results(machine=dict(machine, load_before=3.1)), [], 1, 0)
    assert "load average 3.1 on 2 cores before the run" in busy
