"""The line scanner behind `make check`: every widget directive of a page, with its line.

It reads the raw Markdown before anything is rendered (see `check.py`), so that every
mistake is reported with its file and line, all at once, before a single page is
written. What it looks for comes from the directive registry (`directives.py`); the
blocks pymdown-extensions itself knows are left alone.
"""

import dataclasses
import difflib
import functools
import re

import markdown
import yaml

from .directives import BLOCKS, INLINE, did_you_mean

_BLOCK_HEAD = re.compile(r"^(?P<indent>\s*)///\s*(?P<name>[\w-]+)\s*(?:\|\s*(?P<arg>.*?))?\s*$")
_BLOCK_END = re.compile(r"^\s*///\s*$")
_INLINE = re.compile(r"`#!(?P<name>[\w-]+)(?:\s+(?P<arg>[^`]*))?`")
#: Inline-hilite languages that are code, not directives.
_CODE_LANGS = ("py", "python", "js", "javascript", "bash", "sh", "text", "json", "yaml", "md")


@dataclasses.dataclass(frozen=True)
class Found:
    """One directive as written in a page."""

    name: str
    arg: str
    line: int
    options: dict = dataclasses.field(default_factory=dict)
    #: Source line of each option key, so a problem points at the line holding the bad word.
    option_lines: dict = dataclasses.field(default_factory=dict)

    def line_of(self, key):
        """The line of option `key` (the block's first line when unknown)."""
        return self.option_lines.get(key, self.line)


def scan(source):
    """Every widget directive in a page, with 1-based line numbers.

    Args:
        source: The page's Markdown without front matter.

    Returns:
        (found, problems): Found directives, and (line, message) pairs for
        malformed syntax found while scanning.
    """
    directives, problems = [], []
    lines = source.split("\n")
    in_fence = False
    index = 0
    while index < len(lines):
        text = lines[index]
        if text.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            index += 1
            continue
        head = _BLOCK_HEAD.match(text)
        if head and not _BLOCK_END.match(text):
            index = _scan_block(lines, index, head, directives, problems)
            continue
        for match in _INLINE.finditer(text):
            name = match.group("name")
            arg = (match.group("arg") or "").strip()
            if name in INLINE:
                directives.append(Found(name, arg, index + 1))
            elif name not in _CODE_LANGS and difflib.get_close_matches(name, INLINE, n=1, cutoff=0.6):
                problems.append((index + 1, f'unknown inline directive "#!{name}": '
                                            f"{did_you_mean(name, INLINE)}"))
        index += 1
    return directives, problems


def _scan_block(lines, index, head, directives, problems):
    """Read one `/// name | arg` block with its indented YAML options; return the next index."""
    name, arg, line = head.group("name"), (head.group("arg") or "").strip(), index + 1
    if name not in BLOCKS:
        if name not in pymdown_blocks() and difflib.get_close_matches(name, BLOCKS, n=1, cutoff=0.6):
            problems.append((line, f'unknown block "{name}": {did_you_mean(name, BLOCKS)}'))
        return index + 1
    option_lines_text = []
    index += 1
    while index < len(lines) and lines[index].startswith("    ") and lines[index].strip():
        option_lines_text.append(lines[index])
        index += 1
    options = {}
    if option_lines_text:
        try:
            options = yaml.safe_load("\n".join(text.strip() for text in option_lines_text)) or {}
        except yaml.YAMLError as error:
            problems.append((line + 1, f"options of /// {name} are not valid YAML ({error.__class__.__name__}); "
                                       "write them as `    controls: [a, b]`"))
        if not isinstance(options, dict):
            problems.append((line + 1, f"options of /// {name} must be `key: value` lines"))
            options = {}
    while index < len(lines) and not _BLOCK_END.match(lines[index]):
        if lines[index].strip():
            problems.append((index + 1, f"/// {name} takes no content: indent options by four spaces "
                                        "(`    controls: [a, b]`) and close the block with a line `///`"))
            break
        index += 1
    if index >= len(lines):
        problems.append((line, f'/// {name} | {arg} is never closed: add a line "///" after it'))
    option_lines = {}
    for number, text in enumerate(option_lines_text, start=line + 1):
        key = text.strip().split(":", 1)[0]
        if ":" in text:
            option_lines.setdefault(key, number)
    directives.append(Found(name, arg, line, options, option_lines))
    return index + 1


def format_problems(path, problems):
    """Render (line, message) pairs as `path:line: message` lines."""
    return "\n".join(f"{path}:{line}: {message}" for line, message in sorted(problems))


@functools.cache
def pymdown_blocks():
    """Names of the blocks pymdown-extensions' own block extensions register (admonition and
    its types, details, tab, caption, …): a near-miss of ours among them is not a typo."""
    md = markdown.Markdown(extensions=[f"pymdownx.blocks.{name}" for name in
                                       ("admonition", "details", "html", "tab", "caption", "definition")])
    processor = next(p for p in md.parser.blockprocessors if hasattr(p, "blocks") and isinstance(p.blocks, dict))
    return frozenset(processor.blocks)
