"""The publishing workflow: tests every pull request, deploys main to GitHub Pages.

The workflow cannot run here, so this checks what would make it wrong on
GitHub: the triggers, that it runs the same commands CI runs here
(`bash .ci/run`, i.e. `make test`, then `make build`) in that order, that it
publishes `site/`, and that only the deploy job may write to Pages.
"""

import re
from pathlib import Path

import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORKFLOW_PATH = PROJECT_ROOT / ".github" / "workflows" / "site.yml"
ON_MAIN = "github.ref == 'refs/heads/main'"
NOT_A_PULL_REQUEST = "github.event_name != 'pull_request'"


@pytest.fixture(scope="module")
def workflow():
    """The workflow as data. YAML 1.1 reads the key `on` as True; it is put back as "on"."""
    data = yaml.safe_load(WORKFLOW_PATH.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


@pytest.fixture(scope="module")
def build_steps(workflow):
    return workflow["jobs"]["build"]["steps"]


def step_index(steps, predicate, what):
    """Index of the first step matching `predicate`; fails naming `what` when there is none."""
    for index, step in enumerate(steps):
        if predicate(step):
            return index
    pytest.fail(f"the build job has no step that {what}", pytrace=False)


def runs(command):
    """Predicate: a `run:` step with `command` as one of its commands (a whole line or `;`/`&&` part)."""
    pattern = re.compile(rf"(?:^|[;&|]\s*){re.escape(command)}\s*(?:$|[;&|])", re.MULTILINE)
    return lambda step: bool(pattern.search(step.get("run", "")))


def uses(action):
    """Predicate: a step using `action` (any version)."""
    return lambda step: step.get("uses", "").split("@")[0] == action


def makefile_targets():
    """Names of the Makefile's targets."""
    text = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([\w-]+):", text, re.MULTILINE))


def test_runs_on_pull_requests_and_pushes_to_main(workflow):
    triggers = workflow["on"]
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]


def test_tests_then_builds_with_the_commands_ci_runs_here(build_steps):
    test_step = step_index(build_steps, runs("bash .ci/run"), "runs `bash .ci/run`")
    build_step = step_index(build_steps, runs("make build"), "runs `make build`")
    assert test_step < build_step, "the site is built before the tests have passed"
    ci_script = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci_script.rstrip().splitlines()[-1].strip() == "make test", \
        ".ci/run no longer ends with `make test`"
    assert {"test", "build"} <= makefile_targets()


def test_checkout_and_toolchain_come_before_the_tests(build_steps):
    git = step_index(build_steps, lambda step: re.search(r"apt-get install[^\n]*\bgit\b[^\n]*\bmake\b",
                                                          step.get("run", "")),
                     "installs git and make")
    checkout = step_index(build_steps, uses("actions/checkout"), "checks out the repository")
    node = step_index(build_steps, uses("actions/setup-node"), "sets up Node (npm ci for Pyodide)")
    tests = step_index(build_steps, runs("bash .ci/run"), "runs the tests")
    # git before checkout: otherwise checkout downloads a tarball and every page loses its date.
    assert git < checkout < node < tests
    assert build_steps[checkout].get("with", {}).get("fetch-depth") == 0, \
        "a shallow clone dates every page with the newest commit"


def test_build_is_dated_by_the_commit_for_reproducible_output(build_steps):
    build = build_steps[step_index(build_steps, runs("make build"), "runs `make build`")]
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in build["run"]


def test_main_builds_for_the_pages_address(build_steps):
    """SITE_URL (mkdocs.yml's site_url) is the Pages address on main: instant navigation and
    the 404 page need the real sub-path (https://owner.github.io/repo/)."""
    pages = step_index(build_steps, uses("actions/configure-pages"), "asks for the Pages address")
    build = step_index(build_steps, runs("make build"), "runs `make build`")
    assert pages < build
    assert build_steps[pages]["id"] == "pages"
    assert ON_MAIN in build_steps[pages]["if"]
    assert build_steps[build]["env"]["PAGES_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert 'export SITE_URL="${PAGES_URL%/}/"' in build_steps[build]["run"]
    site_url = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[SITE_URL\b", site_url, re.MULTILINE), \
        "mkdocs.yml no longer takes site_url from SITE_URL"


def test_uploads_the_built_site_on_every_run(build_steps):
    build = step_index(build_steps, runs("make build"), "runs `make build`")
    upload = step_index(build_steps, uses("actions/upload-artifact"), "uploads an artifact")
    assert upload > build
    assert build_steps[upload]["with"]["path"] == "site/"
    assert "if" not in build_steps[upload], "pull requests must get their built site too"


def test_main_uploads_the_site_as_the_pages_artifact(build_steps):
    build = step_index(build_steps, runs("make build"), "runs `make build`")
    upload = step_index(build_steps, uses("actions/upload-pages-artifact"), "uploads the Pages artifact")
    assert upload > build
    assert build_steps[upload]["with"]["path"] == "site/"
    assert ON_MAIN in build_steps[upload]["if"] and NOT_A_PULL_REQUEST in build_steps[upload]["if"]


def test_deploys_to_pages_from_main_only_with_pages_permissions(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert ON_MAIN in deploy["if"] and NOT_A_PULL_REQUEST in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    step = deploy["steps"][0]
    assert step["uses"].split("@")[0] == "actions/deploy-pages" and step["id"] == "deployment"


def test_nothing_but_the_deploy_job_may_write(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions", workflow["permissions"])
        writes = {scope for scope, level in granted.items() if level == "write"}
        if name == "deploy":
            assert writes == {"pages", "id-token"}
        else:
            assert writes == set(), f"job {name} may write {sorted(writes)}"


def test_a_deployment_on_main_is_never_cancelled_half_way(workflow):
    cancel = str(workflow["concurrency"]["cancel-in-progress"])
    assert cancel == "${{ github.event_name == 'pull_request' }}"


def test_every_action_is_pinned_to_a_major_version(workflow):
    for name, job in workflow["jobs"].items():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), \
                    f"job {name}: `{step['uses']}` is not pinned to a major version"
