"""Check every page's front matter and directives, and every model's SPEC.

The plugin runs this over all pages before it renders any (so a bad page
fails the build with nothing half-written), and `make check` runs it alone,
in about a second, with the same `file:line: message` lines:

    python -m site_src.plugin.check [mkdocs.yml]
"""

import dataclasses
import functools
import sys
from pathlib import Path

import yaml

from widgets import registry, runtime
from widgets.base import SpecError, check_spec

from . import directives
from .scan import format_problems, scan

#: Front-matter keys a page may use.
FRONT_MATTER_KEYS = ("title", "description", "model", "social", "hide", "template", "search")


class ModelError(Exception):
    """A model that cannot be used (import fails, SPEC inconsistent, outputs without format)."""


def models():
    """Slugs of every model (the registry's, sorted for messages)."""
    return sorted(registry.MODELS)


@functools.lru_cache(maxsize=None)
def model_info(slug):
    """What directives may name in a model.

    Raises:
        ModelError: the model is broken; the message names the module and the fix.
    """
    where = f"widgets/{slug}.py"
    try:
        model = runtime.load(slug)
        check_spec(model.SPEC)
        state = runtime.evaluate(model, {}, runtime.chart_ids(model))
        records = registry.record(model)
    except SpecError as error:
        raise ModelError(f"{where}: SPEC is inconsistent: {error}") from None
    except (ImportError, AttributeError, KeyError, TypeError, ValueError) as error:
        raise ModelError(f"{where}: cannot be used: {error.__class__.__name__}: {error}") from None
    ids = [entry["id"] for entry in records]
    return directives.ModelInfo(
        slug=slug, params={p["name"]: p for p in model.SPEC},
        charts=tuple(runtime.chart_ids(model)), outputs=tuple(state["outputs"]),
        verdicts=tuple(v["id"] for v in state["verdicts"]), records=tuple(dict.fromkeys(ids)),
        notes=tuple(getattr(model, "NOTES", {})))


def split_front_matter(source):
    """(meta dict, body, number of lines before the body, problems) of a page's source."""
    if not source.startswith("---"):
        return {}, source, 0, []
    lines = source.split("\n")
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, source, 0, [(1, "front matter is never closed: add a line `---` after it")]
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return {}, "\n".join(lines[end + 1:]), end + 1, [
            (line, f"front matter is not valid YAML ({getattr(error, 'problem', error)})")]
    if not isinstance(meta, dict):
        return {}, "\n".join(lines[end + 1:]), end + 1, [(1, "front matter must be `key: value` lines")]
    return meta, "\n".join(lines[end + 1:]), end + 1, []


def check_page(source):
    """Problems of one page as (line, message) pairs, lines counted in the source file."""
    meta, body, offset, problems = split_front_matter(source)
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            problems.append((_meta_line(source, key), f'unknown front matter key "{key}": '
                                f"{directives.did_you_mean(key, FRONT_MATTER_KEYS)}"))
    found, syntax = scan(body)
    problems += [(line + offset, message) for line, message in syntax]
    found = [dataclasses.replace(d, line=d.line + offset,
                                 option_lines={k: v + offset for k, v in d.option_lines.items()})
             for d in found]
    slug = meta.get("model")
    if slug is None:
        if found:
            problems.append((found[0].line, "widget directives need a model: add `model: <slug>` to the "
                                            f"front matter (available: {', '.join(models())})"))
        return problems
    if not isinstance(slug, str) or slug not in models():
        return problems + [(_meta_line(source, "model"), f'front matter names unknown model "{slug}": '
                                                        f"{directives.did_you_mean(str(slug), models())}")]
    try:
        info = model_info(slug)
    except ModelError as error:
        return problems + [(_meta_line(source, "model"), str(error))]
    for directive in found:
        problems += directives.problems(directive, info)
    return problems


def _meta_line(source, key):
    """Line number of `key:` in the front matter (1 when absent)."""
    for number, line in enumerate(source.split("\n"), start=1):
        if line.startswith(f"{key}:"):
            return number
    return 1


def check_docs(docs_dir, pages=None):
    """Check every Markdown page under `docs_dir` (or the given relative paths).

    Returns:
        The report (one `path:line: message` per problem), or "" when all is well.
    """
    docs_dir = Path(docs_dir)
    paths = sorted(pages) if pages is not None else sorted(
        p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    report = []
    for relative in paths:
        source = (docs_dir / relative).read_text(encoding="utf-8")
        problems = check_page(source)
        if problems:
            report.append(format_problems(relative, problems))
    for slug in models():
        try:
            model_info(slug)
        except ModelError as error:
            report.append(str(error))
    return "\n".join(dict.fromkeys(report))


def main(argv=None):
    """`python -m site_src.plugin.check [mkdocs.yml]`: exit 1 and print the problems, if any."""
    argv = sys.argv[1:] if argv is None else argv
    config_path = Path(argv[0] if argv else "mkdocs.yml")
    config = read_config(config_path)
    docs_dir = config_path.parent / config.get("docs_dir", "docs")
    report = check_docs(docs_dir)
    if report:
        print(report)
        return 1
    print(f"ok: {len(list(docs_dir.rglob('*.md')))} pages and {len(models())} models checked")
    return 0


def nav_pages(config_path):
    """{page folder: Markdown file} of every page mkdocs.yml's `nav` lists, in its order
    (`index.md` → "", `nato-taxpayer.md` → "nato-taxpayer")."""
    return {_folder(entry): entry for entry in _nav_files(read_config(config_path).get("nav", []))}


def essay_pages(config_path):
    """{page folder: model} of every `nav` page whose front matter names a model, in order."""
    config_path = Path(config_path)
    docs_dir = config_path.parent / read_config(config_path).get("docs_dir", "docs")
    found = {}
    for folder, entry in nav_pages(config_path).items():
        model = split_front_matter((docs_dir / entry).read_text(encoding="utf-8"))[0].get("model")
        if model:
            found[folder] = model
    return found


def _folder(entry):
    """The URL folder of a nav entry (directory URLs): "a/index.md" → "a", "index.md" → ""."""
    stem = entry.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index")


def _nav_files(nav):
    """The Markdown files a `nav` (nested lists and {title: entry} maps) names, in order."""
    for entry in nav:
        if isinstance(entry, dict):
            yield from _nav_files(list(entry.values()))
        elif isinstance(entry, list):
            yield from _nav_files(entry)
        elif isinstance(entry, str) and entry.endswith(".md"):
            yield entry


def read_config(path):
    """mkdocs.yml as plain data (its !ENV and !!python tags read as None): enough to find
    docs_dir or markdown_extensions without importing MkDocs' config machinery."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring its !!python and !ENV tags."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

if __name__ == "__main__":
    sys.exit(main())
