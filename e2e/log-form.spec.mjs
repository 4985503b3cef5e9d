// The Log form in one phone screen (390x844): effort asked with the quick card's
// chips and plain words, the start following the duration (a run just finished
// started its duration ago), "I stopped earlier than I meant to" in plain words,
// the details folded, Save always in reach above the tab bar, and the errors still
// shown at each field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, localDateTime, openApp, runForm, runItems, screenshot } from "./support.mjs";

/** Whether `locator` is wholly on screen, clear of the tab bar. */
async function inReach(page, locator) {
  const box = await locator.boundingBox();
  const tabbar = await page.getByRole("navigation", { name: "Main" }).boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= tabbar.y;
}

test("the Log form asks in chips and words, starts the run its duration ago, and keeps Save in reach", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await goTab(page, "Log");
  const form = runForm(page);
  const save = form.getByRole("button", { name: "Save run" });
  assert.ok(await inReach(page, save), "Save is on the first screen");

  // Effort: the quick card's eleven chips, each with its word.
  const effort = form.getByRole("group", { name: "Effort" });
  assert.equal(await effort.getByRole("radio").count(), 11);
  await effort.getByText("0 rest · 3 moderate · 5 hard · 7 very hard · 10 maximal").waitFor();
  await effort.getByRole("radio", { name: "7 Very hard" }).check();
  await effort.getByText("7 · Very hard").waitFor();
  assert.equal(await form.getByRole("combobox", { name: /Effort/ }).count(), 0, "no effort dropdown");

  // The start is now less the duration, until the runner sets it.
  await form.getByLabel("Duration").fill("45:00");
  const start = form.getByLabel("Date and time");
  const expected = [localDateTime(45), localDateTime(46)];
  assert.ok(expected.includes(await start.inputValue()), `${await start.inputValue()} is 45 minutes ago`);
  await form.getByLabel("Duration").fill("1:30:00");
  assert.ok([localDateTime(90), localDateTime(91)].includes(await start.inputValue()));
  await start.fill(localDateTime(24 * 60));
  await form.getByLabel("Duration").fill("50:00");
  assert.equal(await start.inputValue(), localDateTime(24 * 60), "a start the runner set stays");

  // Plain words for a run cut short; notes and the rest folded away.
  await form.getByRole("checkbox", { name: "I stopped earlier than I meant to" }).check();
  assert.equal(await form.getByLabel("Notes").isVisible(), false, "notes are folded");
  assert.equal(await form.getByText("Finished", { exact: true }).count(), 0);

  // Scrolled anywhere, Save stays in reach; errors still show at their field.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  assert.ok(await inReach(page, save), "Save stays in reach at the bottom");
  await page.evaluate(() => window.scrollTo(0, 0));
  await save.click();
  await page.getByText("Enter the distance you ran.").waitFor();
  await page.getByText("Choose how it felt, from 1 (awful) to 5 (great).").waitFor();
  assert.equal(await form.getByLabel(/^Distance/).getAttribute("aria-invalid"), "true");
  await screenshot(page, "log-form-errors-390x844");

  await form.getByLabel(/^Distance/).fill("8");
  await form.getByRole("radio", { name: "OK", exact: true }).check();
  await save.click();
  await page.getByRole("heading", { name: "History" }).waitFor();
  const run = runItems(page).first();
  assert.match(await run.textContent(), /8\.00 km · 50:00/);
  assert.match(await run.textContent(), /Effort 7 \(Very hard\) · Felt OK · Stopped early/);
  await app.assertClean();
});

test("at 390x844 a first run needs no scrolling: every answer and Save on one screen", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await goTab(page, "Log");
  const form = runForm(page);
  for (const control of [
    form.getByLabel("Duration"),
    form.getByLabel(/^Distance/),
    form.getByRole("radio", { name: "10 Maximal" }),
    form.getByRole("radio", { name: "Great" }),
    form.getByRole("button", { name: "Save run" }),
  ]) {
    assert.ok(await inReach(page, control), `${control} on the first screen`);
  }
  await screenshot(page, "log-form-390x844");
  await app.assertClean();
});
