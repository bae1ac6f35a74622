"""The models archives: deterministic, `core.zip` as the registry lists it, each model's
archive with everything it imports."""

import io
import zipfile

from site_src.engine.archive import ZIP_DATE
from site_src.engine.models import model_archives, widgets_imports
from widgets import registry

from ..conftest import PROJECT_ROOT

WIDGETS_DIR = PROJECT_ROOT / "widgets"


def names_in(archive):
    return sorted(zipfile.ZipFile(io.BytesIO(archive)).namelist())


def test_model_archives_are_byte_identical_across_calls():
    assert model_archives() == model_archives()


def test_core_archive_holds_the_shared_modules_and_needs_nothing_else():
    core = model_archives()["core"]
    assert names_in(core) == sorted(f"widgets/{name}.py" for name in registry.CORE)
    for name in registry.CORE:
        imports = widgets_imports((WIDGETS_DIR / f"{name}.py").read_bytes())
        assert imports <= set(registry.CORE), f"core module {name} imports {imports}"


def test_each_model_archive_holds_the_model_and_everything_it_imports():
    archives = model_archives()
    assert set(archives) == {"core", *registry.MODELS}
    for model in registry.MODELS:
        shipped = {name.removeprefix("widgets/").removesuffix(".py")
                   for name in names_in(archives["core"]) + names_in(archives[model])}
        assert model in shipped
        for name in list(shipped):
            missing = widgets_imports((WIDGETS_DIR / f"{name}.py").read_bytes()) - shipped
            assert not missing, f"{model}: {name} imports {missing}, which no archive of the page holds"


def test_archives_together_hold_every_source_unchanged():
    archives = model_archives()
    shipped = {}
    for archive in archives.values():
        with zipfile.ZipFile(io.BytesIO(archive)) as opened:
            for name in opened.namelist():
                shipped[name] = opened.read(name)
                assert opened.getinfo(name).date_time == ZIP_DATE, "timestamps must not vary"
    assert sorted(shipped) == sorted(f"widgets/{p.name}" for p in WIDGETS_DIR.glob("*.py"))
    for name, data in shipped.items():
        assert data == (PROJECT_ROOT / name).read_bytes(), f"{name} differs from the source"
