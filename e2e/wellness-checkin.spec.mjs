// The daily wellness check-in: every item rated in words, one per day, editable,
// and kept across reloads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appReady, openApp } from "./support.mjs";

test("a daily check-in is saved, shown, and edited rather than duplicated", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  const card = page.getByRole("region", { name: "Daily check-in" });
  await card.getByRole("button", { name: "Check in" }).click();
  const form = page.getByRole("form", { name: "Daily check-in" });

  // Saving with nothing rated says what is missing.
  await form.getByRole("button", { name: "Save check-in" }).click();
  await form.getByText("Rate your sleep quality.").waitFor();
  await form.getByText("Rate your motivation.").waitFor();

  await form.getByLabel("Hours slept").fill("6.5");
  await form.getByRole("group", { name: "Sleep quality" }).getByRole("radio", { name: "5 Bad" }).check();
  await form.getByRole("group", { name: "Stress" }).getByRole("radio", { name: "6 Very high" }).check();
  await form.getByRole("group", { name: "Fatigue" }).getByRole("radio", { name: "4 Average" }).check();
  await form.getByRole("group", { name: "Muscle soreness" }).getByRole("radio", { name: "3 Low" }).check();
  await form.getByRole("group", { name: "Hydration" }).getByRole("radio", { name: "OK" }).check();
  await form.getByRole("group", { name: "Motivation to run" }).getByRole("radio", { name: "Low" }).check();
  await form.getByRole("checkbox", { name: "Work stress" }).check();
  await form.getByRole("button", { name: "Save check-in" }).click();

  // In plain words: what was rated worse than average, not a "Hooper index".
  await card.getByText("6.5 h sleep · sleep quality bad and stress very high · motivation low").waitFor();
  await page.reload();
  await appReady(page);
  await card.getByText("sleep quality bad and stress very high").waitFor();

  // Editing today's check-in replaces it.
  await card.getByRole("button", { name: "Edit today's check-in" }).click();
  assert.equal(await form.getByLabel("Hours slept").inputValue(), "6.5");
  assert.equal(await form.getByRole("checkbox", { name: "Work stress" }).isChecked(), true);
  await form.getByRole("group", { name: "Stress" }).getByRole("radio", { name: "2 Very low" }).check();
  await form.getByRole("button", { name: "Save check-in" }).click();
  await card.getByText("6.5 h sleep · sleep quality bad · motivation low").waitFor();
  const stored = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("restride.wellness."))
      .map((k) => JSON.parse(localStorage.getItem(k)).days.length),
  );
  assert.deepEqual(stored, [1], "one check-in for the day");
  await app.assertClean();
});
