#!/usr/bin/env python3
"""Add or update strings in Ura's .resx files without hand-editing XML.

    tools/resx.py set Resources/Text KEY "English" "Shqip" "Македонски" "Srpski"
    tools/resx.py load Resources/Text strings.tsv     (KEY<TAB>en<TAB>sq<TAB>mk<TAB>sr-Latn per line)
    tools/resx.py missing Resources/Text              (keys absent from a translation)
"""
import sys, xml.etree.ElementTree as ET
from pathlib import Path

LANGS = ["", "sq", "mk", "sr-Latn"]
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
"""

def path(base, lang):
    return Path(f"{base}.{lang}.resx" if lang else f"{base}.resx")

def read(base, lang):
    p = path(base, lang)
    if not p.exists():
        return {}
    root = ET.parse(p).getroot()
    return {d.get("name"): (d.findtext("value") or "") for d in root.findall("data")}

def write(base, lang, strings):
    p = path(base, lang)
    p.parent.mkdir(parents=True, exist_ok=True)
    root = ET.fromstring(HEADER)
    for key in sorted(strings):
        d = ET.SubElement(root, "data", {"name": key, "xml:space": "preserve"})
        ET.SubElement(d, "value").text = strings[key]
    ET.indent(root, "  ")
    p.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")

def update(base, rows):
    tables = [read(base, l) for l in LANGS]
    for row in rows:
        key, values = row[0], row[1:]
        if len(values) != 4:
            sys.exit(f"{key}: need 4 values (en, sq, mk, sr-Latn), got {len(values)}")
        for t, v in zip(tables, values):
            t[key] = v
    for l, t in zip(LANGS, tables):
        write(base, l, t)

if __name__ == "__main__":
    cmd, base = sys.argv[1], sys.argv[2]
    if cmd == "set":
        update(base, [sys.argv[3:]])
    elif cmd == "load":
        rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[3], encoding="utf-8") if line.strip() and not line.startswith("#")]
        update(base, rows)
    elif cmd == "missing":
        en = read(base, "")
        for l in LANGS[1:]:
            for k in sorted(set(en) - set(read(base, l))):
                print(l, k)
