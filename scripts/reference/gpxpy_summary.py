"""Reads GPX files with gpxpy and prints, per file, what gpxpy computes: the time
bounds, moving data (gpxpy's own rules for stops), 2D length and uphill.

    python3 scripts/reference/gpxpy_summary.py <file>...
"""
import json
import os
import sys

import gpxpy

out = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        gpx = gpxpy.parse(f)
    bounds = gpx.get_time_bounds()
    moving = gpx.get_moving_data()
    uphill, _ = gpx.get_uphill_downhill()
    hr = []
    for track in gpx.tracks:
        for segment in track.segments:
            for point in segment.points:
                for ext in point.extensions:
                    for child in ext.iter():
                        if child.tag.endswith("}hr") and child.text:
                            hr.append(int(child.text))
    out[os.path.basename(path)] = {
        "reader": "gpxpy " + gpxpy.__version__,
        "sessions": [
            {
                "from": "track",
                "sport": (gpx.tracks[0].type if gpx.tracks else None),
                "start": int(bounds.start_time.timestamp()) if bounds.start_time else None,
                "timerS": moving.moving_time,
                "elapsedS": (bounds.end_time - bounds.start_time).total_seconds() if bounds.start_time else None,
                "distanceM": gpx.length_2d(),
                "ascentM": uphill,
                "avgHr": round(sum(hr) / len(hr)) if hr else None,
                "maxHr": max(hr) if hr else None,
            }
        ],
    }
print(json.dumps(out, indent=2, sort_keys=True))
