"""Property-based tests of the URL-fragment reader/writer (site_src/client/fragment.js).

The page trusts nothing in its URL (DESIGN §5): unknown names and non-numbers
are ignored, out-of-range numbers clamped, and the reader is told about each.
These tests run the real fragment.js in Node (one persistent process, JSON
lines) against fragments built by Hypothesis, with the specs of every model.
"""

import math
import time
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from widgets import runtime

MODEL_SLUGS = ["meta_capex", "nato_taxpayer", "treasuries", "notebooklm", "space_solar"]
SPECS = {slug: runtime.load(slug).SPEC for slug in MODEL_SLUGS}
#: A reader-facing notice must stay a sentence, not a dump of the URL.
MAX_NOTICE_CHARS = 4000
MAX_NOTES = 100
MAX_ECHOED_NAME = 100
#: Generous: parsing a 100 KB or 5,000-pair fragment must not freeze the page.
SLOW_PARSE_SECONDS = 0.5

FAST = settings(max_examples=200, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Values no reader would call a plain number.
NOT_NUMBERS = ["", "abc", "NaN", "nan", "Infinity", "-Infinity", "inf", "1e999", "-1e999",
               "0x10", "1,000", "1_000", "１２", "٣", "1/2", "12abc", "--1", "1e", ".", "e5",
               "javascript:alert(1)", "<b>1</b>", "null", "true", "[1]", "{}", "1 2"]


def spec_names(spec):
    return {param["name"] for param in spec}


def by_name(spec):
    return {param["name"]: param for param in spec}


def encode(text):
    """Percent-encode like encodeURIComponent (everything but unreserved characters)."""
    return quote(text, safe="")


def fragment_of(pairs):
    return "#" + "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)


def number_text(value):
    """A finite float or int written the way a URL would carry it."""
    return str(int(value)) if isinstance(value, int) else repr(float(value))


def check_invariants(result, spec):
    """Params: known names only, finite numbers, within bounds, integral for integer params."""
    params = by_name(spec)
    for name, value in result["params"].items():
        assert name in params, f"unknown name {name!r} accepted into params"
        assert isinstance(value, (int, float)) and not isinstance(value, bool), \
            f"{name}: non-number {value!r} accepted"
        assert math.isfinite(value), f"{name}: non-finite {value!r} accepted"
        param = params[name]
        assert param["min"] <= value <= param["max"], \
            f"{name}={value} outside [{param['min']}, {param['max']}]"
        if param["integer"]:
            assert value == int(value), f"{name} is an integer parameter, got {value}"


def notes_for(result, name, kinds):
    return [note for note in result["notes"] if note["name"] == name and note["kind"] in kinds]


# --- strategies ----------------------------------------------------------------

TOKENS = st.sampled_from(["=", "&", "#", "%", "%2", "%ZZ", "%E4%B8", "+", "-", ".", "e", "1", "0",
                          "999999999", "1e308", "NaN", "Infinity", "<", ">", "\"", "'", " ",
                          "\u0000", "\u202e", "纳税人", "__proto__", "constructor", "toString"])


@st.composite
def noisy_fragments(draw):
    """Arbitrary text mixed with parameter names and URL syntax."""
    spec = draw(st.sampled_from(list(SPECS.values())))
    names = st.sampled_from(sorted(spec_names(spec)))
    parts = draw(st.lists(st.one_of(TOKENS, names, st.text(max_size=8)), max_size=40))
    return spec, "".join(parts)


@st.composite
def scenario_pairs(draw):
    """(spec, [(name, value text, kind)]) with kind in ok / out_of_range / not_number / unknown."""
    spec = draw(st.sampled_from(list(SPECS.values())))
    known = sorted(spec_names(spec))
    pairs = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        kind = draw(st.sampled_from(["ok", "ok", "out_of_range", "not_number", "unknown"]))
        if kind == "unknown":
            name = draw(st.text(st.characters(blacklist_categories=("Cc", "Cs"), max_codepoint=0xFFFF),
                                min_size=1, max_size=20).filter(lambda n: n not in known))
            pairs.append((name, draw(st.sampled_from(["1", "abc", ""])), kind))
            continue
        param = by_name(spec)[draw(st.sampled_from(known))]
        if kind == "ok":
            if param["integer"]:
                value = draw(st.integers(min_value=int(param["min"]), max_value=int(param["max"])))
            else:
                value = draw(st.floats(min_value=param["min"], max_value=param["max"],
                                       allow_nan=False, allow_infinity=False))
            text = number_text(value)
        elif kind == "out_of_range":
            above = draw(st.booleans())
            distance = draw(st.floats(min_value=1e-6, max_value=1e300, allow_nan=False))
            value = param["max"] + max(distance, abs(param["max"]) * 1e-9 + 1e-6) if above \
                else param["min"] - max(distance, abs(param["min"]) * 1e-9 + 1e-6)
            assume(math.isfinite(value) and not param["min"] <= value <= param["max"])
            text = number_text(value)
        else:
            text = draw(st.sampled_from(NOT_NUMBERS))
        pairs.append((param["name"], text, kind))
    return spec, pairs


@st.composite
def in_range_params(draw):
    """(spec, params) with every value inside its bounds (integral for integer params)."""
    spec = draw(st.sampled_from(list(SPECS.values())))
    params = {}
    for param in spec:
        if not draw(st.booleans()):
            continue
        if param["integer"]:
            value = draw(st.integers(min_value=int(param["min"]), max_value=int(param["max"])))
        else:
            value = draw(st.one_of(
                st.just(param["default"]), st.just(param["min"]), st.just(param["max"]),
                st.floats(min_value=param["min"], max_value=param["max"],
                          allow_nan=False, allow_infinity=False)))
        params[param["name"]] = value
    return spec, params


# --- properties ----------------------------------------------------------------

@FAST
@given(noisy_fragments())
def test_parse_never_throws_and_keeps_params_safe(fragment_js, case):
    spec, text = case
    for hash_ in (text, "#" + text):
        result = fragment_js.call("parseFragment", hash_, spec)
        check_invariants(result, spec)
        sentence = fragment_js.call("describeNotes", result["notes"], spec)
        assert isinstance(sentence, str) and len(sentence) <= MAX_NOTICE_CHARS


@FAST
@given(scenario_pairs())
def test_every_ignored_or_clamped_pair_is_noted(fragment_js, case):
    spec, pairs = case
    params = by_name(spec)
    result = fragment_js.call("parseFragment", fragment_of((n, v) for n, v, _ in pairs), spec)
    check_invariants(result, spec)
    for name, text, kind in pairs:
        if kind == "unknown":
            assert notes_for(result, name, {"unknown"}), f"unknown name {name!r} not noted: {result}"
            assert name not in result["params"]
        elif kind == "not_number":
            assert notes_for(result, name, {"not_a_number"}), \
                f"{name}={text!r} is not a number but was not noted: {result}"
        elif kind == "out_of_range":
            bound = params[name]["max"] if float(text) > params[name]["max"] else params[name]["min"]
            assert any(note.get("value") == bound for note in notes_for(result, name, {"clamped"})), \
                f"{name}={text} should be noted as clamped to {bound}: {result}"
    numeric = [(n, v, k) for n, v, k in pairs if k in ("ok", "out_of_range")]
    for name in {n for n, _, _ in numeric}:
        texts = [v for n, v, _ in numeric if n == name]
        last = float(texts[-1])
        param = params[name]
        wanted = min(max(last, param["min"]), param["max"])
        got = result["params"].get(name)
        assert got is not None, f"{name}: valid value {texts[-1]} dropped: {result}"
        if param["integer"]:
            assert abs(got - wanted) <= 0.5, f"{name}: {texts[-1]} read as {got}"
        else:
            assert got == wanted, f"{name}: {texts[-1]} read as {got}, expected {wanted}"
        if len(texts) > 1:
            assert notes_for(result, name, {"duplicate"}), \
                f"{name} given {len(texts)} times, no note says which one counts: {result}"
    for name in set(result["params"]) - {n for n, _, _ in numeric}:
        pytest.fail(f"{name} accepted although every value for it was invalid: {result}")


@FAST
@given(in_range_params())
def test_format_then_parse_round_trips(fragment_js, case):
    spec, params = case
    written = fragment_js.call("formatFragment", params, spec)
    assert "#" not in written
    read = fragment_js.call("parseFragment", "#" + written, spec)
    defaults = {param["name"]: param["default"] for param in spec}
    assert read["notes"] == [], f"{written!r} read back with notes {read['notes']}"
    assert read["params"] == {n: v for n, v in params.items() if v != defaults[n]}, written
    assert fragment_js.call("isScenario", "#" + written) == bool(read["params"])


@pytest.mark.parametrize("slug", MODEL_SLUGS)
@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e308",
                                  "-1e308", "9" * 400])
def test_non_finite_and_huge_values(fragment_js, slug, text):
    spec = SPECS[slug]
    pairs = [(param["name"], text) for param in spec]
    result = fragment_js.call("parseFragment", fragment_of(pairs), spec)
    check_invariants(result, spec)
    for param in spec:
        noted = notes_for(result, param["name"], {"not_a_number", "clamped"})
        assert noted, f"{param['name']}={text} passed without a note: {result}"
    finite = math.isfinite(float(text))
    if finite:  # a huge finite number is a number: clamped to the nearest bound
        for param in spec:
            bound = param["max"] if float(text) > 0 else param["min"]
            assert result["params"][param["name"]] == bound
    else:
        assert result["params"] == {}


def _timed_parse(fragment_js, hash_, spec):
    started = time.perf_counter()
    result = fragment_js.call("parseFragment", hash_, spec)
    return result, time.perf_counter() - started


def test_five_thousand_pairs(fragment_js):
    spec = SPECS["nato_taxpayer"]
    names = sorted(spec_names(spec))
    pairs = [(names[i % len(names)], str(i)) for i in range(5000)]
    result, seconds = _timed_parse(fragment_js, fragment_of(pairs), spec)
    check_invariants(result, spec)
    assert seconds < SLOW_PARSE_SECONDS, f"5,000 pairs took {seconds:.2f} s"
    assert 0 < len(result["notes"]) <= MAX_NOTES, f"{len(result['notes'])} notes for one URL"
    sentence = fragment_js.call("describeNotes", result["notes"], spec)
    assert 0 < len(sentence) <= MAX_NOTICE_CHARS
    # Pairs past the ones read must be reported too, not silently dropped.
    read = len([n for n in result["notes"] if n["kind"] != "too_many"])
    assert any(note["kind"] == "too_many" for note in result["notes"]) or read >= 5000


@pytest.mark.parametrize("shape", ["long_value", "long_name", "many_ampersands", "long_percent"])
def test_hundred_kilobyte_fragments(fragment_js, shape):
    spec = SPECS["nato_taxpayer"]
    size = 100_000
    hash_ = {
        "long_value": "#taxpayers_m=" + "1" * size,
        "long_name": "#" + "x" * size + "=1",
        "many_ampersands": "#" + "&" * size + "rent_b=80",
        "long_percent": "#taxpayers_m=" + "%" * size,
    }[shape]
    result, seconds = _timed_parse(fragment_js, hash_, spec)
    check_invariants(result, spec)
    assert seconds < SLOW_PARSE_SECONDS, f"a 100 KB fragment took {seconds:.2f} s"
    sentence = fragment_js.call("describeNotes", result["notes"], spec)
    assert len(sentence) <= MAX_NOTICE_CHARS
    assert all(len(note["name"]) <= MAX_ECHOED_NAME for note in result["notes"]), \
        "a note echoes a huge piece of the URL back to the reader"
    if shape == "many_ampersands":
        assert result["params"] == {"rent_b": 80} and result["notes"] == []
    elif shape == "long_value":  # 10^100000 is a number far above the maximum
        assert result["notes"] and result["params"].get("taxpayers_m") in (None, 250)
    else:
        assert result["notes"], f"{shape}: nothing said about an unusable fragment"
        assert result["params"] == {}


@FAST
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=25, max_size=200))
def test_long_unknown_names_are_shortened_without_breaking_characters(fragment_js, name):
    spec = SPECS["nato_taxpayer"]
    assume(name not in spec_names(spec))
    result = fragment_js.call("parseFragment", fragment_of([(name, "1")]), spec)
    [note] = result["notes"]
    echoed = note["name"]
    assert note["kind"] == "unknown" and len(echoed) <= MAX_ECHOED_NAME
    # A character cut in half shows as "\ufffd" to the reader: the note must be valid text.
    assert not any("\ud800" <= ch <= "\udfff" for ch in echoed), \
        f"the note echoes a broken character (lone surrogate): {echoed!r}"
    assert name.startswith(echoed.rstrip("…")), f"{echoed!r} is not the start of {name!r}"


def test_heading_anchor_is_not_a_scenario(fragment_js):
    for anchor in ("#_1", "#小标题", "#section-2", "", "#"):
        assert fragment_js.call("isScenario", anchor) is False, anchor
    assert fragment_js.call("isScenario", "#taxpayers_m=110.6") is True
