/*
 * Fuzz target: the lexicon reader (lib/lexicon) and what every filter does
 * with an entry: numbers read with lex_number, phrases tokenised with
 * text_phrase_norms and added to a phrase set.  The input is written to a
 * temporary file, since lex_open reads a path.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "lexicon.h"
#include "phrase.h"
#include "text.h"

static struct tokenizer *tk;
static char path[64];
static int fd = -1;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct phrase_set *ps;
    struct lex_reader *r;
    struct buf keys = BUF_INIT;
    struct sk_err err;
    size_t i, n;
    double w;
    int rc;

    if (!tk && !(tk = tokenizer_new(&err)))
        abort();
    if (fd < 0) {
        snprintf(path, sizeof(path), "/tmp/sk-fuzz-lexicon.XXXXXX");
        if ((fd = mkstemp(path)) < 0)
            abort();
    }
    if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    if (!(r = lex_open(path, &err)))
        return 0;
    ps = phrase_set_new();
    (void)lex_kind(r);
    while ((rc = lex_next(r, &err)) > 0) {
        n = lex_nfields(r);
        if (n == 0)
            abort();
        for (i = 0; i < n; i++)
            if (!lex_field(r, i))
                abort();
        (void)lex_where(r);
        (void)lex_expect_fields(r, 2, 3, &err);
        if (n > 1 && lex_number(r, 1, "weight", &w, &err) == 0 && w != w)
            abort(); /* a NaN is not a number */
        buf_reset(&keys);
        if (text_phrase_norms(tk, lex_field(r, 0), strlen(lex_field(r, 0)),
                              &keys, &n, &err) < 0)
            abort();
        if (n > 0) {
            long e = phrase_set_add(ps, keys.data, n, NULL);

            if (e < 0 || phrase_set_find(ps, keys.data, n) != e)
                abort();
        }
    }
    lex_close(r);
    phrase_set_free(ps);
    buf_release(&keys);
    return 0;
}
