#!/bin/sh
# Every program on hostile bytes: invalid UTF-8 (overlong, surrogate,
# past U+10FFFF, truncated at the end and at a read-buffer boundary), NUL,
# a BOM, CR-only and CRLF line ends, an empty stream, a header-only
# stream, a lone trailing backslash, duplicate column names.  Nothing
# crashes or hangs; text is repaired with a warning, a token stream is
# checked and a bad line is an error with file:line.
. "$(dirname "$0")/tap.sh"

LX="-n -L $SRC/lexicons"
FILTERS="stem entity-tag sentiment-score stance-classify"
plan 68

opts() { case $1 in stem) ;; *) printf '%s\n' "$LX" ;; esac; }
run() { f=$1; shift; "$f" $(opts "$f") "$@"; }

# ---- tokenize on text -------------------------------------------------------
for bad in 'overlong \300\257' 'surrogate \355\240\200' 'past-max \364\220\200\200' \
    'lone-continuation \200' 'truncated-at-end \342\202'; do
    name=${bad%% *}
    printf "Good text. Then ${bad#* }" >$name.txt
    tokenize $name.txt >out 2>err
    ok "tokenize: $name UTF-8 is repaired, exit 0" \
        test $? = 0 -a "$(grep -c 'invalid UTF-8 at byte offset 16' err)" = 1
    ok "tokenize: $name UTF-8 output is valid UTF-8" \
        sh -c "tail -n +2 out | cut -f1-6,8 | iconv -f UTF-8 -t UTF-8 >/dev/null"
done
# tokenize reads 64 KiB at a time: sequences across that boundary
head -c 65535 /dev/zero | tr '\0' a >across.txt
printf '\342\202\254 euro\n' >>across.txt
tokenize across.txt >out 2>err
ok "tokenize: a valid sequence across the read boundary is not an error" \
    test $? = 0 -a ! -s err
ok "tokenize: and its token is whole" grep -q "	65535	65538	symbol	€	€$" out
head -c 65535 /dev/zero | tr '\0' a >cut.txt
printf '\342\202 euro\n' >>cut.txt
tokenize cut.txt >out 2>err
ok "tokenize: a truncated sequence at the read boundary is found" \
    grep -q 'invalid UTF-8 at byte offset 65535' err
ok "tokenize: and the text after it is kept" test "$(tail -n 1 out | cut -f7)" = euro
printf 'Text\000more' >nul.txt
ok_program "tokenize: NUL: a binary file, exit 1" 1 "binary file" tokenize nul.txt
ok "tokenize: NUL: still one document" test "$(cut -f1 out | grep -c nul.txt)" -ge 1
printf '\357\273\277Chips.\r\nBans.\r\n' >bomcrlf.txt
tokenize bomcrlf.txt >out
ok "tokenize: BOM + CRLF: the CRs are not tokens" \
    test "$(cut -f7 out | tail -n +2 | tr '\n' ' ')" = "Chips . Bans . "
printf 'Chips.\rBans.\r' >cr.txt
tokenize cr.txt >out
ok "tokenize: CR-only line ends break sentences" test "$(cut -f2 out | tail -n 1)" = 2
tokenize </dev/null >out
ok "tokenize: an empty stream is one empty document" \
    test "$(tail -n +2 out)" = "$(printf -- '-\t0\t0\t0\t0\tempty\t\t')"
printf 'back\\' >bs.txt
tokenize bs.txt >out
ok "tokenize: a trailing backslash is escaped" test "$(tail -n 1 out | cut -f7)" = '\\'

# ---- the filters on a token stream -------------------------------------------
printf 'Huawei chips are good. Bans hurt.\n' | tokenize --id d >in.stem
stem in.stem >in.entity-tag
run entity-tag in.entity-tag >in.sentiment-score
run sentiment-score in.sentiment-score >in.stance-classify

# with_line FILTER BYTES: the filter's input with one more row whose
# norm/last field holds BYTES (printf format)
with_line() {
    cat in.$1
    sed -n 2p in.$1 | tr -d '\n'
    printf "$2\n"
}
for f in $FILTERS; do
    for bad in 'overlong \300\257' 'surrogate \355\240\200' 'past-max \364\220\200\200'; do
        with_line $f "${bad#* }" >bad.tsv
        ok_program "$f: $(echo $bad | cut -d' ' -f1) UTF-8 is an error with file:line" 1 \
            "bad.tsv:$(wc -l <bad.tsv | tr -d ' '): invalid UTF-8" run $f bad.tsv
    done
    { cat in.$f; sed -n 2p in.$f | tr -d '\n'; printf 'x\342\202'; } >trunc.tsv
    ok_program "$f: a sequence truncated at the end of the stream" 1 \
        "invalid UTF-8" run $f trunc.tsv
    with_line $f 'a\000b' >nul.tsv
    ok_program "$f: a NUL byte" 1 "NUL byte" run $f nul.tsv
    run $f in.$f >want
    { printf '\357\273\277'; cat in.$f; } >bom.tsv
    run $f bom.tsv >out
    ok "$f: a BOM before the header changes nothing" test_cmp want out
    sed 's/$/\r/' in.$f >crlf.tsv
    run $f crlf.tsv >out
    ok "$f: CRLF line ends give the same output" test_cmp want out
    tr '\n' '\r' <in.$f >cr.tsv
    run $f cr.tsv >out 2>err
    ok "$f: CR-only line ends: exit 1 with a message" \
        test $? = 1 -a "$(grep -c "^$f: cr.tsv" err)" = 1
    run $f </dev/null >out 2>err
    ok "$f: an empty stream: exit 0, no rows" test $? = 0 -a "$(grep -vc '^doc	' out)" = 0
    head -n 1 in.$f >header.tsv
    run $f header.tsv >out 2>err
    ok "$f: a header-only stream: exit 0, a header, no rows" \
        test $? = 0 -a "$(wc -l <out)" = 1 -a "$(cut -f1 out)" = doc
    { cat in.$f; sed -n 2p in.$f | tr -d '\n'; printf '\\'; } >bs.tsv
    ok_program "$f: a lone trailing backslash" 1 \
        "bs.tsv:$(($(wc -l <in.$f) + 1)): field" run $f bs.tsv
    { head -n 1 in.$f | sed 's/$/\tdoc/'; tail -n +2 in.$f | sed 's/$/\tx/'; } >dup.tsv
    ok_program "$f: duplicate column names" 1 "dup.tsv:1: header: duplicate column 'doc'" \
        run $f dup.tsv
done
