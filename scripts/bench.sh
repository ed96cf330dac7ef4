#!/usr/bin/env bash
# Whole-program figures for `khaosat summary` and the TUI, printed as Markdown.
#
#   scripts/bench.sh                       # 1 000, 10 000 and 100 000 visits
#   BENCH_SIZES="1000 10000" scripts/bench.sh
#   scripts/bench.sh > docs/bench.md       # the machine description is part of the output
#
# Environment:
#   BENCH_SIZES  visit counts (default "1000 10000 100000"; 100 000 visits take ~450 MB of disk)
#   BENCH_DIR    where the data sets go (default: a new folder under /tmp, deleted at the end)
#   BENCH_RUNS   runs per figure, the median is shown (default 3)
#   PTY_PROBE    pty_probe.py (default: ../shared/tools/pty_probe.py beside the repository)
#
# Not part of `cargo test`: run it by hand. Needs bash, find, xargs; GNU time (/usr/bin/time) for
# peak memory; python3 for the TUI figures (skipped without it), with pyte (pip install pyte) for
# the home list and summary screen times.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=${BENCH_SIZES:-"1000 10000 100000"}
RUNS=${BENCH_RUNS:-3}
PTY_PROBE=${PTY_PROBE:-$ROOT/../shared/tools/pty_probe.py}
OWN_DIR=0
if [[ -z "${BENCH_DIR:-}" ]]; then
    BENCH_DIR=$(mktemp -d /tmp/khaosat-bench.XXXXXX)
    OWN_DIR=1
fi
cleanup() { if [[ $OWN_DIR == 1 ]]; then rm -rf "$BENCH_DIR"; fi; }
trap cleanup EXIT

echo "building (release)…" >&2
cargo build --release --quiet --bin khaosat --example synth
BIN=$ROOT/target/release/khaosat
SYNTH=$ROOT/target/release/examples/synth

now() { date +%s.%N; }
# Median of the numbers on stdin.
median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# seconds of wall time of "$@", output discarded
wall() {
    local t0 t1
    t0=$(now)
    "$@" > /dev/null 2>&1
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", b - a}'
}

cat_all() { find "$1" -name '*.ron' -print0 | xargs -0 cat > /dev/null; }

echo "## khaosat benchmarks"
echo
echo "Machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory, Linux $(uname -r)," \
    "$(date -u +%Y-%m-%d). Release build; file cache warm; median of $RUNS runs."
echo "Load at start (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "### \`khaosat summary DIR --format json > /dev/null\`"
echo
echo "| visits | data | summary | cat | ratio | CPU (user+sys) | peak RSS |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
    dir=$BENCH_DIR/visits-$n
    if [[ ! -d $dir ]]; then
        echo "generating $n visits…" >&2
        "$SYNTH" --visits "$n" --out "$dir" --seed 1 2> /dev/null
    fi
    size=$(du -sh "$dir" | cut -f1)
    cat_all "$dir"                                   # warm the cache
    "$BIN" summary "$dir" --format json > /dev/null  # and the binary
    sum_t=$(for _ in $(seq "$RUNS"); do wall "$BIN" summary "$dir" --format json; done | median)
    cat_t=$(for _ in $(seq "$RUNS"); do wall cat_all "$dir"; done | median)
    ratio=$(awk -v s="$sum_t" -v c="$cat_t" 'BEGIN {printf "%.1f×", s / c}')
    cpu="–"
    rss="–"
    if [[ -x /usr/bin/time ]]; then
        read -r u s m < <(/usr/bin/time -f "%U %S %M" "$BIN" summary "$dir" --format json 2>&1 > /dev/null | tail -1)
        cpu=$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f s", u + s}')
        rss="$((m / 1024)) MB"
    fi
    echo "| $n | $size | ${sum_t} s | ${cat_t} s | $ratio | $cpu | $rss |"
done
echo

if ! command -v python3 > /dev/null || [[ ! -f $PTY_PROBE ]]; then
    echo "(TUI figures skipped: python3 or pty_probe.py missing)"
    exit 0
fi

echo "### TUI (in a pty, measured with pty_probe.py)"
echo
dir=$BENCH_DIR/visits-10000
if [[ ! -d $dir ]]; then
    echo "generating 10000 visits…" >&2
    "$SYNTH" --visits 10000 --out "$dir" --seed 1 2> /dev/null
fi
probe() { python3 "$PTY_PROBE" "$@" 2> /dev/null; }
first=$(for _ in $(seq "$RUNS"); do probe -- "$BIN" --dir "$dir" | awk '/^first_frame_ms/ {print $2}'; done | median)
# The home list complete and the summary screen ready (scripts/home_ready.py; needs pyte).
ready=$(python3 "$ROOT/scripts/home_ready.py" --runs "$RUNS" -- "$BIN" --lang en --dir "$dir" 2> /dev/null || true)
home_complete=$(awk '/^home_complete_ms/ {print $2 " ms"}' <<< "$ready")
summary_ready=$(awk '/^summary_ready_ms/ {print $2 " ms"}' <<< "$ready")
# 10 s with no key after the home list has loaded: an empty key, then quiet for 10 s.
idle_home=$(probe --settle 10 --keys '' -- "$BIN" --dir "$dir" | awk '/^bytes_per_key/ {print $3}')

# A visit opened at its first checklist item, nothing answered yet.
work=$BENCH_DIR/tui
mkdir -p "$work"
python3 - "$dir" "$work/visit.ron" << 'EOF'
import glob, re, sys
src = sorted(glob.glob(sys.argv[1] + "/*/*.ron"))[0]
text = open(src, encoding="utf-8").read()
text = re.sub(r"  answers: \{.*?\n  \},\n", "  answers: {},\n", text, flags=re.S)
text = re.sub(r"  last_item: .*\n", "", text).replace("status: Final", "status: Draft")
text = text.replace("  created:", '  last_item: Some("prep.committee_met"),\n  created:', 1)
open(sys.argv[2], "w", encoding="utf-8").write(text)
EOF
cp "$work/visit.ron" "$work/visit.orig"
keys=(--keys y --keys y --keys y --keys n --keys y)
answer_bytes() {
    cp "$work/visit.orig" "$work/visit.ron"
    probe --cols "$1" --rows "$2" "${keys[@]}" -- "$BIN" edit "$work/visit.ron" |
        awk '/^bytes_per_key/ {print $3}' | tr '\n' ' '
}
bytes_80=$(answer_bytes 80 24)
bytes_120=$(answer_bytes 120 40)
# Every item of the checklist in turn: j within a section, Tab to the next one (the same
# redraw as an answer, which moves on too, without the answer's own marks).
walk=()
for _ in $(seq 6); do walk+=(--keys j); done
for n in 3 1 3 4 7 3 3 3; do
    walk+=(--keys "$(printf '\t')")
    for _ in $(seq "$n"); do walk+=(--keys j); done
done
cp "$work/visit.orig" "$work/visit.ron"
walk_bytes=$(probe --settle 0.3 "${walk[@]}" -- "$BIN" edit "$work/visit.ron" | python3 -c '
import statistics, sys
rows = [line.split() for line in sys.stdin if line.startswith("bytes_per_key")]
items = sorted(int(r[2]) for r in rows if r[1] == "\x27j\x27" and int(r[2]) > 0)
tabs = sorted(int(r[2]) for r in rows if r[1] != "\x27j\x27")
over = sum(1 for b in items if b > 512)
print(f"next item (j): median {statistics.median(items):.0f}, max {items[-1]}, {over} of {len(items)} over 512;"
      f" next section (Tab): {tabs[0]}–{tabs[-1]}")
')
cp "$work/visit.orig" "$work/visit.ron"
idle_visit=$(probe --settle 10 --keys y --keys '' -- "$BIN" edit "$work/visit.ron" |
    awk '/^bytes_per_key/ {v = $3} END {print v}')
cp "$work/visit.orig" "$work/visit.ron"
typing=$(python3 "$ROOT/scripts/tui_typing.py" -- "$BIN" edit "$work/visit.ron" 2> /dev/null | tr '\n' ';')

echo "| figure | value |"
echo "|---|---:|"
echo "| first frame, \`khaosat --dir\` with 10 000 visits | ${first} ms |"
echo "| home list complete (all 10 000 listed), from start | ${home_complete:-– (pyte missing)} |"
echo "| summary screen ready, from the \`s\` key | ${summary_ready:-– (pyte missing)} |"
echo "| bytes per answer key, 80×24 (5 answers: y y y n y) | ${bytes_80}|"
echo "| bytes per answer key, 120×40 (same keys) | ${bytes_120}|"
echo "| bytes per key walking the whole checklist, 80×24 | ${walk_bytes} |"
echo "| bytes written in 10 s idle, home list of 10 000 visits | ${idle_home} |"
echo "| bytes written in 10 s idle, checklist | ${idle_visit} |"
echo "| typing while saving (scripts/tui_typing.py) | ${typing} |"
