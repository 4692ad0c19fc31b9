#!/bin/sh
# Every program on huge input: a 100 MB line and a 10 MB token.  Sizes shrink under valgrind (tap_shrink).
. "$(dirname "$0")/tap.sh"

LX="-n -L $SRC/lexicons"
FILTERS="stem entity-tag sentiment-score stance-classify"
plan 13

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

# ---- a 100 MB line --------------------------------------------------------
# Made on the fly and checked through a pipe: no 100 MB files on disk.
mb=$((100000000 / tap_shrink))
n64=$((mb / 65536))
# filler CHAR: n64 times 64 KiB of CHAR, no newline
filler() {
    awk -v n=$n64 -v c="$1" 'BEGIN { s = c; while (length(s) < 65536) s = s s
        for (i = 0; i < n; i++) printf "%s", s }'
}
# shape: "rows longest-line" of a stream with one header on stdin (not
# awk: mawk is quadratic on a huge line from a pipe)
shape() { wc -l -L | { read -r l m; echo $((l - 1)) "$m"; }; }

awk -v n=$n64 'BEGIN { s = " "; while (length(s) < 65536) s = s s
    for (i = 0; i < n; i++) printf "word%d%s", i, s; printf "\n" }' |
    { tokenize 2>err; echo $? >st; } | shape >got
ok "tokenize: a 100 MB line" test "$(cat st)" = 0 -a ! -s err
ok "tokenize: every word of it" test "$(cut -d' ' -f1 got)" = $n64

# as a TSV line: a 100 MB pass-through field on one row of a token stream
printf 'Chips are good.\n' | tokenize --id d >small.tsv
prepare small.tsv
for f in $FILTERS; do
    { head -n 1 in.$f | sed 's/$/\tbig/'
      sed -n 2p in.$f | tr -d '\n'; printf '\t'; filler x; printf '\n'
      tail -n +3 in.$f | sed 's/$/\tsmall/'; } |
        { run $f 2>err; echo $? >st; } | shape >got
    if [ $f = stance-classify ]; then
        ok "$f: a 100 MB line" test "$(cat st)" = 0 -a "$(cut -d' ' -f1 got)" = 1
    else
        ok "$f: a 100 MB line, passed through whole" \
            test "$(cat st)" = 0 -a "$(cut -d' ' -f1 got)" = "$(rows in.$f)" -a \
            "$(cut -d' ' -f2 got)" -gt $((n64 * 65536))
    fi
done

# ---- a 10 MB token --------------------------------------------------------
tb=$((10000000 / tap_shrink))
head -c $tb /dev/zero | tr '\0' a >token.txt
printf ' tail.\n' >>token.txt
tokenize token.txt >out 2>err
ok "tokenize: a 10 MB token" test $? = 0
ok "tokenize: its pieces cover it without a gap" \
    test "$(awk -F'\t' 'NR > 1 && $6 == "word" && $7 ~ /^a/ { n += $5 - $4 } END { print n }' out)" = $tb
ok "tokenize: the text after it is still there" test "$(tail -n 2 out | head -n 1 | cut -f7)" = tail

{ head -n 1 small.tsv
  printf 'd\t1\t1\t0\t%d\tword\t' $tb
  head -c $tb /dev/zero | tr '\0' A; printf '\t'
  head -c $tb /dev/zero | tr '\0' a; printf '\n'
  tail -n +2 small.tsv | sed 's/^d\t1\t/d\t2\t/'; } >bigtok.tsv
prepare bigtok.tsv
for f in stem entity-tag sentiment-score stance-classify; do
    run $f in.$f >out 2>err
    st=$?
    if [ $f = stance-classify ]; then
        ok "$f: a 10 MB token" test $st = 0 -a "$(rows out)" = 1
    else
        ok "$f: a 10 MB token" test $st = 0 -a "$(rows out)" = "$(rows in.$f)"
    fi
done

