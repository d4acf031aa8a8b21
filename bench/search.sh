#!/usr/bin/env bash
# Search benchmark: `bao search` against `rg -F` on the synthetic archive.
#
#   bench/search.sh              # 3,650 issues (~76 MB), the issue's figure
#   N=365 RUNS=5 bench/search.sh # smaller and quicker
#
# It generates the archive once (go run ./cmd/baogen, into $BAO_BENCH_DIR,
# default ~/.cache/bao-bench), builds bao, and for each query times side by
# side in one run, on the same files, with the OS page cache warm for all:
#   rg        rg -F QUERY ARCHIVE (the anchor)
#   cold      bao search --no-index: nothing cached, nothing written
#   build     bao search with an empty cache dir: answers without the index
#             and leaves a detached child building it (waited for before
#             the next run)
#   indexed   bao search with the index in place
# then peak RSS (/usr/bin/time -v), the size of the cache, and the time to
# the first result of an interactive (library) search from the Go benchmark.
# It prints Markdown for BENCHMARKS.md; with WRITE=1 it also puts it there,
# between the <!-- bench/search.sh begin/end --> markers. Uses hyperfine
# when installed, else a timing loop; skips rg with a note when it is not
# installed.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/report.sh

N=${N:-3650}
RUNS=${RUNS:-10}
WORK=${BAO_BENCH_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bao-bench}
ARCHIVE=$WORK/archive-$N
BAO=$WORK/bao
QUERIES=(${QUERIES:-罗婷 刘洋 新变化 羅婷 PM2.5})
mkdir -p "$WORK"

if [ ! -f "$ARCHIVE/.complete" ]; then
	echo "generating $N issues into $ARCHIVE ..." >&2
	rm -rf "$ARCHIVE"
	go run ./cmd/baogen -n "$N" -o "$ARCHIVE"
	touch "$ARCHIVE/.complete"
fi
go build -o "$BAO" .
# Warm the page cache, so that every tool reads from memory.
find "$ARCHIVE" -type f -exec cat {} + >/dev/null

HAVE_RG=1
command -v rg >/dev/null || HAVE_RG=0
HAVE_HF=1
command -v hyperfine >/dev/null || HAVE_HF=0

EMPTY=$WORK/xdg-empty   # never written: --no-index
BUILD=$WORK/xdg-build   # emptied before each build run
WARM=$WORK/xdg-warm     # the index, built once below
rm -rf "$EMPTY" "$BUILD" "$WARM"
mkdir -p "$EMPTY"

# time_cmd LABEL CMD...: prints "LABEL mean_ms stddev_ms user_ms sys_ms"
time_cmd() {
	local label=$1 prepare=$2
	shift 2
	if [ "$HAVE_HF" = 1 ]; then
		local json=$WORK/hf.json
		local runs=$RUNS
		[ "$label" = build ] && runs=$(( RUNS < 3 ? RUNS : 3 ))
		hyperfine -N -i --style none --warmup 1 --runs "$runs" ${prepare:+--prepare "$prepare"} \
			--export-json "$json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
		python3 - "$json" "$label" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(sys.argv[2], "%.1f %.1f %.1f %.1f" % (r["mean"]*1e3, r["stddev"]*1e3, r["user"]*1e3, r["system"]*1e3))
EOF
	else
		local total=0 t0 t1
		"$@" >/dev/null 2>&1 || true
		for _ in $(seq "$RUNS"); do
			[ -n "$prepare" ] && sh -c "$prepare"
			t0=$(date +%s%N)
			"$@" >/dev/null 2>&1 || true
			t1=$(date +%s%N)
			total=$(( total + t1 - t0 ))
		done
		echo "$label $(( total / RUNS / 1000000 )) - - -"
	fi
}

# The report goes to a file, printed at the end (and with WRITE=1 put into
# BENCHMARKS.md); the progress of the steps above goes to stderr.
REPORT=$WORK/report.md
exec 3>&1 >"$REPORT"
RGV="rg not installed"
[ "$HAVE_RG" = 1 ] && RGV=$(rg --version | sed -n 1p)
echo "\`bench/search.sh\` (N=$N issues, $(du -shL --apparent-size "$ARCHIVE" | cut -f1), $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at start; $RGV; page cache warm for every tool). Wall time mean ± σ over $RUNS runs (build: up to 3), and user+sys CPU; ratio = bao wall / rg wall in the same run."
echo
if [ "$HAVE_RG" = 0 ]; then
	echo "_rg is not installed here (apt-get install ripgrep): no anchor figures._"
	echo
fi
echo "| query | articles | rg -F | bao cold | ratio | bao (building index) | bao indexed | ratio |"
echo "|---|---|---|---|---|---|---|---|"
# The warm index for every query is the same index: build it once.
XDG_CACHE_HOME=$WARM "$BAO" search --build-index "$ARCHIVE" >/dev/null
for q in "${QUERIES[@]}"; do
	articles=$(XDG_CACHE_HOME=$EMPTY "$BAO" search --no-index "$q" "$ARCHIVE" | wc -l)
	XDG_CACHE_HOME=$WARM "$BAO" search "$q" "$ARCHIVE" >/dev/null || true # its parses cached
	rgl="-"
	rgms=""
	if [ "$HAVE_RG" = 1 ]; then
		read -r _ rgms rgsd rgu rgs < <(time_cmd rg "" rg -F "$q" "$ARCHIVE")
		rgl="$rgms ± $rgsd ms ($(python3 -c "print(round($rgu+$rgs))") CPU)"
	fi
	read -r _ cms csd cu cs < <(time_cmd cold "" env XDG_CACHE_HOME="$EMPTY" "$BAO" search --no-index "$q" "$ARCHIVE")
	read -r _ bms bsd bu bs < <(time_cmd build "sh -c 'while pgrep -f \"[${BAO:0:1}]${BAO:1} search --build-index\" >/dev/null; do sleep 0.05; done; rm -rf $BUILD'" env XDG_CACHE_HOME="$BUILD" "$BAO" search "$q" "$ARCHIVE")
	read -r _ wms wsd wu ws < <(time_cmd indexed "" env XDG_CACHE_HOME="$WARM" "$BAO" search "$q" "$ARCHIVE")
	ratio() { [ -n "$rgms" ] && python3 -c "print('%.2f×' % ($1/$rgms))" || echo "-"; }
	cpu() { python3 -c "print(round($1+$2))" 2>/dev/null || echo "?"; }
	echo "| \`$q\` | $articles | $rgl | $cms ± $csd ms ($(cpu "$cu" "$cs") CPU) | $(ratio "$cms") | $bms ± $bsd ms | $wms ± $wsd ms ($(cpu "$wu" "$ws") CPU) | $(ratio "$wms") |"
done
echo

q=${QUERIES[0]}
rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.0f MB", $2/1024}'; }
if [ -x /usr/bin/time ]; then
	echo "Peak RSS (\`/usr/bin/time -v\`, query \`$q\`): cold $(rss env XDG_CACHE_HOME="$EMPTY" "$BAO" search --no-index "$q" "$ARCHIVE"), building the index $(rm -rf "$BUILD"; rss env XDG_CACHE_HOME="$BUILD" "$BAO" search "$q" "$ARCHIVE"), indexed $(rss env XDG_CACHE_HOME="$WARM" "$BAO" search "$q" "$ARCHIVE"); query \`${QUERIES[2]}\` indexed $(rss env XDG_CACHE_HOME="$WARM" "$BAO" search "${QUERIES[2]}" "$ARCHIVE")."
fi
echo
idx=$(cat "$WARM"/bao/search/*/seg-*.bsx | wc -c | awk '{printf "%.1f MB", $1/1048576}')
parsed=$(du -sb "$WARM"/bao/search/*/parsed 2>/dev/null | awk '{printf "%.1f MB", $1/1048576}')
nparsed=$(find "$WARM"/bao/search/*/parsed -name '*.bin' 2>/dev/null | wc -l)
echo "Cache under \`\$XDG_CACHE_HOME/bao/search\` after these queries: index $idx (segments of hashed rune pairs), parse cache $parsed ($nparsed issues, only those a search had to parse)."
echo

first=$(BAO_BENCH_ARCHIVE=$ARCHIVE BAO_BENCH_QUERY=$q go test ./reader/search -run '^$' -bench FirstResult -benchtime 10x 2>/dev/null |
	awk '/FirstResult\/cold/ {c=$(NF-1)} /FirstResult\/indexed/ {i=$(NF-1)} END {printf "cold %s ms, indexed %s ms", c, i}')
echo "First result of an interactive archive search (\`BAO_BENCH_ARCHIVE=… BAO_BENCH_QUERY=$q go test ./reader/search -run '^\$' -bench FirstResult\`, newest issues first, library already listed): $first."
echo

# Where the time of a `bao search` goes before it searches anything: the
# process start (`bao search --help` exits after parsing its flags), and of
# that the package init of the libraries linked in through glamour (the
# reader's help and Markdown view), from GODEBUG=inittrace=1.
read -r _ hms hsd hu hs < <(time_cmd start "" "$BAO" search --help)
inits=$(for _ in 1 2 3 4 5; do GODEBUG=inittrace=1 "$BAO" search --help 2>&1 >/dev/null; done | awk '
	/^init / {
		ms = $5; total += ms
		if ($2 ~ /^(github.com\/alecthomas\/chroma|github.com\/yuin\/goldmark|github.com\/microcosm-cc\/bluemonday|github.com\/gorilla\/css|charm.land\/glamour|github.com\/dlclark\/regexp2|golang.org\/x\/net\/html)/) glam += ms
		if ($2 ~ /^bao\//) own += ms
	}
	END { printf "%.1f %.1f %.1f", total/5, glam/5, own/5 }')
read -r itotal iglam iown <<<"$inits"
echo "Process start: \`bao search --help\` takes $hms ± $hsd ms; package init $itotal ms of it (mean of 5 \`GODEBUG=inittrace=1\` runs), of which $iglam ms in the packages linked in through glamour (chroma, goldmark, bluemonday, gorilla/css) and $iown ms in bao's own."
echo

# The reader's archive search runs in the reader's process, on the library
# it has listed: no process start and no listing. The Go benchmarks time
# that (ArchiveIndexed: open the index, search with it), side by side with
# rg in this run.
inproc=$(BAO_BENCH_ARCHIVE=$ARCHIVE BAO_BENCH_QUERY=$q go test ./reader/search -run '^$' -bench 'ArchiveCold$|ArchiveIndexed$|ListFiles$' -benchtime 20x 2>/dev/null |
	awk '/ArchiveCold/ {c=$3/1e6} /ArchiveIndexed/ {i=$3/1e6} /ListFiles/ {l=$3/1e6} END {printf "%.1f %.1f %.1f", c, i, l}')
read -r ipc ipi ipl <<<"$inproc"
rgq="-"
if [ "$HAVE_RG" = 1 ]; then
	read -r _ rgq _ _ _ < <(time_cmd rg "" rg -F "$q" "$ARCHIVE")
fi
ipratio() { [ "$rgq" != "-" ] && python3 -c "print('%.2f×' % ($1/$rgq))" || echo "-"; }
echo "In-process, query \`$q\` (\`BAO_BENCH_ARCHIVE=… BAO_BENCH_QUERY=$q go test ./reader/search -run '^\$' -bench 'ArchiveCold\$|ArchiveIndexed\$|ListFiles\$' -benchtime 20x\`), with rg -F at $rgq ms in the same run: searching the listed archive cold $ipc ms ($(ipratio "$ipc")), with the index $ipi ms ($(ipratio "$ipi")); listing and stat-ing the archive $ipl ms."

exec 1>&3 3>&-
cat "$REPORT"
if [ "${WRITE:-0}" = 1 ]; then
	write_report search.sh "$REPORT"
fi
