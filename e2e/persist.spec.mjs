// After the first saved run the app asks the browser to keep its storage
// (navigator.storage.persist), once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { logRun, openApp } from "./support.mjs";

test("persistent storage is requested after the first saved run", async (t) => {
  const app = await openApp(t, {
    initScript: () => {
      window.__persistCalls = 0;
      const original = navigator.storage.persist.bind(navigator.storage);
      navigator.storage.persist = () => {
        window.__persistCalls++;
        return original();
      };
    },
  });
  const { page } = app;
  assert.equal(await page.evaluate(() => window.__persistCalls), 0, "not before any run");
  await logRun(page);
  assert.equal(await page.evaluate(() => window.__persistCalls), 1);
  await logRun(page, { duration: "31:00" });
  assert.equal(await page.evaluate(() => window.__persistCalls), 1, "once per session");
  await app.assertClean();
});
