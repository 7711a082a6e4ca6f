#!/usr/bin/env python3
"""Reads isnad's field exports back with the tools their users load them with, and checks
every row or record against the ledger it came from (the JSON export of the same store).

    read_back.py acled LEDGER.json FILE.csv [--strict]
    read_back.py geojson LEDGER.json FILE.geojson
    read_back.py plover LEDGER.json FILE.jsonl
    read_back.py gdelt LEDGER.json DIR

GDAL's ogrinfo too for GeoJSON when installed (`apt-get install gdal-bin`).

Python's csv and json always; pandas and DuckDB when installed (`pip install pandas pyarrow
duckdb`), else the line `skip: ...` says so and those checks are not run. Exits non-zero, naming
the row and what differs, when a check fails."""
import csv
import io
import json
import sys

ACLED = ("event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
         "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
         "iso region country admin1 admin2 admin3 location latitude longitude geo_precision source "
         "source_scale notes fatalities tags timestamp").split()
ISNAD = ("isnad_event_id isnad_kind isnad_status isnad_fatalities_max isnad_injured_min "
         "isnad_injured_max isnad_location_ar isnad_story isnad_clusters isnad_facts isnad_docs").split()
TOLLS = {"killed", "injured", "hospitalized", "casualties"}
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def fail(message):
    print("read_back: " + message, file=sys.stderr)
    sys.exit(1)


def lowest(facts, kind_clusters):
    """ACLED's conservative figure: each cluster's lowest trusted figure, the largest of these."""
    lows = []
    for c in kind_clusters:
        mins = [f["count"]["min"] for f in (facts[i] for i in c["facts"])
                if f["count"] and f["count"]["min"] is not None and not f["negated"]
                and not f["count"].get("suspect") and not f["count"].get("implausible")]
        if mins:
            lows.append(min(mins))
    return max(lows) if lows else None


def outlet(doc):
    return doc["outlet"] or doc["source"]


def check_acled(ledger, path, strict):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    header = next(csv.reader(io.StringIO(text, newline="")))
    expected = ACLED if strict else ACLED + ISNAD
    if header != expected:
        fail(f"{path}: columns {header} are not {expected}")
    if strict:
        return rows
    facts = {f["id"]: f for f in ledger["facts"]}
    docs = {d["id"]: d for d in ledger["documents"]}
    clusters = {c["id"]: c for c in ledger["clusters"]}
    seen = []
    ids = set()
    for n, row in enumerate(rows, 2):
        where = f"{path} line {n} ({row['isnad_event_id']})"
        if row["event_id_cnty"] in ids:
            fail(f"{where}: event_id_cnty {row['event_id_cnty']} repeats")
        ids.add(row["event_id_cnty"])
        members = [clusters[i] for i in row["isnad_clusters"].split(";")]
        seen += [c["id"] for c in members]
        fact_ids = [f for c in members for f in c["facts"]]
        if row["isnad_facts"].split(";") != fact_ids:
            fail(f"{where}: facts {row['isnad_facts']} are not its clusters' {fact_ids}")
        row_docs = sorted({facts[f]["doc"] for f in fact_ids})
        if row["isnad_docs"].split(";") != row_docs:
            fail(f"{where}: docs {row['isnad_docs']} are not {row_docs}")
        for d in row_docs:
            if outlet(docs[d]) not in row["source"]:
                fail(f"{where}: source {row['source']!r} does not name {outlet(docs[d])!r}")
        killed = [c for c in members if c["kind"] == "killed"]
        want = lowest(facts, killed) or 0
        if int(row["fatalities"]) != want:
            fail(f"{where}: fatalities {row['fatalities']}, the ledger's lowest figure is {want}")
        for f in fact_ids:
            count = facts[f]["count"]
            if count and count["text"] not in row["notes"]:
                fail(f"{where}: notes do not give figure «{count['text']}» of fact {f}")
        if members[0]["kind"] in TOLLS and row["event_type"]:
            fail(f"{where}: a toll alone is typed {row['event_type']}")
        if row["event_date"] and row["year"] != row["event_date"][:4]:
            fail(f"{where}: year {row['year']} of {row['event_date']}")
        for column, cell in row.items():
            if cell.startswith(FORMULA) and column not in ("latitude", "longitude"):
                fail(f"{where}: {column} {cell!r} would run as a spreadsheet formula")
    events = [c["id"] for c in ledger["clusters"] if c["kind"] != "price_change"]
    if sorted(seen) != sorted(events):
        fail(f"{path}: rows hold clusters {sorted(seen)}, the ledger's events are {sorted(events)}")
    return rows


def check_with_pandas(path, rows, strict):
    try:
        import duckdb
        import pandas
    except ImportError:
        print("skip: pandas/duckdb checks (pip install pandas pyarrow duckdb)")
        return
    frame = pandas.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    if len(frame) != len(rows) or list(frame.columns) != (ACLED if strict else ACLED + ISNAD):
        fail(f"pandas reads {len(frame)} rows, columns {list(frame.columns)}")
    if len(frame) and str(frame["fatalities"].dtype) != "int64":
        fail(f"pandas reads fatalities as {frame['fatalities'].dtype}, not integers")
    con = duckdb.connect()
    total = con.execute(
        "SELECT count(*), sum(fatalities) FROM read_csv(?, header=true)", [path]).fetchone()
    if total[0] != len(rows) or (total[1] or 0) != sum(int(r["fatalities"]) for r in rows):
        fail(f"duckdb reads {total}, csv reads {len(rows)} rows")
    print(f"pandas and duckdb read {len(rows)} rows")


def check_geojson(ledger, path):
    collection = json.load(open(path, encoding="utf-8"))
    if collection["type"] != "FeatureCollection":
        fail(f"{path}: not a FeatureCollection")
    facts = {f["id"]: f for f in ledger["facts"]}
    clusters = {c["id"]: c for c in ledger["clusters"]}
    drawn = set()
    for feature in collection["features"]:
        c = clusters[feature["id"]]
        drawn.add(c["id"])
        lon, lat = feature["geometry"]["coordinates"]
        if feature["geometry"]["type"] != "Point" or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            fail(f"{path}: {c['id']} is not a WGS 84 point: {feature['geometry']}")
        p = feature["properties"]
        if p["kind"] != c["kind"] or p["status"] != c["status"]:
            fail(f"{path}: {c['id']} kind/status {p['kind']}/{p['status']}")
        if [f["fact"] for f in p["figures"]] != c["facts"]:
            fail(f"{path}: {c['id']} figures are not its facts {c['facts']}")
        for fig in p["figures"]:
            count = facts[fig["fact"]]["count"]
            if (count and count["text"]) != fig["text"] or fig["doc"] != facts[fig["fact"]]["doc"]:
                fail(f"{path}: figure {fig} differs from fact {fig['fact']}")
        if c["kind"] == "killed" and p["fatalities"] != lowest(facts, [c]):
            fail(f"{path}: {c['id']} fatalities {p['fatalities']}")
    counts = collection["isnad"]
    if counts["clusters"] != len(clusters) or counts["placed"] != len(drawn) \
            or counts["unplaced"] != len(clusters) - len(drawn):
        fail(f"{path}: counts {counts} for {len(clusters)} clusters, {len(drawn)} drawn")
    print(f"geojson: {len(drawn)} features, {counts['unplaced']} clusters unplaced")
    check_with_ogrinfo(path, len(drawn))


def check_with_ogrinfo(path, features):
    """GDAL reads the file as a layer of points with as many features as were drawn."""
    import shutil
    import subprocess
    if not shutil.which("ogrinfo"):
        print("skip: ogrinfo check (apt-get install gdal-bin)")
        return
    out = subprocess.run(["ogrinfo", "-ro", "-al", "-so", path], capture_output=True, text=True)
    if out.returncode != 0 or f"Feature Count: {features}" not in out.stdout \
            or "Geometry: Point" not in out.stdout:
        fail(f"ogrinfo reads {path} differently:\n{out.stdout}{out.stderr}")
    print(f"ogrinfo reads {features} point features")


def check_plover(ledger, path):
    """Every fact a record, in ledger order; offsets in characters slice the text the bytes do."""
    lines = open(path, encoding="utf-8").read().splitlines()
    records = [json.loads(line) for line in lines]
    facts = ledger["facts"]
    docs = {d["id"]: d for d in ledger["documents"]}
    clusters = {c["id"]: c for c in ledger["clusters"]}
    if [r["id"] for r in records] != [f["id"] for f in facts]:
        fail(f"{path}: {len(records)} records are not the ledger's {len(facts)} facts in order")
    validate = schema_validator()
    for n, (r, f) in enumerate(zip(records, facts), 1):
        where = f"{path} line {n} ({f['id']})"
        validate(r, where)
        i = r["isnad"]
        text = docs[f["doc"]]["text"]
        by_bytes = text.encode("utf-8")[i["start"]:i["end"]].decode("utf-8")
        if text[i["char_start"]:i["char_end"]] != by_bytes or by_bytes != f["evidence"]:
            fail(f"{where}: characters {i['char_start']}..{i['char_end']} and bytes "
                 f"{i['start']}..{i['end']} do not slice the evidence alike")
        if r["cluster"] is not None and f["id"] not in clusters[r["cluster"]]["facts"]:
            fail(f"{where}: cluster {r['cluster']} does not hold it")
        if r["event"] is not None and r["event"] not in clusters:
            fail(f"{where}: event {r['event']} is no cluster")
        count = f["count"]
        trusted = count and count["min"] is not None and not f["negated"] \
            and not count.get("suspect") and not count.get("implausible")
        for field, kind in (("dead", "killed"), ("injured", "injured"), ("arrested", "arrested")):
            want = count["min"] if trusted and f["kind"] == kind else None
            if r[field] != want:
                fail(f"{where}: {field} {r[field]}, the ledger gives {want}")
    print(f"plover: {len(records)} records match the ledger's facts")


def schema_validator():
    """The PLOVER schema (crates/exports/data/plover.schema.json) with jsonschema, when installed."""
    import os
    try:
        import jsonschema
    except ImportError:
        print("skip: JSON-schema check (pip install jsonschema)")
        return lambda record, where: None
    here = os.path.dirname(os.path.abspath(__file__))
    schema = json.load(open(os.path.join(here, "../data/plover.schema.json"), encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)

    def validate(record, where):
        errors = list(validator.iter_errors(record))
        if errors:
            fail(f"{where}: not a valid PLOVER record: {errors[0].message}")
    return validate


def check_gdelt(ledger, folder):
    """events.tsv: 61 columns, ids 1..n, counts of its mentions; mentions.tsv: 16 columns, each a
    fact of the ledger whose character offsets slice its evidence."""
    import os
    read = lambda name: [line.split("\t") for line in
                         open(os.path.join(folder, name), encoding="utf-8").read().splitlines()]
    events, mentions = read("events.tsv"), read("mentions.tsv")
    facts = {f["id"]: f for f in ledger["facts"]}
    docs = {d["id"]: d for d in ledger["documents"]}
    for n, row in enumerate(events, 1):
        if len(row) != 61 or row[0] != str(n):
            fail(f"events.tsv line {n}: {len(row)} columns, id {row[0]}")
        if row[1] and (len(row[1]) != 8 or row[3] != row[1][:4]):
            fail(f"events.tsv line {n}: day {row[1]}, year {row[3]}")
    per_event = {}
    for n, row in enumerate(mentions, 1):
        if len(row) != 16:
            fail(f"mentions.tsv line {n}: {len(row)} columns")
        extras = dict(part.split("=", 1) for part in row[15].split(";"))
        f = facts[extras["fact"]]
        text = docs[f["doc"]]["text"]
        if text[int(row[9]):int(extras["char_end"])] != f["evidence"] or int(row[12]) != len(text):
            fail(f"mentions.tsv line {n}: character offsets do not slice fact {f['id']}'s evidence")
        per_event[row[0]] = per_event.get(row[0], 0) + 1
    for row in events:
        if int(row[31]) != per_event.get(row[0], 0):
            fail(f"events.tsv event {row[0]}: NumMentions {row[31]}, mentions.tsv has {per_event.get(row[0])}")
    print(f"gdelt: {len(events)} events, {len(mentions)} mentions match the ledger")
    try:
        import duckdb
        import pandas
    except ImportError:
        print("skip: pandas/duckdb checks (pip install pandas pyarrow duckdb)")
        return
    frame = pandas.read_csv(os.path.join(folder, "events.tsv"), sep="\t", header=None,
                            dtype=str, keep_default_na=False, quoting=3)
    count = duckdb.connect().execute(
        "SELECT count(*) FROM read_csv(?, delim='\t', header=false, quote='', all_varchar=true)",
        [os.path.join(folder, "mentions.tsv")]).fetchone()[0]
    if frame.shape != (len(events), 61) or count != len(mentions):
        fail(f"pandas reads events as {frame.shape}, duckdb reads {count} mentions")
    print(f"pandas and duckdb read {len(events)} events and {count} mentions")


def main():
    what, ledger_path, path = sys.argv[1:4]
    ledger = json.load(open(ledger_path, encoding="utf-8"))
    if what == "acled":
        strict = "--strict" in sys.argv[4:]
        rows = check_acled(ledger, path, strict)
        print(f"acled: {len(rows)} rows match the ledger")
        check_with_pandas(path, rows, strict)
    elif what == "gdelt":
        check_gdelt(ledger, path)
    elif what == "plover":
        check_plover(ledger, path)
    elif what == "geojson":
        check_geojson(ledger, path)
    else:
        fail(f"unknown export {what}")


main()
