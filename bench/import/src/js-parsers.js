// The JavaScript side of the benchmark: each function parses one file with the library
// a web app would otherwise use, then walks the whole result to the same summary as
// Restride's (restride-import-bench's `summary`):
//
//   [activities, distance_m, moving_s, hr_avg, failed]
//
// loosely computed: distance is the haversine sum between consecutive points of each
// track segment (TCX lap, FIT run of records between timer stops), moving time the
// sum of each segment's first-to-last time, the heart rate the mean over points.
// Restride computes more (pauses from speed, elevation gain with a dead band, pace
// variability, a route fingerprint), so the JS side does less work after parsing,
// not more. XML and CSV parsers get the text, already decoded (the bench page times
// that decoding separately); FIT parsers get an ArrayBuffer.

import { gpx as geojsonGpx, tcx as geojsonTcx } from "@tmcw/togeojson";
import { XMLParser } from "fast-xml-parser";
import FitParser from "fit-file-parser";
import Papa from "papaparse";

const EARTH_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Sums a track's segments point by point. */
class Summary {
  constructor() {
    this.activities = 0;
    this.distance = 0;
    this.moving = 0;
    this.hrSum = 0;
    this.hrCount = 0;
    this.segment();
  }

  /** A new segment: no distance or time across the gap. */
  segment() {
    this.lat = NaN;
    this.lon = NaN;
    this.first = NaN;
    this.last = NaN;
  }

  /** A point: degrees, ms since the epoch (NaN if none), heart rate (or undefined). */
  point(lat, lon, ms, hr) {
    if (Number.isFinite(lat) && Number.isFinite(lon)) {
      if (Number.isFinite(this.lat)) this.distance += haversine(this.lat, this.lon, lat, lon);
      this.lat = lat;
      this.lon = lon;
    }
    if (Number.isFinite(ms)) {
      if (Number.isFinite(this.last)) this.moving += (ms - this.last) / 1000;
      this.last = ms;
    }
    if (hr > 0) {
      this.hrSum += hr;
      this.hrCount += 1;
    }
  }

  result() {
    return [this.activities, this.distance, this.moving, this.hrCount ? this.hrSum / this.hrCount : NaN, 0];
  }
}

function haversine(lat1, lon1, lat2, lon2) {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

// ---- fast-xml-parser -----------------------------------------------------------------

// Namespace prefixes dropped (Garmin's hr comes as gpxtpx:hr, ns3:hr or plain hr);
// the repeating elements always as arrays; numbers in text converted (its default).
const ARRAYS = new Set(["trk", "trkseg", "trkpt", "Activity", "Lap", "Track", "Trackpoint"]);
const xml = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ARRAYS.has(name),
});

/** GPX text with fast-xml-parser's XMLParser.parse. */
export function fxpGpx(text) {
  const doc = xml.parse(text);
  const sum = new Summary();
  const tracks = doc.gpx?.trk ?? [];
  sum.activities = tracks.length ? 1 : 0;
  for (const trk of tracks) {
    for (const seg of trk.trkseg ?? []) {
      sum.segment();
      for (const pt of seg.trkpt ?? []) {
        const hr = pt.extensions?.TrackPointExtension?.hr;
        sum.point(Number(pt["@_lat"]), Number(pt["@_lon"]), Date.parse(pt.time), hr);
      }
    }
  }
  return sum.result();
}

/** TCX text with fast-xml-parser's XMLParser.parse. */
export function fxpTcx(text) {
  const doc = xml.parse(text);
  const sum = new Summary();
  for (const activity of doc.TrainingCenterDatabase?.Activities?.Activity ?? []) {
    sum.activities += 1;
    for (const lap of activity.Lap ?? []) {
      for (const track of lap.Track ?? []) {
        sum.segment();
        for (const tp of track.Trackpoint ?? []) {
          const pos = tp.Position;
          sum.point(pos?.LatitudeDegrees, pos?.LongitudeDegrees, Date.parse(tp.Time), tp.HeartRateBpm?.Value);
        }
      }
    }
  }
  return sum.result();
}

// ---- @tmcw/togeojson (on the browser's DOMParser) ------------------------------------

/** A togeojson FeatureCollection of tracks: coordinates [lon, lat, ele], times, heart. */
function summarizeGeojson(collection, activities) {
  const sum = new Summary();
  sum.activities = activities;
  for (const feature of collection.features) {
    const { geometry, properties } = feature;
    const multi = geometry.type === "MultiLineString";
    const lines = multi ? geometry.coordinates : [geometry.coordinates];
    const props = properties.coordinateProperties ?? {};
    lines.forEach((line, i) => {
      const times = (multi ? props.times?.[i] : props.times) ?? [];
      const heart = (multi ? props.heart?.[i] : props.heart) ?? [];
      sum.segment();
      for (let j = 0; j < line.length; j++) {
        sum.point(line[j][1], line[j][0], Date.parse(times[j]), heart[j]);
      }
    });
  }
  return sum.result();
}

/** GPX text: DOMParser, then togeojson's gpx(). All tracks are one activity. */
export function geojsonGpxText(text) {
  const collection = geojsonGpx(new DOMParser().parseFromString(text, "text/xml"));
  return summarizeGeojson(collection, collection.features.length ? 1 : 0);
}

/** TCX text: DOMParser, then togeojson's tcx() (a feature per lap; one activity). */
export function geojsonTcxText(text) {
  const collection = geojsonTcx(new DOMParser().parseFromString(text, "text/xml"));
  return summarizeGeojson(collection, collection.features.length ? 1 : 0);
}

// ---- fit-file-parser -----------------------------------------------------------------

// Its defaults: force (no CRC check), "list" mode (records in one array), SI units.
const fit = new FitParser();

/** FIT bytes (an ArrayBuffer) with fit-file-parser; parse() calls back synchronously. */
export function fitFileParser(buffer) {
  let parsed;
  fit.parse(buffer, (error, data) => {
    if (error) throw new Error(`fit-file-parser: ${error}`);
    parsed = data;
  });
  const sum = new Summary();
  sum.activities = parsed.sessions?.length ?? 0;
  // Timer stop events split segments; the records carry them in list mode as a gap in
  // time, so segments are split where consecutive records are more than 10 s apart.
  let previous = NaN;
  for (const r of parsed.records ?? []) {
    const ms = r.timestamp instanceof Date ? r.timestamp.getTime() : NaN;
    if (ms - previous > 10_000) sum.segment();
    previous = ms;
    sum.point(r.position_lat, r.position_long, ms, r.heart_rate);
  }
  return sum.result();
}

// ---- papaparse -----------------------------------------------------------------------

/**
 * Strava's activities.csv text with Papa.parse (header: true, which renames the repeated
 * columns "Distance_1", "Elapsed Time_1"…): per row, the date parsed (Date.parse),
 * the metric distance and moving time summed, the average heart rate weighted by
 * moving time; rows without a readable date count as failed.
 */
export function papaparse(text) {
  const { data } = Papa.parse(text, { header: true, skipEmptyLines: true });
  let [activities, distance, moving, hrSum, hrWeight, failed] = [0, 0, 0, 0, 0, 0];
  for (const row of data) {
    if (Number.isNaN(Date.parse(row["Activity Date"]))) {
      failed += 1;
      continue;
    }
    activities += 1;
    const seconds = Number.parseFloat(row["Moving Time"]) || 0;
    distance += Number.parseFloat(row.Distance_1 ?? row.Distance) || 0;
    moving += seconds;
    const hr = Number.parseFloat(row["Average Heart Rate"]);
    if (hr > 0) {
      hrSum += hr * seconds;
      hrWeight += seconds;
    }
  }
  return [activities, distance, moving, hrWeight ? hrSum / hrWeight : NaN, failed];
}
