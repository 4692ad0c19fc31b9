#ifndef SK_UTF8_H
#define SK_UTF8_H

/*
 * Checking and repairing UTF-8 with ICU's own decoding macros, so that
 * "invalid" means exactly what it means to the ICU code that reads the
 * text: overlong forms, surrogates, truncated sequences, bytes past
 * U+10FFFF.
 */

#include <stddef.h>

#include "buf.h"

/* Offset of the first ill-formed byte of s[0..len), or len if none. */
size_t utf8_invalid_at(const char *s, size_t len);

/*
 * Appends s[0..len) to out with each ill-formed sequence replaced by
 * U+FFFD (one per maximal ill-formed subpart, as ICU decodes it).
 */
void utf8_repair(struct buf *out, const char *s, size_t len);

#endif
