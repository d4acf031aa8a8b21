# Sourced by the bench scripts. write_report NAME FILE puts the report in
# FILE into BENCHMARKS.md between the markers <!-- bench/NAME begin --> and
# <!-- bench/NAME end -->, replacing the last run written there.
write_report() {
	python3 - "$2" BENCHMARKS.md "$1" <<'PY'
import sys
report = open(sys.argv[1]).read().strip()
path, name = sys.argv[2], sys.argv[3]
text = open(path).read()
begin, end = "<!-- bench/%s begin -->" % name, "<!-- bench/%s end -->" % name
if begin not in text or end not in text:
    sys.exit(path + ": no bench/" + name + " markers to write between")
i, j = text.index(begin) + len(begin), text.index(end)
open(path, "w").write(text[:i] + "\n" + report + "\n" + text[j:])
PY
	echo "written into BENCHMARKS.md" >&2
}
