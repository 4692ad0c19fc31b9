#ifndef SK_BUF_H
#define SK_BUF_H

/*
 * A growable byte buffer.  data is always NUL-terminated (once anything
 * was added) so it can be used as a C string; len excludes the NUL.
 * A zeroed struct (BUF_INIT) is an empty buffer.  buf_release frees the
 * memory; buf_reset keeps it for reuse, which is how per-record buffers
 * avoid a malloc per line.
 */

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
    char *data;
    size_t len;
    size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_grow(struct buf *b, size_t extra);

/* Inline: the TSV reader and writer add a few bytes per field. */
static inline void
buf_add(struct buf *b, const void *data, size_t len)
{
    if (b->len + len + 1 > b->cap)
        buf_grow(b, len);
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

/* Inline: tokenize writes every field through it. */
static inline void
buf_addc(struct buf *b, char c)
{
    if (b->len + 2 > b->cap)
        buf_grow(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

/* Appends v in decimal, as %lu writes it, without printf's cost. */
static inline void
buf_add_ulong(struct buf *b, unsigned long v)
{
    char digits[24];
    size_t n = sizeof(digits);

    do
        digits[--n] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    buf_add(b, digits + n, sizeof(digits) - n);
}

void buf_adds(struct buf *b, const char *s);
void buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
void buf_release(struct buf *b);

#endif
