#!/usr/bin/env bash
# PDF benchmark: bao's engine (go-pdfium in wazero) against pdftotext.
#
#   bench/pdf.sh            # the real pages in ../shared/real/pdf
#
# Side by side in one run, on the same files: a page to articles (Go
# benchmark, engine warm) against pdftotext + bao's text parser; a 20-page
# issue (the real pages concatenated with pdfunite at run time, never
# committed) the same way; then peak RSS of `bao print --plain` on the
# 20-page issue and on one page, on 20 page files of one date as one issue
# (`bao search`, which reads them with LoadPDF), on 100- and 300-page
# issues (the same pages repeated, made at run time: 59 and 177 MB, never
# committed) to show that memory stays bounded, the first start with an empty
# compilation cache and with a full one, and `bao print` of a text issue
# against the binary built from the commit before PDF support (BASE=rev).
set -euo pipefail
cd "$(dirname "$0")/.."
REAL=${REAL:-../shared/real/pdf}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for tool in pdftotext pdfunite; do
  if ! command -v $tool >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) >/dev/null
  fi
done
pages=("$REAL"/*.pdf)
list=()
while [ ${#list[@]} -lt 20 ]; do list+=("${pages[@]}"); done
pdfunite "${list[@]:0:20}" "$WORK/issue20.pdf"
mkdir -p "$WORK/files20"
# A comment after %%EOF makes each copy's content (the page cache's key)
# its own, so that every file is read by PDFium, as 20 real pages would be.
for i in $(seq 1 20); do
  f="$WORK/files20/$(printf %02d "$i").pdf"
  cp "${list[$((i-1))]}" "$f" && chmod u+w "$f" && printf '\n%% copy %d\n' "$i" >>"$f"
done
for n in 100 300; do
  while [ ${#list[@]} -lt $n ]; do list+=("${pages[@]}"); done
  pdfunite "${list[@]:0:$n}" "$WORK/issue$n.pdf"
done
CNOOC=$REAL/zh-hans-cnooc-20241016-p1.pdf
HINDU=$REAL/en-thehindu-20260814-p8.pdf

echo "load: $(uptime | sed 's/.*load average/load average/')"
echo "## Go benchmarks (engine warm)"
for f in "$CNOOC" "$HINDU" "$WORK/issue20.pdf"; do
  echo "### $(basename "$f")"
  BAO_BENCH_PDF=$(realpath "$f") go test ./issues -run "^\$" -bench "PDFTo" -benchtime 5x | grep Benchmark
done

go build -o "$WORK/bao" .
rss() { /usr/bin/time -f "%e s (cpu %U+%S s), peak RSS %M KB" "$@" 2>&1 >/dev/null | tail -1; }
echo "### 20 page PDFs as one issue (LoadPDF)"
go test ./issues -run '^$' -bench 'PagePDFsToIssue' -benchtime 3x | grep Benchmark
echo "## bao print --plain (a process, compilation cache warm, page cache empty)"
export XDG_CACHE_HOME=$WORK/xdg
"$WORK/bao" print --plain "$CNOOC" >/dev/null  # fills the compilation cache
rm -rf "$XDG_CACHE_HOME/bao/pdfpages"
echo "one page (CNOOC):   $(rss "$WORK/bao" print --plain "$CNOOC")"
echo "20-page issue:      $(rss "$WORK/bao" print --plain "$WORK/issue20.pdf")"
echo "pdftotext 20 pages: $(rss pdftotext "$WORK/issue20.pdf" -)"
echo "20-page issue again (page cache): $(rss "$WORK/bao" print --plain "$WORK/issue20.pdf")"
echo "page cache size for 21 pages: $(du -sh "$XDG_CACHE_HOME/bao/pdfpages" | cut -f1)"
rm -rf "$XDG_CACHE_HOME/bao/pdfpages"
echo "20 page files (bao search --no-index): $(rss "$WORK/bao" search --no-index --limit 1 the "$WORK/files20")"
for n in 100 300; do
  rm -rf "$XDG_CACHE_HOME/bao/pdfpages"
  echo "$n-page issue ($(du -m "$WORK/issue$n.pdf" | cut -f1) MB): $(rss "$WORK/bao" print --plain "$WORK/issue$n.pdf")"
done
echo "## first start"
mkdir -p "$WORK/cold"
echo "empty cache (compiles): $(XDG_CACHE_HOME=$WORK/cold rss "$WORK/bao" print --plain "$CNOOC")"
echo "full cache:             $(XDG_CACHE_HOME=$WORK/cold rss "$WORK/bao" print --plain "$CNOOC")"
echo "cache size: $(du -sh "$WORK/cold/bao/wazero" | cut -f1)"
if [ -n "${BASE:-}" ]; then
  git archive "$BASE" | (mkdir -p "$WORK/base" && tar -x -C "$WORK/base")
  (cd "$WORK/base" && go build -o "$WORK/bao-base" .)
  SEED=$(ls ../shared/seeds/*.txt | head -1)
  echo "## bao print of a text issue (5 runs each, mean, max RSS)"
  for b in bao-base bao; do
    for i in 1 2 3 4 5; do /usr/bin/time -f "%e %M" "$WORK/$b" print --plain "$SEED" 2>&1 >/dev/null | tail -1; done |
      awk -v n="$b" '{t+=$1; if($2>m)m=$2} END {printf "%-9s %.3f s, peak RSS %d KB\n", n, t/NR, m}'
  done
  echo "binary: base $(stat -c %s "$WORK/bao-base") bytes, now $(stat -c %s "$WORK/bao") bytes"
fi
