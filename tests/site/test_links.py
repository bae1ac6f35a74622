"""Broken internal links and anchors fail the build, naming the page and the link.

Each test builds a small project with the site's real plugin, Markdown
extensions and the `validation:` block of the real mkdocs.yml, so what is
checked is the configuration the site is built with, not a copy of it.
"""

import re

import yaml

from tests.site_src.conftest import PROJECT_ROOT, build_output, mkdocs_build, write_project


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; `!ENV` and `!!python/…` tags are kept as plain values (not needed here)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

SITE_CONFIG = yaml.load((PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)

SECOND_PAGE = """\
# 第二页

## 小节 {#part}

正文。
"""


def link_checked_project(root, pages, nav=None):
    """A test project with the site's `validation:` settings (and `nav:` when given).

    Returns:
        Path to its mkdocs.yml.
    """
    config_path = write_project(root, pages)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["validation"] = SITE_CONFIG["validation"]
    if nav is not None:
        config["nav"] = nav
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


def warnings_of(completed):
    """The WARNING lines of a build, without the level prefix."""
    return [re.sub(r"^WARNING\s+-\s+", "", line) for line in build_output(completed).splitlines()
            if line.startswith("WARNING")]


def test_site_config_turns_every_link_problem_into_a_warning():
    """With `strict: true`, a warning is a failed build; `info` would let a broken link through."""
    assert SITE_CONFIG["strict"] is True
    links = SITE_CONFIG["validation"]["links"]
    assert {key: links.get(key) for key in ("not_found", "anchors", "absolute_links", "unrecognized_links")} \
        == dict.fromkeys(("not_found", "anchors", "absolute_links", "unrecognized_links"), "warn")
    assert SITE_CONFIG["validation"]["nav"]["omitted_files"] == "warn"


def test_broken_link_and_broken_anchor_fail_the_build_naming_them(tmp_path):
    config = link_checked_project(tmp_path, {
        "index.md": "# 首页\n\n见[不存在的页](missing.md)和[不存在的小节](second.md#no-such-part)。\n",
        "second.md": SECOND_PAGE,
    })
    completed, site_dir = mkdocs_build(config)

    assert completed.returncode != 0, "a broken link and a broken anchor built without complaint"
    assert "Aborted with 2 warnings in strict mode" in build_output(completed)
    assert warnings_of(completed) == [
        "Doc file 'index.md' contains a link 'missing.md', but the target is not found among "
        "documentation files.",
        "Doc file 'index.md' contains a link 'second.md#no-such-part', but the doc 'second.md' does not "
        "contain an anchor '#no-such-part'.",
    ]


def test_links_that_break_under_a_subpath_fail_the_build(tmp_path):
    """`/second/` works at a domain's root but not under /essays/; `second/` is not checkable."""
    config = link_checked_project(tmp_path, {
        "index.md": "# 首页\n\n[绝对路径](/second/)、[目录路径](second/)。\n",
        "second.md": SECOND_PAGE,
    })
    completed, _ = mkdocs_build(config)

    assert completed.returncode != 0
    assert warnings_of(completed) == [
        "Doc file 'index.md' contains an absolute link '/second/', it was left as is. "
        "Did you mean 'second.md'?",
        "Doc file 'index.md' contains an unrecognized relative link 'second/', it was left as is. "
        "Did you mean 'second.md'?",
    ]


def test_broken_anchor_on_the_same_page_fails_the_build(tmp_path):
    config = link_checked_project(tmp_path, {
        "index.md": "# 首页\n\n## 方法 {#method}\n\n见[方法](#method)与[结论](#conclusion)。\n",
    })
    completed, _ = mkdocs_build(config)

    assert completed.returncode != 0
    assert warnings_of(completed) == [
        "Doc file 'index.md' contains a link '#conclusion', but there is no such anchor on this page.",
    ]


def test_page_missing_from_nav_fails_the_build(tmp_path):
    config = link_checked_project(
        tmp_path, {"index.md": "# 首页\n", "second.md": SECOND_PAGE}, nav=["index.md"])
    completed, _ = mkdocs_build(config)

    assert completed.returncode != 0
    assert "not included in the \"nav\" configuration" in build_output(completed)
    assert "  - second.md" in build_output(completed)


def test_valid_links_and_anchors_build_and_point_at_the_right_place(tmp_path):
    config = link_checked_project(tmp_path, {
        "index.md": "# 首页\n\n[第二页](second.md)、[小节](second.md#part)、[本页](#top)\n\n## 顶部 {#top}\n",
        "second.md": SECOND_PAGE,
    }, nav=["index.md", "second.md"])
    completed, site_dir = mkdocs_build(config)

    assert completed.returncode == 0, build_output(completed)[-2000:]
    assert warnings_of(completed) == []
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="second/"' in html and 'href="second/#part"' in html and 'href="#top"' in html
    assert 'id="part"' in (site_dir / "second" / "index.html").read_text(encoding="utf-8")
