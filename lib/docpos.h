#ifndef SK_DOCPOS_H
#define SK_DOCPOS_H

/*
 * Where a token stream is: the document, sentence and token of the last
 * row, so that a filter knows when a new sentence or a new document
 * begins.  The document id alone is not enough: `tokenize a.txt a.txt`
 * writes two documents with the same id back to back, told apart only by
 * their sentence and token numbers starting over.
 */

#include <stddef.h>

#include "buf.h"

enum docpos_step {
    DOCPOS_SAME_SENTENCE,
    DOCPOS_NEW_SENTENCE,
    DOCPOS_NEW_DOCUMENT
};

struct docpos {
    struct buf doc;
    long sent, tok;
    int started; /* a row was seen: there is a document to finish */
    int ended;   /* docpos_end_document since the last row */
};

#define DOCPOS_INIT {BUF_INIT, 0, 0, 0, 0}

/*
 * What the row (doc, sent, tok) begins, seen from p.  tok < 0 means the
 * stream has no tok column: then only the document id and a sentence
 * number going back tell documents apart.  It does not move p, so the
 * caller can still finish the document p is in (docpos_doc) first.
 */
enum docpos_step docpos_step(const struct docpos *p, const char *doc,
                             size_t doclen, long sent, long tok);

/*
 * Do (sent, tok) go on from the row (prev_sent, prev_tok) of the same
 * document id, or start it over?  tok < 0: no tok column.
 */
int docpos_goes_on(long prev_sent, long prev_tok, long sent, long tok);

/* Moves p to the row (doc, sent, tok). */
void docpos_move(struct docpos *p, const char *doc, size_t doclen,
                 long sent, long tok);

/* Ends the current document: the next row begins a new one whatever its
 * id (after an `empty` row, which is a whole document by itself).  The
 * id stays, for the caller to finish the document with. */
void docpos_end_document(struct docpos *p);

/* The current document id (NUL-terminated), "" before the first row. */
const char *docpos_doc(const struct docpos *p);

void docpos_release(struct docpos *p);

#endif
