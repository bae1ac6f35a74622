"""Shared types and rules for every model (MODELS.md §0).

Standard library only: this file runs at build time in CPython and in the
reader's browser in Pyodide, so it must stay valid on Python 3.11 and 3.14.
"""

import math

#: Sources a parameter may cite (MODELS.md §0.2); combinations join with "+".
SOURCES = ("essay", "public", "assumption")

#: Tolerance base for threshold comparisons (MODELS.md §0.4).
TOLERANCE = 1e-9

#: Denominators smaller than this count as zero (MODELS.md §0.3).
ZERO = 1e-12


class ModelInputError(ValueError):
    """A parameter value the model refuses (unknown name, wrong type, out of range)."""


class SpecError(ValueError):
    """A model whose SPEC contradicts itself (bad default, step, duplicate name)."""


# --- parameters -------------------------------------------------------------

def param(name, unit, default, lo, hi, step, label_en, label_zh, source,
          integer=False, log=False):
    """Build one parameter descriptor (MODELS.md §0.2).

    Args:
        name: Identifier used in params dicts, URLs and `data-param`.
        unit: Unit text shown next to the control (Chinese where the page shows it).
        default: The essay's (or the model's) value.
        lo: Lower bound, inclusive.
        hi: Upper bound, inclusive.
        step: Slider step.
        label_en: English label.
        label_zh: Chinese label shown to readers.
        source: "essay", "public", "assumption" or a "+"-joined combination.
        integer: The value must be integral.
        log: The slider moves on a logarithmic scale.

    Returns:
        The descriptor as a plain dict.
    """
    return {"name": name, "unit": unit, "default": default, "min": lo, "max": hi,
            "step": step, "label_en": label_en, "label_zh": label_zh,
            "source": source, "integer": integer, "log": log}


def check_spec(spec):
    """Raise SpecError unless every descriptor in `spec` is self-consistent.

    Args:
        spec: A model's SPEC list.
    """
    seen = set()
    for p in spec:
        name = p.get("name")
        if not isinstance(name, str) or not name.isidentifier():
            raise SpecError(f"parameter name {name!r} is not an identifier")
        if name in seen:
            raise SpecError(f"parameter {name!r} is declared twice")
        seen.add(name)
        for key in ("default", "min", "max", "step"):
            value = p.get(key)
            if isinstance(value, bool) or not isinstance(value, (int, float)) \
                    or not math.isfinite(value):
                raise SpecError(f"parameter {name!r}: {key} must be a finite number, got {value!r}")
        if p["min"] > p["max"]:
            raise SpecError(f"parameter {name!r}: min {p['min']} is above max {p['max']}")
        if not p["min"] <= p["default"] <= p["max"]:
            raise SpecError(f"parameter {name!r}: default {p['default']} lies outside "
                            f"[{p['min']}, {p['max']}]")
        if p["step"] <= 0:
            raise SpecError(f"parameter {name!r}: step must be above 0, got {p['step']}")
        if p.get("log") and p["min"] <= 0:
            raise SpecError(f"parameter {name!r}: a log slider needs min > 0")
        parts = str(p.get("source", "")).split("+")
        if not all(part.strip().split(" ")[0] in SOURCES for part in parts):
            raise SpecError(f"parameter {name!r}: source {p.get('source')!r} is not one of {SOURCES}")


def defaults(spec):
    """Return {name: default} for a SPEC."""
    return {p["name"]: p["default"] for p in spec}


def validate(spec, params, strict=True, pairs=()):
    """Apply the validation policy of MODELS.md §0.3.

    Args:
        spec: The model's SPEC.
        params: Reader's values (may be None or partial).
        strict: Raise on out-of-range values instead of clamping.
        pairs: (low_name, high_name) range pairs swapped when low > high.

    Returns:
        (inputs, warnings): every parameter's value after clamping and swapping,
        and the list of warning strings.

    Raises:
        ModelInputError: unknown name, non-number, NaN/inf, fractional integer,
            or (with strict) a value outside its bounds.
    """
    by_name = {p["name"]: p for p in spec}
    params = dict(params or {})
    unknown = sorted(set(params) - set(by_name))
    if unknown:
        raise ModelInputError(f"unknown parameter(s): {', '.join(unknown)}")
    inputs, warnings = {}, []
    for name, p in by_name.items():
        value = params.get(name, p["default"])
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ModelInputError(f"{name}: expected a number, got {type(value).__name__}")
        if not math.isfinite(value):
            raise ModelInputError(f"{name}: {value} is not a finite number")
        if p["integer"]:
            if value != int(value):
                raise ModelInputError(f"{name}: must be a whole number, got {value}")
            value = int(value)
        if value < p["min"] or value > p["max"]:
            if strict:
                raise ModelInputError(f"{name}: {value} lies outside [{p['min']}, {p['max']}]")
            value = min(max(value, p["min"]), p["max"])
            warnings.append(f"clamped:{name}")
        inputs[name] = value
    for low, high in pairs:
        if inputs[low] > inputs[high]:
            inputs[low], inputs[high] = inputs[high], inputs[low]
            warnings.append(f"swapped:{low}/{high}")
    return inputs, warnings


# --- arithmetic -------------------------------------------------------------

def tol(b):
    """Comparison tolerance around threshold `b` (MODELS.md §0.4)."""
    return TOLERANCE * max(1.0, abs(b))


def ge(a, b):
    """a ≥ b within tolerance; None if either side is undefined."""
    return None if a is None or b is None else a >= b - tol(b)


def le(a, b):
    """a ≤ b within tolerance; None if either side is undefined."""
    return None if a is None or b is None else a <= b + tol(b)


def gt(a, b):
    """a > b beyond tolerance; None if either side is undefined."""
    return None if a is None or b is None else a > b + tol(b)


def lt(a, b):
    """a < b beyond tolerance; None if either side is undefined."""
    return None if a is None or b is None else a < b - tol(b)


def div(a, b):
    """a / b, or None when b is (nearly) zero or either side is undefined."""
    if a is None or b is None or abs(b) < ZERO:
        return None
    return finite(a / b)


def finite(x):
    """x if it is a finite float, else None (outputs never hold NaN/inf)."""
    if x is None:
        return None
    try:
        return x if math.isfinite(x) else None
    except (TypeError, OverflowError):
        return None


# --- verdicts and results ---------------------------------------------------

ESSAY_CLAIM = "essay_claim"
MODEL_CHECK = "model_check"


def verdict(vid, kind, holds, rule, margin, text_en, text_zh):
    """Build one verdict object (MODELS.md §0.4).

    Args:
        vid: Verdict id, e.g. "e2.per_taxpayer_1000".
        kind: ESSAY_CLAIM or MODEL_CHECK.
        holds: True, False or None (undetermined).
        rule: The rule in words.
        margin: Signed distance to the threshold (or tested ratio), or None.
        text_en: English sentence for the current `holds`.
        text_zh: Chinese sentence for the current `holds`.

    Returns:
        The verdict dict.
    """
    return {"id": vid, "kind": kind, "holds": holds, "rule": rule,
            "margin": finite(margin), "text_en": text_en, "text_zh": text_zh}


def result(inputs, outputs, verdicts, warnings):
    """Assemble compute()'s return value."""
    return {"inputs": inputs, "outputs": outputs, "verdicts": verdicts,
            "warnings": warnings}


def model_compute(scenario, verdicts):
    """A model's `compute(params=None, *, strict=True)` from its two halves (MODELS.md §0.1).

    Args:
        scenario: `scenario(params, strict)` → (inputs, warnings, outputs).
        verdicts: `verdicts(inputs, outputs)` → the verdicts in the spec's order.

    Returns:
        The model's compute function.
    """

    def compute(params=None, *, strict=True):
        """Run the model for one scenario.

        Args:
            params: {name: number}; missing names take their defaults.
            strict: Raise on out-of-range values (build, tests) instead of clamping (browser).

        Returns:
            {"inputs", "outputs", "verdicts", "warnings"}, JSON-safe.

        Raises:
            ModelInputError: unknown name, non-number, NaN/inf, fractional integer,
                or (with strict) a value outside its bounds.
        """
        inputs, warnings, outputs = scenario(params, strict)
        return result(inputs, outputs, verdicts(inputs, outputs), warnings)

    return compute


# --- display (MODELS.md §6) -------------------------------------------------

def _num(x, decimals, separators=True):
    """Fixed decimals rounded half away from zero, separators unless told not to, no "-0"."""
    text = f"{_half_up(x, decimals):{',' if separators else ''}.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text[1:].replace(",", "")) == 0 else text


def usd_bn_en(x):
    """$bn for English text: "$125bn", "$12.5bn", "$1.25tn"."""
    if x is None:
        return "n/a"
    if abs(x) >= 1000:
        return f"${_num(x / 1000, 2)}tn"
    return f"${_num(x, 1 if abs(x) < 100 else 0)}bn"


def usd_bn_zh(x):
    """USD billions in Chinese units: 125 → "1250亿美元", 2750 → "2.75万亿美元"."""
    if x is None:
        return "无法计算"
    if abs(x) >= 1000:
        return f"{_num(x / 1000, 2, separators=False)}万亿美元"
    yi = _half_up(x, 1 if abs(x) < 100 else 0) * 10
    if yi == 0:
        return "0美元"
    return f"{_num(yi, 0 if abs(yi - round(yi)) < 1e-9 else 1, separators=False)}亿美元"


def usd_en(x):
    """Per-person dollars: "$937" style, 0 decimals, separators."""
    return "n/a" if x is None else f"${_num(x, 0)}"


def usd_zh(x):
    """Per-person dollars in Chinese: "938美元"."""
    return "无法计算" if x is None else f"{_num(x, 0)}美元"


def pct(x):
    """Fraction as a percentage: 0 decimals, 1 decimal when |x| < 10%."""
    if x is None:
        return "无法计算"
    value = x * 100
    return f"{_num(value, 1 if abs(value) < 10 else 0)}%"


def _half_up(value, decimals):
    """Round half away from zero at `decimals` as a reader expects, immune to binary noise
    (0.0055*100 is 0.54999…, and 312.5 must show as 313 not Python's banker's 312)."""
    scale = 10 ** decimals
    return math.copysign(math.floor(abs(value) * scale + 0.5 + 1e-9) / scale, value)


def times(x, decimals=2):
    """Ratio: "1.67倍"; astronomically large ratios as "3.2×10^12倍"."""
    if x is None:
        return "无法计算"
    if abs(x) >= 1e6:
        mantissa, exponent = f"{x:.1e}".split("e")
        return f"{mantissa}×10^{int(exponent)}倍"
    return f"{_num(x, decimals)}倍"


def bp(x):
    """Basis points: "169个基点"."""
    return "无法计算" if x is None else f"{_num(x, 0)}个基点"


def number(x, decimals=0, suffix=""):
    """Generic number with separators and a unit suffix."""
    return "无法计算" if x is None else f"{_num(x, decimals)}{suffix}"


#: Display formats an output may declare in a model's OUTPUT_FORMATS.
FORMATS = {
    "usd_bn": usd_bn_zh,
    "usd_t": lambda x: usd_bn_zh(None if x is None else x * 1000),
    "usd": usd_zh,
    "pct": pct,
    "times": times,
    "bp": bp,
}


def display(value, fmt):
    """Format an output value for readers (Chinese conventions, MODELS.md §6).

    Args:
        value: A number, None, or a list of numbers (a range, shown "a–b").
        fmt: A key of FORMATS, or "num:<decimals>:<suffix>" (suffix optional).

    Returns:
        The display string.
    """
    if isinstance(value, (list, tuple)):
        return "–".join(display(v, fmt) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if fmt.startswith("num"):
        _, decimals, suffix = (fmt.split(":", 2) + ["0", ""])[:3]
        return number(value, int(decimals or 0), suffix)
    if fmt not in FORMATS:
        raise KeyError(f"unknown display format {fmt!r}; use one of "
                       f"{', '.join(FORMATS)} or num:<decimals>:<suffix>")
    return FORMATS[fmt](value)
