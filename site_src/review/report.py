"""Compare two sides' values and write the report (Markdown for people, JSON for tools).

Values are `{page: {"sections": {section: {key: {field: text}}}}}` (see `values.py`); a
change is one key whose fields differ. Any section compares the same way, so a new section
only needs a title in `SECTION_TITLES` (and gets its name as a title until then).
"""

import difflib
import json
import re

SECTION_TITLES = {"page": "Page", "defaults": "Defaults", "numbers": "Live numbers",
                  "verdicts": "Verdicts", "flips": "Flip points", "captions": "Chart captions",
                  "records": "Public record", "presets": "Presets", "text": "Essay text"}
#: Fields holding a verdict's state: a change there is a flipped verdict.
STATE_FIELDS = ("holds", "verdict ")
#: Values longer than this are shown as one text with `[-old-]{+new+}` marks instead of `old → new`.
INLINE_CHARS = 24
#: Texts sharing less than this share of their tokens are shown before/after, not marked.
REWRITTEN_BELOW = 0.6
#: Units a text diff compares: numbers (with separators), Latin words, any other character.
TOKEN = re.compile(r"\d[\d,.]*|[A-Za-z_]+|\s+|.", re.DOTALL)
#: Characters of context either side of a text change, and changes shown per page.
CONTEXT_CHARS = 15
MAX_TEXT_CHANGES = 5


def compare(base, head):
    """Every page whose reader-facing values differ.

    Args:
        base: The base side's values.
        head: The working tree's values.

    Returns:
        [{"page", "title", "status": "changed" | "added" | "removed", "warnings": [...],
          "sections": {section: [{"key", "label", "fields": {field: [old, new]},
          "flipped": [field, ...]}]}}] in page order.
    """
    old_pages, new_pages = base["pages"], head["pages"]
    changes = []
    for name in list(new_pages) + [n for n in old_pages if n not in new_pages]:
        old, new = old_pages.get(name), new_pages.get(name)
        old_sections, new_sections = (old or {}).get("sections", {}), (new or {}).get("sections", {})
        sections = _compare_sections(old_sections, new_sections)
        if not sections:
            continue
        status = "removed" if new is None else "added" if old is None else "changed"
        changes.append({"page": name, "title": (new or old)["title"], "status": status,
                        "warnings": essay_number_warnings(old_sections.get("defaults", {}),
                                                          new_sections.get("defaults", {})),
                        "sections": sections})
    return changes


def _compare_sections(old, new):
    """{section: [changed key]} for the sections of one page."""
    found = {}
    for section in list(new) + [s for s in old if s not in new]:
        before, after = old.get(section, {}), new.get(section, {})
        entries = [_entry(key, before.get(key), after.get(key))
                   for key in list(after) + [k for k in before if k not in after]
                   if before.get(key) != after.get(key)]
        if entries:
            found[section] = entries
    return found


def _entry(key, old, new):
    """One changed key: its label and each differing field as [old, new] (None when absent)."""
    old, new = old or {}, new or {}
    fields = {field: [old.get(field), new.get(field)] for field in list(new) + [f for f in old if f not in new]
              if old.get(field) != new.get(field)}
    flipped = [field for field, (before, after) in fields.items()
               if field.startswith(STATE_FIELDS) and before is not None and after is not None]
    return {"key": key, "label": new.get("label", old.get("label", "")), "fields": fields, "flipped": flipped}


def essay_number_warnings(old, new):
    """A warning for each changed default of a parameter marked as the essay's own number.

    Args:
        old: The base side's "defaults" section ({name: {"label", "value", "source"}}).
        new: The working tree's.
    """
    warnings = []
    for name, after in new.items():
        before = old.get(name)
        if before is None or before["value"] == after["value"]:
            continue
        if "essay" in after["source"] or "essay" in before["source"]:
            warnings.append(f"`{name}` ({after['label']}) is the essay's own number "
                            f"(source: {after['source']}); its default changed "
                            f"{before['value']} → {after['value']}. "
                            "Check that the page still matches the essay.")
    return warnings


# --- Markdown ---------------------------------------------------------------

def markdown(changes, ref, sha):
    """The report as Markdown: one line when nothing changed, else one part per page."""
    side = f"`{ref}` ({sha[:12]})"
    if not changes:
        return f"No reader-facing change between {side} and the working tree.\n"
    lines = ["## What readers will see change", "",
             f"Base {side} → working tree: {len(changes)} page(s) change.", ""]
    for change in changes:
        lines += _page_lines(change)
    return "\n".join(lines).rstrip() + "\n"


def _page_lines(change):
    """The Markdown of one changed page."""
    status = "" if change["status"] == "changed" else f" ({change['status']})"
    lines = [f"### {change['page']} · {change['title']}{status}", ""]
    lines += [f"> ⚠️ {warning}" for warning in change["warnings"]]
    if change["warnings"]:
        lines.append("")
    for section, entries in change["sections"].items():
        lines += [f"**{SECTION_TITLES.get(section, section.capitalize())}**", ""]
        for entry in entries:
            lines += _text_lines(entry) if section == "text" else _entry_lines(entry)
        lines.append("")
    return lines


def _entry_lines(entry):
    """One changed key: inline when one short field changed, else a line per field."""
    head = f"- `{entry['key']}`" + (f" {entry['label']}" if entry["label"] else "")
    fields = entry["fields"]
    if len(fields) == 1:
        (field, values), = fields.items()
        name = "" if field in ("text", "value") else f"{field}: "
        return _change_lines(head + ": " + name, values, field in entry["flipped"])
    lines = [head]
    for field, values in fields.items():
        lines += _change_lines(f"  - {field}: ", values, field in entry["flipped"])
    return lines


def _change_lines(prefix, values, flipped, marks=True):
    """`old → new` (bold and flagged for a flipped verdict), or the new text with its
    changes marked when either side is long (unless `marks` is off)."""
    old, new = (_shown(v) for v in values)
    if flipped:
        return [f"{prefix}**{old} → {new}** (verdict flips)"]
    if not marks or max(len(old), len(new)) <= INLINE_CHARS or None in values:
        return [f"{prefix}{old} → {new}"]
    if _similarity(old, new) < REWRITTEN_BELOW:
        indent = " " * (len(prefix) - len(prefix.lstrip()) + 2)
        return [prefix.rstrip(), f"{indent}- before: {old}", f"{indent}- after: {new}"]
    return [prefix + marked(old, new)]


def _shown(value):
    """A value as the report prints it (absent values say so)."""
    if value is None:
        return "(none)"
    return value if value != "" else "(empty)"


def _text_lines(entry):
    """The essay text's changes as `[-old-]{+new+}` excerpts, then its fidelity status."""
    lines = []
    text = entry["fields"].get("text")
    if text:
        hunks = text_changes(*(value or "" for value in text))
        lines.append(f"- reading text: {len(hunks)} change(s) (whitespace and Markdown ignored)")
        lines += [f"  - {hunk}" for hunk in hunks[:MAX_TEXT_CHANGES]]
        if len(hunks) > MAX_TEXT_CHANGES:
            lines.append(f"  - … and {len(hunks) - MAX_TEXT_CHANGES} more")
    old, new = entry["fields"].get("fidelity", (None, None))
    if new is None and old is None:
        lines.append("- fidelity: unchanged")
    else:
        lines += _change_lines("- fidelity: ", [old, new], False, marks=False)
    return lines


def _opcodes(old, new):
    """(tag, old text, new text) stretches of two texts, compared number by number."""
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    return [(tag, "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2]))
            for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def _similarity(old, new):
    """The share of tokens two texts have in common (difflib's ratio)."""
    return difflib.SequenceMatcher(None, TOKEN.findall(old), TOKEN.findall(new), autojunk=False).ratio()


def _mark(removed, added):
    """`[-removed-]{+added+}` (either part omitted when empty)."""
    return (f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else "")


def marked(old, new):
    """The new text with each change marked `[-old-]{+new+}`."""
    return "".join(a if tag == "equal" else _mark(r, a) for tag, r, a in _opcodes(old, new))


def text_changes(old, new):
    """Each differing stretch of two long texts as `…before[-old-]{+new+}after…`."""
    stretches = _opcodes(old, new)
    hunks = []
    for index, (tag, removed, added) in enumerate(stretches):
        if tag == "equal":
            continue
        before = stretches[index - 1][1] if index > 0 else ""
        after = stretches[index + 1][1] if index + 1 < len(stretches) else ""
        hunks.append(f"…{before[-CONTEXT_CHARS:]}{_mark(removed, added)}{after[:CONTEXT_CHARS]}…")
    return hunks


# --- JSON -------------------------------------------------------------------

def as_json(changes, ref, sha):
    """The report as JSON text (what `--json` prints)."""
    return json.dumps({"base": {"ref": ref, "sha": sha}, "head": "working tree",
                       "changed": bool(changes), "pages": changes},
                      ensure_ascii=False, indent=2) + "\n"
