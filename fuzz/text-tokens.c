/*
 * Fuzz target: the text-to-token core of tokenize (lib/text, lib/utf8).
 * Any bytes are text: ill-formed UTF-8 is read as U+FFFD.  Checks that the
 * tokens are in order, non-empty, inside the text and not overlapping,
 * that the first starts a sentence, and that every token's normal form and
 * repaired surface are valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "utf8.h"

static struct tokenizer *tk;
static struct text_tokens toks;
static struct buf out;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct sk_err err;
    size_t i, prev_end = 0, nk;

    if (!tk && !(tk = tokenizer_new(&err)))
        abort();
    if (tokenizer_split(tk, s, size, &toks, &err) < 0)
        abort();
    for (i = 0; i < toks.n; i++) {
        const struct text_token *t = &toks.v[i];

        if (t->start >= t->end || t->end > size || t->start < prev_end)
            abort();
        if (i == 0 && !t->sent_start)
            abort();
        if ((unsigned)t->type > TEXT_EMAIL)
            abort();
        prev_end = t->end;
        buf_reset(&out);
        if (text_norm(&out, s + t->start, t->end - t->start, &err) < 0)
            abort();
        if (utf8_invalid_at(out.data ? out.data : "", out.len) < out.len)
            abort();
        buf_reset(&out);
        utf8_repair(&out, s + t->start, t->end - t->start);
        if (utf8_invalid_at(out.data ? out.data : "", out.len) < out.len)
            abort();
    }
    /* the same text as a lexicon phrase */
    buf_reset(&out);
    if (text_phrase_norms(tk, s, size, &out, &nk, &err) < 0)
        abort();
    return 0;
}
