// Shared helpers for the end-to-end specs: Debian's Chromium through
// playwright-core (never a browser download), a phone-sized context, and a record
// of everything that could go quietly wrong (console errors, CSP violations,
// requests to other origins).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { launchChromium } from "../scripts/chromium.mjs";

export const BASE = process.env.RESTRIDE_URL ?? "http://127.0.0.1:4321";
export const ARTIFACTS = new URL("./artifacts/", import.meta.url).pathname;

/** Opens Restride in a fresh browser (fresh profile) at 390x844. */
export async function openApp(t, { path = "/", base = BASE, initScript, fixedTime, serviceWorkers = "allow" } = {}) {
  const browser = await launchChromium();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers });
  const seen = { consoleErrors: [], pageErrors: [], requests: [] };
  context.on("request", (r) => seen.requests.push(r.url()));
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (initScript) await context.addInitScript(initScript);
  // The page's clock (Date only; timers keep running), for specs about a given day.
  if (fixedTime) await context.clock.setFixedTime(fixedTime);
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && seen.consoleErrors.push(m.text()));
  page.on("pageerror", (e) => seen.pageErrors.push(String(e)));
  await page.goto(base + path);
  await appReady(page);
  const origin = new URL(base).origin;
  return {
    browser,
    context,
    page,
    seen,
    /** No console errors, no CSP violations, no request to another origin. */
    async assertClean() {
      const csp = await page.evaluate(() => window.__csp ?? []);
      assert.deepEqual(csp, [], "CSP violations");
      assert.deepEqual(seen.pageErrors, [], "uncaught page errors");
      assert.deepEqual(seen.consoleErrors, [], "console errors");
      const foreign = seen.requests.filter((u) => !u.startsWith(origin + "/") && !u.startsWith(`blob:${origin}/`));
      assert.deepEqual(foreign, [], "requests to other origins");
    },
  };
}

/** Waits until the wasm app has mounted (in place of index.html's static shell, which has the same navigation). */
export async function appReady(page) {
  await page.waitForFunction(() => !document.getElementById("shell"));
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

export async function goTab(page, name) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 2 }).first().waitFor();
}

/** The Log tab's run form (the quick-log card above it is not a form). */
export function runForm(page) {
  return page.getByRole("form", { name: /^(Log a run|Edit run)$/ });
}

/** Fills in and saves the Log form the way a runner would, by label. */
export async function logRun(page, { type, start, duration = "30:00", distance = "5", rpe = "3", feel = "Good", notes, saves = true } = {}) {
  await goTab(page, "Log");
  const form = runForm(page);
  if (start) await form.getByLabel("Date and time").fill(start);
  if (type) await form.getByLabel("Type").selectOption({ label: type });
  await form.getByLabel("Duration").fill(duration);
  await form.getByLabel(/^Distance/).fill(distance);
  await form.getByRole("radio", { name: new RegExp(`^${rpe} `) }).check();
  await form.getByRole("radio", { name: feel, exact: true }).check();
  if (notes !== undefined) {
    // Notes are folded with the other details.
    const more = form.locator("details.more");
    if (!(await more.evaluate((d) => d.open))) await more.locator("summary").click();
    await form.getByLabel("Notes").fill(notes);
  }
  await form.getByRole("button", { name: "Save run" }).click();
  if (saves) await page.getByRole("heading", { name: "History" }).waitFor();
}

/** Builds this week's plan on the Plan tab; the days of the week shown. */
export async function planThisWeek(page) {
  await goTab(page, "Plan");
  await page.getByRole("button", { name: "Plan this week" }).click();
  await page.getByRole("status").filter({ hasText: "This week is planned." }).waitFor();
  return page.getByRole("list", { name: "This week's sessions" }).getByRole("listitem");
}

/** A day of the plan shown, by date (YYYY-MM-DD); its `data-status` says what became of it. */
export function planDay(page, date) {
  return page.locator(`li.plan-day[data-date="${date}"]`);
}

/** The run cards on the History tab (each week has its own list). */
export function runItems(page) {
  return page.getByRole("list", { name: /^Runs/ }).getByRole("listitem");
}

/** Serious and critical accessibility violations on the page as it is now. */
export async function seriousA11yViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png` });
}

/** Waits until a service worker controls the page (first visit: after clients.claim). */
export async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === "activated", null, { timeout: 20_000 });
}

/** A local date-time string `minutesAgo` minutes before now, for the datetime field. */
export function localDateTime(minutesAgo = 0) {
  const d = new Date(Date.now() - minutesAgo * 60_000);
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/**
 * Seeds localStorage with runs in the app's storage format (one key per month,
 * crates/restride-store/src/record.rs) and reloads. Each run: { daysAgo, hour,
 * kind, minutes, km, rpe, feel, route?, cutShort? }.
 */
export async function seedRuns(page, runs) {
  await page.evaluate((runs) => {
    const months = {};
    const now = new Date();
    runs.forEach((r, i) => {
      const t = new Date(now.getFullYear(), now.getMonth(), now.getDate() - r.daysAgo, r.hour ?? 7, 0, 0);
      const p = (n, w = 2) => String(n).padStart(w, "0");
      const off = -t.getTimezoneOffset();
      const start = `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}T${p(t.getHours())}:00:00${off >= 0 ? "+" : "-"}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
      const hex = t.getTime().toString(16).padStart(12, "0");
      const record = {
        id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${(i + 1).toString(16).padStart(12, "0")}`,
        start,
        kind: r.kind,
        moving_s: Math.round(r.minutes * 60),
        rpe: r.rpe,
        feel: r.feel,
        created_ms: t.getTime(),
        updated_ms: t.getTime(),
      };
      if (r.km) record.distance_m = r.km * 1000;
      if (r.route) record.route = r.route;
      if (r.cutShort) record.cut_short = true;
      (months[`restride.runs.${start.slice(0, 7)}`] ??= []).push(record);
    });
    for (const [key, list] of Object.entries(months)) {
      list.sort((a, b) => b.start.localeCompare(a.start));
      localStorage.setItem(key, JSON.stringify({ schema: 3, runs: list }));
    }
  }, runs);
  await page.reload();
  await appReady(page);
}

/**
 * Seeds localStorage with daily check-ins in the app's storage format (one key per
 * month, `restride.wellness.YYYY-MM`) and reloads. Each: { daysAgo, sleep, sleepQuality,
 * stress, fatigue, soreness (1 best – 7 worst), hydration, motivation (1–5), tags? }.
 */
export async function seedWellness(page, days) {
  await page.evaluate((days) => {
    const now = new Date();
    const p = (n) => String(n).padStart(2, "0");
    const months = {};
    for (const d of days) {
      const t = new Date(now.getFullYear(), now.getMonth(), now.getDate() - d.daysAgo);
      const date = `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}`;
      (months[`restride.wellness.${date.slice(0, 7)}`] ??= []).push({
        date,
        sleep_hours: d.sleep,
        sleep_quality: d.sleepQuality,
        stress: d.stress,
        fatigue: d.fatigue,
        soreness: d.soreness,
        hydration: d.hydration,
        motivation: d.motivation,
        tags: d.tags ?? [],
        updated_ms: t.getTime(),
      });
    }
    for (const [key, list] of Object.entries(months)) localStorage.setItem(key, JSON.stringify({ schema: 4, days: list }));
  }, days);
  await page.reload();
  await appReady(page);
}

/** The article's case: 20 minutes, twice a week, at the same pace, for six months. */
export function twentyMinutesTwiceAWeek() {
  const runs = [];
  for (let week = 0; week < 26; week++) {
    for (const day of [1, 4]) runs.push({ daysAgo: week * 7 + day, hour: 18, kind: "easy", minutes: 20, km: 3.6, rpe: 4, feel: 3, route: "block loop" });
  }
  return runs;
}

/** A varied, progressing plan: four sessions a week of mixed types, growing long runs and faster tempos. */
export function variedProgressingPlan() {
  const runs = [];
  for (let week = 15; week >= 0; week--) {
    const g = 15 - week; // weeks of progress
    const base = week * 7;
    runs.push({ daysAgo: base + 6, hour: 7, kind: "easy", minutes: 35, km: 6, rpe: 3, feel: 4, route: "river" });
    runs.push({ daysAgo: base + 4, hour: 18, kind: g % 2 ? "intervals" : "hills", minutes: 40, km: 7, rpe: 7, feel: 4, route: g % 2 ? "track" : "hill park" });
    runs.push({ daysAgo: base + 2, hour: 7, kind: "tempo", minutes: 30, km: 6 + g * 0.06, rpe: 6, feel: 4, route: "canal" });
    runs.push({ daysAgo: base + 1, hour: 9, kind: "long", minutes: 60 + g * 4, km: 10 + g * 0.8, rpe: 4, feel: 4, route: g % 3 ? "forest" : "coast" });
  }
  return runs;
}

/**
 * Writes a version-4 backup file (one every build since reads) holding `runs`, each
 * { at: Date, kind?, minutes?, km?, notes }, and `wellness` records as stored; returns its path.
 */
export function writeBackup(name, runs, wellness = []) {
  const records = runs.map((r, i) => {
    const hex = r.at.getTime().toString(16).padStart(12, "0");
    return {
      id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${(i + 1).toString(16).padStart(12, "0")}`,
      start: r.at.toISOString().replace(".000Z", "+00:00"),
      kind: r.kind ?? "easy",
      moving_s: Math.round((r.minutes ?? 30) * 60),
      distance_m: (r.km ?? 5) * 1000,
      rpe: 3,
      feel: 4,
      notes: r.notes,
      created_ms: r.at.getTime(),
      updated_ms: r.at.getTime(),
    };
  });
  const file = join(mkdtempSync(join(tmpdir(), "restride-backup-")), name);
  const backup = { format: "restride-backup", schema: 4, exported_at: "2024-07-01T00:00:00Z", settings: { schema: 4, units: "km" }, runs: records, wellness };
  writeFileSync(file, JSON.stringify(backup));
  return file;
}
