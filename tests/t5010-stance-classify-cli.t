#!/bin/sh
# stance-classify: options, lexicon loading and its errors, missing
# columns, exit codes, write errors.
. "$(dirname "$0")/tap.sh"
plan 20

T=$TEST_LEXICONS/topic-test.tsv
H='doc	sent	tok	start	end	type	token	norm	stem	entity	entity_id	valence	polarity'
printf '%s\na\t1\t1\t0\t5\tword\tfalls\tfalls\tfall\tO\t\t\t\na\t1\t2\t6\t12\tword\tbehind\tbehind\tbehind\tO\t\t\t\n' "$H" >in.tsv

stance-classify --help >out 2>err
ok "--help exits 0 on stdout" test $? = 0 -a ! -s err
ok "--help starts with the usage" grep -q '^usage: stance-classify' out
stance-classify --version >out
ok "--version names the program" grep -q '^stance-classify (stancekit) ' out
ok_program "an unknown option is a usage error" 2 "Try 'stance-classify --help'" \
    stance-classify --bogus
ok_program "a bad --threshold is a usage error" 2 "--threshold: 'x'" \
    stance-classify --threshold x
ok_program "an unknown --language is a usage error" 2 "no Snowball stemmer" \
    stance-classify --language klingon

cut -f1-12 in.tsv >nopol.tsv
ok_program "no polarity column: run sentiment-score first" 1 \
    "input has no 'polarity' column; run sentiment-score first" \
    stance-classify --no-default-lexicons -t "$T" nopol.tsv
cut -f1-8 in.tsv >nostem.tsv
ok_program "no stem column: run stem first" 1 "run stem first" \
    stance-classify --no-default-lexicons -t "$T" nostem.tsv
printf '%s\na\tx\t1\t0\t5\tword\tfalls\tfalls\tfall\tO\t\t\t\n' "$H" >badsent.tsv
ok_program "a bad sent value is a data error with file:line" 1 "badsent.tsv:2:" \
    stance-classify --no-default-lexicons -t "$T" badsent.tsv
printf '%s\na\t1\t1\t0\t5\tword\tfalls\tfalls\tfall\tO\t\t\tlots\n' "$H" >badpol.tsv
ok_program "a bad polarity is a data error" 1 "polarity 'lots' is not a number" \
    stance-classify --no-default-lexicons -t "$T" badpol.tsv

printf 'kind\tphrase\tweight\ncue\tfall behind\n' >short.tsv
ok_program "a short lexicon line: file:line" 1 "short.tsv:2:" \
    stance-classify --no-default-lexicons -t ./short.tsv in.tsv
ok "  and nothing is written" test ! -s out
printf 'kind\tphrase\tweight\nclue\tfall behind\t1\n' >kind.tsv
ok_program "an unknown kind: file:line" 1 "kind.tsv:2: unknown kind 'clue'" \
    stance-classify --no-default-lexicons -t ./kind.tsv in.tsv
printf 'kind\tphrase\tweight\ncue\tfall behind\tlots\n' >num.tsv
ok_program "a bad weight: file:line" 1 "num.tsv:2:" \
    stance-classify --no-default-lexicons -t ./num.tsv in.tsv
ok_program "a missing topic name" 1 "no topic 'nosuch' found" \
    stance-classify --no-default-lexicons -t nosuch in.tsv

mkdir -p mylex/topics && cp "$T" mylex/topics/mine.tsv
stance-classify --no-default-lexicons -L mylex -t mine in.tsv >out
ok "-L DIR finds topics/NAME.tsv by name" test "$(column_of label out)" = skeptical
printf 'kind\tphrase\tweight\ncue\tfall behind\t2\n' >flip.tsv
stance-classify --no-default-lexicons -L mylex -t mine -l flip.tsv in.tsv >out
ok "-l FILE on top: a later entry wins" test "$(column_of label out)" = optimistic
STANCEKIT_LEXICONS=$PWD/mylex stance-classify --no-default-lexicons -t mine in.tsv >out
ok "STANCEKIT_LEXICONS is searched" test "$(column_of label out)" = skeptical

if [ -w /dev/full ]; then
    stance-classify --no-default-lexicons -t "$T" in.tsv >/dev/full 2>err
    ok "a full disk is exit 1 with a message" \
        test $? = 1 -a -n "$(grep 'write error' err)"
else
    skip "a full disk is an error" "no /dev/full"
fi
ok_program "a missing input file is reported, exit 1" 1 "nosuch.tsv:" \
    stance-classify --no-default-lexicons -t "$T" nosuch.tsv in.tsv
