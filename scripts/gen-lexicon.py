#!/usr/bin/env python3
"""Derive kanbao's join lexicon (assets/lexicon.tsv) from jieba-rs's dictionary.

usage: scripts/gen-lexicon.py [PATH/TO/jieba-rs/src/data/dict.txt]

The join decisions of the engine need only "is this a word, and how common is it" for
short Han words near a column break. Asking jieba-rs means building its 350,000-word
trie first (about 100 ms); this file answers the same question by binary search over a
sorted text embedded in the binary, with no start-up cost. It keeps words of 1 to 4 Han
characters with a frequency of at least MIN_FREQ, sorted by their UTF-8 bytes, as
`word<TAB>freq` lines, after a `#total<TAB>N` line carrying the dictionary's total
frequency (the denominator of jieba's word probabilities). The dictionary is MIT
licensed, (c) the jieba and jieba-rs authors.
"""
import glob
import os
import re
import sys

MIN_FREQ = 5
HAN = re.compile(r"^[\u4e00-\u9fff]{1,4}$")


def find_dict():
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    hits = sorted(glob.glob(f"{home}/registry/src/*/jieba-rs-0.11.*/src/data/dict.txt"))
    if not hits:
        sys.exit("gen-lexicon: jieba-rs 0.11 sources not found; run `cargo fetch` or pass the path")
    return hits[-1]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else find_dict()
    total = 0
    words = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            freq = int(parts[1])
            total += freq
            if freq >= MIN_FREQ and HAN.match(parts[0]):
                words[parts[0]] = max(freq, words.get(parts[0], 0))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "assets", "lexicon.tsv")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"#total\t{total}\n")
        for w in sorted(words, key=lambda w: w.encode("utf-8")):
            f.write(f"{w}\t{words[w]}\n")
    print(f"gen-lexicon: {len(words)} words from {path} -> assets/lexicon.tsv")


if __name__ == "__main__":
    main()
