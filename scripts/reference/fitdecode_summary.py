"""Reads FIT files with fitdecode and prints, per file, each session's summary as
fitdecode decodes it (it reads compressed timestamps, developer fields and chained
files). For a file with no session message, the summary is taken from its records
(first and last time, the last cumulative distance, heart rate over the records):
fitdecode decodes them, this script only adds them up, and says so.

    python3 scripts/reference/fitdecode_summary.py <file>...
"""
import json
import os
import sys

import fitdecode


def value(frame, name):
    return frame.get_value(name) if frame.has_field(name) else None


out = {}
for path in sys.argv[1:]:
    sessions, records, sport = [], [], None
    with fitdecode.FitReader(path, check_crc=fitdecode.CrcCheck.ENABLED) as fit:
        for frame in fit:
            if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                continue
            if frame.name == "session":
                start = value(frame, "start_time")
                sessions.append({
                    "from": "session",
                    "sport": value(frame, "sport"),
                    "start": int(start.timestamp()) if start else None,
                    "timerS": value(frame, "total_timer_time"),
                    "elapsedS": value(frame, "total_elapsed_time"),
                    "distanceM": value(frame, "total_distance"),
                    "ascentM": value(frame, "total_ascent"),
                    "avgHr": value(frame, "avg_heart_rate"),
                    "maxHr": value(frame, "max_heart_rate"),
                })
            elif frame.name == "record":
                records.append((value(frame, "timestamp"), value(frame, "distance"), value(frame, "heart_rate")))
            elif frame.name == "sport":
                sport = value(frame, "sport")
    if not sessions and records:
        hr = [h for _, _, h in records if h]
        timed = [t for t, _, _ in records if t]
        sessions.append({
            "from": "records",
            "sport": sport,
            "start": int(timed[0].timestamp()),
            "timerS": None,
            "elapsedS": (timed[-1] - timed[0]).total_seconds(),
            "distanceM": next((d for _, d, _ in reversed(records) if d is not None), None),
            "ascentM": None,
            "avgHr": round(sum(hr) / len(hr)) if hr else None,
            "maxHr": max(hr) if hr else None,
        })
    out[os.path.basename(path)] = {"reader": "fitdecode " + fitdecode.__version__, "sessions": sessions}
print(json.dumps(out, indent=2, sort_keys=True, default=str))
