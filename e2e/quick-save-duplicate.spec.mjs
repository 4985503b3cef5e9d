// After a quick save the card shows the run as logged, so a second tap can't log
// the same run again; a run logged within the hour any other way (the Log form)
// shows there too. "Log another run" brings the question back for a real second run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, localDateTime, logRun, openApp, runItems } from "./support.mjs";

test("a second tap after a quick save logs nothing; 'Log another run' logs a second one", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { start: localDateTime(2 * 24 * 60), type: "Easy", duration: "30:00", distance: "5", rpe: "3", feel: "Good" });
  await goTab(page, "Today");
  const card = page.getByRole("region", { name: "Just finished your usual run?" });
  const save = card.getByRole("button", { name: "Save this run" });
  await save.click();
  await page.getByRole("status").getByText("Run saved.").waitFor();

  // The card says it is logged, and offers no second identical save.
  const logged = card.getByText(/^Already logged: Easy · 5\.00 km · 30:00 · 6:00 \/km, finished at \d\d:\d\d$/);
  await logged.waitFor();
  assert.equal(await save.count(), 0, "no Save this run");
  // Focus moves in the frame after the text shows (quick.rs), so wait for that frame.
  await page.waitForFunction(() => document.activeElement?.textContent?.startsWith("Already logged"), null, { timeout: 5_000 });
  await goTab(page, "History");
  assert.equal(await runItems(page).count(), 2);

  // A real second run: asked for, then saved.
  await goTab(page, "Today");
  await card.getByRole("button", { name: "Log another run" }).click();
  await card.getByRole("radio", { name: "6 Hard" }).click();
  await save.click();
  await page.getByRole("status").getByText("Run saved.").waitFor();
  await logged.waitFor();
  await goTab(page, "History");
  assert.equal(await runItems(page).count(), 3);

  // Undo takes the last one back, and the card follows.
  await goTab(page, "Today");
  await card.getByRole("button", { name: "Log another run" }).click();
  await save.click();
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("status").getByText("Run removed.").waitFor();
  await goTab(page, "History");
  assert.equal(await runItems(page).count(), 3);
  await app.assertClean();
});

test("a run just logged with the form shows on the card as already logged", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { start: localDateTime(3 * 24 * 60), duration: "40:00", distance: "8" });
  // Just back: the form's start is now less the duration.
  await logRun(page, { duration: "40:00", distance: "8.1", rpe: "4" });
  await goTab(page, "Today");
  const card = page.getByRole("region", { name: "Just finished your usual run?" });
  await card.getByText(/^Already logged: Easy · 8\.10 km · 40:00/).waitFor();
  assert.equal(await card.getByRole("button", { name: "Save this run" }).count(), 0);
  await app.assertClean();
});
