"""`widgets.base.check_spec`: a model whose SPEC contradicts itself is refused precisely.

The build runs check_spec on every model (site_src.plugin.check.model_info); the
message must name the parameter and what is wrong with it.
"""

import math

import pytest

from site_src.plugin import check
from tests.conftest import ESSAY_PAGES
from widgets import base, registry


def spec_with(**changes):
    """A one-parameter SPEC (a valid slider) with some fields changed."""
    descriptor = base.param("rent_b", "十亿美元/年", 50, 0, 500, 5, "Rent", "租金", "essay")
    descriptor.update(changes)
    return [descriptor]


def test_a_consistent_spec_passes():
    base.check_spec(spec_with())
    base.check_spec(spec_with(default=0))
    base.check_spec(spec_with(default=500))


@pytest.mark.parametrize("changes, words", [
    ({"default": 501}, ["'rent_b'", "default 501", "outside [0, 500]"]),
    ({"default": -5}, ["'rent_b'", "default -5", "outside [0, 500]"]),
    ({"step": 0}, ["'rent_b'", "step must be above 0", "got 0"]),
    ({"step": -5}, ["'rent_b'", "step must be above 0", "got -5"]),
    ({"min": 600}, ["'rent_b'", "min 600 is above max 500"]),
    ({"log": True}, ["'rent_b'", "log slider needs min > 0"]),
    ({"default": math.nan}, ["'rent_b'", "default must be a finite number"]),
    ({"max": math.inf}, ["'rent_b'", "max must be a finite number"]),
    ({"step": "5"}, ["'rent_b'", "step must be a finite number", "'5'"]),
    ({"default": True}, ["'rent_b'", "default must be a finite number"]),
    ({"source": "blog"}, ["'rent_b'", "source 'blog'"]),
    ({"name": "rent b"}, ["'rent b'", "not an identifier"]),
], ids=["default above max", "default below min", "step zero", "step negative", "min above max",
        "log from zero", "NaN default", "infinite max", "string step", "bool default",
        "unknown source", "name with a space"])
def test_inconsistent_parameter_is_refused_with_a_precise_message(changes, words):
    with pytest.raises(base.SpecError) as error:
        base.check_spec(spec_with(**changes))
    message = str(error.value)
    for word in words:
        assert word in message, f"{word!r} missing from {message!r}"


def test_duplicate_names_are_refused():
    spec = spec_with() + spec_with(default=60)
    with pytest.raises(base.SpecError, match="parameter 'rent_b' is declared twice"):
        base.check_spec(spec)


def test_combined_sources_are_accepted():
    base.check_spec(spec_with(source="essay+assumption"))
    base.check_spec(spec_with(source="essay+public"))


@pytest.mark.parametrize("slug", check.models())
def test_every_real_model_spec_is_consistent(slug):
    """The models the site ships pass the same check the build applies."""
    from widgets import runtime

    base.check_spec(runtime.load(slug).SPEC)


def test_every_model_has_an_essay_page_and_every_essay_page_a_model():
    """The registry and mkdocs.yml's nav agree, so tests that loop over either see every essay."""
    assert sorted(ESSAY_PAGES.values()) == sorted(registry.MODELS)
