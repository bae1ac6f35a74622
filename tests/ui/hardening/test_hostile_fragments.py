"""Hostile scenario URLs: nothing from the fragment runs, nothing becomes HTML, the page goes on.

Each URL packs many attacks at once (the parser reads up to 64 pairs): markup
and `javascript:` as names and values, numbers no slider can hold, NaN and
Infinity, a repeated name, full-width digits and broken percent-encoding; and,
separately, 5,000 pairs and a 200 KB fragment. The page must run none of it
(no dialog, `window.__pwned` never set), insert none of it as HTML, clamp or
ignore each pair as DESIGN §5 says, tell the reader in a plain Chinese
sentence, and still go live showing exactly the model's answer for the
parameters it kept.
"""

import re
from urllib.parse import quote

import pytest

from . import (
    READY_TIMEOUT_MS,
    ROOT,
    assert_shows,
    defaults_of,
    is_chinese,
    model_of,
    notice,
    assert_controls_show,
    state,
    wait_state,
)

PAGES = ["nato-taxpayer/", "europe-treasuries/"]
PWN = "window.__pwned=1"
#: Elements a payload would create if it were ever parsed as HTML.
INJECTED_JS = """() => document.querySelectorAll(
    'img[src="x"], [onerror], [onload]:not(body):not(script):not(link), a[href^="javascript:" i],'
    + '[src^="javascript:" i]').length
    + [...document.scripts].filter((script) => script.textContent.includes('__pwned')).length"""


def unpaired_params(model, count):
    """Linear parameters outside any low/high pair, so a kept value never triggers a swap."""
    paired = {name for pair in getattr(model, "PAIRS", ()) for name in pair}
    chosen = [p for p in model.SPEC if not p.get("log") and p["name"] not in paired
              and not re.search(r"(^|_)(low|high)(_|$)", p["name"])][:count]
    assert len(chosen) == count, f"{model.__name__} has too few unpaired parameters"
    return chosen


def markup_and_numbers_attack(model):
    """(fragment, the parameters the page must end up with, names the notice must mention)."""
    huge, tiny, dup = unpaired_params(model, 3)
    refused = [p for p in model.SPEC if not p.get("log") and p not in (huge, tiny, dup)]
    assert len(refused) >= 7, f"{model.__name__} has too few linear parameters"
    markup_value, js_value, nan, inf, neg_inf, overflow, fullwidth = refused[:7]
    inside = (dup["min"] + dup["max"]) / 2
    pairs = [
        ("<script>" + PWN + "</script>", "1"),
        ("<img src=x onerror=" + PWN + ">", "2"),
        (markup_value["name"], "<img src=x onerror=" + PWN + ">"),
        (js_value["name"], "javascript:" + PWN),
        (huge["name"], "1e308"),
        (tiny["name"], "-1e308"),
        (nan["name"], "NaN"),
        (inf["name"], "Infinity"),
        (neg_inf["name"], "-Infinity"),
        (overflow["name"], "1e309"),
        (dup["name"], str(dup["min"])),
        (dup["name"], str(inside)),
        (fullwidth["name"], "１２"),
    ]
    fragment = "&".join(f"{quote(name, safe='')}={quote(value, safe='')}" for name, value in pairs)
    # Broken and odd encodings, written raw so the parser sees them as they are.
    fragment += "&%E0%A4%A=1&%ZZ=%ZZ&%F0%9F%92%A5=1&%00%0A%1B=1&%E2%80%AE" + PWN + "=1"
    kept = {**defaults_of(model), huge["name"]: huge["max"], tiny["name"]: tiny["min"],
            dup["name"]: inside}
    mentioned = [huge["label_zh"], tiny["label_zh"], markup_value["label_zh"], js_value["label_zh"],
                 nan["label_zh"], inf["label_zh"], neg_inf["label_zh"], overflow["label_zh"],
                 dup["label_zh"], fullwidth["label_zh"], "<img src"]
    return fragment, kept, mentioned


def sheer_size_attack(model):
    """5,000 pairs and a 200 KB name and value after one real, out-of-range parameter."""
    target = unpaired_params(model, 1)[0]
    junk = "&".join(f"k{i}={i}" for i in range(5000))
    fragment = f"{target['name']}={target['max'] * 10 + 1}&{junk}&{'A' * 100_000}={'9' * 100_000}"
    assert len(fragment) > 200_000
    return fragment, {**defaults_of(model), target["name"]: target["max"]}, [target["label_zh"]]


def open_hostile(page, url):
    """Open `url`, recording dialogs; returns the list they are recorded in."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    return dialogs


def assert_nothing_ran_or_was_inserted(page, dialogs):
    """No dialog, no __pwned, no injected elements, and the notice is plain text."""
    assert not dialogs, f"the URL ran script: dialog(s) {dialogs}"
    assert page.evaluate("() => window.__pwned") is None, "a payload from the URL ran (window.__pwned)"
    assert page.evaluate(INJECTED_JS) == 0, "markup from the URL became elements in the page"
    visible, text, children = notice(page)
    assert visible, "the page did not tell the reader what it did with the URL"
    assert children == 0, f"the notice holds {children} element(s): it was filled as HTML"
    assert is_chinese(text), f"the notice is not a Chinese sentence: {text[:200]!r}"
    inner = page.locator(f"{ROOT} [data-notice]").evaluate("(el) => el.innerHTML")
    assert "<" not in inner, f"the notice's HTML has markup in it: {inner[:300]!r}"
    return text


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.strip("/"))
def test_markup_javascript_and_impossible_numbers_are_refused_and_reported(page, site_server, path):
    model = model_of(path)
    fragment, kept, mentioned = markup_and_numbers_attack(model)
    dialogs = open_hostile(page, f"{site_server}{path}#{fragment}")
    assert wait_state(page, ("ready", "error")) == "ready"

    text = assert_nothing_ran_or_was_inserted(page, dialogs)
    missing = [word for word in mentioned if word not in text]
    assert not missing, f"the notice does not mention {missing}: {text!r}"
    assert_controls_show(page, kept)
    assert_shows(page, model, kept)
    assert page.evaluate("() => window.__pwned") is None


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.strip("/"))
def test_five_thousand_pairs_and_a_200_kb_fragment_are_cut_short(page, site_server, path):
    model = model_of(path)
    fragment, kept, mentioned = sheer_size_attack(model)
    dialogs = open_hostile(page, f"{site_server}{path}#{fragment}")
    page.wait_for_function(
        "() => ['ready', 'error'].includes(document.querySelector('[data-model]')?.dataset.state)",
        timeout=READY_TIMEOUT_MS)
    assert state(page) == "ready"

    text = assert_nothing_ran_or_was_inserted(page, dialogs)
    assert all(word in text for word in mentioned), f"the notice does not mention {mentioned}: {text!r}"
    assert "参数过多" in text, f"the notice does not say pairs were dropped: {text[:300]!r}"
    assert len(text) < 4000, f"the notice echoes the flood back ({len(text)} characters)"
    assert "A" * 100 not in text and "9" * 100 not in text, "the 200 KB name/value was echoed whole"
    assert_controls_show(page, kept)
    assert_shows(page, model, kept)


def test_the_url_notice_survives_a_swap_warning(page, site_server):
    # A shared link may clamp a low end above its high end: the model swaps them and
    # warns. The reader must still learn what the page did with the link.
    model = model_of("nato-taxpayer/")
    low, high = model.PAIRS[0]
    spec = {p["name"]: p for p in model.SPEC}
    assert spec[low]["max"] > spec[high]["default"], "test premise: the clamped low end exceeds the high end"
    dialogs = open_hostile(page, f"{site_server}nato-taxpayer/#{low}=1e9&no_such_param=1")
    assert wait_state(page, ("ready", "error")) == "ready"
    assert_shows(page, model, {**defaults_of(model), low: spec[low]["max"]})
    text = assert_nothing_ran_or_was_inserted(page, dialogs)
    assert "no_such_param" in text and "超出可调范围" in text, \
        f"the swap warning replaced what the page said about the URL: {text!r}"
    assert "交换" in text, f"the swap is not mentioned: {text!r}"
