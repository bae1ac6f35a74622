"""Fidelity of the essay pages to the original essays.

Every essay page must carry the complete original text: after front matter,
Markdown syntax, HTML tags, explainer directives and all whitespace are
removed, the page text must be the original essay with nothing added except
the strings explicitly allowed below (titles the essays do not have).

The original of each essay is the exact seed line, copied into
``tests/fixtures/essays/<page-slug>.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import unescape
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = REPO_ROOT / "content"
FIXTURE_DIR = REPO_ROOT / "tests" / "fixtures" / "essays"
SEED_FILE = REPO_ROOT.parent / "shared" / "seeds" / "000_f43b399bca21b0ec.txt"
CONTEXT_CHARS = 50


@dataclass(frozen=True)
class EssayPage:
    """One essay page and what it may add to the original text.

    Attributes:
        slug: page file name without ``.md`` (also the fixture name).
        model: the model slug the page's front matter must name.
        allowed_additions: text the page may add beyond the original essay,
            such as a title for an essay that has none.
    """

    slug: str
    model: str
    allowed_additions: tuple[str, ...] = ()


# Seed order: line 1 .. line 5.
ESSAY_PAGES = (
    EssayPage("meta-capex", "meta_capex", allowed_additions=("Meta 的千亿美元算力豪赌",)),
    EssayPage("nato-taxpayer", "nato_taxpayer"),
    EssayPage("europe-treasuries", "treasuries", allowed_additions=("欧洲抛售美债,能反制美国吗?",)),
    EssayPage("notebooklm-flywheel", "notebooklm"),
    EssayPage("spacex-space-solar", "space_solar"),
)

PAGE_IDS = [page.slug for page in ESSAY_PAGES]

# --- stripping -----------------------------------------------------------------

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
DIRECTIVE_START = re.compile(r"^[ \t]*///[ \t]*(?:explainer|record|aside)[ \t]*\|[ \t]*\S+[ \t]*$")
DIRECTIVE_END = re.compile(r"^[ \t]*///[ \t]*$")
INLINE_DIRECTIVE = re.compile(r"`#!(?:out|verdict)[ \t]+[^`\n]+`")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[.#][\w-]+|[\w-]+=\S+)(?:[ \t]+(?:[.#][\w-]+|[\w-]+=\S+))*[ \t]*\}")
HEADING_MARK = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.MULTILINE)
THEMATIC_BREAK = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
SETEXT_UNDERLINE = re.compile(r"^[ \t]{0,3}=+[ \t]*$", re.MULTILINE)
QUOTE_MARK = re.compile(r"^(?:[ \t]*>)+[ \t]?", re.MULTILINE)
LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.MULTILINE)
IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
WHITESPACE = re.compile(r"\s+")


def split_front_matter(page_source: str) -> tuple[dict, str]:
    """Split a page into its YAML front matter and its Markdown body.

    Args:
        page_source: the whole ``.md`` file.

    Returns:
        The parsed front matter (empty if there is none) and the body.
    """
    match = FRONT_MATTER.match(page_source)
    if not match:
        return {}, page_source
    return yaml.safe_load(match.group(1)) or {}, page_source[match.end():]


def strip_directives(body: str) -> str:
    """Remove explainer/record blocks and inline ``#!out``/``#!verdict`` forms.

    Args:
        body: Markdown without front matter.

    Returns:
        The body with every directive removed.

    Raises:
        ValueError: a block directive is never closed by a ``///`` line.
    """
    kept_lines = []
    open_block_line = None
    for line_number, line in enumerate(body.splitlines(), start=1):
        if open_block_line is None and DIRECTIVE_START.match(line):
            open_block_line = line_number
        elif open_block_line is not None:
            if DIRECTIVE_END.match(line):
                open_block_line = None
        else:
            kept_lines.append(line)
    if open_block_line is not None:
        raise ValueError(f"directive block opened on body line {open_block_line} is never closed by '///'")
    return INLINE_DIRECTIVE.sub("", "\n".join(kept_lines))


def strip_markdown(body: str) -> str:
    """Reduce Markdown to the characters a reader reads, without whitespace.

    Args:
        body: Markdown without front matter or directives.

    Returns:
        The visible text with all whitespace removed.
    """
    text = HTML_COMMENT.sub("", body)
    text = HTML_TAG.sub("", text)
    text = ATTR_LIST.sub("", text)
    text = THEMATIC_BREAK.sub("", text)
    text = SETEXT_UNDERLINE.sub("", text)
    text = HEADING_MARK.sub("", text)
    text = QUOTE_MARK.sub("", text)
    text = LIST_MARK.sub("", text)
    text = IMAGE_OR_LINK.sub(r"\1", text)
    text = STRONG.sub(r"\2", text)
    text = EMPHASIS.sub(r"\2", text)
    text = CODE_SPAN.sub(r"\1", text)
    text = ESCAPE.sub(r"\1", text)
    return WHITESPACE.sub("", unescape(text))


def page_reading_text(page_source: str) -> str:
    """Return the text of a page as compared with the original essay."""
    _, body = split_front_matter(page_source)
    return strip_markdown(strip_directives(body))


def squeeze(text: str) -> str:
    """Remove all whitespace, as the comparison ignores it."""
    return WHITESPACE.sub("", text)


# --- comparison ----------------------------------------------------------------


def _excerpt(text: str, position: int) -> str:
    """Show up to CONTEXT_CHARS characters either side of position, marked with ⟨here⟩."""
    before = text[max(0, position - CONTEXT_CHARS):position]
    after = text[position:position + CONTEXT_CHARS]
    return f"…{before}⟨here⟩{after}…"


def find_missing_original_text(page_text: str, original: str) -> str | None:
    """Check that the original's characters all occur in the page, in order.

    Args:
        page_text: the page's reading text (whitespace removed).
        original: the original essay (whitespace removed).

    Returns:
        None when the original is a subsequence of the page; otherwise a
        message showing where the first missing character is.
    """
    if _is_subsequence(original, page_text):
        return None
    original_position, page_position = _first_unmatched_original_character(page_text, original)
    return (
        f"original character {original_position} of {len(original)} "
        f"({original[original_position]!r}) is missing from the page.\n"
        f"  original: {_excerpt(original, original_position)}\n"
        f"  page:     {_excerpt(page_text, page_position)}"
    )


def _is_subsequence(needle: str, haystack: str) -> bool:
    """Tell whether needle's characters occur in haystack in order (greedy is exact here)."""
    remaining = iter(haystack)
    return all(character in remaining for character in needle)


def _first_unmatched_original_character(page_text: str, original: str) -> tuple[int, int]:
    """Locate the first original character the page lacks.

    A greedy subsequence scan would report the point where the page ran out,
    often far from the real omission; a diff finds the omission itself.

    Returns:
        The original position of the first unmatched character and the page
        position where it should have been.
    """
    matcher = SequenceMatcher(None, page_text, original, autojunk=False)
    covered_until = 0
    page_position = 0
    for block in matcher.get_matching_blocks():
        if block.b > covered_until:
            return covered_until, page_position
        covered_until = block.b + block.size
        page_position = block.a + block.size
    return min(covered_until, len(original) - 1), page_position


def find_unexplained_text(page_text: str, original: str, allowed_additions: tuple[str, ...]) -> str | None:
    """Check that the page is the original plus allowed additions only.

    The page must be obtainable from the original by inserting allowed
    additions (each any number of times) between its characters. The search
    tries reading the page as original text first and backtracks into an
    allowed addition where that fails, remembering dead ends.

    Args:
        page_text: the page's reading text (whitespace removed).
        original: the original essay (whitespace removed).
        allowed_additions: strings the page may add (whitespace is ignored).

    Returns:
        None when the page is explained; otherwise a message showing the first
        place where the page diverges from the original (50 characters of
        context on both sides).
    """
    additions = sorted({squeeze(addition) for addition in allowed_additions if squeeze(addition)}, key=len, reverse=True)
    goal = (len(page_text), len(original))
    pending = [(0, 0)]
    seen = {(0, 0)}
    furthest = (0, 0)
    while pending:
        page_position, original_position = pending.pop()
        if (page_position, original_position) == goal:
            return None
        furthest = max(furthest, (page_position, original_position))
        next_states = []
        for addition in additions:
            if page_text.startswith(addition, page_position):
                next_states.append((page_position + len(addition), original_position))
        if (
            page_position < len(page_text)
            and original_position < len(original)
            and page_text[page_position] == original[original_position]
        ):
            # Pushed last so that reading as original text is tried first.
            next_states.append((page_position + 1, original_position + 1))
        for state in next_states:
            if state not in seen:
                seen.add(state)
                pending.append(state)
    page_position, original_position = furthest
    if page_position == len(page_text):
        problem = "the page ends before the original does"
    elif original_position == len(original):
        problem = "the page continues after the original ends"
    else:
        problem = "the page text diverges from the original and is not an allowed addition"
    return (
        f"{problem} (page character {page_position}, original character {original_position}).\n"
        f"  page:     {_excerpt(page_text, page_position)}\n"
        f"  original: {_excerpt(original, original_position)}\n"
        f"  allowed additions: {list(allowed_additions)}"
    )


# --- fixtures ------------------------------------------------------------------


def read_page(slug: str) -> str:
    """Return the Markdown source of content/<slug>.md."""
    return (CONTENT_DIR / f"{slug}.md").read_text(encoding="utf-8")


def read_original(slug: str) -> str:
    """Return the original essay (one seed line) stored for a page."""
    return (FIXTURE_DIR / f"{slug}.txt").read_text(encoding="utf-8").rstrip("\n")


# --- the pages -----------------------------------------------------------------


@pytest.mark.parametrize("page", ESSAY_PAGES, ids=PAGE_IDS)
def test_page_keeps_every_character_of_the_essay_in_order(page: EssayPage) -> None:
    problem = find_missing_original_text(page_reading_text(read_page(page.slug)), squeeze(read_original(page.slug)))
    assert problem is None, f"{page.slug}.md: {problem}"


@pytest.mark.parametrize("page", ESSAY_PAGES, ids=PAGE_IDS)
def test_page_adds_nothing_beyond_the_allowed_additions(page: EssayPage) -> None:
    problem = find_unexplained_text(
        page_reading_text(read_page(page.slug)), squeeze(read_original(page.slug)), page.allowed_additions
    )
    assert problem is None, f"{page.slug}.md: {problem}"


@pytest.mark.parametrize("page", ESSAY_PAGES, ids=PAGE_IDS)
def test_every_allowed_addition_is_used_on_its_page(page: EssayPage) -> None:
    page_text = page_reading_text(read_page(page.slug))
    unused = [addition for addition in page.allowed_additions if squeeze(addition) not in page_text]
    assert not unused, f"{page.slug}.md: remove stale allow-list entries {unused}"


@pytest.mark.parametrize("page", ESSAY_PAGES, ids=PAGE_IDS)
def test_front_matter_names_the_model_and_describes_the_page(page: EssayPage) -> None:
    front_matter, _ = split_front_matter(read_page(page.slug))
    assert front_matter.get("model") == page.model, f"{page.slug}.md: front matter model must be {page.model!r}"
    title = front_matter.get("title")
    assert isinstance(title, str) and re.search(r"[\u4e00-\u9fff]", title), f"{page.slug}.md: needs a Chinese title"
    description = front_matter.get("description")
    assert isinstance(description, str) and re.search(r"[\u4e00-\u9fff]", description), (
        f"{page.slug}.md: needs a Chinese description"
    )
    sentence_ends = re.findall(r"[。!?!?]", description)
    assert len(sentence_ends) == 1 and description.endswith("。"), (
        f"{page.slug}.md: the description should be one sentence ending in '。': {description!r}"
    )


@pytest.mark.parametrize("page", ESSAY_PAGES, ids=PAGE_IDS)
def test_page_has_exactly_one_h1(page: EssayPage) -> None:
    _, body = split_front_matter(read_page(page.slug))
    h1_lines = re.findall(r"^# \S.*$", strip_directives(body), re.MULTILINE)
    assert len(h1_lines) == 1, f"{page.slug}.md: expected one '# ' title line, found {h1_lines}"


def test_fixtures_are_the_seed_lines_in_page_order() -> None:
    if not SEED_FILE.exists():
        pytest.skip(f"seed file not present at {SEED_FILE}; fixtures cannot be re-checked against it")
    seed_lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    assert [read_original(page.slug) for page in ESSAY_PAGES] == seed_lines


# --- the site pages around the essays --------------------------------------------


def test_index_links_every_essay_page_and_the_method_page() -> None:
    index_source = read_page("index")
    linked_pages = set(re.findall(r"\]\(([\w-]+)\.md(?:#[^)]*)?\)", index_source))
    expected = {page.slug for page in ESSAY_PAGES} | {"about"}
    assert expected <= linked_pages, f"index.md does not link {sorted(expected - linked_pages)}"


def test_index_explains_controls_and_toy_model_status() -> None:
    index_text = page_reading_text(read_page("index"))
    for phrase in ("滑块", "预设", "重置", "分享链接", "玩具模型", "仅作说明", "非预测"):
        assert phrase in index_text, f"index.md should mention {phrase!r}"


def test_method_page_explains_sources_statuses_and_verdicts() -> None:
    about_text = page_reading_text(read_page("about"))
    for phrase in ("已核实", "部分核实", "未核实", "成立", "不成立", "无法判断", "Pyodide"):
        assert phrase in about_text, f"about.md should explain {phrase!r}"


# --- the checker itself: it must notice what an author could get wrong -----------

SAMPLE_PAGE = ESSAY_PAGES[4]


def test_directives_are_ignored_by_the_comparison() -> None:
    page_source = read_page(SAMPLE_PAGE.slug)
    with_directives = page_source.replace(
        "## 百万亿美元估值的合理性\n",
        "## 百万亿美元估值的合理性\n\n/// explainer | chart_e5_valuation\n"
        "controls: [launch_cost, market_share]\n///\n\n"
        "/// record | e5_market\n///\n",
    ).replace(
        "它不可能值这么多。",
        "它不可能值这么多 `#!out valuation_t.mid`。`#!verdict e5.valuation`",
    )
    assert with_directives != page_source
    assert page_reading_text(with_directives) == page_reading_text(page_source)


def test_unclosed_directive_block_is_reported() -> None:
    with pytest.raises(ValueError, match="never closed"):
        strip_directives("前文\n/// explainer | chart_e5_lcoe\ncontrols: [a]\n后文\n")


def test_dropped_character_is_caught_with_context() -> None:
    original = squeeze(read_original(SAMPLE_PAGE.slug))
    page_text = page_reading_text(read_page(SAMPLE_PAGE.slug)).replace("不可定价", "不定价", 1)
    problem = find_missing_original_text(page_text, original)
    assert problem is not None and "('可')" in problem and "不⟨here⟩可定价" in problem
    assert find_unexplained_text(page_text, original, SAMPLE_PAGE.allowed_additions) is not None


def test_reworded_passage_is_caught_at_the_first_divergence() -> None:
    original = squeeze(read_original(SAMPLE_PAGE.slug))
    page_text = page_reading_text(read_page(SAMPLE_PAGE.slug)).replace("也就是太阳。", "也就是太阳啊。", 1)
    problem = find_unexplained_text(page_text, original, SAMPLE_PAGE.allowed_additions)
    assert problem is not None
    assert "也就是太阳⟨here⟩啊。" in problem


def test_unlisted_heading_is_caught_and_listed_one_passes() -> None:
    original = squeeze(read_original(SAMPLE_PAGE.slug))
    page_source = read_page(SAMPLE_PAGE.slug).replace("## 核裂变的问题", "## 三种能源\n\n## 核裂变的问题", 1)
    page_text = page_reading_text(page_source)
    assert find_missing_original_text(page_text, original) is None
    assert find_unexplained_text(page_text, original, SAMPLE_PAGE.allowed_additions) is not None
    assert find_unexplained_text(page_text, original, (*SAMPLE_PAGE.allowed_additions, "三种能源")) is None


def test_addition_that_shares_its_start_with_the_essay_is_still_explained() -> None:
    # "核聚变" also opens essay text right after the heading; the checker has
    # to backtrack instead of consuming the addition as original text.
    original = squeeze("核聚变的问题甚至不是“贵”")
    page_text = squeeze("核聚变是什么 核聚变的问题甚至不是“贵”")
    assert find_unexplained_text(page_text, original, ("核聚变是什么",)) is None
    assert find_unexplained_text(page_text, original, ()) is not None


def test_markdown_syntax_is_not_mistaken_for_text() -> None:
    source = (
        "# 标题\n\n> 引文 **加粗** *斜体* [链接](other.md){ .md-button }\n\n"
        "- 一\n1. 二\n\n---\n\n<span class=\"x\">三</span> Q>1 \\*四\n"
    )
    assert strip_markdown(source) == "标题引文加粗斜体链接一二三Q>1*四"
