"""`make diff` on a throw-away git repository made from the project's models and pages.

Each test copies what the extractor reads (widgets, content, mkdocs.yml and the fidelity
check with its essay fixtures) into a fresh repository, commits it, makes one change,
commits again and compares HEAD~1 with the working tree through the real CLI (the values
of each side come from a subprocess running that side's own models).
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from site_src.review.__main__ import main
from widgets import nato_taxpayer, runtime

PROJECT_ROOT = Path(__file__).resolve().parents[3]
COPIED = ("widgets", "content", "mkdocs.yml", "tests/__init__.py", "tests/content", "tests/fixtures/essays")
GIT_IDENTITY = ("-c", "user.name=review test", "-c", "user.email=review@example.invalid")
TAXPAYERS_DEFAULT = re.compile(r'(param\(\s*"taxpayers_m",\s*"[^"]*",\s*)[\d.]+')
NATO_OUTPUTS = ("gross_per_taxpayer", "explicit_price_share", "net_per_taxpayer", "rent_per_taxpayer")


def git(repo, *args):
    """Run git in the throw-away repository; its stdout."""
    return subprocess.run(["git", *GIT_IDENTITY, *args], cwd=repo, capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.fixture
def repo(tmp_path):
    """A repository holding one commit of the project's models, pages and fidelity check."""
    root = tmp_path / "repo"
    for name in COPIED:
        source, target = PROJECT_ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "base")
    return root


def commit_edit(repo, path, edit):
    """Rewrite one file with `edit(text)` and commit it (the edit must change the file)."""
    file = repo / path
    text = file.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text, f"the edit of {path} changed nothing"
    file.write_text(changed, encoding="utf-8")
    git(repo, "commit", "--quiet", "--all", "-m", f"edit {path}")


def diff(repo, capsys, *args):
    """(exit status, stdout, stderr) of the CLI comparing HEAD~1 with the working tree."""
    status = main(["--base", "HEAD~1", "--root", str(repo), *args])
    out, err = capsys.readouterr()
    return status, out, err


def base_side(repo):
    """How the report names the base side."""
    return f"`HEAD~1` ({git(repo, 'rev-parse', 'HEAD~1')[:12]})"


def test_a_changed_default_lists_exactly_the_numbers_that_change_and_flags_the_flip(repo, capsys):
    old_default = next(p["default"] for p in nato_taxpayer.SPEC if p["name"] == "taxpayers_m")
    commit_edit(repo, "widgets/nato_taxpayer_scenario.py", lambda text: TAXPAYERS_DEFAULT.sub(r"\g<1>130", text, count=1))
    before = runtime.evaluate(nato_taxpayer, {})
    after = runtime.evaluate(nato_taxpayer, {"taxpayers_m": 130})

    status, out, _ = diff(repo, capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[:5] == ["## What readers will see change", "",
                         f"Base {base_side(repo)} → working tree: 1 page(s) change.", "",
                         "### nato-taxpayer.md · 美国纳税人为欧洲补贴了多少军费?"]
    assert (f"> ⚠️ `taxpayers_m` (实际缴纳联邦所得税的纳税人(百万)) is the essay's own number (source: essay); "
            f"its default changed {old_default} 百万人 → 130 百万人. Check that the page still matches the essay."
            ) in lines
    numbers = lines[lines.index("**Live numbers**") + 2:lines.index("**Verdicts**") - 1]
    labels = nato_taxpayer.OUTPUT_LABELS
    # A per-taxpayer figure moves with the number of taxpayers; the explicit price share does not.
    assert numbers == [f"- `{path}` {labels[path]}: {before['display'][path]} → {after['display'][path]}"
                       for path in ("gross_per_taxpayer", "net_per_taxpayer", "rent_per_taxpayer")]
    assert lines[lines.index("- `e2.per_taxpayer_1000` 约1000美元/人") + 1] == \
        "  - holds: **成立 → 不成立** (verdict flips)"

    _, as_json, _ = diff(repo, capsys, "--json")
    (page,) = json.loads(as_json)["pages"]
    assert list(page["sections"]) == ["defaults", "numbers", "verdicts", "flips", "captions"]
    assert [e["key"] for e in page["sections"]["numbers"]] == [
        path for path in NATO_OUTPUTS if before["display"][path] != after["display"][path]]
    flipped = {e["key"]: e["flipped"] for e in page["sections"]["verdicts"]}
    assert flipped == {"e2.per_taxpayer_1000": ["holds"], "e2.books_positive": [], "e2.rent_few_hundred": []}


def test_a_text_only_edit_reports_only_the_text(repo, capsys):
    (repo / "content" / "index.md").write_text("---\ntitle: 首页\n---\n\n# 首页\n\n这是第一句。这是第二句。\n",
                                              encoding="utf-8")
    git(repo, "commit", "--quiet", "--all", "-m", "a small index page")
    commit_edit(repo, "content/index.md", lambda text: text.replace("第二句", "第三句"))

    status, out, _ = diff(repo, capsys)
    assert status == 0
    assert out == (
        "## What readers will see change\n\n"
        f"Base {base_side(repo)} → working tree: 1 page(s) change.\n\n"
        "### index.md · 首页\n\n"
        "**Essay text**\n\n"
        "- reading text: 1 change(s) (whitespace and Markdown ignored)\n"
        "  - …首页这是第一句。这是第[-二-]{+三+}句。…\n"
        "- fidelity: unchanged\n")


def test_an_edit_of_the_essay_itself_reports_the_text_and_its_fidelity(repo, capsys):
    commit_edit(repo, "content/nato-taxpayer.md", lambda text: text.replace("答案很简单", "答案很清楚"))

    status, out, _ = diff(repo, capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[4:10] == [
        "### nato-taxpayer.md · 美国纳税人为欧洲补贴了多少军费?", "",
        "**Essay text**", "",
        "- reading text: 1 change(s) (whitespace and Markdown ignored)",
        "  - …0亿美元,最终由谁承担?答案很[-简单-]{+清楚+}:美国国内的纳税人。以约1.6…"]
    assert lines[10].startswith("- fidelity: faithful → NOT faithful: original character ")
    assert lines[10].endswith("('简') is missing from the page.")
    assert len(lines) == 11


def test_no_reader_facing_change_is_one_line(repo, capsys):
    commit_edit(repo, "widgets/nato_taxpayer.py", lambda text: text + "\n# A comment readers never see.\n")

    status, out, _ = diff(repo, capsys)
    assert (status, out) == (0, f"No reader-facing change between {base_side(repo)} and the working tree.\n")
    _, as_json, _ = diff(repo, capsys, "--json")
    assert json.loads(as_json)["changed"] is False and json.loads(as_json)["pages"] == []


def test_a_side_that_cannot_be_read_fails_naming_the_side(repo, capsys):
    commit_edit(repo, "widgets/nato_taxpayer.py", lambda text: text + "\nbroken = (\n")
    status, out, err = diff(repo, capsys)
    assert (status, out) == (2, "")
    assert err.startswith("make diff: working tree: extracting values failed: SyntaxError: '(' was never closed\n")

    status, _, err = diff(repo, capsys, "--base", "no-such-ref")
    assert (status, err) == (2, f"make diff: base 'no-such-ref': not a commit in {repo}\n")

    commit_edit(repo, "widgets/nato_taxpayer.py", lambda text: text.replace("\nbroken = (\n", ""))
    status, _, err = diff(repo, capsys)
    assert status == 2
    assert err.startswith(f"make diff: base HEAD~1 ({git(repo, 'rev-parse', 'HEAD~1')[:12]}): "
                          "extracting values failed: SyntaxError")
    assert git(repo, "worktree", "list").count("\n") == 0, "the base worktree was left behind"
