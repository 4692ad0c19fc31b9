#!/bin/sh
# label-articles: options, help, usage errors
. "$(dirname "$0")/tap.sh"
. "$SRC/tests/t6-label-articles-lib.sh"

plan 13
make_tree || bail "cannot build the test tree"
printf 'Some text.\n' >a.txt

"$LA" --help >out 2>err
ok "--help is exit 0 and quiet on stderr" test $? = 0 -a ! -s err
ok "--help writes usage on stdout" grep -q '^usage: label-articles' out
"$LA" --version >out 2>err
ok "--version is exit 0" test $? = 0
ok "--version names the program" grep -q '^label-articles' out
ok_program "an unknown option is exit 2" 2 "unknown option '--frobnicate'" \
    "$LA" --frobnicate a.txt
ok_program "-j 0 is exit 2" 2 "-j: '0' is not a positive number" "$LA" -j 0 a.txt
ok_program "-j x is exit 2" 2 "-j: 'x' is not a positive number" "$LA" -j x a.txt
ok_program "no operands is exit 2" 2 "no files or folders given" "$LA" -j 2
ok_program "a missing option value is exit 2" 2 "option '-o' needs a value" \
    "$LA" a.txt -o
ok_program "standard input is refused" 2 "standard input is not supported" \
    "$LA" -
ok_program "an unreadable --hosts file is exit 2" 2 "--hosts: nohosts: cannot read" \
    "$LA" --hosts nohosts a.txt
: >emptyhosts
ok_program "a --hosts file with no hosts is exit 2" 2 "no hosts listed" \
    "$LA" --hosts emptyhosts a.txt
ok_program "a bad --batch-size is exit 2" 2 "--batch-size: '-1' is not" \
    "$LA" --batch-size=-1 a.txt
