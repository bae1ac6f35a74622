"""How sure each conclusion is, as the scorecard shows it (issue 17).

The scorecard's renderer asks this module for each claim's or check's robustness: the
attributes its `[data-claim]`/`[data-check]` element carries (`data-robust-share`,
`data-robust-n`) and the HTML inside its row. Until the robustness estimate exists both are
empty, so the scorecard renders without it.
"""


def claim_attrs(page, vid):
    """Extra attributes (a string starting with a space, or "") of verdict `vid`'s row."""
    return ""


def claim_html(page, vid):
    """HTML placed inside verdict `vid`'s scorecard row, after its badges (or "")."""
    return ""
