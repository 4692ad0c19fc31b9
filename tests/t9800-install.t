#!/bin/sh
# make install: a copy of the tree built for a temporary PREFIX installs
# programs, man pages and lexicons; the installed programs find their
# lexicons with no variable set; make uninstall removes them again.
. "$(dirname "$0")/tap.sh"
plan 8

mkdir src
cp -R "$SRC/Makefile" "$SRC/lib" "$SRC/filters" "$SRC/lexicons" "$SRC/scripts" src/
mkdir src/tests && cp "$SRC/tests/tap.h" src/tests/
rm -f src/lib/*.o src/lib/*.a
prefix=$TMP/prefix
make -C src -j2 PREFIX="$prefix" >build.log 2>&1
ok "a copy of the tree builds for another PREFIX" test $? = 0
make -C src PREFIX="$prefix" DESTDIR="$TMP/stage" install >stage.log 2>&1
ok "DESTDIR stages the installation" test -x "$TMP/stage$prefix/bin/tokenize"
make -C src PREFIX="$prefix" install >install.log 2>&1
ok "make install works" test $? = 0
ok "the man pages are installed" test -f "$prefix/share/man/man1/tokenize.1"
ok "the lexicons are installed" test -f "$prefix/share/stancekit/lexicons/modifiers.tsv"
rm -rf src/lexicons  # the installed programs must not find the tree's
printf 'Huawei said so.\n' >a.txt
if [ -x "$prefix/bin/entity-tag" ]; then
    "$prefix/bin/tokenize" a.txt | "$prefix/bin/stem" | "$prefix/bin/entity-tag" >out 2>err
    ok "installed entity-tag finds the installed lexicons" grep -q 'B-ORG' out
else
    skip "installed entity-tag finds the installed lexicons" "no entity-tag yet"
fi
make -C src PREFIX="$prefix" uninstall >uninstall.log 2>&1
ok "make uninstall removes the programs and pages" test ! -e "$prefix/bin/tokenize" -a ! -e "$prefix/share/man/man1/label-articles.1"
ok "and the lexicons" test ! -e "$prefix/share/stancekit"
