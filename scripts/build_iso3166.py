#!/usr/bin/env python3
"""Regenerates crates/exports/data/iso3166.tsv (alpha-2, alpha-3, numeric code of every
ISO 3166-1 country) from Debian's iso-codes package (`apt-get install iso-codes`), which
ships the standard's table as /usr/share/iso-codes/json/iso_3166-1.json."""
import json
import sys

SOURCE = "/usr/share/iso-codes/json/iso_3166-1.json"
OUT = "crates/exports/data/iso3166.tsv"

def main():
    rows = json.load(open(SOURCE, encoding="utf-8"))["3166-1"]
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# ISO 3166-1 codes: alpha-2, alpha-3, numeric (Debian iso-codes %s; "
                  "regenerate with scripts/build_iso3166.py)\n" % (sys.argv[1] if len(sys.argv) > 1 else ""))
        for r in sorted(rows, key=lambda r: r["alpha_2"]):
            out.write("%s\t%s\t%s\n" % (r["alpha_2"], r["alpha_3"], r["numeric"]))

main()
