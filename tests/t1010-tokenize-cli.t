#!/bin/sh
# tokenize: options, help, version, exit codes, write errors.
. "$(dirname "$0")/tap.sh"
plan 8

tokenize --help >out 2>err
ok "--help exits 0" test $? = 0
ok "--help writes the usage to stdout" grep -q '^usage: tokenize' out
tokenize --version >out
ok "--version names the program" grep -q '^tokenize (stancekit) ' out
ok_program "an unknown option is a usage error" 2 "Try 'tokenize --help'" \
    tokenize --bogus
ok_program "a bad --max-tokens is a usage error" 2 "not a positive number" \
    tokenize --max-tokens x
if [ -w /dev/full ]; then
    tokenize "$TESTDATA/tokenize/article.txt" >/dev/full 2>err
    ok "a full disk is exit 1 with a message, not a silent success" \
        test $? = 1 -a "$(cat err)" = "tokenize: write error: No space left on device"
else
    skip "a full disk is an error" "no /dev/full"
fi
# A closed pipe ends the program quietly (SIGPIPE, as for cat).
{ tokenize "$TESTDATA/tokenize/article.txt" "$TESTDATA/tokenize/article.txt"; } 2>err | head -n 1 >/dev/null
ok "| head ends quietly" test ! -s err
awk 'BEGIN { for (i = 0; i < 2500; i++) printf "word "; print "end." }' >long.txt
tokenize --max-tokens 1000 long.txt >out
ok "--max-tokens caps a sentence (2501 tokens -> 3 sentences)" \
    test "$(column_of sent out | sort -un | tail -n 1)" = 3
