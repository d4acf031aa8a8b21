#!/usr/bin/env bash
# Search at the scale of a century of a daily (#16): `bao search` and its
# index against `rg -F` on the same files, in one run.
#
#   bench/scale.sh            # 3,650 and 36,500 issues under /tmp/bao-scale
#   WRITE=1 bench/scale.sh    # and put the report into BENCHMARKS.md
#   RUNS=5 SMALL=3650 BIG=36500 bench/scale.sh
#
# Archives come from `go run ./cmd/baogen` into $BAO_SCALE_DIR (default
# /tmp/bao-scale; never committed). "Cold" means the files' pages evicted
# from the OS page cache with posix_fadvise(POSIX_FADV_DONTNEED)
# (bench/evict) before each run, for rg and bao alike; "warm" means read
# once before. Installs ripgrep and hyperfine with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/report.sh

SMALL=${SMALL:-3650}
BIG=${BIG:-36500}
RUNS=${RUNS:-5}
CRUNS=${CRUNS:-3} # cold runs of the century: each reads ~700 MB from disk
WORK=${BAO_SCALE_DIR:-/tmp/bao-scale}
RARE=${RARE:-罗婷}
COMMON=${COMMON:-刘洋}
mkdir -p "$WORK"

for tool in rg:ripgrep hyperfine:hyperfine; do
	command -v "${tool%%:*}" >/dev/null || { apt-get install -y "${tool##*:}" >/dev/null 2>&1 || sudo apt-get install -y "${tool##*:}" >/dev/null; }
done
BAO=$WORK/bao
EVICT=$WORK/evict
go build -o "$BAO" .
go build -o "$EVICT" ./bench/evict
for n in "$SMALL" "$BIG"; do
	if [ ! -f "$WORK/archive-$n/.complete" ]; then
		echo "generating $n issues ..." >&2
		rm -rf "$WORK/archive-$n"
		go run ./cmd/baogen -n "$n" -o "$WORK/archive-$n"
		touch "$WORK/archive-$n/.complete"
	fi
done
S=$WORK/archive-$SMALL
B=$WORK/archive-$BIG
warm() { find "$1" -type f -exec cat {} + >/dev/null; }
evict() { "$EVICT" "$@" 2>/dev/null; }
# wait_builder: waits until no background index build (the detached child
# a search leaves; started before its parent exits) is running.
wait_builder() { while pgrep -f "[${BAO:0:1}]${BAO:1} search --build-index" >/dev/null; do sleep 0.05; done; }

# hf LABEL ARGS...: one hyperfine run; prints "mean_ms stddev_ms".
hf() {
	local json=$WORK/hf.json
	hyperfine -N -i --style none "$@" --export-json "$json" >/dev/null 2>&1
	python3 -c "import json,sys; r=json.load(open('$json'))['results']; print(' '.join('%.1f %.1f' % (x['mean']*1e3, x['stddev']*1e3) for x in r))"
}
ratio() { python3 -c "print('%.2f×' % ($1/$2))"; }

REPORT=$WORK/report.md
exec 3>&1 >"$REPORT"
echo "\`bench/scale.sh\` ($(nproc) cores shared with other builds; load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $(rg --version | sed -n 1p); $(hyperfine --version)). Archives from \`go run ./cmd/baogen\`: $SMALL issues ($(du -sh --apparent-size "$S" | cut -f1)) and $BIG issues ($(du -sh --apparent-size "$B" | cut -f1)). Mean ± σ wall time; ratio = bao ÷ rg in the same hyperfine run."
echo

# 1. The first search on a fresh cache, 3,650 issues, page cache warm.
warm "$S"
X=$WORK/xdg-first
Q=$WORK/xdg-noindex
mkdir -p "$Q"
echo "**First search on a fresh cache** ($SMALL issues, warm page cache; the index is then built by a detached \`bao search --build-index\`, waited for before the next run):"
echo
echo "| query | rg -F | bao --no-index | ratio | bao, fresh cache | ratio |"
echo "|---|---|---|---|---|---|"
for q in "$RARE" 羅婷 "$COMMON"; do
	read -r rg rgs ni nis fi fis < <(hf --warmup 2 --runs "$RUNS" \
		"rg -F $q $S" \
		"env XDG_CACHE_HOME=$Q $BAO search --no-index $q $S" \
		--prepare "sh -c 'while pgrep -f \"[${BAO:0:1}]${BAO:1} search --build-index\" >/dev/null; do sleep 0.05; done; rm -rf $X'" \
		"env XDG_CACHE_HOME=$X $BAO search $q $S")
	echo "| \`$q\` | $rg ± $rgs ms | $ni ± $nis ms | $(ratio "$ni" "$rg") | $fi ± $fis ms | $(ratio "$fi" "$rg") |"
done
wait_builder
echo

# 2. Building the index of the century, archive pages evicted.
I=$WORK/xdg-big
echo "**Building the index of $BIG issues**, cold (archive evicted before each run), $CRUNS runs each, interleaved:"
echo
rgc=() bld=() rss=() cpu=()
for _ in $(seq "$CRUNS"); do
	evict "$B"
	t0=$(date +%s%N); rg -F "$RARE" "$B" >/dev/null || true; t1=$(date +%s%N)
	rgc+=($(( (t1 - t0) / 1000000 )))
	rm -rf "$I"
	evict "$B"
	t0=$(date +%s%N)
	r=$(XDG_CACHE_HOME=$I /usr/bin/time -f "%M %U %S" "$BAO" search --build-index "$B" 2>&1 >/dev/null | tail -1)
	t1=$(date +%s%N)
	read -r kb cu cs <<<"$r"
	bld+=($(( (t1 - t0) / 1000000 ))) rss+=($(( kb / 1024 ))) cpu+=("$(python3 -c "print(round(($cu+$cs)*1000))")")
done
idx=$(du -sb "$I"/bao/search/*/ | awk '{print $1}')
arch=$(du -sb --apparent-size "$B" | awk '{print $1}')
segs=$(ls "$I"/bao/search/*/seg-*.bsx | wc -l)
echo "- rg -F (cold): ${rgc[*]} ms; \`bao search --build-index\` (cold): ${bld[*]} ms; ratio of means $(python3 -c "import sys; a=[int(x) for x in sys.argv[1].split()]; b=[int(x) for x in sys.argv[2].split()]; print('%.2f×' % ((sum(b)/len(b))/(sum(a)/len(a))))" "${rgc[*]}" "${bld[*]}") (target ≤ 1.5×)."
echo "- Peak RSS of the build: ${rss[*]} MB (target ≤ 200 MB); its CPU time (user+sys): ${cpu[*]} ms."
echo "- Index: $(python3 -c "print('%.1f MB in $segs segments, %.3f× the archive (target ≤ 0.25×)' % ($idx/1e6, $idx/$arch))")."
echo

# 3. Rare name and common term in the indexed century.
XDG_CACHE_HOME=$I "$BAO" search "$RARE" "$B" >/dev/null || true
XDG_CACHE_HOME=$I "$BAO" search "$COMMON" "$B" >/dev/null || true # parses cached
warm "$B"
arts=$(XDG_CACHE_HOME=$I "$BAO" search "$COMMON" "$B" | wc -l)
rarts=$(XDG_CACHE_HOME=$I "$BAO" search "$RARE" "$B" | wc -l)
read -r rw rws bw bws < <(hf --warmup 2 --runs "$RUNS" "rg -F $RARE $B" "env XDG_CACHE_HOME=$I $BAO search $RARE $B")
echo "**Indexed search of the century** ($BIG issues):"
echo
echo "| case | rg -F | bao search | ratio |"
echo "|---|---|---|---|"
echo "| \`$RARE\` ($rarts articles), warm | $rw ± $rws ms | $bw ± $bws ms | $(ratio "$bw" "$rw") |"
cold_pair() { # cold_pair QUERY: archive and index evicted before each run
	hf --runs "$CRUNS" --prepare "$EVICT $B $I" "rg -F $1 $B" "env XDG_CACHE_HOME=$I $BAO search $1 $B"
}
read -r rc rcs bc bcs < <(cold_pair "$RARE")
echo "| \`$RARE\`, cold (archive and index evicted) | $rc ± $rcs ms | $bc ± $bcs ms | $(ratio "$bc" "$rc") |"
read -r cc ccs cb cbs < <(cold_pair "$COMMON")
echo "| \`$COMMON\` ($arts articles), cold | $cc ± $ccs ms | $cb ± $cbs ms | $(ratio "$cb" "$cc") |"
warm "$B"
read -r cw cws cbw cbws < <(hf --warmup 1 --runs "$RUNS" "rg -F $COMMON $B" "env XDG_CACHE_HOME=$I $BAO search $COMMON $B")
echo "| \`$COMMON\`, warm | $cw ± $cws ms | $cbw ± $cbws ms | $(ratio "$cbw" "$cw") |"
echo

# 4. In the reader's process: the library listed, the index built.
gob() { BAO_BENCH_ARCHIVE=$B BAO_BENCH_QUERY=$1 go test ./reader/search -run '^$' -bench "$2" -benchtime "$3" 2>/dev/null; }
inproc=$(gob "$RARE" 'ArchiveIndexed$' 20x | awk '/ArchiveIndexed/ {printf "%.1f", $3/1e6}')
upd=$(gob "$RARE" 'UpdateOne$' 20x | awk '/UpdateOne/ {printf "%.1f ms, %.0f bytes written", $3/1e6, $5}')
shelf=$(BAO_BENCH_ARCHIVE=$B go test ./ui -run '^$' -bench 'ShelfFirstFrame$' -benchtime 10x 2>/dev/null | awk '/ShelfFirstFrame/ {printf "%.0f", $3/1e6}')
echo "**In the reader's process** (Go benchmarks on the $BIG issues, library listed): indexed search for \`$RARE\` $inproc ms (BenchmarkArchiveIndexed; target ≤ 50 ms); changing one issue and updating the index $upd per update (BenchmarkUpdateOne; target ≤ 100 ms, ≤ 1 MB); the shelf's first frame $shelf ms (ui BenchmarkShelfFirstFrame; target ≤ 300 ms)."
echo
# 5. One issue changed, from the shell: bao search --build-index.
f=$(find "$B" -name '*.txt' | sort | sed -n 20000p)
cp "$f" "$WORK/saved.txt"
echo "更正启事" >>"$f"
t0=$(date +%s%N)
line=$(XDG_CACHE_HOME=$I "$BAO" search --build-index "$B")
t1=$(date +%s%N)
cp "$WORK/saved.txt" "$f"
echo "**One issue changed, from the shell:** \`bao search --build-index\` $(( (t1 - t0) / 1000000 )) ms, of which listing and stat-ing the century is most ($line)."
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."

exec 1>&3 3>&-
cat "$REPORT"
if [ "${WRITE:-0}" = 1 ]; then
	write_report scale.sh "$REPORT"
fi
