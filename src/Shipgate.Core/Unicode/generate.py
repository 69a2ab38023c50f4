#!/usr/bin/env python3
"""Makes the compact Unicode tables Shipgate embeds: character names, normalization, confusables (see README.md).

    python3 generate.py UNICODE_DIR UNHOMOGLYPH_DATA_JSON

UNICODE_DIR holds UnicodeData.txt, NameAliases.txt and DerivedCoreProperties.txt (Debian's unicode-data
15.0.0-1: /usr/share/unicode). UNHOMOGLYPH_DATA_JSON is data.json of the npm package unhomoglyph 1.0.6: the
mapping of Unicode's confusables.txt 13.0.0, one entry per line of it (source -> prototype). The output is
deterministic (gzip without a time stamp), so running it again on the same input changes nothing.
"""
import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, lines):
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(gzip.compress(data, compresslevel=9, mtime=0))


def names(unicode_dir):
    """CODE;NAME, or FIRST..LAST;PREFIX for a range whose names are the prefix and the code point (CJK, Tangut);
    Hangul syllables are named by rule at run time, and private use and surrogates have no name."""
    aliases = {}
    for line in open(os.path.join(unicode_dir, "NameAliases.txt"), encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        code, alias, kind = line.split(";")
        if kind == "control" and code not in aliases:
            aliases[code] = alias
    out = ["# Unicode 15.0 character names: hex code point;name (controls by their first control alias);",
           "# FIRST..LAST;PREFIX names each code point of the range PREFIX-XXXX. Made by generate.py from UnicodeData.txt."]
    first = None
    for line in open(os.path.join(unicode_dir, "UnicodeData.txt"), encoding="utf-8"):
        fields = line.rstrip("\n").split(";")
        code, name = fields[0], fields[1]
        if name.endswith(", First>"):
            first = code
            continue
        if name.endswith(", Last>"):
            label = name[1:-len(", Last>")]
            if label.startswith("CJK Ideograph"):
                out.append(f"{first}..{code};CJK UNIFIED IDEOGRAPH")
            elif label.startswith("Tangut Ideograph"):
                out.append(f"{first}..{code};TANGUT IDEOGRAPH")
            continue
        if name == "<control>":
            name = aliases.get(code, f"<control-{code}>")
        out.append(f"{code};{name}")
    return out


def confusables(path):
    """SOURCE;PROTOTYPE as hex code points (the prototype one or more, space-separated), sorted by source."""
    mapping = json.load(open(path, encoding="utf-8"))
    rows = []
    for source, target in mapping.items():
        assert len([c for c in source]) == 1, source
        rows.append((ord(source), " ".join(f"{ord(c):04X}" for c in target)))
    rows.sort()
    return ["# Unicode confusables.txt 13.0.0 (UTS #39), as unhomoglyph 1.0.6 carries it: source;prototype, hex code points."] + \
        [f"{code:04X};{target}" for code, target in rows]


def normalization(unicode_dir):
    """What NFD and NFKD need: each decomposition mapping (CODE;MAPPING canonical, CODE;~MAPPING compatibility, one
    level: applied again at run time) and each non-zero canonical combining class as %FIRST..LAST;CLASS. Hangul
    syllables decompose by rule at run time."""
    out = ["# Unicode 15.0 decompositions (~ marks a compatibility one) and %canonical combining classes, from UnicodeData.txt."]
    classes = []
    for line in open(os.path.join(unicode_dir, "UnicodeData.txt"), encoding="utf-8"):
        fields = line.rstrip("\n").split(";")
        code, ccc, mapping = int(fields[0], 16), int(fields[3]), fields[5]
        if mapping:
            if mapping.startswith("<"):
                mapping = "~" + mapping.split(">", 1)[1].strip()
            out.append(f"{code:04X};{mapping}")
        if ccc:
            if classes and classes[-1][1] == code - 1 and classes[-1][2] == ccc:
                classes[-1][1] = code
            else:
                classes.append([code, code, ccc])
    for first, last, ccc in classes:
        out.append(f"%{first:04X};{ccc}" if first == last else f"%{first:04X}..{last:04X};{ccc}")
    return out


def ignorable(unicode_dir):
    """FIRST..LAST (or CODE) of each Default_Ignorable_Code_Point range: UTS #39's skeleton drops these."""
    out = ["# Unicode 15.0 Default_Ignorable_Code_Point, from DerivedCoreProperties.txt."]
    for line in open(os.path.join(unicode_dir, "DerivedCoreProperties.txt"), encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line and line.split(";")[1].strip() == "Default_Ignorable_Code_Point":
            out.append(line.split(";")[0].strip())
    return out


if __name__ == "__main__":
    unicode_dir, unhomoglyph = sys.argv[1], sys.argv[2]
    write("character-names.txt.gz", names(unicode_dir))
    write("normalization.txt.gz", normalization(unicode_dir))
    write("confusables.txt.gz", confusables(unhomoglyph) + ["# Default_Ignorable_Code_Point ranges follow, as FIRST..LAST or CODE;"] +
          ["!" + r for r in ignorable(unicode_dir)[1:]])
