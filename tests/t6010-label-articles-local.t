#!/bin/sh
# label-articles on this machine: which files, results equal to the chain
# run directly, sorting, failures among many, -o
. "$(dirname "$0")/tap.sh"
. "$SRC/tests/t6-label-articles-lib.sh"

plan 27
make_tree || bail "cannot build the test tree"
make_corpus || bail "cannot write the corpus"
TAB=$(printf '\t')
# shellcheck disable=SC2086
run() { "$LA" $LEXOPTS "$@"; }

# --- which files, and the same result as the chain run directly
corpus_docs >docs.expected
reference docs.expected >expected
ok "the reference run labelled every document" \
    test "$(wc -l <expected)" -eq $(($(wc -l <docs.expected) + 1))

run -j 2 corpus >out 2>err
ok "a folder run is exit 0" test $? = 0 || { sed "s/^/# /" err; false; }
if command -v file >/dev/null 2>&1; then
    ok "and says nothing on stderr" test ! -s err
else
    ok "and says that file(1) is missing" grep -q "file(1) is not installed" err
fi
cut -f 1 out | tail -n +2 >docs.got
ok "folders: *.txt (any case) and other text files, hidden ones skipped" \
    test_cmp docs.expected docs.got
ok "results equal the chain run directly, document for document" \
    test_cmp expected out
ok "one header" test "$(grep -c '^doc	label	' out)" = 1
ok "rows sorted by doc" sh -c "tail -n +2 out | LC_ALL=C sort -c -t '$TAB' -k1,1"
ok "the empty file has its line" grep -q '^corpus/2025/june/empty.txt	' out

run -j 1 corpus >out1 2>err
ok "-j 1 gives the same table" test_cmp expected out1
run -j 2 --batch-size 1 corpus >outb 2>err
ok "one file per batch gives the same table" test_cmp expected outb
run -j 2 corpus/2025/may corpus corpus/2025/may/foundry.txt >outd 2>err
ok "a document named twice is labelled once" test_cmp expected outd

# --- a missing file among many
run -j 2 corpus/2025/may/foundry.txt nosuch.txt corpus/2025/may/memory.txt \
    >out 2>err
ok "a missing file is exit 1" test $? = 1
ok "and is named" grep -q "^label-articles: nosuch.txt: no such file or directory" err
ok "the others are labelled" test "$(wc -l <out)" -eq 3

# --- a file that crashes a stage: reported, the rest of its batch survives
mv tree/bin/sentiment-score tree/bin/sentiment-score.real
cat >tree/bin/sentiment-score <<'EOF'
#!/bin/sh
# crashes (SIGSEGV) when its input holds the document crash.txt
in=$(mktemp) || exit 1
cat >"$in"
if grep -q '^crash\.txt	' "$in"; then rm -f "$in"; kill -SEGV $$; fi
"$(dirname "$0")/sentiment-score.real" "$@" <"$in"
st=$?
rm -f "$in"
exit $st
EOF
chmod +x tree/bin/sentiment-score
cp corpus/2025/may/foundry.txt crash.txt
run -j 1 --batch-size 10 corpus crash.txt >out 2>err
ok "a crashing document is exit 1" test $? = 1
ok "and is named with the stage that failed" \
    grep -q '^label-articles: crash.txt: not labelled (sentiment-score killed by signal 11)' err
ok "the rest of its batch is labelled as before" test_cmp expected out
mv tree/bin/sentiment-score.real tree/bin/sentiment-score

# --- -o: the file appears whole, nothing else is left beside it
mkdir results
run -o results/table.tsv corpus >out 2>err
ok "-o is exit 0" test $? = 0 || { sed "s/^/# /" err; false; }
ok "-o writes nothing on stdout" test ! -s out
ok "-o writes the table" test_cmp expected results/table.tsv
ok "-o leaves no temporary file" test "$(ls -A results)" = table.tsv
umask 022
ok "-o gives the file the usual mode" test "$(stat -c %a results/table.tsv)" = 644
printf 'old\n' >results/table.tsv
run -o results/table.tsv corpus nosuch.txt >out 2>err
ok "-o with a missing file is exit 1" test $? = 1
ok "-o still writes the others, whole" test_cmp expected results/table.tsv
run -o nodir/table.tsv corpus >out 2>err
ok "-o into a missing folder is exit 1" test $? = 1
ok "and creates nothing" test ! -e nodir

# --- many files: every one comes back
mkdir many
i=0
while [ $i -lt 1000 ]; do
    printf 'Document %d.  Yield problems persist.\n' $i >many/d$i.txt
    i=$((i + 1))
done
run many >out 2>err
ok "1,000 files give 1,000 lines" test "$(wc -l <out)" -eq 1001
