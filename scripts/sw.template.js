// Restride's service worker. Generated at build by scripts/postbuild.mjs from
// scripts/sw.template.js: VERSION and FILES are filled in per build.
//
// The update rules (ARCHITECTURE.md, "Updates"):
// - A new version is precached in full and checked before it is used: every file is
//   fetched past the HTTP cache and must have the SHA-256 this build recorded, or
//   the install fails and the old version stays (the browser retries later). So a
//   host's max-age, a CDN still serving the last deploy, or a half-finished upload
//   can never put one version's index.html next to another's wasm.
// - It waits (no skipWaiting by itself) until the runner taps "reload"; then every
//   open tab reloads onto it (src/pwa.rs), so no old page fetches from a cache
//   that no longer holds its files.
const VERSION = "__VERSION__";
const CACHE = `restride-${VERSION}`;
const FILES = __FILES__;
const PAGE = "/index.html";
// index.html's static shell, painted on a first visit while the wasm downloads. An
// installed app's wasm is ready at once: painting the shell first only delays Today
// (by about 40 ms at 4x CPU, docs/size.md) and shows a returning runner the welcome
// card, so navigations answered from the cache leave it out. postbuild.mjs checks
// that index.html has both markers.
const SHELL = /<!--shell-start-->[\s\S]*?<!--shell-end-->/;
// The app's split loader (the glue imports it), preloaded beside the glue on an
// installed start: found only when the glue has been read, it was one more trip to
// this cache before the wasm could start (Today 6 to 10 % later at 4x CPU,
// docs/size.md). Not on a first visit: asked for before the first paint, it put
// Lighthouse's first paint 80 ms later.
const SPLIT_LOADER = "__SPLIT_LOADER__";

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function fetchVerified(path, sha256) {
  const response = await fetch(new Request(path, { cache: "reload" }));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const kept = response.clone();
  const body = await response.arrayBuffer();
  const actual = hex(await crypto.subtle.digest("SHA-256", body));
  if (actual !== sha256) throw new Error(`${path}: expected this version's SHA-256 ${sha256}, got ${actual}`);
  // The network's own response is kept where it can be: the browser keeps compiled
  // wasm beside it, so later starts skip compiling. A redirected one (hosts that
  // redirect /index.html to / answer with one) may not answer a navigation, so it
  // is rebuilt from the checked bytes.
  if (!response.redirected) return kept;
  const type = response.headers.get("content-type");
  return new Response(body, { status: 200, headers: type ? { "content-type": type } : {} });
}

/**
 * The cached index.html for an installed start: without its static shell (the app
 * mounts into an empty body), with the split loader preloaded.
 */
async function installedPage(page) {
  const html = await page.text();
  const type = page.headers.get("content-type") ?? "text/html; charset=utf-8";
  const preload = `<link rel="modulepreload" href="${SPLIT_LOADER}" crossorigin="anonymous">`;
  return new Response(html.replace(SHELL, "").replace("</head>", `${preload}</head>`), {
    status: 200,
    headers: { "content-type": type },
  });
}

async function precache() {
  // Everything is fetched and checked before anything is stored.
  const responses = await Promise.all(Object.entries(FILES).map(async ([path, sha256]) => [path, await fetchVerified(path, sha256)]));
  const cache = await caches.open(CACHE);
  try {
    for (const [path, response] of responses) await cache.put(path, response);
  } catch (e) {
    await caches.delete(CACHE);
    throw e;
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("restride-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Every page is the one app: answer navigations with this version's index.html.
    event.respondWith(caches.open(CACHE).then((cache) => cache.match(PAGE)).then((hit) => (hit ? installedPage(hit) : fetch(request))));
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true })).then((hit) => hit || fetch(request)),
  );
});
