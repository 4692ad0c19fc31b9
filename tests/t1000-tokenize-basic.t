#!/bin/sh
# tokenize: columns, sentences, offsets that point back into the file.
. "$(dirname "$0")/tap.sh"
plan 15

D=$TESTDATA/tokenize
tokenize "$D/article.txt" >out 2>err
ok "exits 0 on a good article" test $? = 0
ok "nothing on stderr" test ! -s err
printf 'doc\tsent\ttok\tstart\tend\ttype\ttoken\tnorm\n' >expected
head -n 1 out >got
ok "the header is DESIGN.md's" test_cmp expected got

# Every token is found at its byte offsets in the original file.
check_offsets() {
    perl -e '
        my ($file, $toks) = @ARGV;
        open my $f, "<:raw", $file or die; local $/; my $text = <$f>;
        open my $t, "<:raw", $toks or die; <$t>; $/ = "\n";
        my $bad = 0;
        while (<$t>) {
            chomp; my @c = split /\t/, $_, -1;
            next if $c[5] eq "empty";
            $c[6] =~ s/\\t/\t/g; $c[6] =~ s/\\\\/\\/g;
            $bad++, print "# $c[3]..$c[4]: $c[6]\n"
                if substr($text, $c[3], $c[4] - $c[3]) ne $c[6];
        }
        exit($bad ? 1 : 0);' "$1" "$2"
}
for f in article.txt crlf.txt cr.txt bom.txt wrapped.txt; do
    tokenize "$D/$f" >toks.tsv 2>/dev/null
    ok "offsets of every token in $f point at it" check_offsets "$D/$f" toks.tsv
done

n=$(awk -F'\t' 'NR > 1 { print $2 }' out | sort -un | tail -n 1)
ok "the fixture article has 13 sentences (got $n)" test "$n" = 13
grep -q "	Liang	liang$" out
ok "Mr. Liang stays in one sentence" \
    test "$(awk -F'\t' '$7 == "Mr" || $7 == "Liang" { print $2 }' out | sort -u | wc -l)" = 1
awk -F'\t' '$7 == "’s" || $7 == "n’t" || $7 == "n'"'"'t" { print $8 }' out | sort -u >got
printf "'s\nn't\n" >expected
ok "clitics are tokens of their own with ASCII norms" test_cmp expected got
ok "a URL is one token" grep -q "	url	https://example.com/filings/2026-q3.html	" out

printf 'Some text.\n' | tokenize --id mydoc >out
ok "--id names standard input" test "$(column_of doc out)" = "$(printf 'mydoc\nmydoc\nmydoc')"
printf 'x\n' | tokenize >out
ok "standard input is doc '-'" test "$(column_of doc out)" = -

printf 'The H100 and 910C beat 3.5 and 10,000.\n' | tokenize >out
awk -F'\t' 'NR > 1 { print $6 ":" $7 }' out | tr '\n' ' ' >got
ok "a name with letters is a word, digits alone a number" \
    test "$(cat got)" = "word:The word:H100 word:and word:910C word:beat number:3.5 word:and number:10,000 punct:. "
