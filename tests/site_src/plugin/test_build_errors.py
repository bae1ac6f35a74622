"""Bad directives and front matter fail the build with `file:line: message`, all at once.

Every message must let an author fix the page without reading our code: it
names the file, the line in the source file (front matter included), the bad
word, and a "did you mean" hint (or the valid choices). Most cases call
`site_src.plugin.check.check_docs` on a temporary docs folder; a few run the real
`mkdocs build --strict` to prove the plugin stops before writing any page.
"""

import re
import sys
import types

import pytest

from site_src.plugin import check

from ..conftest import PROJECT_ROOT, build_output, mkdocs_build, run_python_module, write_project

FRONT = "---\ntitle: 测试页面\nmodel: nato_taxpayer\n---\n"  # lines 1–4; the body starts on line 5


def body(*lines):
    """A page: FRONT (4 lines), a heading on line 5, a blank line 6, then `lines` from line 7."""
    return FRONT + "# 标题\n\n" + "\n".join(lines) + "\n"


#: id → (page source, expected line, words the message must contain).
CASES = {
    "unknown model in front matter": (
        "---\ntitle: 测试页面\nmodel: nato_taxpaer\n---\n\n# 标题\n", 3,
        ['"nato_taxpaer"', 'did you mean "nato_taxpayer"']),
    "unknown chart": (
        body("/// explainer | chart_e2_rnet", "///"), 7,
        ['"chart_e2_rnet"', 'did you mean "chart_e2_rent"']),
    "unknown output": (
        body("每人约 `#!out gross_per_taxpayr` 美元。"), 7,
        ['"gross_per_taxpayr"', 'did you mean "gross_per_taxpayer"']),
    "unknown verdict": (
        body("第一段。", "", "文中结论:`#!verdict e2.per_taxpayer_100`"), 9,
        ['"e2.per_taxpayer_100"', 'did you mean "e2.per_taxpayer_1000"']),
    "unknown parameter in controls": (
        body("/// explainer | chart_e2_rent", "    controls: [rent_b, taxpayer_m]", "///"), 8,
        ['"taxpayer_m"', 'did you mean "taxpayers_m"']),
    "unknown record id": (
        body("/// record | C44", "///"), 7,
        ['"C44"', 'did you mean "C4"']),
    "misspelt block name": (
        body("/// explaner | chart_e2_rent", "///"), 7,
        ['"explaner"', 'did you mean "explainer"']),
    "misspelt inline directive": (
        body("每人约 `#!outt gross_per_taxpayer` 美元。"), 7,
        ['"#!outt"', 'did you mean "out"']),
    "unknown option key": (
        body("/// explainer | chart_e2_rent", "    control: [rent_b]", "///"), 8,
        ['"control"', 'did you mean "controls"']),
    "controls not a list": (
        body("/// explainer | chart_e2_rent", "    controls: 5", "///"), 8,
        ["controls must be a list", "controls: [a, b]"]),
    "unclosed block at the end of the page": (
        body("/// explainer | chart_e2_rent", "    controls: [rent_b]"), 7,
        ["chart_e2_rent", "never closed", '"///"']),
    "unclosed block followed by text": (
        body("/// explainer | presets", "", "后面的正文。"), 9,
        ["/// explainer", "close the block with a line `///`"]),
    "directives on a page without a model": (
        "---\ntitle: 没有模型\n---\n\n正文 `#!out gross_per_taxpayer`。\n", 5,
        ["model: <slug>", "nato_taxpayer"]),
    "invalid YAML front matter": (
        "---\ntitle: 测试页面\nmodel: [nato_taxpayer\n---\n\n# 标题\n", 3,
        ["front matter is not valid YAML"]),
    "front matter never closed": (
        "---\ntitle: 测试页面\nmodel: nato_taxpayer\n\n# 标题\n", 1,
        ["front matter is never closed", "---"]),
    "unknown front matter key": (
        "---\ntitle: 测试页面\nmodle: nato_taxpayer\n---\n\n# 标题\n", 3,
        ['"modle"', 'did you mean "model"']),
}


def report_lines(report, path):
    """{line number: [messages]} of the report lines that name `path`."""
    found = {}
    for entry in report.splitlines():
        match = re.match(rf"^{re.escape(path)}:(\d+): (.*)$", entry)
        if match:
            found.setdefault(int(match.group(1)), []).append(match.group(2))
    return found


def assert_reported(report, path, line, words):
    """The report names `path` at `line` with a message containing every one of `words`."""
    by_line = report_lines(report, path)
    assert by_line, f"the report does not name {path}:\n{report}"
    assert line in by_line, f"expected {path}:{line}, got lines {sorted(by_line)}:\n{report}"
    assert any(all(word in message for word in words) for message in by_line[line]), \
        f"{path}:{line} should mention {words}:\n{report}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_page_is_reported_with_file_line_word_and_hint(tmp_path, case):
    source, line, words = CASES[case]
    page_path = tmp_path / "docs" / "essays" / "bad.md"
    page_path.parent.mkdir(parents=True)
    page_path.write_text(source, encoding="utf-8")
    report = check.check_docs(tmp_path / "docs")
    assert_reported(report, "essays/bad.md", line, words)


@pytest.mark.parametrize("case", sorted(CASES))
def test_line_numbers_count_front_matter(case):
    """check_page alone agrees with the file report, line for line."""
    source, line, words = CASES[case]
    problems = check.check_page(source)
    assert any(number == line and all(w in message for w in words) for number, message in problems), \
        f"{case}: expected line {line}, got {problems}"


def test_a_good_page_has_no_problems():
    source = body("/// explainer | chart_e2_rent", "    controls: [rent_b, taxpayers_m]", "///", "",
                  "每人 `#!out gross_per_taxpayer`,`#!verdict e2.per_taxpayer_1000`", "",
                  "/// record | C4", "///", "", "```python", "/// explaner | not a directive in code",
                  "```", "", "代码 `#!py print(1)` 不是指令。")
    assert check.check_page(source) == []


def test_all_problems_of_one_page_are_listed(tmp_path):
    """An author fixes every mistake in one pass: the report does not stop at the first."""
    source = body("/// explainer | chart_e2_rnet", "///", "", "`#!out gross_per_taxpayr`", "",
                  "`#!verdict e2.nope`")
    (tmp_path / "page.md").write_text(source, encoding="utf-8")
    report = check.check_docs(tmp_path)
    assert sorted(report_lines(report, "page.md")) == [7, 10, 12]


# --- a model whose SPEC contradicts itself --------------------------------------

@pytest.fixture
def broken_model(monkeypatch):
    """A fake `widgets.broken_spec` model whose SPEC declares `rent_b` twice."""
    from widgets import base

    module = types.ModuleType("widgets.broken_spec")
    module.SPEC = [base.param("rent_b", "十亿美元/年", 50, 0, 500, 5, "Rent", "租金", "essay"),
                   base.param("rent_b", "十亿美元/年", 60, 0, 500, 5, "Rent", "租金", "essay")]
    module.PRESETS = {}
    monkeypatch.setitem(sys.modules, "widgets.broken_spec", module)
    monkeypatch.setattr(check, "models", lambda: ["broken_spec", "nato_taxpayer"])
    check.model_info.cache_clear()
    yield "broken_spec"
    check.model_info.cache_clear()


def test_model_with_inconsistent_spec_fails_with_module_and_reason(broken_model):
    with pytest.raises(check.ModelError) as error:
        check.model_info(broken_model)
    message = str(error.value)
    assert "widgets/broken_spec.py" in message
    assert "SPEC is inconsistent" in message and "'rent_b' is declared twice" in message


def test_page_using_a_broken_model_points_at_its_model_line(broken_model):
    problems = check.check_page("---\ntitle: x\nmodel: broken_spec\n---\n\n`#!out a`\n")
    assert [(line, "declared twice" in message) for line, message in problems] == [(3, True)]


# --- real `mkdocs build --strict` ------------------------------------------------

GOOD_PAGE = body("每人 `#!out gross_per_taxpayer`。", "", "/// explainer | presets", "///")


@pytest.fixture(scope="module")
def failed_build(tmp_path_factory):
    """A project with three bad pages (one in a subfolder) and one good page, built once."""
    pages = {
        "index.md": GOOD_PAGE,
        "a.md": CASES["unknown chart"][0],
        "sub/b.md": CASES["unknown parameter in controls"][0],
        "c.md": CASES["misspelt block name"][0],
    }
    config_path = write_project(tmp_path_factory.mktemp("bad") / "project", pages)
    completed, site_dir = mkdocs_build(config_path)
    return completed, site_dir


def test_build_fails_on_bad_directives(failed_build):
    completed, _ = failed_build
    assert completed.returncode != 0, build_output(completed)[-3000:]


def test_build_reports_every_bad_page_in_one_failure(failed_build):
    completed, _ = failed_build
    output = build_output(completed)
    assert_reported(output, "a.md", *CASES["unknown chart"][1:])
    assert_reported(output, "sub/b.md", *CASES["unknown parameter in controls"][1:])
    assert_reported(output, "c.md", *CASES["misspelt block name"][1:])
    assert "index.md:" not in output, "the good page was reported"
    assert "Traceback" not in output, "authors should see a PluginError, not a traceback"


def html_pages(site_dir):
    """Relative paths of every HTML file under a site folder (none if it does not exist)."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def test_failed_build_writes_no_page_at_all(failed_build):
    _, site_dir = failed_build
    assert html_pages(site_dir) == [], "a failed build left pages behind"


def test_build_reports_front_matter_problems(project):
    config_path = project({
        "index.md": GOOD_PAGE,
        "yaml.md": CASES["invalid YAML front matter"][0],
        "key.md": CASES["unknown front matter key"][0],
        "nomodel.md": CASES["directives on a page without a model"][0],
    })
    completed, site_dir = mkdocs_build(config_path)
    output = build_output(completed)
    assert completed.returncode != 0
    assert_reported(output, "yaml.md", *CASES["invalid YAML front matter"][1:])
    assert_reported(output, "nomodel.md", *CASES["directives on a page without a model"][1:])
    assert_reported(output, "key.md", *CASES["unknown front matter key"][1:])
    assert html_pages(site_dir) == [], "a failed build left pages behind"


def test_build_fails_clearly_without_pyodide(tmp_path):
    config_path = write_project(tmp_path / "project", {"index.md": GOOD_PAGE})
    text = config_path.read_text(encoding="utf-8")
    missing = tmp_path / "no-pyodide-here"
    config_path.write_text(text.replace(str(PROJECT_ROOT / "node_modules" / "pyodide"), str(missing)),
                           encoding="utf-8")
    completed, _ = mkdocs_build(config_path)
    output = build_output(completed)
    assert completed.returncode != 0
    assert "Pyodide not found" in output and str(missing) in output and "npm ci" in output


# --- `python -m site_src.plugin.check` --------------------------------------------------

def test_check_command_passes_a_good_project(project):
    config_path = project({"index.md": GOOD_PAGE, "about.md": "# 关于\n"})
    completed = run_python_module("site_src.plugin.check", [str(config_path)], cwd=config_path.parent)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.startswith("ok: 2 pages and ")
    assert completed.stdout.strip().endswith("models checked")


def test_check_command_lists_problems_and_exits_1(project):
    config_path = project({"index.md": GOOD_PAGE, "a.md": CASES["unknown output"][0],
                           "b.md": CASES["unknown record id"][0]})
    completed = run_python_module("site_src.plugin.check", [], cwd=config_path.parent)
    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert_reported(completed.stdout, "a.md", *CASES["unknown output"][1:])
    assert_reported(completed.stdout, "b.md", *CASES["unknown record id"][1:])
    assert "index.md" not in completed.stdout


def test_check_command_passes_the_real_site():
    completed = run_python_module("site_src.plugin.check", [str(PROJECT_ROOT / "mkdocs.yml")],
                                  cwd=PROJECT_ROOT)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.startswith("ok: ")
