#!/usr/bin/env python3
"""Compare `kanbao --explain` with what scripts/tangle.py recorded for a generated page.

usage: scripts/diagnose.py [--kanbao BIN] DIR            the class of each page's misreading
       scripts/diagnose.py [--kanbao BIN] DIR/pNNNN      every misread block of one page

For each block the tangler knows its kind and, for body text, its article, paragraph and piece
(piece 0 opens a paragraph; piece > 0 continues it). `--explain` says how kanbao read it: its
kind, and "new paragraph of article N" or "continues article N". The first misread block of a
page is classified; later ones are usually its consequences (the flow follows a wrong join).
"""
import glob
import json
import os
import re
import subprocess
import sys
from collections import Counter

KINDS = {"headline": "Headline", "lead": "Lead", "byline": "Byline", "banner": "Banner",
         "kicker": "Kicker", "card-region": "CardRegion", "card-speaker": "CardSpeaker",
         "card-text": "CardText", "body": "Body"}
LINE = re.compile(r"\s*(\d+) line\s+(\d+)\s+(\w+)\s*(?:new paragraph of article (\d+)|continues article (\d+))?")


def explain(kanbao, page):
    out = subprocess.run([kanbao, "--explain", page], capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        m = LINE.match(line)
        if m:
            how = "new" if m.group(4) else "cont" if m.group(5) else None
            rows.append({"kind": m.group(3), "how": how,
                         "article": int(m.group(4) or m.group(5) or 0) - 1, "line": line.rstrip()})
    return rows


def parse_block(label):
    kind, _, rest = label.partition("@")
    if kind != "body":
        return kind, None
    a, p, n = map(int, rest.split("."))
    return kind, (a, p, n)


def misreadings(kanbao, stem):
    meta = json.load(open(stem + ".meta.json", encoding="utf-8"))
    gold = json.load(open(stem + ".gold.json", encoding="utf-8"))
    rows = explain(kanbao, stem + ".txt")
    if len(rows) != len(meta["blocks"]):
        return meta, gold, [{"class": "block count", "index": 0,
                             "detail": f"{len(rows)} blocks read, {len(meta['blocks'])} written"}]
    out = []
    for i, (label, r) in enumerate(zip(meta["blocks"], rows)):
        kind, pos = parse_block(label)
        if KINDS[kind] != r["kind"]:
            out.append({"class": f"kind: {kind} read as {r['kind']}", "index": i, "row": r})
            continue
        if pos is None:
            continue
        a, p, n = pos
        want = "cont" if n > 0 else "new"
        own = next((b for b in meta["breaks"] if b["continuation_block"] == i), None)
        # kanbao never holds a piece ending in a bare closing quote open, so a continuation
        # of one that it reads as a join went to some other fragment, even in the right article
        closer_join = own is not None and own["kind"] == "closer" and r["how"] == "cont"
        if r["how"] != want or r["article"] != a or closer_join:
            out.append({"index": i, "row": r, "pos": pos, "want": want})
    for e in out:
        if "class" not in e:
            e["class"] = classify(meta, gold, e)
    return meta, gold, out


def open_fragments(meta, i):
    """Breaks whose piece came before block i and whose continuation comes after it."""
    return [b for b in meta["breaks"] if b["piece_block"] < i < b["continuation_block"]]


def open_end_before(meta, gold, article, i):
    """Is article's permanently open last paragraph (continues: true) on the page before i?"""
    g = gold["articles"][article]
    if not g["continues"]:
        return False
    last = len(g["paragraphs"]) - 1
    blocks = [k for k, lab in enumerate(meta["blocks"]) if lab.startswith(f"body@{article}.{last}.")]
    return bool(blocks) and max(blocks) < i


def classify(meta, gold, e):
    a, p, n = e["pos"]
    r = e["row"]
    i = e["index"]
    own = next((b for b in meta["breaks"] if b["continuation_block"] == i), None)
    feature = {k for k, g in enumerate(gold["articles"]) if g.get("kicker")}
    is_open_end = gold["articles"][a]["continues"] and p == len(gold["articles"][a]["paragraphs"]) - 1
    if own and own["kind"] == "closer":
        return "closer break: piece ends with a bare closing quote, seen as closed"
    if e["want"] == "cont" and r["how"] == "new":
        return f"missed join: continuation read as a new paragraph ({own['kind'] if own else '?'} break)"
    if e["want"] == "cont" and r["how"] == "cont":
        b = r["article"]
        pending = [f for f in open_fragments(meta, i) if f["article"] == b]
        if not pending and open_end_before(meta, gold, b, i):
            return "wrong fragment: continuation joined to an open end (continues: true)"
        return f"wrong fragment: continuation joined to another article's fragment ({own['kind'] if own else '?'} break)"
    if e["want"] == "new" and r["how"] == "cont":
        if is_open_end:
            return "false join: the open last paragraph (continues: true) joined to a fragment"
        if a in feature or r["article"] in feature:
            return "false join: a feature's paragraph start joined to another article's open fragment"
        return "false join: a paragraph start joined to an open fragment"
    if a in feature or r["article"] in feature:
        return "reassigned: a feature's paragraph given to another article"
    return "reassigned: a paragraph given to another article"


def page_class(errs):
    """The class of a page's misreading: its first misread block's, except that a closer break
    anywhere on the page is the root cause (the search bends earlier decisions to give the
    continuation of a piece it thinks closed a fragment to join)."""
    kinds = [e for e in errs if e["class"].startswith("kind")]
    if kinds:
        return kinds[0]["class"]
    closers = [e for e in errs if e["class"].startswith("closer")]
    return closers[0]["class"] if closers else errs[0]["class"]


def describe(meta, e):
    lines = [f"    block {e['index'] + 1}: {e['class']}", f"      {e.get('row', {}).get('line', '')[:150]}"]
    i = e["index"]
    for b in meta["breaks"]:
        if i in (b["piece_block"], b["continuation_block"]):
            lines.append(f"      break ({b['kind']}): {b['left']!r} | {b['right']!r}, piece block "
                         f"{b['piece_block'] + 1}, continuation block {b['continuation_block'] + 1}, "
                         f"{len(b['between'])} blocks between")
    for b in open_fragments(meta, i):
        if b["continuation_block"] != i:
            lines.append(f"      also open: article {b['article'] + 1} ({b['kind']}) {b['left']!r} | {b['right']!r}")
    return "\n".join(lines)


def main():
    args = sys.argv[1:]
    kanbao = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "kanbao")
    if args[:1] == ["--kanbao"]:
        kanbao, args = args[1], args[2:]
    if len(args) != 1:
        sys.exit(__doc__)
    target = args[0]
    if os.path.isdir(target):
        first, pages = Counter(), 0
        for stem in sorted(p[: -len(".meta.json")] for p in glob.glob(os.path.join(target, "p*.meta.json"))):
            pages += 1
            meta, _, errs = misreadings(kanbao, stem)
            if errs:
                first[page_class(errs)] += 1
        print(f"pages misread: {sum(first.values())}/{pages}; by class of the misreading:")
        for cls, n in first.most_common():
            print(f"  {n:4d}  {cls}")
    else:
        stem = target.removesuffix(".txt")
        meta, _, errs = misreadings(kanbao, stem)
        print(f"{stem}: {meta['kind']} {' + '.join(meta['sources'])}, {len(errs)} blocks misread")
        for e in errs:
            print(describe(meta, e))


if __name__ == "__main__":
    main()
