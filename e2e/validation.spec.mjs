// The form explains what is wrong, field by field, and asks about unusual paces.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goTab, localDateTime, logRun, openApp, runItems } from "./support.mjs";

test("empty and zero duration, negative distance and a future date are refused with reasons", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await goTab(page, "Log");
  await page.getByRole("button", { name: "Save run" }).click();
  await page.getByText("Enter how long you ran, e.g. 45:00.").waitFor();
  await page.getByText("Enter the distance you ran.").waitFor();
  await page.getByText("Choose an effort from 0 (rest) to 10 (maximal).").waitFor();
  await page.getByText("Choose how it felt, from 1 (awful) to 5 (great).").waitFor();
  assert.equal(await page.getByLabel("Duration").getAttribute("aria-invalid"), "true");

  await page.getByLabel("Duration").fill("0:00");
  await page.getByLabel(/^Distance/).fill("-3");
  await page.getByLabel("Date and time").fill(localDateTime(-24 * 60));
  await page.getByRole("button", { name: "Save run" }).click();
  await page.getByText("The duration must be more than zero.").waitFor();
  await page.getByText("The distance can't be negative.").waitFor();
  await page.getByText("That is in the future: enter when you actually ran.").waitFor();

  await goTab(page, "History");
  await page.getByText("No runs yet.").waitFor();
  await app.assertClean();
});

test("an implausible pace asks 'are you sure?' and saves only on yes", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  await logRun(page, { duration: "8:00", distance: "5", saves: false }); // 1:36 /km
  const question = page.getByRole("alert").filter({ hasText: "Are you sure?" });
  await question.getByText("That is a pace of 1:36 /km, faster than 2:00 /km. Are you sure?").waitFor();
  await question.getByRole("button", { name: "Let me fix it" }).click();
  assert.equal(await question.count(), 0);

  await page.getByLabel("Duration").fill("2:00:00"); // 24:00 /km
  await page.getByRole("button", { name: "Save run" }).click();
  await page.getByText(/slower than 20:00 \/km\. Are you sure\?/).waitFor();
  await page.getByRole("button", { name: "Yes, save it" }).click();
  await page.getByRole("heading", { name: "History" }).waitFor();
  assert.match(await runItems(page).first().textContent(), /24:00 \/km/);
  await app.assertClean();
});
