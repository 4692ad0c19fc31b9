/* docpos: tells where a new sentence or document begins in a token stream. */
#include "docpos.h"

#include <string.h>

int
docpos_goes_on(long prev_sent, long prev_tok, long sent, long tok)
{
    if (sent != prev_sent)
        return sent > prev_sent;
    return tok < 0 || prev_tok < 0 || tok > prev_tok;
}

enum docpos_step
docpos_step(const struct docpos *p, const char *doc, size_t doclen,
            long sent, long tok)
{
    if (!p->started || p->ended || doclen != p->doc.len ||
        memcmp(doc, p->doc.data, doclen) != 0 || !docpos_goes_on(p->sent, p->tok, sent, tok))
        return DOCPOS_NEW_DOCUMENT;
    return sent == p->sent ? DOCPOS_SAME_SENTENCE : DOCPOS_NEW_SENTENCE;
}

void
docpos_move(struct docpos *p, const char *doc, size_t doclen, long sent,
            long tok)
{
    if (doclen != p->doc.len || memcmp(doc, p->doc.data, doclen) != 0) {
        buf_reset(&p->doc);
        buf_add(&p->doc, doc, doclen);
    }
    p->started = 1;
    p->ended = 0;
    p->sent = sent;
    p->tok = tok;
}

void
docpos_end_document(struct docpos *p)
{
    p->ended = 1;
}

const char *
docpos_doc(const struct docpos *p)
{
    return p->doc.data ? p->doc.data : "";
}

void
docpos_release(struct docpos *p)
{
    buf_release(&p->doc);
    p->started = p->ended = 0;
}
