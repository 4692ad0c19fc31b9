#!/bin/sh
# Every program on long streams: 100,000 one-line documents, and a
# missing or extra field deep in a stream.  Sizes shrink under valgrind (tap_shrink).
. "$(dirname "$0")/tap.sh"

LX="-n -L $SRC/lexicons"
FILTERS="stem entity-tag sentiment-score stance-classify"
plan 11

opts() { case $1 in stem) ;; *) printf '%s\n' "$LX" ;; esac; }
# run FILTER ARGS...: the filter with its hermetic options
run() { f=$1; shift; "$f" $(opts "$f") "$@"; }

# The input each filter reads: the stages before it, over a stream of
# tokenize output given as $1.
prepare() {
    cp "$1" in.stem
    stem <in.stem >in.entity-tag &&
        run entity-tag <in.entity-tag >in.sentiment-score &&
        run sentiment-score <in.sentiment-score >in.stance-classify
}
# data rows: lines other than a header (repeated headers included)
rows() { grep -vc '^doc	' "$1"; }

printf 'Chips are good.\n' | tokenize --id d >small.tsv

# ---- 100,000 one-line documents -------------------------------------------
nd=$((100000 / tap_shrink))
for i in 0 1 2 3 4 5 6 7 8 9; do printf 'Chip %d is good.\n' $i >f$i; done
awk -v n=$nd 'BEGIN { for (i = 0; i < n; i++) print "f" i % 10 }' |
    xargs tokenize >many.tsv 2>err
ok "tokenize: 100,000 documents (xargs), one each" \
    test "$(cut -f1 many.tsv | uniq | grep -vc '^doc$')" = $nd
prepare many.tsv
for f in stem entity-tag sentiment-score; do
    run $f in.$f >out 2>err
    ok "$f: 100,000 documents, every row" \
        test $? = 0 -a "$(rows out)" = "$(rows in.$f)"
done
run stance-classify in.stance-classify >out 2>err
ok "stance-classify: 100,000 documents, one line each" \
    test $? = 0 -a "$(rows out)" = $nd
ok "stance-classify: in order" \
    test "$(cut -f1 out | tail -n +2 | tr -d '\n')" = "$(awk -v n=$nd 'BEGIN { for (i = 0; i < n; i++) printf "f%d", i % 10 }')"

# ---- a missing or extra field deep in a stream ------------------------------
deep=$((300000 / tap_shrink))
for f in $FILTERS; do
    { head -n 1 in.$f
      tail -n +2 in.$f | head -n 3 | awk -v n=$deep '{ r[NR] = $0 }
          END { for (i = 0; i < n; i++) print r[i % 3 + 1] }'
      sed -n 2p in.$f | cut -f2-; } >deep.$f
    line=$((deep + 2))
    ok_program "$f: a missing field on line $line" 1 "<stdin>:$line: expected" \
        sh -c "$f $(opts $f) <deep.$f"
done
f=stem
{ head -n $((deep + 1)) deep.$f; sed -n 2p in.$f | sed 's/$/\textra/'; } >deep2.$f
ok_program "$f: an extra field on line $((deep + 2))" 1 \
    "<stdin>:$((deep + 2)): expected 8 fields, got 9" sh -c "stem <deep2.stem"
