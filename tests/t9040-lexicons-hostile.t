#!/bin/sh
# Lexicons users edit by hand: a 1,000,000-entry file loads; a duplicate
# key (the later wins), a non-number weight, a phrase that tokenises to
# nothing, a PCRE2 pattern that does not compile and one that backtracks
# without end are reported with file:line before anything is written.
. "$(dirname "$0")/tap.sh"

plan 21

n=$((1000000 / tap_shrink))
k=$((n / 2))
printf "Org77 Name77 liked word$k today. aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n" |
    tokenize --id d | stem >s.tsv
entity-tag -n -L "$SRC/lexicons" s.tsv >e.tsv
sentiment-score -n -L "$SRC/lexicons" e.tsv >v.tsv

# ---- a million entries ------------------------------------------------------
awk -v n=$n 'BEGIN { print "phrase\ttype\tid"
    for (i = 0; i < n; i++) printf "Org%d Name%d\tORG\tID%d\n", i, i % 100, i }' >ents.tsv
entity-tag -n -l ents.tsv s.tsv >out 2>err
ok "entity-tag: a 1,000,000-entry gazetteer loads" test $? = 0 -a ! -s err
ok "entity-tag: and its entries match" \
    test "$(sed -n 2,3p out | cut -f10,11 | tr '\n' ' ')" = "$(printf 'B-ORG\tID77 I-ORG\tID77 ')"
awk -v n=$n 'BEGIN { print "phrase\tvalence"
    for (i = 0; i < n; i++) printf "word%d\t%.1f\n", i, (i % 80) / 10 - 4 }' >vals.tsv
sentiment-score -n -l vals.tsv e.tsv >out 2>err
ok "sentiment-score: a 1,000,000-entry lexicon loads" test $? = 0 -a ! -s err
ok "sentiment-score: and its entries are found" \
    test "$(awk -F'\t' -v w=word$k -v k=$k '$7 == w { print ($12 == (k % 80) / 10 - 4) }' out)" = 1
awk -v n=$n 'BEGIN { print "kind\tphrase\tweight"
    for (i = 0; i < n; i++) printf "cue\tword%d thing\t%.1f\n", i, (i % 80) / 10 - 4 }' >topic.tsv
stance-classify -n -t "$PWD/topic.tsv" v.tsv >out 2>err
ok "stance-classify: a 1,000,000-entry topic loads" test $? = 0 -a "$(wc -l <out)" = 2

# ---- duplicates: the later entry wins -----------------------------------------
printf 'phrase\ttype\tid\nOrg77 Name77\tORG\tFIRST\nOrg77 Name77\tPER\tSECOND\n' >dup.tsv
entity-tag -n -l dup.tsv s.tsv >out 2>err
ok "entity-tag: a duplicate phrase: the later wins" \
    test "$(sed -n 2p out | cut -f10,11)" = "$(printf 'B-PER\tSECOND')"
ok "entity-tag: and the override is named with file:line" grep -q "dup.tsv:3:" err
printf 'phrase\tvalence\nword%d\t1.5\nword%d\t-2.5\n' $k $k >dupv.tsv
sentiment-score -n -l dupv.tsv e.tsv >out
ok "sentiment-score: a duplicate word: the later wins" \
    test "$(awk -F'\t' -v w=word$k '$7 == w { print ($12 == -2.5) }' out)" = 1

# ---- bad lines stop the program before any output ------------------------------
# bad PROGRAM DESCRIPTION MESSAGE ARGS...: exit 1, the message, no output
bad() {
    p=$1 d=$2 m=$3
    shift 3
    ok_program "$p: $d" 1 "$m" "$p" "$@"
    ok "$p: $d: nothing written" test ! -s out
}
printf 'phrase\tvalence\ngood\tx1\n' >nonnum.tsv
bad sentiment-score "a valence that is not a number" "nonnum.tsv:2: valence 'x1' is not a number" \
    -n -l nonnum.tsv e.tsv
printf 'kind\tphrase\tweight\ncue\tchips\tabc\n' >nonnum-topic.tsv
bad stance-classify "a weight that is not a number" "nonnum-topic.tsv:2: weight 'abc'" \
    -n -t "$PWD/nonnum-topic.tsv" v.tsv
printf 'phrase\ttype\tid\n\302\255\tORG\tX\n' >nothing.tsv
bad entity-tag "a phrase with no tokens" "nothing.tsv:2: phrase" -n -l nothing.tsv s.tsv
printf 'phrase\tvalence\n \t1\n' >nothing-v.tsv
bad sentiment-score "a phrase with no tokens" "nothing-v.tsv:2: phrase" -n -l nothing-v.tsv e.tsv
printf 'pattern\ttype\n(abc\tMODEL\n' >badpat.tsv
bad entity-tag "a pattern that does not compile" "badpat.tsv:2: bad pattern" -n -l badpat.tsv s.tsv

# catastrophic backtracking: PCRE2's limits stop it, with a message
printf 'pattern\ttype\n(a+)+$\tMODEL\n' >cata.tsv
entity-tag -n -l cata.tsv s.tsv >out 2>err
ok "entity-tag: a backtracking pattern ends, exit 1" test $? = 1
ok "entity-tag: the message names the pattern's file and line" \
    grep -q "^entity-tag: cata.tsv:2: pattern '(a+)+\$' skipped: match limit" err
ok "entity-tag: every row still comes out" \
    test "$(wc -l <out)" = "$(wc -l <s.tsv)"
