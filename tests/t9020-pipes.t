#!/bin/sh
# Every program and its output: '| head -1' ends quietly, a full disk
# (/dev/full) is exit 1 with a message (for data, --help and --version),
# a missing file among many is reported while the others are processed.
. "$(dirname "$0")/tap.sh"

LX="-n -L $SRC/lexicons"
PROGS="tokenize stem entity-tag sentiment-score stance-classify"
plan 41

opts() { case $1 in tokenize | stem) ;; *) printf '%s\n' "$LX" ;; esac; }
run() { f=$1; shift; "$f" $(opts "$f") "$@"; }

# Enough text that every program is still writing when head exits.
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "Huawei chips are very good, analysts said %d times.\n\n", i }' >a.txt
cp a.txt b.txt
tokenize a.txt >in.stem
stem in.stem >in.entity-tag
run entity-tag in.entity-tag >in.sentiment-score
run sentiment-score in.sentiment-score >in.stance-classify
cp a.txt in.tokenize
# stance-classify writes a line per document: give it many documents
awk -F'\t' -v OFS='\t' 'NR == 1 { print; next } { $1 = "d" $2; print }' \
    in.stance-classify >many.tsv
mv many.tsv in.stance-classify

for p in $PROGS; do
    { run $p in.$p 2>err; echo $? >st; } | head -n 1 >out
    ok "$p | head -1: no message" test ! -s err
    ok "$p | head -1: killed by SIGPIPE or exit 0, not an error" \
        sh -c "test $(cat st) = 141 -o $(cat st) = 0"
    ok "$p | head -1: the first line" test "$(cut -f1 out)" = doc

    ok_program "$p >/dev/full: exit 1 with a message" 1 "$p: write error" \
        sh -c "$p $(opts $p) in.$p >/dev/full"
    head -n 3 in.$p >small.$p
    ok_program "$p >/dev/full with a small output (caught at close)" 1 "$p: write error" \
        sh -c "$p $(opts $p) small.$p >/dev/full"
    ok_program "$p --help >/dev/full" 1 "write error" sh -c "$p --help >/dev/full"
    ok_program "$p --version >/dev/full" 1 "write error" sh -c "$p --version >/dev/full"
done

# a missing file among many
for p in stem entity-tag sentiment-score; do
    head -n 5 in.$p >one.tsv
    { head -n 1 in.$p; sed -n 6,9p in.$p; } >two.tsv
    ok_program "$p: a missing file among many is reported" 1 "missing.tsv" \
        run $p one.tsv missing.tsv two.tsv
    ok "$p: the others are still processed" test "$(grep -vc '^doc	' out)" = 8
done
