#!/bin/sh
# sentiment-score's lexicons: formats, override order, folders, the
# environment, --no-news, and bad lines.
. "$(dirname "$0")/tap.sh"
plan 12

V=$TEST_LEXICONS/sentiment-vader.tsv
M=$TEST_LEXICONS/sentiment-modifiers.tsv
N=$TEST_LEXICONS/sentiment-news.tsv
T=$(printf '\t')

printf 'The fab will stall :p\nNot a cold war.\n' >a.txt
tokenize a.txt >a.tok
valences() {
    column_of valence "$1" | tr '\n' ','
}

sentiment-score --no-default-lexicons -l "$V" -l "$M" a.tok >out
ok "a headerless VADER-format file loads as is" \
    test "$(valences out)" = ",2,,,1,,,,,,,"
sentiment-score --no-default-lexicons -l "$V" -l "$M" -l "$N" a.tok >out
ok "a later file overrides, and adds phrases" \
    test "$(valences out)" = ",0,,-1.5,1,,,,-2,,,"
ok "a valence of 0 is neutral: polarity 0" \
    test "$(column_of polarity out | sed -n 2p)" = "0.0000"
# Not a cold war: -2 * -0.74 on 'cold'
ok "a phrase counts as one word: negated from two words away" \
    test "$(column_of polarity out | sed -n 9p)" = "1.4800"
ok "within a file, ':p' written in lower case wins over ':P'" \
    test "$(column_of valence out | sed -n 5p)" = 1

mkdir -p root/sentiment
cp "$V" root/sentiment/vader.tsv
cp "$M" root/modifiers.tsv
cp "$N" root/sentiment/news-tech.tsv
sentiment-score --no-default-lexicons -L root a.tok >out
ok "-L loads a folder laid out like the bundled one" \
    test "$(valences out)" = ",0,,-1.5,1,,,,-2,,,"
sentiment-score --no-default-lexicons --no-news -L root a.tok >out
ok "--no-news leaves out sentiment/news-tech.tsv" \
    test "$(valences out)" = ",2,,,1,,,,,,,"
STANCEKIT_LEXICONS=$V:$M:$N sentiment-score --no-default-lexicons a.tok >out
ok "STANCEKIT_LEXICONS adds files" \
    test "$(valences out)" = ",0,,-1.5,1,,,,-2,,,"

printf 'phrase\tvalence\ngood\t2\nbad\tvery\n' >bad.tsv
ok_program "a bad number is file:line and exit 1" 1 "bad.tsv:3:" \
    sentiment-score --no-default-lexicons -l bad.tsv a.tok
ok "nothing is written before a bad lexicon is reported" test ! -s out
printf 'phrase\tkind\tvalue\nnot\tfrobnicator\t1\n' >badmod.tsv
ok_program "an unknown modifier kind is file:line" 1 \
    "badmod.tsv:2: unknown modifier kind 'frobnicator'" \
    sentiment-score --no-default-lexicons -l "$V" -l badmod.tsv a.tok
ok_program "no lexicon at all is an error" 1 "no" \
    sentiment-score --no-default-lexicons a.tok
