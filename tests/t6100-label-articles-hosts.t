#!/bin/sh
# label-articles --hosts / -S over real SSH: a throw-away sshd on a loopback
# port (tests/t6-label-articles-lib.sh, start_sshd) stands for the
# machines.  The results must equal a local run document for document; a
# dead host, and a host that fails in the middle of the run, must not lose
# a document, and must be named.
. "$(dirname "$0")/tap.sh"
. "$SRC/tests/t6-label-articles-lib.sh"

command -v parallel >/dev/null 2>&1 || skip_all "GNU parallel is not installed"
parallel --version 2>/dev/null | grep -q 'GNU parallel' ||
    skip_all "parallel is not GNU parallel"
command -v perl >/dev/null 2>&1 || skip_all "perl is not installed"
make_tree || bail "cannot build the test tree"
at_exit stop_sshd
start_sshd || skip_all "$sshd_why"

plan 26
make_corpus || bail "cannot write the corpus"
mkdir many
i=0
while [ $i -lt 300 ]; do
    printf 'Note %d.  The fab reached volume production.\n' $i >many/n$i.txt
    i=$((i + 1))
done
# shellcheck disable=SC2086
run() { "$LA" $LEXOPTS "$@"; }

run -j 2 corpus many >local.tsv 2>local.err
ok "the local run is exit 0" test $? = 0
ok "the local run has every document" test "$(wc -l <local.tsv)" -eq 307

# --- 127.0.0.1 twice: two "machines"
printf '# two machines\n127.0.0.1\n\n127.0.0.1\n' >hosts
mkdir local-tmp
TMPDIR=$TMP/local-tmp run --hosts hosts --batch-size 20 corpus many >out 2>err
ok "--hosts (127.0.0.1 twice) is exit 0" test $? = 0
ok "and says nothing of its own" sh -c '! grep "^label-articles:" err'
ok "results equal the local run, document for document" test_cmp local.tsv out
ok "the remote temporary folders are gone" test -z "$(ls -A remote-tmp)"
ok "the local temporary folder and ssh sockets are gone" \
    test -z "$(ls -A local-tmp)"

run -S 127.0.0.1,127.0.0.1 --batch-size 40 corpus many >out 2>err
ok "-S 127.0.0.1,127.0.0.1: exit 0" test $? = 0
ok "-S 127.0.0.1,127.0.0.1: the same results" test_cmp local.tsv out

# --- the user's own topic file travels with the job
sed 's/^cue	\(breakthroughs*\)	.*/cue	\1	-9/' \
    "$SRC/lexicons/topics/china-chips.tsv" >mytopic.tsv
"$LA" --no-default-lexicons -L "$SRC/lexicons" --topic "$TMP/mytopic.tsv" \
    corpus >local-topic.tsv 2>err
ok "the user's topic file changes a label" \
    grep -q '^corpus/2025/june/LOUD.TXT	skeptical	' local-topic.tsv
"$LA" --no-default-lexicons -L "$SRC/lexicons" --topic "$TMP/mytopic.tsv" \
    -S la-one corpus >out 2>err
ok "with the user's topic file, exit 0" test $? = 0
ok "with the user's topic file, the same results as locally" \
    test_cmp local-topic.tsv out

# --- ':' is this machine
run -S :,la-one --batch-size 50 corpus many >out 2>err
ok "':' and a host: exit 0" test $? = 0
ok "':' and a host: the same results" test_cmp local.tsv out

# --- a host that cannot be reached
run -S la-one,la-dead corpus many >out 2>err
ok "a dead host: exit 1" test $? = 1
ok "a dead host: named in the message" \
    grep -q "^label-articles: host 'la-dead' not used: .*port 1" err
ok "a dead host: every document labelled" test_cmp local.tsv out

# --- a host that fails in the middle of the run: it passes the check, then
# loses every job; its batches go to the other host
cat >flaky-ssh <<'EOF'
#!/bin/sh
# passes label-articles' host check, then loses every connection
for a; do
    case $a in *'command -v'*) exec ssh -F "$(dirname "$0")/ssh_config" "$@" ;; esac
done
echo "flaky-ssh: connection lost" >&2
exit 255
EOF
chmod +x flaky-ssh
run -S "la-one,$TMP/flaky-ssh la-two" --batch-size 10 corpus many >out 2>err
ok "a host failing mid-run: exit 1" test $? = 1
ok "a host failing mid-run: named in the message" \
    grep -q "^label-articles: host '$TMP/flaky-ssh la-two' failed [0-9]* time(s) (last exit status 255); its batches were retried on other hosts" err
ok "a host failing mid-run: every document labelled" test_cmp local.tsv out

# --- every host dead: every document reported
run -S la-dead corpus >out 2>err
ok "no usable host: exit 1" test $? = 1
ok "no usable host: said so" grep -q "^label-articles: no host could be used" err
ok "no usable host: no table" test ! -s out

# --- a missing file among many, over the hosts
run -S la-one,la-two corpus/2025/may/foundry.txt nosuch.txt >out 2>err
ok "a missing file over hosts: exit 1" test $? = 1
ok "a missing file over hosts: named" grep -q "^label-articles: nosuch.txt: no such file" err
ok "a missing file over hosts: the other labelled" test "$(wc -l <out)" -eq 2
