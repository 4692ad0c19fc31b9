#!/bin/sh
# The commands README.md shows on the bundled examples run as written:
# every indented line that names examples/ (with the lines it continues
# onto when it ends in '|') exits 0 and prints a result table.
. "$(dirname "$0")/tap.sh"

awk '
    /^    / && (cmd != "" || /^    (tokenize|scripts\/|bin\/).*examples\//) {
        line = substr($0, 5); sub(/^ +/, "", line)
        cmd = cmd (cmd == "" ? "" : " ") line
        if (cmd ~ /\|$/) next
        print cmd; cmd = ""; next
    }
    { cmd = "" }
' "$SRC/README.md" | grep -v '^make' >commands
n=$(wc -l <commands)
[ "$n" -gt 0 ] || bail "no example commands found in README.md"
plan $((n * 2))
while IFS= read -r cmd; do
    (cd "$SRC" && eval "$cmd") >out 2>err
    ok "README: $cmd" test $? = 0
    ok "  prints a table with a header" grep -q '^doc	' out
done <commands
