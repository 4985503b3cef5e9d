// The bench page's worker: Restride's GPX parse off the main thread, as the app's
// import worker does it. Gets {blob} (a Blob, as the app gets a File), reads it and
// parses it; answers {summary, ms} (ms from the message's arrival to the summary).

import init, { parse_gpx } from "../out/pkg/restride_import_bench.js";

const ready = init({ module_or_path: new URL("/out/pkg/restride_import_bench_bg.wasm", self.location.href) });

self.onmessage = async ({ data }) => {
  try {
    await ready;
    const start = performance.now();
    const bytes = new Uint8Array(await data.blob.arrayBuffer());
    const summary = Array.from(parse_gpx(bytes));
    self.postMessage({ summary, ms: performance.now() - start });
  } catch (e) {
    self.postMessage({ error: String(e?.stack ?? e) });
  }
};
