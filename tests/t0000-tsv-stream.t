#!/bin/sh
# lib/tsv through a real filter (stem): headers, pass-through, escapes,
# replace in place, repeated headers, line ends, and bad lines with
# file:line messages.
. "$(dirname "$0")/tap.sh"
plan 31

H='doc\tsent\ttok\tstart\tend\ttype\ttoken\tnorm'
row() { printf 'd\t1\t%s\t0\t1\tword\t%s\t%s\n' "$1" "$2" "$3"; }
{ printf "$H\n"; row 1 Running running; row 2 Cats cats; } >in.tsv

stem in.tsv >out
ok "a token stream is read" test $? = 0
ok "stem is appended to the header" \
    test "$(head -n 1 out)" = "$(printf "$H\tstem")"
ok "every row keeps its fields and gains one" \
    test "$(awk -F'\t' '{ print NF }' out | sort -u)" = 9

# pass-through: unknown columns and escapes are copied byte for byte
printf "$H\textra\n" >px.tsv
printf 'd\t1\t1\t0\t1\tword\ta\\\\b\\tc\tcats\tx\\ny\\r\\\\\n' >>px.tsv
stem px.tsv >out
ok "an unknown column after the known ones is kept in place" \
    test "$(head -n 1 out)" = "$(printf "$H\textra\tstem")"
ok "escaped fields pass through untouched" \
    test "$(sed -n 2p out | cut -f7,9)" = "$(printf 'a\\\\b\\tc\tx\\ny\\r\\\\')"
printf "$H\nd\t1\t1\t0\t1\tword\tx\ta\\\\tb\n" | stem >out
ok "a value read is unescaped and written escaped again" \
    test "$(sed -n 2p out | cut -f9)" = 'a\tb'
printf "x\tnorm\tdoc\n1\tcats\t2\n" | stem >out
ok "columns are found by name in any order" \
    test "$(sed -n 2p out)" = "$(printf '1\tcats\t2\tcat')"

# replace in place: running again changes nothing
stem in.tsv >once
stem once >twice
ok "re-running replaces the column in place" test_cmp once twice
stem -s porter once >other
ok "a replaced column keeps its position" \
    test "$(head -n 1 other)" = "$(head -n 1 once)"

# headers
: >empty.tsv
stem empty.tsv >out
ok "an empty stream: nothing out, exit 0" test $? = 0 -a ! -s out
printf "$H\n" >header.tsv
stem header.tsv >out
ok "a header-only stream: the header out, exit 0" \
    test "$(cat out)" = "$(printf "$H\tstem")"
cat in.tsv in.tsv | stem >out
ok "the same header again mid-stream is skipped" \
    test "$(grep -c '^doc' out)" = 1 -a "$(wc -l <out)" = 5
{ cat in.tsv; printf 'doc\tsent\tnorm\n'; } >twoheads.tsv
ok_program "a different header mid-stream is an error with file:line" 1 \
    "twoheads.tsv:4: a different header in mid-stream" stem twoheads.tsv
printf 'a\tnorm\ta\n' >dup.tsv
ok_program "duplicate column names are an error" 1 \
    "dup.tsv:1: header: duplicate column 'a'" stem dup.tsv
printf 'a\t\tnorm\n' >noname.tsv
ok_program "an empty column name is an error" 1 "column 2 has no name" \
    stem noname.tsv
printf 'doc\ttoken\n' >nonorm.tsv
ok_program "a missing column names the filter to run first" 1 \
    "input has no 'norm' column; run tokenize first" stem nonorm.tsv

# line ends, BOM, last line
sed 's/$/\r/' in.tsv >crlf.tsv
stem crlf.tsv >out
stem in.tsv >want
ok "CRLF input gives the same LF output" test_cmp want out
tr '\n' '\r' <in.tsv >cr.tsv
ok_program "CR-only line ends: said so, not a column error" 1 \
    "cr.tsv:1: header: a carriage return inside the line (CR-only line ends?)" \
    stem cr.tsv
printf '\357\273\277' >bom.tsv
cat in.tsv >>bom.tsv
stem bom.tsv >out
ok "a BOM before the header is dropped" test_cmp want out
printf "$H\nd\t1\t1\t0\t1\tword\tCats\tcats" >nonl.tsv
stem nonl.tsv >out
ok "a last line without a newline is read" \
    test "$(sed -n 2p out | cut -f9)" = cat
ok "output lines always end in LF" test "$(tail -c 1 out | od -An -c | tr -d ' ')" = '\n'

# bad lines: exit 1, file:line and what is wrong
{ cat in.tsv; printf 'd\t1\t3\t0\t1\tword\tx\n'; } >short.tsv
ok_program "a missing field" 1 "short.tsv:4: expected 8 fields, got 7" stem short.tsv
{ cat in.tsv; printf 'd\t1\t3\t0\t1\tword\tx\ty\tz\n'; } >long.tsv
ok_program "an extra field" 1 "long.tsv:4: expected 8 fields, got 9" stem long.tsv
ok "rows before the bad line were written" test "$(wc -l <out)" = 3
{ cat in.tsv; printf 'd\t1\t3\t0\t1\tword\tx\ty\\\n'; } >bs.tsv
ok_program "a lone backslash at the end of a line" 1 \
    "bs.tsv:4: field 8 ends in a lone backslash" stem bs.tsv
{ cat in.tsv; printf 'd\t1\t3\t0\t1\tword\tx\\\ty\n'; } >bs2.tsv
ok_program "a lone backslash before a TAB" 1 "lone backslash" stem bs2.tsv
{ cat in.tsv; printf 'd\t1\t3\t0\t1\tword\tx\t\\x\n'; } >esc.tsv
ok_program "an unknown escape" 1 "esc.tsv:4: field 8 has an unknown escape '\\x'" \
    stem esc.tsv
{ cat in.tsv; printf 'd\t1\t3\t0\t1\tword\tx\ta\300\257\n'; } >utf.tsv
ok_program "invalid UTF-8 (an overlong form)" 1 "utf.tsv:4: invalid UTF-8 at byte" \
    stem utf.tsv
{ cat in.tsv; printf 'd\t1\t3\t0\t1\tword\tx\ta\000b\n'; } >nul.tsv
ok_program "a NUL byte" 1 "nul.tsv:4: NUL byte" stem nul.tsv
ok_program "the line number counts from the first file's first line on stdin" 1 \
    "<stdin>:4: expected 8 fields" sh -c 'stem <short.tsv'
ok_program "a missing file is named" 1 "nope.tsv" stem nope.tsv
