// Firefox for the engine tests: puppeteer-core drives Firefox ESR over WebDriver BiDi, and
// this process answers one JSON line per request on stdin (see drivers.py):
//   {"op": "open", "url"}                 → {"value": page id}   (a new browser context)
//   {"op": "evaluate", "page", "expression"}             → {"value": its (awaited) value}
//   {"op": "waitFor", "page", "expression", "timeout"}   → {"value": its first truthy value}
//   {"op": "errors", "page"}              → {"value": [uncaught errors and console errors]}
//   {"op": "close", "page"}               → {"value": null}
// A failed request answers {"error": message}. The first line out is {"value": browser version}.
// Usage: node firefox.mjs /usr/bin/firefox-esr
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({ browser: "firefox", executablePath: process.argv[2], headless: true });
const pages = new Map(); // id → { context, page, errors }
let nextId = 1;

const ops = {
  async open({ url }) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(`page error: ${error.message ?? error}`));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console error: ${message.text()}`);
    });
    const id = nextId++;
    pages.set(id, { context, page, errors });
    await page.goto(url);
    return id;
  },
  evaluate: ({ page, expression }) => pages.get(page).page.evaluate(expression),
  async waitFor({ page, expression, timeout }) {
    const handle = await pages.get(page).page.waitForFunction(expression, { timeout, polling: 50 });
    return handle.jsonValue();
  },
  errors: ({ page }) => pages.get(page).errors,
  async close({ page }) {
    await pages.get(page).context.close();
    pages.delete(page);
    return null;
  },
};

const answer = (reply) => process.stdout.write(JSON.stringify(reply) + "\n");
answer({ value: await browser.version() });
for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  try {
    answer({ value: (await ops[request.op](request)) ?? null });
  } catch (error) {
    answer({ error: String(error?.message ?? error) });
  }
}
await browser.close();
