"""When a first visit fetches the engine snapshot for the next one (Chromium, which can
emulate a phone): a desktop keeps it once the page is live, a phone never asks for it, and
both delete an older build's snapshot.

A phone's first visit downloads about 6 MB without the snapshot and 11 MB with it; the
return visit it would speed up may never come (site_src/client/snapshots.js).
"""

import pytest

from .. import views
from .conftest import BLANK_PATH

#: A mid-range Android phone, as Chrome on it presents itself.
PHONE = {
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
                  "Chrome/156.0.0.0 Mobile Safari/537.36",
    "viewport": {"width": 412, "height": 915}, "device_scale_factor": 2.625,
    "is_mobile": True, "has_touch": True,
}
#: Plants an older build's snapshot in the site's Cache Storage; returns its cache name.
PLANT_OLD_JS = """async () => {
  const url = new URL("/assets/explainer/models-0ld0ld0ld0/engine-0.snapshot.gz", location.origin).href;
  const name = "explainer-snapshot " + url;
  await (await caches.open(name)).put(url, new Response("an older build's snapshot"));
  return name;
}"""
#: The snapshot URLs kept in Cache Storage once the older build's cache `name` is gone
#: (the engine deletes it last, after any fetch of its own has been kept), else null.
#: Playwright waits on a value, not a promise: each poll starts one check, and the value is
#: the last check's.
KEPT_ONCE_TIDIED_JS = """(name) => {
  const check = (window.__keptCheck ??= { running: false, kept: null });
  if (!check.running) {
    check.running = true;
    (async () => {
      const names = await caches.keys();
      if (names.includes(name)) return null;
      const kept = [];
      for (const each of names) kept.push(...(await (await caches.open(each)).keys()).map((r) => r.url));
      return kept;
    })().then((kept) => Object.assign(check, { running: false, kept }));
  }
  return check.kept;
}"""


@pytest.mark.parametrize("profile", ["desktop", "phone"])
def test_only_a_desktop_keeps_the_snapshot_and_both_forget_older_builds(browser, engine_server, profile):
    context = browser.new_context(locale="zh-CN", service_workers="block", **(PHONE if profile == "phone" else {}))
    errors = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    try:
        page = context.new_page()
        page.goto(engine_server.url.rstrip("/") + BLANK_PATH)
        old = page.evaluate(PLANT_OLD_JS)
        started = page.evaluate("Date.now()")
        page.goto(engine_server.url + "nato-taxpayer/")
        kept = page.wait_for_function(KEPT_ONCE_TIDIED_JS, arg=old, timeout=views.READY_TIMEOUT_MS).json_value()
        asked = [path for path in engine_server.served.between(started, page.evaluate("Date.now()"))
                 if path.split("?")[0].endswith(".snapshot.gz")]
    finally:
        context.close()
    assert not errors, f"the page reported errors: {errors}"
    if profile == "phone":
        assert not asked and not kept, f"a phone fetched the snapshot: asked {asked}, kept {kept}"
    else:
        assert len(asked) == 1 and len(kept) == 1 and kept[0].endswith(asked[0].split("?")[0]), \
            f"a desktop did not keep the snapshot once: asked {asked}, kept {kept}"
