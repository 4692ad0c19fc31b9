#include "utf8.h"

#include <stdint.h>
#include <string.h>

#include <unicode/utf8.h>

/*
 * Decodes the sequence at s[i] (a lead byte >= 0x80) with ICU's U8_NEXT;
 * returns its length and sets *ok.  Offsets are size_t so that lines past
 * 2 GiB work although ICU's macros count in int32_t.
 */
static size_t
next_seq(const uint8_t *s, size_t i, size_t len, int *ok)
{
    int32_t j = 0, n = len - i > 4 ? 4 : (int32_t)(len - i);
    UChar32 c;

    U8_NEXT(s + i, j, n, c);
    *ok = c >= 0;
    return (size_t)j;
}

/*
 * Offset of the first ill-formed sequence at or after from, or len;
 * *bad_len gets its length.
 */
static size_t
next_invalid(const char *str, size_t len, size_t from, size_t *bad_len)
{
    const uint8_t *s = (const uint8_t *)str;
    size_t i = from, at, n;
    int ok;

    while (i < len) {
        uint64_t word;

        /* ASCII eight bytes at a time */
        if (i + 8 <= len && (memcpy(&word, s + i, 8),
                             (word & 0x8080808080808080u) == 0)) {
            i += 8;
            continue;
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        at = i;
        n = next_seq(s, i, len, &ok);
        if (!ok) {
            *bad_len = n;
            return at;
        }
        i += n;
    }
    *bad_len = 0;
    return len;
}

size_t
utf8_invalid_at(const char *s, size_t len)
{
    size_t n;

    return next_invalid(s, len, 0, &n);
}

void
utf8_repair(struct buf *out, const char *s, size_t len)
{
    size_t from = 0, at, n;

    while ((at = next_invalid(s, len, from, &n)) < len) {
        buf_add(out, s + from, at - from);
        buf_add(out, "\xef\xbf\xbd", 3);
        from = at + n;
    }
    buf_add(out, s + from, len - from);
}
