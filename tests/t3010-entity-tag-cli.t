#!/bin/sh
# entity-tag: options, where lexicons come from, bad lexicon lines
# (file:line, exit 1, nothing written), missing columns, exit codes.
. "$(dirname "$0")/tap.sh"
plan 24

G=$TEST_LEXICONS/entity-gaz.tsv
printf 'Acme rules Ruritania.\n' >a.txt
tokenize a.txt >tok.tsv

entity-tag --help >out 2>err
ok "--help: exit 0 on stdout" test $? = 0 -a ! -s err
ok "--help starts with the usage" grep -q '^usage: entity-tag' out
entity-tag --version >out
ok "--version names the program" grep -q '^entity-tag (stancekit) ' out
ok_program "an unknown option is a usage error" 2 "Try 'entity-tag --help'" \
    entity-tag --bogus

cut -f1-7 tok.tsv >nonorm.tsv
ok_program "no norm column: run tokenize first" 1 \
    "input has no 'norm' column; run tokenize first" \
    entity-tag -n -l "$G" nonorm.tsv
cut -f1,2,3,4,5,6,8 tok.tsv >notoken.tsv
ok_program "no token column: run tokenize first" 1 \
    "input has no 'token' column; run tokenize first" \
    entity-tag -n -l "$G" notoken.tsv

# Bad lexicon lines: reported as file:line, exit 1, no output at all.
bad() {
    printf "$2" >"$1"
    entity-tag -n -l "$G" -l "./$1" tok.tsv >out 2>err
    tap_rc=$?
}
bad type.tsv '# comment\nphrase\ttype\tid\nAcme\tCOMPANY\tACME\n'
ok "an unknown type: exit 1" test $tap_rc = 1
ok "  file:line and the type" grep -q "type.tsv:3: unknown type 'COMPANY'" err
ok "  nothing written" test ! -s out
bad fields.tsv 'phrase\ttype\tid\nAcme\tORG\n'
ok "a short line: file:line" grep -q "fields.tsv:2: expected" err
ok "  nothing written" test $tap_rc = 1 -a ! -s out
bad emptyp.tsv 'phrase\ttype\tid\n\tORG\tX\n'
ok "an empty phrase: file:line" grep -q "emptyp.tsv:2: empty phrase" err
bad re.tsv 'pattern\ttype\n(\\d+\tMONEY\n'
ok "a bad pattern: file:line, PCRE2's message and offset" \
    grep -q "re.tsv:2: bad pattern: missing closing parenthesis at offset 4" err
ok "  exit 1, nothing written" test $tap_rc = 1 -a ! -s out
bad ptype.tsv 'pattern\ttype\n\\d+\tORG\n'
ok "a name type in a pattern file" grep -q "ptype.tsv:2: unknown type 'ORG'" err
bad cue.tsv 'word\tcue\nmaria\tfirstname\n'
ok "an unknown cue: file:line" grep -q "cue.tsv:2: unknown cue 'firstname'" err

printf 'phrase\ttype\tid\nAcme\tORG\tACME_CORP\n' >over.tsv
entity-tag -n -l "$G" -l ./over.tsv tok.tsv >out 2>err
ok "a phrase given again with another id: a warning naming both lines" \
    grep -q "over.tsv:2: 'Acme' overrides .*entity-gaz.tsv:4" err
ok "  and the later entry wins" test "$(column_of entity_id out | head -1)" = ACME_CORP

ok_program "no lexicon at all is an error" 1 "no lexicon found" \
    entity-tag -n tok.tsv
printf 'kind\tphrase\tweight\ncue\tx\t1\n' >topic.tsv
ok_program "only lexicons of another kind is an error" 1 \
    "no entity lexicon among the files given" entity-tag -n -l ./topic.tsv tok.tsv

mkdir -p mylex && cp "$G" mylex/entities.tsv
entity-tag -n -L mylex tok.tsv >out
ok "-L DIR finds entities.tsv in it" test "$(column_of entity_id out | head -1)" = ACME
STANCEKIT_LEXICONS=$PWD/mylex entity-tag -n tok.tsv >out
ok "STANCEKIT_LEXICONS is searched" test "$(column_of entity_id out | head -1)" = ACME

if [ -w /dev/full ]; then
    entity-tag -n -l "$G" tok.tsv >/dev/full 2>err
    ok "a failed write is exit 1" test $? = 1
else
    skip "a failed write is exit 1" "no /dev/full"
fi
for i in 1 2 3 4 5 6 7 8 9 10; do cat a.txt a.txt a.txt a.txt; done >big.txt
for i in 1 2 3 4 5 6 7 8 9 10; do cat big.txt; done | tokenize >big.tsv
entity-tag -n -l "$G" big.tsv 2>err | head -1 >/dev/null
ok "| head ends quietly" test ! -s err
