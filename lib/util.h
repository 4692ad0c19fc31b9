#ifndef SK_UTIL_H
#define SK_UTIL_H

/*
 * What every program shares: its name in messages, the one error helper,
 * exit codes, allocation that aborts on out-of-memory, and a checked end
 * to standard output.  The only part of lib/ that writes to stderr or
 * exits, and only through these functions.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum { SK_EXIT_OK = 0, SK_EXIT_FAIL = 1, SK_EXIT_USAGE = 2 };

/* Sets the name used in messages from argv[0]'s basename. */
void sk_set_progname(const char *argv0);
const char *sk_progname(void);

/*
 * The running program's own path (from /proc/self/exe, else argv[0] as
 * given to sk_set_progname), so that a program in a source tree's bin/
 * finds the lexicons beside it.  Borrowed; lives for the whole run.
 */
const char *sk_exe_path(void);

/* "progname: message\n" on stderr; fmt has no trailing newline. */
void sk_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* sk_warn, then exit(status). */
void sk_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/*
 * After getopt has named a bad option: "Try 'progname --help' for more
 * information." on stderr; returns SK_EXIT_USAGE for main to return.
 */
int sk_try_help(void);

/*
 * A usage error: "progname: message", then the sk_try_help line, exit 2.
 */
void sk_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/* Prints "progname VERSION" on stdout and exits 0 (after a checked close). */
void sk_print_version(void) __attribute__((noreturn));

/*
 * Flushes and closes stdout.  Returns 0, or prints
 * "progname: write error: <reason>" and returns SK_EXIT_FAIL.  Call it last.
 */
int sk_close_stdout(void);

/*
 * Checks stdout for an earlier write failure (a full disk) so a long run
 * stops at once instead of computing output nobody will see.  Dies with
 * exit 1 on error.  Cheap: call once per record batch.
 */
void sk_check_stdout(void);

/* Allocation: abort with a message on out-of-memory, never return NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * The error record lib/ functions fill instead of printing: what is wrong,
 * lower-case, no full stop, prefixed with "file:line: " where there is one.
 */
struct sk_err {
    char msg[512];
};

/* Formats into err (if not NULL) and returns -1, so 'return sk_fail(...)'. */
int sk_fail(struct sk_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
