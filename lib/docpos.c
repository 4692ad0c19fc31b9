/* docpos: tells where a new sentence or document begins in a token stream. */
#include "docpos.h"

#include <string.h>

/* Do the sentence and token numbers go on from (p->sent, p->tok)? */
static int
goes_on(const struct docpos *p, long sent, long tok)
{
    if (sent != p->sent)
        return sent > p->sent;
    return tok < 0 || p->tok < 0 || tok > p->tok;
}

enum docpos_step
docpos_step(const struct docpos *p, const char *doc, size_t doclen,
            long sent, long tok)
{
    if (!p->started || p->ended || doclen != p->doc.len ||
        memcmp(doc, p->doc.data, doclen) != 0 || !goes_on(p, sent, tok))
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
