#!/bin/sh
# sentiment-score: options, help, version, exit codes, several inputs,
# write errors.
. "$(dirname "$0")/tap.sh"
plan 10

ss() {
    sentiment-score --no-default-lexicons \
        -l "$TEST_LEXICONS/sentiment-vader.tsv" \
        -l "$TEST_LEXICONS/sentiment-modifiers.tsv" "$@"
}

sentiment-score --help >out 2>err
ok "--help exits 0" test $? = 0
ok "--help writes the usage to stdout" grep -q '^usage: sentiment-score' out
sentiment-score --version >out
ok "--version names the program" grep -q '^sentiment-score (stancekit) ' out
ok_program "an unknown option is a usage error" 2 \
    "Try 'sentiment-score --help'" sentiment-score --bogus
ok_program "a bad --level is a usage error" 2 \
    "--level: 'words' is not token, sentence or doc" \
    sentiment-score --level words

printf 'Good.\n' >a.txt
printf 'Bad.\n' >b.txt
tokenize a.txt >a.tok
tokenize b.txt >b.tok
ss --level doc a.tok missing.tok b.tok >out 2>err
ok "a missing input is exit 1..." test $? = 1
ok "...with a message naming it" grep -q "missing.tok" err
ok "...and the other inputs are still scored, under one header" \
    test "$(cut -f 1 out | tr '\n' ' ')" = "doc a.txt b.txt "

if [ -w /dev/full ]; then
    ss a.tok >/dev/full 2>err
    ok "a full disk is exit 1 with a message" \
        test $? = 1 -a "$(cat err)" = "sentiment-score: write error: No space left on device"
else
    skip "a full disk is an error" "no /dev/full"
fi
awk 'BEGIN { for (i = 0; i < 3000; i++) print "Good news. Bad news." }' >long.txt
tokenize long.txt >long.tok
{ ss long.tok; } 2>err | head -n 1 >/dev/null
ok "| head ends quietly" test ! -s err
