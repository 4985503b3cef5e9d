// The first paint does not wait for the wasm: index.html carries a static shell of
// the first screen (header, Today's top, the tab bar), styled by the one stylesheet;
// the app takes its place without moving anything (no layout shift).
import { test } from "node:test";
import assert from "node:assert/strict";
import { launchChromium } from "../scripts/chromium.mjs";
import { appReady, BASE } from "./support.mjs";

/** Where the parts a runner sees first are, in CSS pixels. */
function layout(page) {
  return page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map(Math.round).join(",");
    };
    const heading = (text) => [...document.querySelectorAll("h1, h2, h3")].find((h) => h.textContent.trim() === text);
    return {
      header: box(document.querySelector("header.topbar")),
      tabbar: box(document.querySelector("nav.tabbar")),
      tabs: [...document.querySelectorAll("nav.tabbar a")].map((a) => `${a.textContent} ${box(a)}`),
      today: box(heading("Today")),
      logButton: box(document.querySelector("main a.button.big")),
      checkIn: box(heading("Daily check-in").closest(".card")),
      thisWeek: box(heading("This week").closest(".card")),
      welcome: box(heading("Welcome to Restride").closest(".card")),
    };
  });
}

test("the shell paints before the wasm has loaded, and the app replaces it in place", async (t) => {
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => window.__shifts.push(...list.getEntries().map((e) => e.value))).observe({
      type: "layout-shift",
      buffered: true,
    });
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective));
    // When the first frame starts (this callback is asked for before any of the page's).
    requestAnimationFrame(() => (window.__firstFrame = performance.now()));
  });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  // Hold the app's wasm until the shell has been looked at.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(/\/restride-[0-9a-f]{8,16}_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });

  await page.goto(BASE + "/", { waitUntil: "domcontentloaded" });
  await page.getByRole("heading", { name: "Today", level: 2 }).waitFor();
  assert.equal(await page.locator("#shell").count(), 1, "the static shell is showing");
  const nav = page.getByRole("navigation", { name: "Main" });
  assert.deepEqual(await nav.getByRole("link").allTextContents(), ["Today", "Log", "History", "Plan", "Settings"]);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector(".topbar")).position), "sticky", "styled");
  const before = await layout(page);

  release();
  await appReady(page);
  await page.getByRole("button", { name: "Check in" }).waitFor();
  assert.equal(await page.getByRole("navigation", { name: "Main" }).count(), 1, "one navigation: the app's");
  assert.deepEqual(await layout(page), before, "the app's first screen is where the shell's was");
  // The wasm is asked for from the shell's first frame on, not before it (postbuild.mjs,
  // deferWasmPreload): its download never comes ahead of the first paint.
  const [frame, wasmAsked] = await page.evaluate(() => [
    window.__firstFrame,
    performance.getEntriesByType("resource").find((e) => /\/restride-[0-9a-f]+_bg\.wasm$/.test(e.name))?.startTime,
  ]);
  assert.ok(frame > 0 && wasmAsked >= frame, `the wasm asked for at ${wasmAsked} ms, the first frame at ${frame} ms`);
  const shifts = await page.evaluate(() => window.__shifts);
  assert.ok(shifts.reduce((a, b) => a + b, 0) < 0.01, `no layout shift (${shifts})`);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], "CSP violations");
  assert.deepEqual(errors, [], "console errors");
});
