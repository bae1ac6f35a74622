"""The Markdown extensions of the directives, made from the registry (`directives.py`):
one pymdown-extensions Block class per block directive, one InlineHilite format per
inline directive.

They render what `check.py` has already accepted for the page being built; `PageModel`
(pages.py) carries that page's model and default state.
"""

import xml.etree.ElementTree as etree

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from .directives import BLOCKS, INLINE


class _WidgetBlock(Block):
    """Base of the generated blocks: an empty <div> holding stashed, pre-rendered HTML."""

    ARGUMENT = True
    #: The registry entry this block renders.
    DIRECTIVE = None

    def on_create(self, parent):
        """Create the wrapper element."""
        return etree.SubElement(parent, "div", {"class": f"ex-block ex-block--{self.NAME}"})

    def on_end(self, block):
        """Fill the wrapper with the directive's HTML for the current page."""
        page = self.config["page_model"]()
        html = self.DIRECTIVE.render(page, self.argument.strip(), self.options)
        block.text = self.md.htmlStash.store(html)


def block_class(directive):
    """The pymdown Block class of a registry entry."""
    return type(f"{directive.__name__}Block", (_WidgetBlock,),
                {"NAME": directive.NAME, "OPTIONS": dict(directive.OPTIONS), "DIRECTIVE": directive,
                 "__doc__": directive.__doc__})


class WidgetBlocksExtension(BlocksExtension):
    """Registers a Block for every block directive of the registry."""

    def __init__(self, page_model):
        self.page_model = page_model
        super().__init__()

    def extendMarkdownBlocks(self, md, block_mgr):
        """Register our blocks with pymdown's block manager."""
        for directive in BLOCKS.values():
            block_mgr.register(block_class(directive), {"page_model": self.page_model})


def inline_formats(page_model):
    """InlineHilite `custom_inline` entries, one per inline directive (`#!out`, `#!verdict`)."""

    def formatter(directive):
        return lambda src, language, class_name, md: directive.render(page_model(), src.strip(), {})

    return [{"name": name, "class": f"ex-{name}", "format": formatter(directive)}
            for name, directive in INLINE.items()]
