#!/bin/sh
# Every program has a man page, and every long option in its --help is
# documented there (a stale man page is a bug).
. "$(dirname "$0")/tap.sh"

progs=$(cd "$SRC/filters" && ls *.c | sed 's/\.c$//')
set -- $progs
plan $(($# * 2))
for p in $progs; do
    page=$SRC/filters/$p.1
    ok "$p has a man page" test -f "$page"
    missing=
    for opt in $("$BIN/$p" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        tr -d '\\' <"$page" | grep -q -- "Fl -${opt#--}" || missing="$missing $opt"
    done
    [ -z "$missing" ] || diag "$p.1 lacks:$missing"
    ok "$p.1 documents every option of --help" test -z "$missing"
done
