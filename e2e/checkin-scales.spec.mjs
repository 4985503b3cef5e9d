// The check-in's scales (issue 18): every scale reads the same way (the good end
// on the left, words at both ends), a 7-point scale fits one line at 390 px, a
// problem shows at its own question, and saving lands calmly on the check-in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openApp } from "./support.mjs";

const SCALES = [
  ["Sleep quality", "1 Very, very good", "Very, very good", "Very, very bad"],
  ["Stress", "1 Very, very low", "Very, very low", "Very, very high"],
  ["Fatigue", "1 Very, very low", "Very, very low", "Very, very high"],
  ["Muscle soreness", "1 Very, very low", "Very, very low", "Very, very high"],
  ["Hydration", "Very good", "Very good", "Very poor"],
  ["Motivation to run", "Raring to go", "Raring to go", "None"],
];

test("the check-in's scales point one way, fit a line, and say what is missing where", async (t) => {
  const app = await openApp(t);
  const { page } = app;
  const card = page.getByRole("region", { name: "Daily check-in" });
  await card.getByRole("button", { name: "Check in" }).click();
  const form = page.getByRole("form", { name: "Daily check-in" });

  for (const [name, first, good, bad] of SCALES) {
    const group = form.getByRole("group", { name });
    const radios = group.getByRole("radio");
    // The good end is the first chip.
    assert.equal(await radios.first().evaluate((r) => r.closest("label").textContent.trim()), first, name);
    const ends = group.locator("xpath=..").locator(".scale-ends span");
    assert.deepEqual(await ends.allTextContents(), [good, bad], name);
    // One line: every chip's top at the same height.
    const tops = await radios.evaluateAll((rs) => rs.map((r) => Math.round(r.closest("label").getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `${name}: ${tops}`);
  }

  // Saving with nothing rated: each question says so itself, nothing at the bottom.
  await form.getByRole("button", { name: "Save check-in" }).click();
  // The form is checked once this tab holds the storage lock, a moment later.
  await form.locator(".field-error:not([hidden])").first().waitFor();
  for (const [name, what] of [["Sleep quality", "sleep quality"], ["Stress", "stress"], ["Motivation to run", "motivation"]]) {
    const group = form.getByRole("group", { name });
    const described = await group.getAttribute("aria-describedby");
    const line = page.locator(`[id="${described}"]`);
    assert.equal(await line.textContent(), `Rate your ${what}.`);
    assert.ok(await line.isVisible(), name);
    const groupBox = await group.boundingBox();
    const lineBox = await line.boundingBox();
    assert.ok(lineBox.y >= groupBox.y && lineBox.y - (groupBox.y + groupBox.height) < 60, `${name}'s error sits at its question`);
  }
  const saveBox = await form.getByRole("button", { name: "Save check-in" }).boundingBox();
  const above = await form.locator(".field-error:not([hidden])").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
  assert.ok(above.every((b) => b < saveBox.y - 100), "no list of errors just above Save");
  // The first question with a problem has the focus.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "sleep-quality");

  // Answered and saved: the page lands on the check-in, not mid-radar.
  for (const [name] of SCALES) await form.getByRole("group", { name }).getByRole("radio").nth(2).check();
  await form.getByRole("button", { name: "Save check-in" }).click();
  await card.getByRole("button", { name: "Edit today's check-in" }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "checkin-title");
  const heading = await card.getByRole("heading", { name: "Daily check-in" }).boundingBox();
  assert.ok(heading.y >= 0 && heading.y < 844 / 2, `the check-in's heading in view: ${heading.y}`);
  await app.assertClean();
});
