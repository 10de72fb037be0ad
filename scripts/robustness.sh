#!/usr/bin/env bash
# Robustness run: build kanbao, generate tangled pages from the fixtures' gold with
# scripts/tangle.py, reconstruct each with kanbao, score each with tests/fixtures/score.py.
#
# usage: scripts/robustness.sh [COUNT] [SEED] [OUTDIR]
#   COUNT   pages to generate (default 200)
#   SEED    tangler seed (default 1)
#   OUTDIR  where pages, gold, predictions and scores go (default: a new temp directory;
#           it is kept so that pages can be inspected with `kanbao --explain` and
#           scripts/diagnose.py OUTDIR/pNNNN)
# TANGLE_ARGS in the environment passes options to tangle.py (e.g. --no-closer-breaks).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-200}
SEED=${2:-1}
OUT=${3:-$(mktemp -d "${TMPDIR:-/tmp}/kanbao-robust.XXXXXX")}
mkdir -p "$OUT"

cargo build --release --quiet
# shellcheck disable=SC2086  # TANGLE_ARGS: extra tangler options, e.g. --no-closer-breaks
python3 scripts/tangle.py --seed "$SEED" --count "$COUNT" --out "$OUT" ${TANGLE_ARGS:-} tests/fixtures/*.gold.json

for page in "$OUT"/p*.txt; do
    stem=${page%.txt}
    if target/release/kanbao --export json --keywords 0 "$page" >"$stem.pred.json" 2>"$stem.err"; then
        python3 tests/fixtures/score.py --verbose "$stem.gold.json" "$stem.pred.json" >"$stem.score" 2>&1 \
            || echo "overall: 0.000 (scorer failed)" >>"$stem.score"
    else
        { echo "kanbao failed: $(cat "$stem.err")"; echo "overall: 0.000"; } >"$stem.score"
    fi
done

python3 - "$OUT" <<'PY'
import glob, os, re, sys
out = sys.argv[1]
rows = []
for path in sorted(glob.glob(os.path.join(out, "p*.score"))):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"overall: ([0-9.]+)", text)
    score = float(m.group(1)) if m else 0.0
    j = re.search(r"joins: (\d+)/(\d+)", text)
    ok, n = (int(j.group(1)), int(j.group(2))) if j else (0, 0)
    rows.append((score, os.path.basename(path)[:-6], ok, n, text))
n = len(rows)
print(f"pages: {n}   (in {out})")
print(f"mean overall: {sum(r[0] for r in rows) / n:.4f}")
print(f"pages scoring 1.000: {sum(1 for r in rows if r[0] >= 0.9995)}/{n}")
print(f"joins right: {sum(r[2] for r in rows)}/{sum(r[3] for r in rows)}")
print("worst 10:")
for score, name, ok, jn, text in sorted(rows, key=lambda r: (r[0], r[1]))[:10]:
    summary = [l for l in text.splitlines() if not l.startswith("  ")]
    misses = [l.strip() for l in text.splitlines() if l.startswith("  ")]
    print(f"  {name} {os.path.join(out, name + '.txt')}")
    for l in summary:
        print(f"      {l}")
    for l in misses[:8]:
        print(f"        {l}")
    if len(misses) > 8:
        print(f"        … {len(misses) - 8} more")
PY

# What went wrong, by class (kanbao --explain against the tangler's record of every block).
python3 scripts/diagnose.py "$OUT"
