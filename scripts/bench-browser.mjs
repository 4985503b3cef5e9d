// Browser benchmark for Restride's release build (dist/): prints figures, it is not a test.
//
//   node scripts/bench-browser.mjs [--runs N]      (or scripts/bench, which builds first)
//   node scripts/bench-browser.mjs --against DIR [--against DIR2 …] [--runs N] [--open Log]
//
// DIST (default dist/) names the build to measure and BENCH_PORT (default: any free
// port) the port it is served on. With --against, it measures only the cold start with
// ten years of history, for DIST and for the build(s) in DIR side by side: alternate
// loads of each, in one browser, so all see the same machine load; after each start
// it taps Plan (or the tab --open names) and times it to the page's heading (the cost
// of a page split off the wasm).
//
// For an empty history and for ten years of daily runs (3,650, one a day ending
// yesterday, with a realistic mix of routes, notes, heart rates and imports, written
// exactly as restride-store writes them: `restride.runs.YYYY-MM`, schema 3, newest
// first), in a fresh context of Debian's Chromium (headless, 390x844 phone, launched
// by scripts/chromium.mjs) with the CPU throttled 4x through CDP, it measures:
//
// - Cold start: N page loads (default 10), each a new document (page.goto), timed in
//   the page from the navigation's start (performance.timeOrigin, so performance.now())
//   to the moment a MutationObserver installed by an init script sees the Main
//   navigation, the first screen's heading (`#main h2`) and the Rut Radar's cards
//   (`#main .radar .sign-card`, rendered in the task after the rest of Today) in
//   the DOM. The app loads the whole history before it mounts, so this includes
//   reading and decoding it.
//   Caches are warm, as for a runner opening the installed app: one unmeasured load
//   comes first, and installs the service worker.
// - Save: 2N saves (default 20). Playwright opens the Log tab and fills the form by
//   label with a unique note; then, in one evaluate on the "Save run" button (found
//   by role), a MutationObserver is installed, performance.now() is taken and the
//   button clicked. The time ends at the first mutation callback that finds the note
//   in a visible History list item while localStorage holds it in a `restride.runs.*`
//   value. It is taken as the callback starts, so the checks' own cost (and the
//   layout checkVisibility() forces) is not counted, nor is the paint that follows.
//   No Playwright round-trip is inside the figure. Each context's first save (cold
//   code paths) is included. Saves accumulate: the empty-history figure covers 0 to
//   2N-1 runs.
// - Today after a save: the save leaves the app on History; then, in one evaluate on
//   the Today tab link, a MutationObserver is installed, performance.now() taken and
//   the link clicked. The time ends at the first mutation callback that finds the
//   Rut Radar shown (checkVisibility) with its eight sign rows. The history changed,
//   so this is the analysis of the whole history plus the one answer, the signs'
//   12 weeks (past weeks kept, a fingerprint pass), the weeks in a row, and
//   rebuilding the radar and Today's other cards: the issue's "analysis + radar
//   render".
// - Today again: History once more, then Today timed the same way with nothing
//   changed. Today stays mounted behind the other tabs, so this is showing it.
// - Storage: the characters (keys + values, UTF-16 code units, as browsers count
//   localStorage) the 3,650-run history takes, against Chromium's localStorage quota
//   for one origin, measured in a fresh context by filling it with 1 Mi-character
//   ASCII strings until QuotaExceededError and binary-searching the last one.
//
// Medians, and p95 by nearest rank (with fewer than 20 samples that is the slowest).
// Exits 0 once the figures are printed, whether or not the goals are met; non-zero
// only when the benchmark itself broke (no dist/, the app did not load or threw, or
// History does not show the seeded runs).
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { launchChromium } from "./chromium.mjs";
import { startServer } from "./static-server.mjs";

const DIST = `${process.env.DIST ?? new URL("../dist", import.meta.url).pathname}/`;
// A same-origin path that is not the app (the server answers 404): localStorage can be
// written there before the app has ever run, so before a service worker serves it.
const SEED_PATH = "/bench-seed.txt";
const SIZES = [0, 3650];
const CPU_SLOWDOWN = 4;
const TIMEOUT_MS = 120_000;
const GOALS = { saveMs: 50, saveRatio: 1.5, quotaShare: 0.25, radarMs: 16 };

// ---- A deterministic history -------------------------------------------------------

/** mulberry32: the same history on every run, so figures compare across builds. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROUTES = [
  "River loop",
  "Park laps",
  "Canal towpath out and back",
  "Station Road hill",
  "Track",
  "Forest trail",
  "Seafront promenade",
  "Old railway path",
  "Commute home",
  "Reservoir circuit",
];
const NOTES = [
  "Legs heavy after yesterday.",
  "Felt smooth, negative split.",
  "Windy on the way out, sheltered on the way back.",
  "Left calf a bit tight; stretched after.",
  "Rain the whole way but enjoyed it.",
  "New shoes, felt bouncy.",
  "Hot and humid, kept it easy and drank plenty.",
  "Six strides at the end.",
  "Hit every rep, last two the fastest.",
  "Tired from work, cut the last kilometre.",
  "Dark and icy, stayed on the lit roads.",
  "Chatted the whole way, properly easy.",
];
const COMPANY = ["Sam", "running club", "Alex and Jo", "parkrun crowd"];
// Per kind: pace range (s/km), distance range (km), effort range.
const KINDS = {
  easy: { pace: [330, 390], km: [6, 10], rpe: [2, 4] },
  long: { pace: [340, 400], km: [14, 30], rpe: [4, 6] },
  tempo: { pace: [270, 300], km: [8, 12], rpe: [6, 7] },
  intervals: { pace: [280, 320], km: [8, 11], rpe: [7, 9] },
  hills: { pace: [320, 380], km: [7, 10], rpe: [6, 8] },
  race: { pace: [240, 280], rpe: [8, 10] }, // over one of RACE_KM
  recovery: { pace: [360, 420], km: [4, 7], rpe: [1, 3] },
  cross: { minutes: [30, 60], rpe: [3, 6] },
};
// A training week, Sunday first (Date#getDay): each day's usual kinds.
const WEEK = [
  ["long", "long", "long", "race"],
  ["recovery", "cross"],
  ["intervals", "hills"],
  ["easy"],
  ["tempo"],
  ["easy", "recovery"],
  ["easy"],
];
const RACE_KM = [5, 10, 21.0975, 42.195];

const pad = (n, width = 2) => String(n).padStart(width, "0");

/** RFC 3339 local time with offset, as chrono's to_rfc3339() writes a FixedOffset time. */
function rfc3339(d) {
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? "-" : "+";
  const zone = `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${zone}`;
}

/** The history as localStorage entries: [key, value], one per month. */
function history(count) {
  const random = prng(2026);
  const between = ([lo, hi]) => lo + random() * (hi - lo);
  const int = (range) => Math.round(between(range));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;
  const hex = (digits) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join("");
  const uuidV7 = (ms) => {
    const t = pad(ms.toString(16), 12);
    const variant = (8 + Math.floor(random() * 4)).toString(16);
    return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  };

  const today = new Date();
  const months = new Map();
  for (let daysAgo = 1; daysAgo <= count; daysAgo++) {
    const morning = chance(0.7);
    const hour = morning ? int([6, 8]) : int([17, 19]);
    const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - daysAgo, hour, int([0, 59]));
    const kind = pick(WEEK[start.getDay()]);
    const spec = KINDS[kind];
    const imported = chance(0.4);
    let distanceM;
    let movingS;
    if (kind === "cross") {
      movingS = int(spec.minutes) * 60;
    } else {
      const km = kind === "race" ? pick(RACE_KM) : between(spec.km);
      // Watches measure to the metre; by hand runners type round numbers.
      distanceM = imported ? Math.round(km * 10_000) / 10 : Math.round(km * 2) * 500;
      movingS = Math.round((distanceM / 1000) * between(spec.pace));
    }
    const rpe = int(spec.rpe);
    const createdMs = start.getTime() + movingS * 1000 + int([5, imported ? 600 : 120]) * 60_000;
    const hrAvg = imported ? int([125 + rpe * 4, 135 + rpe * 5]) : undefined;
    const run = {
      id: uuidV7(createdMs),
      start: rfc3339(start),
      kind,
      moving_s: movingS,
      elapsed_s: imported || chance(0.1) ? movingS + int([20, 400]) : undefined,
      distance_m: distanceM,
      rpe,
      feel: Math.min(5, Math.max(1, Math.round(5.5 - rpe / 3 + between([-1.5, 1.5])))),
      cut_short: chance(0.03) || undefined,
      route: chance(0.85) ? pick(ROUTES) : undefined,
      company: chance(0.15) ? pick(COMPANY) : undefined,
      notes: chance(0.35) ? pick(NOTES) : undefined,
      source_file: imported ? `${start.toISOString().slice(0, 19).replaceAll(":", "-")}.fit` : undefined,
      hr_avg: hrAvg,
      hr_max: imported ? hrAvg + int([8, 30]) : undefined,
      elevation_gain_m: imported ? Math.round(between(kind === "hills" ? [120, 350] : [5, 150]) * 10) / 10 : undefined,
      created_ms: createdMs,
      updated_ms: chance(0.05) ? createdMs + int([1, 72]) * 3_600_000 : createdMs,
    };
    const key = `restride.runs.${start.getFullYear()}-${pad(start.getMonth() + 1)}`;
    months.set(key, [...(months.get(key) ?? []), run]);
  }
  return [...months].map(([key, runs]) => {
    runs.sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
    // serde writes f64 fields with a decimal point even when whole ("5000.0").
    const json = JSON.stringify({ schema: 3, runs });
    return [key, json.replace(/"(distance_m|elevation_gain_m)":(\d+)(?=[,}])/g, '"$1":$2.0')];
  });
}

// ---- Measuring ----------------------------------------------------------------------

/**
 * Init script: resolves window.__mounted with performance.now() once the app has
 * mounted, and window.__painted once the frame after it has been painted (taken in
 * a task queued from that frame's animation callback, which runs after its paint is
 * committed): the DOM alone is not yet a screen the runner can see and tap.
 */
function watchMount() {
  let painted;
  window.__painted = new Promise((resolve) => (painted = resolve));
  window.__mounted = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const at = performance.now();
      // index.html's static shell has the navigation too, but not #main. The radar
      // renders in the task after the rest of Today: it counts.
      if (document.querySelector('nav[aria-label="Main"]') && document.querySelector("#main h2") && document.querySelector("#main .radar .sign-card")) {
        observer.disconnect();
        resolve(at);
        requestAnimationFrame(() => setTimeout(() => painted(performance.now()), 0));
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/** In the page: clicks a tab link and resolves with the ms until a shown `#main h2` reads `heading`. */
function timedOpen(link, { heading, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const shown = () => [...document.querySelectorAll("#main h2")].some((h) => h.textContent === heading && h.checkVisibility());
    const observer = new MutationObserver(() => {
      const at = performance.now();
      if (shown()) {
        observer.disconnect();
        resolve(at - start);
      }
    });
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    setTimeout(() => {
      observer.disconnect();
      reject(new Error(`"${heading}" was not shown within ${timeoutMs} ms`));
    }, timeoutMs);
    const start = performance.now();
    link.click();
  });
}

/** In the page: clicks Save and resolves with the ms until the run is shown and stored. */
function timedSave(button, { note, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const items = () => [...document.querySelectorAll('ul[aria-label^="Runs"] > li')];
    const shown = () => items().some((li) => li.textContent.includes(note) && li.checkVisibility());
    const stored = () =>
      Object.keys(localStorage).some((k) => k.startsWith("restride.runs.") && localStorage.getItem(k).includes(note));
    const observer = new MutationObserver(() => {
      const at = performance.now();
      if (!shown() || !stored()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(at - start);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the saved run (${note}) was not shown and stored within ${timeoutMs} ms`));
    }, timeoutMs);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    const start = performance.now();
    button.click();
  });
}

/**
 * In the page: taps the Today tab and resolves with the ms until the Rut Radar is
 * shown with all eight cards. Today stays mounted behind the other tabs once opened,
 * and reads the analysis only while shown: after a save, this is the analysis of the
 * whole history plus rebuilding the radar (and Today's other cards); with nothing
 * changed, it is showing the kept tab. The time is taken as the first mutation
 * callback that finds the radar shown starts, so checkVisibility()'s forced layout is
 * not counted.
 */
function timedRadar(link, { timeoutMs }) {
  return new Promise((resolve, reject) => {
    const radar = () => document.querySelector(".radar");
    const ready = () =>
      document.querySelectorAll(".radar .sign-card[data-status]").length === 8 && radar()?.checkVisibility();
    if (radar()?.checkVisibility()) {
      reject(new Error("the Rut Radar was already shown before Today was tapped"));
      return;
    }
    const observer = new MutationObserver(() => {
      const at = performance.now();
      if (!ready()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve(at - start);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the Rut Radar was not shown within ${timeoutMs} ms`));
    }, timeoutMs);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"] });
    const start = performance.now();
    link.click();
  });
}

/** In the page: the origin's localStorage quota in characters (keys + values). */
function measureQuota() {
  const CHUNK = 1 << 20;
  const filler = "x".repeat(CHUNK);
  let used = 0;
  let i = 0;
  try {
    for (; ; i++) {
      localStorage.setItem(`bench.fill.${i}`, filler);
      used += `bench.fill.${i}`.length + CHUNK;
    }
  } catch (e) {
    if (e.name !== "QuotaExceededError") throw e;
  }
  const key = `bench.fill.${i}`;
  let fits = -1;
  for (let lo = 0, hi = CHUNK - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    try {
      localStorage.setItem(key, filler.slice(0, mid));
      fits = mid;
      lo = mid + 1;
    } catch (e) {
      if (e.name !== "QuotaExceededError") throw e;
      hi = mid - 1;
    }
  }
  localStorage.clear();
  return fits < 0 ? used : used + key.length + fits;
}

async function newContext(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** A throttled context with `entries` in storage, after one unmeasured load that installs the service worker. */
async function seeded(browser, base, entries) {
  const opened = await newContext(browser);
  const { context, page } = opened;
  await context.addInitScript(watchMount);
  await page.goto(base + SEED_PATH);
  await page.evaluate((entries) => {
    for (const [key, value] of entries) localStorage.setItem(key, value);
  }, entries);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  await page.goto(`${base}/`);
  await page.evaluate(() => Promise.all([window.__mounted, navigator.serviceWorker.ready]));
  return opened;
}

/** One cold start: a new document, timed to the app's first screen (in the DOM, and painted). */
async function coldStart(page, base) {
  await page.goto(`${base}/`);
  return page.evaluate(() => Promise.all([window.__mounted, window.__painted]));
}

async function benchSize(browser, base, entries, runs) {
  const { context, page, errors } = await seeded(browser, base, entries);
  try {
    const cold = [];
    for (let i = 0; i < runs; i++) cold.push((await coldStart(page, base))[0]);
    const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("restride.aside.")));
    if (aside.length) throw new Error(`the app set the generated history aside: ${aside.join(", ")}`);

    const nav = page.getByRole("navigation", { name: "Main" });
    const form = page.getByRole("form", { name: "Log a run" });
    const saveButton = form.getByRole("button", { name: "Save run" });
    const today = nav.getByRole("link", { name: "Today", exact: true });
    const history = nav.getByRole("link", { name: "History", exact: true });
    const save = [];
    const radar = [];
    const back = [];
    for (let i = 0; i < 2 * runs; i++) {
      const note = `bench #${i} ${Date.now().toString(36)}`;
      await nav.getByRole("link", { name: "Log", exact: true }).click();
      await form.getByLabel("Duration").fill("30:00");
      await form.getByLabel(/^Distance/).fill("5");
      // Effort is a row of chips (an older build, --against, has a select); notes are
      // folded under "Notes and more details" (older builds show them).
      const chip = form.getByRole("radio", { name: /^3 / });
      if (await chip.count()) await chip.check();
      else await form.getByLabel(/^Effort/).selectOption("3");
      await form.getByRole("radio", { name: "Good", exact: true }).check();
      const more = form.locator("details.more");
      if ((await more.count()) && !(await more.evaluate((d) => d.open))) await more.locator("summary").click();
      await form.getByLabel("Notes").fill(note);
      // The save shows History; from there, Today with the new run in its analysis.
      save.push(await saveButton.evaluate(timedSave, { note, timeoutMs: TIMEOUT_MS }));
      radar.push(await today.evaluate(timedRadar, { timeoutMs: TIMEOUT_MS }));
      // And back to Today once more with nothing changed.
      await history.click();
      await page.getByRole("heading", { name: "History" }).waitFor();
      back.push(await today.evaluate(timedRadar, { timeoutMs: TIMEOUT_MS }));
    }
    await nav.getByRole("link", { name: "History", exact: true }).click();
    // The seeded runs must be on screen with the new ones, or the app did not read them.
    const shown = await page.locator('ul[aria-label^="Runs"] > li').count();
    if (entries.length ? shown <= save.length : shown !== save.length) {
      throw new Error(`History shows ${shown} runs after ${save.length} saves into ${entries.length} seeded months`);
    }
    if (errors.length) throw new Error(`the app threw: ${errors.join("; ")}`);
    return { cold, save, radar, back };
  } finally {
    await context.close();
  }
}

async function quotaChars(browser, base) {
  const { context, page } = await newContext(browser);
  try {
    await page.goto(base + SEED_PATH);
    return await page.evaluate(measureQuota);
  } finally {
    await context.close();
  }
}

// ---- Reporting ----------------------------------------------------------------------

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
const p95 = (xs) => sorted(xs)[Math.ceil(0.95 * xs.length) - 1];
const ms = (x) => x.toFixed(1).padStart(8);
const count = (n) => n.toLocaleString("en-GB");
const percent = (share) => `${+(100 * share).toFixed(1)} %`;
const times = (ratio) => `${ratio.toFixed(2)}x`;
const goal = (text, measured, ok) => `${text.padEnd(56)}${measured.padEnd(12)}${ok ? "met" : "NOT MET"}`;

function report({ version, runs, results, quota }) {
  const [empty, full] = [results[0], results.at(-1)];
  const ratio = median(full.save) / median(empty.save);
  const worstSaveP95 = Math.max(...results.map((r) => p95(r.save)));
  const share = full.chars / quota;
  const lines = [
    "",
    `Restride browser benchmark: dist/ in Chromium ${version}, headless 390x844, CPU ${CPU_SLOWDOWN}x slower`,
    `${runs} cold loads, ${2 * runs} saves, each followed by two taps on Today, per history size; times in ms;`,
    "p95 is nearest-rank",
    "",
    "History      Cold start        Save              Today after a save  Today again",
    "                                                 (analysis + radar)  (nothing changed)",
    "             median     p95    median     p95    median     p95      median     p95",
    ...results.map((r) => {
      const size = `${count(r.size)} runs`.padEnd(11);
      return (
        `${size}${ms(median(r.cold))}${ms(p95(r.cold))}  ${ms(median(r.save))}${ms(p95(r.save))}  ` +
        `${ms(median(r.radar))}${ms(p95(r.radar))}  ${ms(median(r.back))}${ms(p95(r.back))}`
      );
    }),
    "",
    `Save with ${count(full.size)} runs / with ${count(empty.size)} (medians): ${times(ratio)}`,
    `Storage: ${count(full.size)} runs take ${count(full.chars)} characters, ` +
      `of a quota of ${count(quota)} (measured): ${percent(share)}`,
    "",
    `${"Goal (from the issue)".padEnd(56)}Measured`,
    goal(`Save <= ${GOALS.saveMs} ms (p95, every size)`, `${worstSaveP95.toFixed(1)} ms`, worstSaveP95 <= GOALS.saveMs),
    goal(`Save with ${count(full.size)} runs <= ${GOALS.saveRatio}x empty history (medians)`, times(ratio), ratio <= GOALS.saveRatio),
    goal(`Ten years of runs <= ${percent(GOALS.quotaShare)} of the storage quota`, percent(share), share <= GOALS.quotaShare),
    goal(`Analysis + radar render, ${count(full.size)} runs <= ${GOALS.radarMs} ms (median)`, `${median(full.radar).toFixed(1)} ms`, median(full.radar) <= GOALS.radarMs),
    "",
  ];
  console.log(lines.join("\n"));
}

// ---- Main ---------------------------------------------------------------------------

/** The heading each tab `--open` can name shows once it is open. */
const OPENED_HEADING = { Plan: "Plan", Log: "Log a run", History: "History", Settings: "Settings" };

// Ten: with 4x throttling single taps swing by 2x, so the Today medians need 20 samples to settle.
/** Cold starts with ten years of history, DIST's and `against`'s loads alternating. */
async function compareColdStart(browser, runs, builds, tab) {
  const heading = OPENED_HEADING[tab];
  const entries = history(SIZES.at(-1));
  const opened = [];
  try {
    for (const build of builds) opened.push({ ...build, ...(await seeded(browser, build.base, entries)), cold: [], painted: [], opened: [] });
    for (let i = 0; i < runs; i++) {
      for (const b of opened) {
        const [mounted, painted] = await coldStart(b.page, b.base);
        b.cold.push(mounted);
        b.painted.push(painted);
        const link = b.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: tab, exact: true });
        b.opened.push(await link.evaluate(timedOpen, { heading, timeoutMs: 10_000 }));
      }
    }
    console.log(
      [
        "",
        `Cold start to Today with ${count(SIZES.at(-1))} runs, Chromium ${browser.version()}, CPU ${CPU_SLOWDOWN}x slower,`,
        `${runs} loads each, alternating; ms from the navigation to Today in the DOM (as scripts/bench`,
        `reports it) and to the frame after it painted; then, after each start, the ${tab} tab tapped: ms to its`,
        `heading in the DOM (a build that splits ${tab} off its wasm loads its chunk then, if not preloaded)`,
        "",
        `${"build".padEnd(48)}  in the DOM         painted            ${`${tab}, first open`.padEnd(18)}`,
        `${"".padEnd(48)}  median     p95    median     p95    median     p95`,
        ...opened.map(
          (b) =>
            `${b.dir.padEnd(48)}${ms(median(b.cold))}${ms(p95(b.cold))}  ${ms(median(b.painted))}${ms(p95(b.painted))}  ` +
            `${ms(median(b.opened))}${ms(p95(b.opened))}`,
        ),
        "",
      ].join("\n"),
    );
  } finally {
    for (const b of opened) await b.context.close();
  }
}

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    against: { type: "string", multiple: true },
    open: { type: "string", default: "Plan" },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || !(values.open in OPENED_HEADING)) {
  console.error(
    `usage: node scripts/bench-browser.mjs [--runs N] [--against DIR [--open ${Object.keys(OPENED_HEADING).join("|")}]]   (N >= 1 page loads; twice as many saves)`,
  );
  process.exit(2);
}
const dirs = [DIST, ...(values.against ?? []).map((d) => `${d}/`)];
for (const dir of dirs) {
  if (!existsSync(`${dir}index.html`)) {
    console.error(`${dir} has no build: run \`trunk build --release\` (or scripts/bench) first`);
    process.exit(1);
  }
}

const servers = [];
const browser = await launchChromium();
try {
  const builds = [];
  for (const [i, dir] of dirs.entries()) {
    const server = await startServer(dir, i === 0 ? Number(process.env.BENCH_PORT ?? 0) : 0);
    servers.push(server);
    builds.push({ dir, base: `http://127.0.0.1:${server.address().port}` });
  }
  if (values.against) {
    await compareColdStart(browser, runs, builds, values.open);
  } else {
    const results = [];
    for (const size of SIZES) {
      process.stderr.write(`measuring ${count(size)} runs…\n`);
      const entries = history(size);
      const chars = entries.reduce((sum, [key, value]) => sum + key.length + value.length, 0);
      results.push({ size, chars, ...(await benchSize(browser, builds[0].base, entries, runs)) });
    }
    const quota = await quotaChars(browser, builds[0].base);
    report({ version: browser.version(), runs, results, quota });
  }
} catch (e) {
  console.error(`benchmark failed: ${e.stack ?? e}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  for (const server of servers) server.close();
}
