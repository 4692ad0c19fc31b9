#include "utf8.h"

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

size_t
utf8_invalid_at(const char *str, size_t len)
{
    const uint8_t *s = (const uint8_t *)str;
    size_t i = 0, at;
    int ok;

    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        at = i;
        i += next_seq(s, i, len, &ok);
        if (!ok)
            return at;
    }
    return len;
}

void
utf8_repair(struct buf *out, const char *str, size_t len)
{
    const uint8_t *s = (const uint8_t *)str;
    size_t i = 0, at, from = 0;
    int ok;

    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        at = i;
        i += next_seq(s, i, len, &ok);
        if (ok)
            continue;
        buf_add(out, str + from, at - from);
        buf_add(out, "\xef\xbf\xbd", 3);
        from = i;
    }
    buf_add(out, str + from, len - from);
}
