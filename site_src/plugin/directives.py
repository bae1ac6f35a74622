"""The directive registry: every widget directive declared once.

Each directive is a class holding, as pymdown-extensions declares a block
(`pymdownx/blocks/admonition.py`): its NAME, its ARGUMENT, its OPTIONS with their
validators, `check` (what `make check` and the build report about it, next to) `render`
(its HTML). The line scanner (`scan.py`), the pymdown Blocks classes and the InlineHilite
formats (`blocks.py`) are all made from `BLOCKS` and `INLINE` below.

    /// explainer | chart_e2_rent
        controls: [rent_b, taxpayers_m]
    ///

    每个纳税人约 `#!out gross_per_taxpayer`。`#!verdict e2.per_taxpayer_1000`
"""

import dataclasses
import difflib

from pymdownx.blocks.block import type_string_delimiter

from . import render


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
    """A 'did you mean "x"?' hint, or a list of valid choices when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    shown = ", ".join(sorted(choices)[:12])
    return f"valid: {shown}{' …' if len(choices) > 12 else ''}"


def _string_list(value):
    """Option validator: a YAML list (or a comma-separated string) → list of names."""
    if isinstance(value, list):
        return [str(entry) for entry in value]
    return type_string_delimiter(",")(value)


def _lookup(found, model, choices, what, hint="", none=None):
    """[(line, message)] when `found.arg` is not one of `choices` (the model's `what`s);
    `none` replaces the hint when there are no choices at all."""
    if found.arg in choices:
        return []
    suggestion = none if none and not choices else did_you_mean(found.arg, choices)
    return [(found.line, f'model {model.slug} has no {what} "{found.arg}"{hint}: {suggestion}')]


class Directive:
    """Base of the registry's entries (never registered itself)."""

    #: The word after `///` or `#!`.
    NAME = ""
    #: What the argument names, for messages.
    ARGUMENT = ""
    #: {option: (default, validator)}, as pymdown's Block.OPTIONS.
    OPTIONS = {}

    @classmethod
    def check(cls, found, model):
        """(line, message) pairs for one use of the directive (empty when it is fine)."""
        raise NotImplementedError

    @classmethod
    def render(cls, page, arg, options):
        """The directive's HTML for the page being built (its use passed `check`)."""
        raise NotImplementedError


class Explainer(Directive):
    """`/// explainer | <chart id | controls | presets | verdicts>`."""

    NAME = "explainer"
    ARGUMENT = "a chart id or one of controls, presets, verdicts"
    OPTIONS = {"controls": ([], _string_list)}
    #: Arguments besides chart ids, each a panel of the page.
    PANELS = ("controls", "presets", "verdicts")

    @classmethod
    def check(cls, found, model):
        arg, line, problems = found.arg, found.line, []
        targets = model.charts + Explainer.PANELS
        if not arg:
            problems.append((line, "/// explainer needs an argument: a chart id or one of "
                                   f"{', '.join(Explainer.PANELS)}"))
        elif arg not in targets:
            problems.append((line, f'model {model.slug} has no chart "{arg}": {did_you_mean(arg, targets)}'))
        for key in found.options:
            if key not in Explainer.OPTIONS:
                problems.append((found.line_of(key), f'unknown option "{key}" of /// explainer: '
                                                     f"{did_you_mean(key, Explainer.OPTIONS)}"))
        controls = found.options.get("controls", [])
        if not isinstance(controls, list):
            problems.append((found.line_of("controls"), "controls must be a list: `    controls: [a, b]`"))
            controls = []
        for entry in map(str, controls):
            if entry not in model.params:
                problems.append((found.line_of("controls"), f'model {model.slug} has no parameter "{entry}": '
                                                            f"{did_you_mean(entry, model.params)}"))
        return problems

    @classmethod
    def render(cls, page, arg, options):
        controls = options["controls"]
        if arg == "controls":
            return render.control_panel(page, controls or list(page.params))
        if arg == "presets":
            return render.toolbar(page)
        if arg == "verdicts":
            return render.verdict_list(page)
        page.charts_used.append(arg)
        return render.chart(page, arg, controls)


class _Lookup(Directive):
    """A directive whose argument names one of the model's CHOICES (a ModelInfo field) and
    whose HTML is RENDER(page, argument)."""

    CHOICES = ""
    #: What one choice is called in messages, a hint after it, and the text for none at all.
    WHAT, HINT, NONE = "", "", None

    @classmethod
    def check(cls, found, model):
        return _lookup(found, model, getattr(model, cls.CHOICES), cls.WHAT, cls.HINT, cls.NONE)

    @classmethod
    def render(cls, page, arg, options):
        return cls.RENDER(page, arg)


class Record(_Lookup):
    """`/// record | <claim id>`: the public-record boxes of a claim."""

    NAME, ARGUMENT, CHOICES, WHAT = "record", "a claim id of the public record", "records", "public-record entry"
    RENDER = staticmethod(render.record)


class Aside(_Lookup):
    """`/// aside | <note id>`: a note from the model's NOTES."""

    NAME, ARGUMENT, CHOICES, WHAT = "aside", "a note id of the model's NOTES", "notes", "note"
    HINT, NONE = " (notes live in the model's NOTES)", "it has none"
    RENDER = staticmethod(render.note)


class Out(_Lookup):
    """`` `#!out <output>` ``: a live number."""

    NAME, ARGUMENT, CHOICES, WHAT = "out", "an output of the model (dotted when nested)", "outputs", "output"
    RENDER = staticmethod(render.output)


class Verdict(_Lookup):
    """`` `#!verdict <verdict id>` ``: a verdict sentence."""

    NAME, ARGUMENT, CHOICES, WHAT = "verdict", "a verdict id of the model", "verdicts", "verdict"
    RENDER = staticmethod(render.verdict)


#: Block directives (`/// name | arg`), by name.
BLOCKS = {directive.NAME: directive for directive in (Explainer, Record, Aside)}
#: Inline directives (`` `#!name arg` ``), by name.
INLINE = {directive.NAME: directive for directive in (Out, Verdict)}


def problems(found, model):
    """(line, message) pairs for one directive found in a page (empty when it is fine)."""
    return {**BLOCKS, **INLINE}[found.name].check(found, model)
