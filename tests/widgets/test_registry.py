"""`widgets.registry`: the models the site knows, the core archive, and each model's record."""

import importlib
from pathlib import Path

import pytest

from widgets import registry, runtime

WIDGETS = Path(__file__).resolve().parents[2] / "widgets"
FIXTURES = "tests.fixtures.models"


@pytest.mark.parametrize("slug", registry.MODELS)
def test_every_registered_model_is_a_complete_model(slug):
    model = runtime.load(slug)
    assert model.SPEC and isinstance(model.PRESETS, dict) and callable(model.compute)
    assert runtime.chart_ids(model), f"{slug} has no chart_<id> functions"
    assert set(model.VERDICT_TITLES) == {v["id"] for v in model.compute({})["verdicts"]}


@pytest.mark.parametrize("slug", registry.MODELS)
def test_a_models_record_is_the_one_its_record_module_holds(slug):
    entries = importlib.import_module(f"widgets.{slug}_record").PUBLIC_RECORD
    assert entries and registry.record(runtime.load(slug)) == entries


def test_a_model_without_a_record_module_has_an_empty_record():
    tiny = runtime.load("tiny", FIXTURES)
    assert not hasattr(tiny, "PUBLIC_RECORD")
    assert registry.record(tiny) == []


def test_every_widgets_module_is_core_or_part_of_one_model():
    modules = {path.stem for path in WIDGETS.glob("*.py")}
    assert set(registry.CORE) <= modules, "CORE names a module that does not exist"
    owned = {name for name in modules for slug in registry.MODELS
             if name == slug or name.startswith(f"{slug}_")}
    assert modules - set(registry.CORE) == owned, "a module is neither core nor a model's part"
    assert not owned & set(registry.CORE)
