#!/bin/sh
# lib/tsv rules every filter keeps: columns found by name, unknown columns
# passed through byte for byte (escapes untouched) wherever they are, own
# columns appended, replaced in place when they exist (re-running changes
# nothing), a repeated header skipped, a missing column named with the
# filter to run first.
. "$(dirname "$0")/tap.sh"

LX="-n -L $SRC/lexicons"
FILTERS="stem entity-tag sentiment-score stance-classify"
plan 22

opts() { case $1 in stem) ;; *) printf '%s\n' "$LX" ;; esac; }
run() { f=$1; shift; "$f" $(opts "$f") "$@"; }

printf 'Huawei shipped great chips.\n\nSMIC did not fail at all.\n' >a.txt
tokenize a.txt >in.stem
stem in.stem >in.entity-tag
run entity-tag in.entity-tag >in.sentiment-score
run sentiment-score in.sentiment-score >in.stance-classify

# wrap: an unknown first and last column around the stream, with escapes
wrap() {
    awk -F'\t' -v OFS='\t' 'NR == 1 { print "first", $0, "last"; next }
        { print "a\\tb" NR, $0, "c\\\\d\\n" NR }' "$1"
}
for f in stem entity-tag sentiment-score; do
    run $f in.$f >plain
    wrap in.$f >wrapped.in
    run $f wrapped.in >wrapped.out
    ok "$f: unknown columns around the stream pass through byte for byte" \
        test "$(cut -f1 wrapped.out | tail -n +2)" = "$(cut -f1 wrapped.in | tail -n +2)"
    ok "$f: the filter's own columns are appended after them" \
        test "$(head -n 1 wrapped.out)" = "$(printf 'first\t%s\tlast\t%s' \
            "$(head -n 1 in.$f)" "$(head -n 1 plain | cut -f$(($(head -n 1 in.$f | awk -F'\t' '{ print NF }') + 1))-)")"
    n=$(head -n 1 in.$f | awk -F'\t' '{ print NF }')
    awk -F'\t' -v OFS='\t' -v last=$((n + 2)) '{ s = ""
        for (i = 2; i <= NF; i++) if (i != last) s = s (s == "" ? "" : OFS) $i
        print s }' wrapped.out >unwrapped
    ok "$f: and without them the output is the same" test_cmp plain unwrapped
    run $f plain >again
    ok "$f: re-running replaces its columns in place: no change" test_cmp plain again
    cat in.$f in.$f | run $f >twice
    ok "$f: a repeated header is skipped" test "$(grep -c '^doc	' twice)" = 1
done
cut -f1-7 in.stem >nonorm.tsv
ok_program "stem: no norm column names tokenize" 1 "run tokenize first" stem nonorm.tsv
ok_program "entity-tag: no norm column names tokenize" 1 "run tokenize first" run entity-tag nonorm.tsv
ok_program "sentiment-score: no norm column names tokenize" 1 "run tokenize first" run sentiment-score nonorm.tsv
ok_program "stance-classify: no polarity column names sentiment-score" 1 "run sentiment-score first" \
    run stance-classify in.sentiment-score
ok_program "stance-classify: no entity_id column names entity-tag" 1 "run entity-tag first" \
    run stance-classify in.entity-tag
run stance-classify in.stance-classify >plain
wrap in.stance-classify >wrapped.in
run stance-classify wrapped.in >wrapped.out
ok "stance-classify: unknown columns do not change the result" test_cmp plain wrapped.out
cat in.stance-classify in.stance-classify | run stance-classify >twice
ok "stance-classify: a repeated header is skipped" test "$(grep -c '^doc	' twice)" = 1
