// A panic replaces the frozen app with a plain message and a reload link, and the
// runner's saved runs are untouched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, logRun, openApp, runItems } from "./support.mjs";

test("a crash shows 'your data is safe' and reloading brings the runs back", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { notes: "before the crash" });

  await page.goto(new URL("/?crash-test", page.url()).href);
  await page.getByRole("heading", { name: "Something went wrong — your data is safe" }).waitFor();
  assert.ok(app.seen.consoleErrors.some((e) => e.includes("Restride crashed")), "the panic is logged");
  assert.equal(await page.getByRole("navigation", { name: "Main" }).count(), 0);

  await page.getByRole("link", { name: "Reload" }).click();
  await appReady(page);
  await page.getByRole("link", { name: "History", exact: true }).click();
  await runItems(page).filter({ hasText: "before the crash" }).waitFor();
});
