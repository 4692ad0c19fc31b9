#!/bin/sh
# sentiment-score --level sentence and doc, and --whole: one line per
# sentence or document, zeros for an empty document.
. "$(dirname "$0")/tap.sh"
plan 6

ss() {
    sentiment-score --no-default-lexicons \
        -l "$TEST_LEXICONS/sentiment-vader.tsv" \
        -l "$TEST_LEXICONS/sentiment-modifiers.tsv" "$@"
}
T=$(printf '\t')

printf 'The food is good. But the service was bad!\n' >a.txt
: >e.txt
tokenize a.txt e.txt >a.tok

# 1: good = 2, compound 2 / sqrt(4 + 15); pos (2 + 1) / (3 + 3 neutral)
# 2: 'But' first: bad * 1.5 = -3, one '!' -0.292: -3.292 / sqrt(3.292^2 + 15);
#    neg (3 + 1 + 0.292) / (4.292 + 4 neutral)
cat >want <<EOF
doc${T}sent${T}tokens${T}pos${T}neu${T}neg${T}compound
a.txt${T}1${T}5${T}0.500${T}0.500${T}0.000${T}0.4588
a.txt${T}2${T}6${T}0.000${T}0.482${T}0.518${T}-0.6476
e.txt${T}0${T}0${T}0.000${T}0.000${T}0.000${T}0.0000
EOF
ss --level sentence a.tok >got
ok "--level sentence: VADER's scores per sentence, zeros when empty" test_cmp want got

# the mean of the two sentences
cat >want <<EOF
doc${T}sentences${T}tokens${T}pos${T}neu${T}neg${T}compound
a.txt${T}2${T}11${T}0.250${T}0.491${T}0.259${T}-0.0944
e.txt${T}0${T}0${T}0.000${T}0.000${T}0.000${T}0.0000
EOF
ss --level doc a.tok >got
ok "--level doc: the mean of the sentences" test_cmp want got

# One text, as VADER does: 'But' is no contrast word as written (VADER's
# JavaScript), good + bad = 0, and a zero sum takes no '!' emphasis.
cat >want <<EOF
doc${T}sentences${T}tokens${T}pos${T}neu${T}neg${T}compound
a.txt${T}2${T}11${T}0.231${T}0.538${T}0.231${T}0.0000
e.txt${T}0${T}0${T}0.000${T}0.000${T}0.000${T}0.0000
EOF
ss --whole a.tok >got
ok "--whole: the document as one text" test_cmp want got

printf 'It was good BUT bad.\n' >c.txt
tokenize c.txt | ss --whole >got
# good * 0.5 + bad * 1.5 = -2
ok "--whole: 'BUT' in capitals is a contrast word" \
    test "$(cut -f 7 got | tail -n 1)" = "$(awk 'BEGIN { printf "%.4f", -2 / sqrt(4 + 15) }')"

# Tokens that touch form one word: 'good!!!!!' keeps its marks and is no
# lexicon word, 'good !!!!!' is good with four '!' of emphasis.
printf 'good!!!!!\n' >d1.txt
printf 'good !!!!!\n' >d2.txt
tokenize d1.txt d2.txt | ss --level sentence >got
ok "words are rebuilt from touching tokens, as VADER splits text" \
    test "$(cut -f 7 got | tail -n 2 | tr '\n' ' ')" = "0.0000 $(awk 'BEGIN { x = 2 + 4 * 0.292; printf "%.4f", x / sqrt(x * x + 15) }') "

ok_program "--whole goes with --level doc only" 2 "--whole goes with --level doc" \
    ss --whole --level sentence a.tok
