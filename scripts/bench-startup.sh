#!/usr/bin/env bash
# Start-up of kanbao as whole processes: the first frame, and ready (keywords in), each run
# 20 times on a page; prints the medians and the peak memory (GNU time -v).
#
# usage: scripts/bench-startup.sh [PAGE]     (default: the bundled sample page)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/kanbao
page=("$@")
runs=20

median_ms() { # command...
    local times=()
    for _ in $(seq "$runs"); do
        local t0 t1
        t0=$(date +%s%N)
        "$@" >/dev/null 2>&1 </dev/null
        t1=$(date +%s%N)
        times+=($(( (t1 - t0) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f ms", m/1000}'
}

peak_mb() { # command...
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$@" 2>&1 >/dev/null </dev/null | awk -F': ' '/Maximum resident/ {printf "%.1f MB", $2/1024}'
    else
        echo "n/a (install GNU time)"
    fi
}

"$bin" --exit-after-ready "${page[@]}" >/dev/null 2>&1 </dev/null   # warm the page cache
echo "page: ${page[*]:-bundled sample}   runs: $runs   (standard output is not a terminal: off-screen 120x40)"
printf '%-28s median %-10s  peak %s\n' "--exit-after-first-frame" "$(median_ms "$bin" --exit-after-first-frame "${page[@]}")" "$(peak_mb "$bin" --exit-after-first-frame "${page[@]}")"
printf '%-28s median %-10s  peak %s\n' "--exit-after-ready" "$(median_ms "$bin" --exit-after-ready "${page[@]}")" "$(peak_mb "$bin" --exit-after-ready "${page[@]}")"
