// Reads FIT files with Garmin's official FIT JavaScript SDK (@garmin/fitsdk) and
// prints, per file, each session's summary as the SDK decodes it. For a file with
// no session message, the summary is taken from its records (first and last time,
// the last cumulative distance, heart rate over the records): the SDK decodes them,
// this script only adds them up, and says so ("from": "records").
//   node scripts/reference/fitsdk.mjs <sdk dir> <file>...
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [sdkDir, ...files] = process.argv.slice(2);
const require = createRequire(join(sdkDir, "node_modules", "x.js"));
const { Decoder, Stream } = await import(pathToFileURL(require.resolve("@garmin/fitsdk")).href);

const seconds = (date) => Math.round(date.getTime() / 1000);
const out = {};
for (const file of files) {
  const stream = Stream.fromByteArray(readFileSync(file));
  const decoder = new Decoder(stream);
  const integrity = decoder.checkIntegrity();
  const { messages, errors } = decoder.read({ convertDateTimesToDates: true, mergeHeartRates: false });
  const sessions = (messages.sessionMesgs ?? []).map((s) => ({
    from: "session",
    sport: s.sport,
    subSport: s.subSport,
    start: seconds(s.startTime),
    timerS: s.totalTimerTime,
    elapsedS: s.totalElapsedTime,
    distanceM: s.totalDistance,
    ascentM: s.totalAscent ?? null,
    avgHr: s.avgHeartRate ?? null,
    maxHr: s.maxHeartRate ?? null,
  }));
  if (sessions.length === 0 && messages.recordMesgs?.length) {
    const records = messages.recordMesgs;
    const hr = records.map((r) => r.heartRate).filter((h) => h > 0);
    const first = records[0];
    const last = records[records.length - 1];
    sessions.push({
      from: "records",
      sport: messages.sportMesgs?.[0]?.sport ?? null,
      start: seconds(first.timestamp),
      timerS: null,
      elapsedS: seconds(last.timestamp) - seconds(first.timestamp),
      distanceM: last.distance,
      ascentM: null,
      avgHr: hr.length ? Math.round(hr.reduce((a, b) => a + b, 0) / hr.length) : null,
      maxHr: hr.length ? Math.max(...hr) : null,
    });
  }
  out[basename(file)] = { reader: "@garmin/fitsdk", integrity, errors: errors.map(String), sessions };
}
console.log(JSON.stringify(out, null, 2));
