"""The workflows: test every pull request and report what readers will see change;
comment that report on the pull request; deploy main to GitHub Pages.

The workflows cannot run here, so this checks what would make them wrong on
GitHub: the triggers, that the build job runs the same commands CI runs here
(`bash .ci/run`, i.e. `make test`, then `make build`) in that order, that it
publishes `site/`, that only the deploy job may write to Pages, and that the
commenting workflow holds only the rights it needs and never runs a pull
request's code.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = PROJECT_ROOT / ".github" / "workflows"
WORKFLOW_PATH = WORKFLOWS / "site.yml"
COMMENT_PATH = WORKFLOWS / "reader-diff-comment.yml"
ON_MAIN = "github.ref == 'refs/heads/main'"
NOT_A_PULL_REQUEST = "github.event_name != 'pull_request'"
ON_A_PULL_REQUEST = "github.event_name == 'pull_request'"


def load(path):
    """A workflow as data. YAML 1.1 reads the key `on` as True; it is put back as "on"."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


@pytest.fixture(scope="module")
def workflow():
    return load(WORKFLOW_PATH)


@pytest.fixture(scope="module")
def comment_workflow():
    return load(COMMENT_PATH)


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


def named_artifact(name):
    """Predicate: an upload-artifact step for the artifact `name`."""
    return lambda step: uses("actions/upload-artifact")(step) and step["with"]["name"] == name


def test_uploads_the_built_site_with_its_one_command_readme_on_every_run(build_steps):
    build = step_index(build_steps, runs("make build"), "runs `make build`")
    stage = step_index(build_steps, runs("cp -R site site-artifact/site"), "stages site/ for the artifact")
    upload = step_index(build_steps, named_artifact("site"), "uploads the built site")
    assert build < stage < upload
    assert build_steps[upload]["with"]["path"] == "site-artifact/"
    assert "if" not in build_steps[upload], "pull requests must get their built site too"
    readme = build_steps[stage]["run"]
    assert "cat > site-artifact/README.md" in readme
    assert "    python3 -m http.server -b 127.0.0.1 -d site 8000\n" in readme


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


# --- pull requests: the reader diff, the caches, the browser suite ------------------

def all_workflows():
    """(file name, workflow) for every workflow of the repository."""
    return [(path.name, load(path)) for path in sorted(WORKFLOWS.glob("*.y*ml"))]


def test_no_workflow_runs_with_the_base_repository_rights_on_pull_request_code():
    for name, data in all_workflows():
        assert "pull_request_target" not in data["on"], f"{name} is triggered by pull_request_target"


def test_pip_and_npm_downloads_are_cached_before_set_up(build_steps):
    node = build_steps[step_index(build_steps, uses("actions/setup-node"), "sets up Node")]
    assert node["with"]["cache"] == "npm"
    pip = step_index(build_steps, uses("actions/cache"), "caches pip downloads")
    assert build_steps[pip]["with"]["path"] == "~/.cache/pip"
    assert "hashFiles('pyproject.toml')" in build_steps[pip]["with"]["key"]
    assert pip < step_index(build_steps, runs("make setup"), "runs `make setup`")


def test_a_pull_request_reports_its_reader_diff_against_its_base_before_the_tests(build_steps):
    diff = step_index(build_steps, lambda step: 'make diff BASE="$BASE_SHA"' in step.get("run", ""),
                      'runs `make diff BASE="$BASE_SHA"`')
    step = build_steps[diff]
    assert step["if"] == ON_A_PULL_REQUEST
    assert step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert step["env"]["PR_NUMBER"] == "${{ github.event.pull_request.number }}"
    assert step["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
    assert 'cat reader-diff/diff.md >> "$GITHUB_STEP_SUMMARY"' in step["run"]
    assert "> reader-diff/pull-request.json" in step["run"]
    upload = step_index(build_steps, named_artifact("reader-diff"), "uploads the reader diff")
    assert build_steps[upload]["with"]["path"] == "reader-diff/"
    # Before the tests: a failing test still leaves the reviewer the report.
    assert step_index(build_steps, runs("make setup"), "sets up") < diff < upload \
        < step_index(build_steps, runs("bash .ci/run"), "runs the tests")
    assert "diff" in makefile_targets()


def run_step_script(step, cwd, env):
    """Run a step's `run:` script in bash (as GitHub does) with `env` added (PYTEST_ARGS
    from this test run is dropped: the script decides it)."""
    inherited = {key: value for key, value in os.environ.items() if key != "PYTEST_ARGS"}
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, capture_output=True, text=True,
                          env=dict(inherited, **env), timeout=30, check=True)


@pytest.mark.parametrize(("changed", "decision"), [
    (["content/nato-taxpayer.md"], "skip"),
    (["README.md", "content/nato-taxpayer.md", "docs/models.md"], "skip"),
    (["widgets/nato_taxpayer.py"], "run"),
    (["content/nato-taxpayer.md", "site_src/plugin.py"], "run"),
    (["content/figure.svg", "tests/ui/test_site.py"], "run"),
    ([], "run"),
])
def test_the_browser_suite_is_skipped_only_when_content_or_markdown_alone_changed(
        build_steps, tmp_path, changed, decision):
    scope = build_steps[step_index(build_steps, lambda step: step.get("id") == "scope",
                                   "decides whether the browser suite runs")]
    assert scope["if"] == ON_A_PULL_REQUEST
    assert 'git diff --name-only "$BASE_SHA" HEAD' in scope["run"]
    stub = tmp_path / "bin"
    stub.mkdir()
    (stub / "git").write_text("#!/bin/sh\nprintf '%s\\n' " + " ".join(changed) + "\n" if changed
                              else "#!/bin/sh\n", encoding="utf-8")
    (stub / "git").chmod(0o755)
    output = tmp_path / "output"
    run_step_script(scope, tmp_path, {"PATH": f"{stub}:{os.environ['PATH']}", "BASE_SHA": "base",
                                      "GITHUB_OUTPUT": str(output)})
    assert output.read_text(encoding="utf-8") == f"ui={decision}\n"


@pytest.mark.parametrize(("ui", "pytest_args"), [("skip", '-m "not ui"'), ("run", ""), ("", "")])
def test_the_test_step_passes_the_decision_to_make_test(build_steps, tmp_path, ui, pytest_args):
    test = build_steps[step_index(build_steps, runs("bash .ci/run"), "runs the tests")]
    assert test["env"]["UI"] == "${{ steps.scope.outputs.ui }}"
    (tmp_path / ".ci").mkdir()
    (tmp_path / ".ci" / "run").write_text('printf "%s" "$PYTEST_ARGS"\n', encoding="utf-8")
    completed = run_step_script(test, tmp_path, {"UI": ui})
    assert completed.stdout.rsplit("\n", 1)[-1] == pytest_args


# --- the commenting workflow ---------------------------------------------------------

@pytest.fixture(scope="module")
def comment_job(comment_workflow):
    (job,) = comment_workflow["jobs"].values()
    return job


@pytest.fixture(scope="module")
def comment_script(comment_job):
    step = next(step for step in comment_job["steps"] if uses("actions/github-script")(step))
    return step["with"]["script"]


def test_comments_when_the_site_run_of_a_pull_request_completes(workflow, comment_workflow, comment_job):
    assert comment_workflow["on"] == {"workflow_run": {"workflows": [workflow["name"]],
                                                       "types": ["completed"]}}
    assert "github.event.workflow_run.event == 'pull_request'" in comment_job["if"]


def test_the_commenting_job_holds_only_the_rights_it_needs(comment_workflow, comment_job):
    assert comment_workflow["permissions"] == {}
    assert comment_job["permissions"] == {"actions": "read", "pull-requests": "write"}


def test_the_commenting_job_never_checks_out_or_runs_pull_request_code(comment_job):
    for step in comment_job["steps"]:
        assert not uses("actions/checkout")(step), "the commenting job checks out code"
        assert "run" not in step, f"the commenting job runs a shell step: {step.get('name')}"
    download = next(step for step in comment_job["steps"] if uses("actions/download-artifact")(step))
    assert download["with"]["name"] == "reader-diff", "only the report artifact is downloaded"
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"


def test_the_artifact_is_checked_as_untrusted_data(comment_script):
    assert "${{" not in comment_script, "no expression may be pasted into the script's code"
    assert r"/^[1-9][0-9]{0,9}$/.test(number)" in comment_script
    assert "run.pull_requests" in comment_script
    assert "claimed.head_sha !== run.head_sha" in comment_script
    assert "pull.head.sha !== run.head_sha" in comment_script
    assert "MAX_FILE_BYTES" in comment_script and "MAX_COMMENT_CHARS" in comment_script


def test_one_comment_is_found_by_its_hidden_marker_and_updated(comment_script):
    assert "const MARKER = '<!-- essay-explainer:reader-diff -->';" in comment_script
    assert "comment.body.startsWith(MARKER)" in comment_script
    assert "github.rest.issues.updateComment" in comment_script
    assert "github.rest.issues.createComment" in comment_script


def test_every_action_of_the_commenting_workflow_is_pinned(comment_job):
    for step in comment_job["steps"]:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), f"`{step['uses']}` is not pinned"
