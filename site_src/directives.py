"""Find and check the widget directives of a page before anything is rendered.

Pages place widgets with pymdown-extensions syntax:

    /// explainer | chart_e2_rent
        controls: [rent_b, taxpayers_m]
    ///

    每个纳税人约 `#!out gross_per_taxpayer`。`#!verdict e2.per_taxpayer_1000`

The Markdown extensions in `markdown_ext.py` render them; this module scans the
raw Markdown first (see `check.py`) so that every mistake is reported with its
file and line, all at once, before a single page is written.
"""

import dataclasses
import difflib
import re

import yaml

#: Block directives and the arguments each accepts (besides chart ids).
BLOCKS = ("explainer", "record", "aside")
EXPLAINER_PANELS = ("controls", "presets", "verdicts")
INLINE = ("out", "verdict")
#: Options an `explainer` block accepts.
OPTIONS = ("controls",)

_BLOCK_HEAD = re.compile(r"^(?P<indent>\s*)///\s*(?P<name>[\w-]+)\s*(?:\|\s*(?P<arg>.*?))?\s*$")
_BLOCK_END = re.compile(r"^\s*///\s*$")
_INLINE = re.compile(r"`#!(?P<name>[\w-]+)(?:\s+(?P<arg>[^`]*))?`")
#: pymdown's own blocks are left alone.
_KNOWN_OTHER_BLOCKS = ("admonition", "details", "note", "tip", "warning", "html", "tab", "caption",
                       "figure-caption", "table-caption", "attention", "caution", "danger", "error",
                       "hint", "important", "define", "example", "quote", "abstract", "info",
                       "success", "question", "failure", "bug")
#: Inline-hilite languages that are code, not directives.
_CODE_LANGS = ("py", "python", "js", "javascript", "bash", "sh", "text", "json", "yaml", "md")


@dataclasses.dataclass(frozen=True)
class Directive:
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


@dataclasses.dataclass(frozen=True)
class ModelInfo:
    """What a page may refer to in its model."""

    slug: str
    params: dict
    charts: tuple
    outputs: tuple
    verdicts: tuple
    records: tuple
    notes: tuple = ()


def did_you_mean(word, choices):
    """A ' (did you mean "x"?)' hint, or a list of valid choices when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    shown = ", ".join(sorted(choices)[:12])
    return f"valid: {shown}{' …' if len(choices) > 12 else ''}"


def scan(markdown):
    """Every widget directive in a page, with 1-based line numbers.

    Args:
        markdown: The page's Markdown without front matter.

    Returns:
        (directives, problems): Directive objects, and (line, message) pairs for
        malformed syntax found while scanning.
    """
    directives, problems = [], []
    lines = markdown.split("\n")
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
                directives.append(Directive(name, arg, index + 1))
            elif name not in _CODE_LANGS and difflib.get_close_matches(name, INLINE, n=1, cutoff=0.6):
                problems.append((index + 1, f'unknown inline directive "#!{name}": '
                                            f"{did_you_mean(name, INLINE)}"))
        index += 1
    return directives, problems


def _scan_block(lines, index, head, directives, problems):
    """Read one `/// name | arg` block with its indented YAML options; return the next index."""
    name, arg, line = head.group("name"), (head.group("arg") or "").strip(), index + 1
    if name not in BLOCKS:
        if name not in _KNOWN_OTHER_BLOCKS and difflib.get_close_matches(name, BLOCKS, n=1, cutoff=0.6):
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
    directives.append(Directive(name, arg, line, options, option_lines))
    return index + 1


def format_problems(path, problems):
    """Render (line, message) pairs as `path:line: message` lines."""
    return "\n".join(f"{path}:{line}: {message}" for line, message in sorted(problems))


def problems(directive, model):
    """(line, message) pairs for one directive (empty when it is fine)."""
    name, arg, line = directive.name, directive.arg, directive.line
    if name == "out":
        if arg not in model.outputs:
            return [(line, f'model {model.slug} has no output "{arg}": {did_you_mean(arg, model.outputs)}')]
        return []
    if name == "verdict":
        if arg not in model.verdicts:
            return [(line, f'model {model.slug} has no verdict "{arg}": {did_you_mean(arg, model.verdicts)}')]
        return []
    if name == "record":
        if arg not in model.records:
            return [(line, f'model {model.slug} has no public-record entry "{arg}": '
                           f"{did_you_mean(arg, model.records)}")]
        return []
    if name == "aside":
        if arg not in model.notes:
            return [(line, f'model {model.slug} has no note "{arg}" (notes live in the model\'s NOTES): '
                           f"{did_you_mean(arg, model.notes) if model.notes else 'it has none'}")]
        return []
    return _explainer_problems(directive, model)


def _explainer_problems(directive, model):
    """(line, message) pairs for an `/// explainer | …` block."""
    arg, line, found = directive.arg, directive.line, []
    targets = model.charts + EXPLAINER_PANELS
    if not arg:
        found.append((line, "/// explainer needs an argument: a chart id or one of "
                            f"{', '.join(EXPLAINER_PANELS)}"))
    elif arg not in targets:
        found.append((line, f'model {model.slug} has no chart "{arg}": {did_you_mean(arg, targets)}'))
    for key in directive.options:
        if key not in OPTIONS:
            found.append((directive.line_of(key),
                          f'unknown option "{key}" of /// explainer: {did_you_mean(key, OPTIONS)}'))
    controls = directive.options.get("controls", [])
    if not isinstance(controls, list):
        found.append((directive.line_of("controls"), "controls must be a list: `    controls: [a, b]`"))
        controls = []
    for entry in controls:
        word = str(entry)
        if word not in model.params:
            found.append((directive.line_of("controls"), f'model {model.slug} has no parameter "{word}": '
                                                         f"{did_you_mean(word, model.params)}"))
    return found
