// The Content-Security-Policy allows no inline or eval'd script (only trunk's
// loader by hash, and wasm), and the app talks to no origin but its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, logRun, openApp, runItems } from "./support.mjs";

test("the CSP is strict and holds while the app is used", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"));
  assert.ok(scriptSrc, "has script-src");
  assert.doesNotMatch(scriptSrc, /'unsafe-inline'|'unsafe-eval'/);
  assert.match(scriptSrc, /'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'/);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /object-src 'none'/);

  // A note that looks like markup is shown as text, never run.
  const attack = "<img src=x onerror=alert(1)>";
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    d.dismiss();
  });
  await logRun(page, { notes: attack });
  await runItems(page).first().getByText(attack, { exact: true }).waitFor();
  assert.equal(await page.locator(".run img").count(), 0);
  for (const tab of ["Today", "Plan", "Settings", "History"]) await goTab(page, tab);
  assert.equal(dialogs, 0);
  await app.assertClean();
});
