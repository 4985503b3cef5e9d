// Reads TCX files with @tmcw/togeojson and prints, per file, its summary from the
// laps as togeojson reports them (total time and distance summed, heart rate from
// the points' values), plus the first point's time.
//   node scripts/reference/togeojson_tcx.mjs <packages dir> <file>...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";

const [packages, ...files] = process.argv.slice(2);
const require = createRequire(join(packages, "node_modules", "x.js"));
const { tcx } = require("@tmcw/togeojson");
const { DOMParser } = require("@xmldom/xmldom");

const out = {};
for (const file of files) {
  const doc = new DOMParser().parseFromString(readFileSync(file, "utf8"), "text/xml");
  const features = [...tcx(doc).features ?? []];
  const laps = features.map((f) => f.properties);
  const times = features.flatMap((f) => f.properties.coordinateProperties?.times ?? []);
  const hr = features.flatMap((f) => f.properties.coordinateProperties?.heart ?? []).filter((h) => h > 0);
  const start = times.length ? Math.round(Date.parse(times[0]) / 1000) : null;
  const end = times.length ? Math.round(Date.parse(times[times.length - 1]) / 1000) : null;
  out[basename(file)] = {
    reader: "@tmcw/togeojson",
    sessions: [
      {
        from: "laps",
        sport: null,
        start,
        timerS: laps.reduce((a, l) => a + (l.totalTimeSeconds ?? 0), 0),
        elapsedS: start !== null ? end - start : null,
        distanceM: laps.reduce((a, l) => a + (l.distanceMeters ?? 0), 0),
        ascentM: null,
        avgHr: hr.length ? Math.round(hr.reduce((a, b) => a + b, 0) / hr.length) : null,
        maxHr: hr.length ? Math.max(...hr) : null,
      },
    ],
  };
}
console.log(JSON.stringify(out, null, 2));
