#ifndef SK_RXSCREEN_H
#define SK_RXSCREEN_H

/*
 * A quick test, made before running PCRE2, that a text cannot hold a
 * match of a pattern.  From the pattern's syntax it derives bytes that
 * every match needs: "\d+%" a digit and a '%', "(?i)quarter" a 'q' or
 * 'Q' and the pairs "qu", "ua" ... in either case, "Jan|Feb" the bytes and
 * pairs of "Jan" or those of "Feb", "[A-Z]\d" a capital followed by a
 * digit.  A text that lacks them (struct rxscreen_text, computed once per
 * text for all patterns) is skipped; every other text still goes to PCRE2,
 * so a screen never changes what matches, only how often PCRE2 runs.
 *
 * The pattern is read as pcre2_compile reads it with PCRE2_UTF (and
 * PCRE2_CASELESS when caseless is set), without PCRE2_UCP: \d, \w and \s
 * are ASCII, and "(?i)k" also matches U+212A KELVIN SIGN, "(?i)s" U+017F
 * LONG S.  Whatever the screen does not read for sure (verbs such as
 * (*UCP), back references, \Q..\E, (?x), conditionals, POSIX classes)
 * makes it give up on the whole pattern: its screen passes every text.
 */

#include <stddef.h>
#include <stdint.h>

/*
 * What a text holds: the byte values that occur in it, the pairs of
 * adjacent bytes (hashed into 4096 bits) and the pairs of their classes
 * (digit, capital, small letter ...).
 */
struct rxscreen_text {
    uint64_t bytes[4];
    uint64_t pairs[64];
    uint64_t class_pairs;
};

/* Sets t to what s[0..len) holds. */
void rxscreen_text_of(struct rxscreen_text *t, const char *s, size_t len);

struct rxscreen;

/*
 * The screen of pattern, a valid PCRE2 pattern (compile it first: the
 * screen of an invalid one means nothing).  Never NULL; free it with
 * rxscreen_free.
 */
struct rxscreen *rxscreen_new(const char *pattern, int caseless);
void rxscreen_free(struct rxscreen *s);

/* 0 when no match can lie in a text that holds t; 1 when one may. */
int rxscreen_may_match(const struct rxscreen *s,
                       const struct rxscreen_text *t);

/* 1 when the screen passes every text (nothing was learnt). */
int rxscreen_passes_all(const struct rxscreen *s);

/*
 * Appends what the screen tests, for tests and debugging: its clauses,
 * all needed, joined by " & "; each needs one of "[0-9]" (bytes), "N
 * pairs" (listed pairs of bytes) or "class pairs HEX" (pairs of byte
 * classes, a bit mask), joined by "|"; then "one of N terms" for each
 * alternation tested branch by branch.  "true" when it needs nothing.
 */
struct buf;
void rxscreen_describe(const struct rxscreen *s, struct buf *out);

#endif
