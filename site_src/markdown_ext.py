"""Markdown extensions that render the widget directives (pymdown-extensions Blocks + InlineHilite).

They render whatever `directives.check()` has already accepted for the page
being built; `PageModel` carries that page's model and default state.
"""

import xml.etree.ElementTree as etree

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_string_delimiter

from . import render


class _WidgetBlock(Block):
    """Base of our blocks: an empty <div> holding stashed, pre-rendered HTML."""

    ARGUMENT = True
    OPTIONS = {"controls": ([], lambda value: [str(v) for v in value] if isinstance(value, list)
                            else type_string_delimiter(",")(value))}

    def on_create(self, parent):
        """Create the wrapper element."""
        return etree.SubElement(parent, "div", {"class": f"ex-block ex-block--{self.NAME}"})

    def on_end(self, block):
        """Fill the wrapper with the widget's HTML for the current page."""
        page = self.config["page_model"]()
        block.text = self.md.htmlStash.store(self.html(page))

    def html(self, page):
        """The widget's HTML."""
        raise NotImplementedError


class ExplainerBlock(_WidgetBlock):
    """`/// explainer | <chart id | controls | presets | verdicts>`."""

    NAME = "explainer"

    def html(self, page):
        """Chart, control panel, preset toolbar or verdict list."""
        target, controls = self.argument.strip(), self.options["controls"]
        if target == "controls":
            return render.control_panel(page, controls or list(page.params))
        if target == "presets":
            return render.toolbar(page)
        if target == "verdicts":
            return render.verdict_list(page)
        page.charts_used.append(target)
        return render.chart(page, target, controls)


class RecordBlock(_WidgetBlock):
    """`/// record | <claim id>`: a public-record box."""

    NAME = "record"

    def html(self, page):
        """The record box."""
        return render.record(page, self.argument.strip())


class NoteBlock(_WidgetBlock):
    """`/// aside | <note id>`: a note from the model's NOTES."""

    NAME = "aside"

    def html(self, page):
        """The note."""
        return render.note(page, self.argument.strip())


class WidgetBlocksExtension(BlocksExtension):
    """Registers the explainer, record and note blocks."""

    def __init__(self, page_model):
        self.page_model = page_model
        super().__init__()

    def extendMarkdownBlocks(self, md, block_mgr):
        """Register our blocks with pymdown's block manager."""
        for block in (ExplainerBlock, RecordBlock, NoteBlock):
            block_mgr.register(block, {"page_model": self.page_model})


def inline_formats(page_model):
    """InlineHilite `custom_inline` entries for `#!out` and `#!verdict`."""

    def out(src, language, class_name, md):
        return render.output(page_model(), src.strip())

    def verdict(src, language, class_name, md):
        return render.verdict(page_model(), src.strip())

    return [{"name": "out", "class": "ex-out", "format": out},
            {"name": "verdict", "class": "ex-verdict", "format": verdict}]
