"""`python -m site_src.bench`: the options, and one whole run from the builds to the README."""

import argparse
import functools
import json
import shutil
import sys
import tempfile
from pathlib import Path

import site_src.bench

from .report import load_average, machine_info, replace_readme_section, report, results_json
from .run import ESSAYS, Results, run_browser
from .server import SiteServer
from .site import PROJECT_ROOT, build_site, fresh_checkout_build, point_sitemap_at, rebuild_times, write_floor

README = PROJECT_ROOT / "README.md"


RESULTS_DIR = PROJECT_ROOT / "bench-results"


def parse_args(argv):
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m site_src.bench", description=site_src.bench.__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 5; 2 with --quick)")
    parser.add_argument("--moves", type=int, default=None,
                        help="keyboard slider moves per page (default 200; 40 with --quick)")
    parser.add_argument("--pages", nargs="+", choices=ESSAYS, default=None,
                        help="essay pages to measure (default all; two with --quick)")
    parser.add_argument("--builds", type=int, default=None, help="timed full builds (default 3; 1 with --quick)")
    parser.add_argument("--quick", action="store_true", help="a short run (< 2 minutes); README untouched")
    parser.add_argument("--no-readme", action="store_true", help="do not write the table into README.md")
    parser.add_argument("--keep", action="store_true", help="keep the temporary site folder")
    args = parser.parse_args(argv)
    args.runs = args.runs or (2 if args.quick else 5)
    args.moves = args.moves if args.moves is not None else (40 if args.quick else 200)
    args.pages = args.pages or (["nato-taxpayer", "meta-capex"] if args.quick else list(ESSAYS))
    args.builds = args.builds or (1 if args.quick else 3)
    return args


def main(argv=None):
    """Run the benchmark, print the table; write README and bench-results/ on full runs."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    log = functools.partial(print, file=sys.stderr, flush=True)
    results = Results(machine=machine_info())
    workdir = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    try:
        site_dir = workdir / "site"
        for number in range(args.builds):
            log(f"build {number + 1}/{args.builds}")
            shutil.rmtree(site_dir, ignore_errors=True)
            results.build_s.append(build_site(site_dir))
        log("build of a fresh checkout")
        results.fresh_build_s.append(fresh_checkout_build(workdir))
        log("rebuilds after a page edit")
        results.rebuild_s = rebuild_times(workdir / "rebuild", "nato-taxpayer.md", args.builds)
        def prepare(base_url):
            point_sitemap_at(site_dir, base_url)
            write_floor(site_dir)

        log("compressing the site for the server")
        server = SiteServer(site_dir, measured=True, prepare=prepare).start()
        try:
            run_browser(results, server, args.pages, args.runs, args.moves, log)
        finally:
            server.stop()
    finally:
        if args.keep:
            log(f"site kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    results.machine["load_after"] = load_average()
    text = report(results, args.pages, args.runs, args.moves)
    print(text)
    if not args.quick:
        RESULTS_DIR.mkdir(exist_ok=True)
        (RESULTS_DIR / "latest.json").write_text(json.dumps(results_json(results), indent=1,
                                                            ensure_ascii=False), encoding="utf-8")
        if not args.no_readme:
            README.write_text(replace_readme_section(README.read_text(encoding="utf-8"), text),
                              encoding="utf-8")
            log(f"table written to {README}")
    return 0
