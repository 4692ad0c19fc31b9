#ifndef SK_TAP_H
#define SK_TAP_H

/*
 * A tiny TAP producer for the C unit tests (the c-tap-harness basic.h
 * API, written for stancekit).  Header-only: each test is one program.
 *
 *     plan(3);
 *     ok(x == 1, "x is one");
 *     is_int(2, y, "y");
 *     is_string("a", s, "s");
 *     return tap_done();
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAP_UNUSED __attribute__((unused))

static int tap_planned, tap_run, tap_failed;

static void plan(int n) TAP_UNUSED;
static void
plan(int n)
{
    tap_planned = n;
    printf("1..%d\n", n);
    fflush(stdout);
}

static void diag(const char *fmt, ...) TAP_UNUSED __attribute__((format(printf, 1, 2)));
static void
diag(const char *fmt, ...)
{
    va_list ap;

    fputs("# ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

static void bail(const char *fmt, ...)
    TAP_UNUSED __attribute__((format(printf, 1, 2), noreturn));
static void
bail(const char *fmt, ...)
{
    va_list ap;

    fputs("Bail out! ", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    exit(255);
}

static int ok(int cond, const char *fmt, ...) TAP_UNUSED
    __attribute__((format(printf, 2, 3)));
static int
ok(int cond, const char *fmt, ...)
{
    va_list ap;

    tap_run++;
    if (!cond)
        tap_failed++;
    printf("%sok %d - ", cond ? "" : "not ", tap_run);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    return cond;
}

#define is_int(want, got, ...)                                             \
    do {                                                                   \
        long tap_w_ = (long)(want), tap_g_ = (long)(got);                  \
        if (!ok(tap_w_ == tap_g_, __VA_ARGS__))                            \
            diag("     got: %ld\n#   wanted: %ld", tap_g_, tap_w_);       \
    } while (0)

#define is_double(want, got, eps, ...)                                     \
    do {                                                                   \
        double tap_w_ = (want), tap_g_ = (got);                            \
        if (!ok(tap_g_ - tap_w_ <= (eps) && tap_w_ - tap_g_ <= (eps),      \
                __VA_ARGS__))                                              \
            diag("     got: %.6f\n#   wanted: %.6f", tap_g_, tap_w_);     \
    } while (0)

#define is_string(want, got, ...)                                          \
    do {                                                                   \
        const char *tap_w_ = (want), *tap_g_ = (got);                      \
        if (!ok(tap_g_ && strcmp(tap_w_, tap_g_) == 0, __VA_ARGS__))       \
            diag("     got: '%s'\n#   wanted: '%s'",                       \
                 tap_g_ ? tap_g_ : "(null)", tap_w_);                      \
    } while (0)

/* Exit status for main: 0 when all ran and passed. */
static int tap_done(void) TAP_UNUSED;
static int
tap_done(void)
{
    if (tap_planned != tap_run)
        diag("planned %d tests but ran %d", tap_planned, tap_run);
    return tap_failed || tap_planned != tap_run;
}

#endif
