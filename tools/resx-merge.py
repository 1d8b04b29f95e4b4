#!/usr/bin/env python3
"""Resolve a git merge conflict in .resx files by taking the union of both sides' strings.

    tools/resx-merge.py src/Ura/Resources/Text.sq.resx [...]
Keys present on both sides with different text keep "ours" and are listed for review.
"""
import subprocess, sys, xml.etree.ElementTree as ET
sys.path.insert(0, __import__("os").path.dirname(__file__))
import importlib
resx = importlib.import_module("resx")

def side(stage, path):
    text = subprocess.run(["git", "show", f":{stage}:{path}"], capture_output=True, text=True, check=True).stdout
    return {d.get("name"): (d.findtext("value") or "") for d in ET.fromstring(text).findall("data")}

for path in sys.argv[1:]:
    ours, theirs = side(2, path), side(3, path)
    for key in sorted(set(ours) & set(theirs)):
        if ours[key] != theirs[key]:
            print(f"{path}: {key} differs; kept ours")
    merged = {**theirs, **ours}
    base, _, lang = path[:-len(".resx")].partition(".")
    resx.write(base, lang, merged)
    subprocess.run(["git", "add", path], check=True)
