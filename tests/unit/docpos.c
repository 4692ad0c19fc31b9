/* Unit tests for lib/docpos: where documents and sentences begin. */
#include "docpos.h"

#include "tap.h"

static struct docpos pos = DOCPOS_INIT;

static int
step(const char *doc, long sent, long tok)
{
    int what = docpos_step(&pos, doc, strlen(doc), sent, tok);

    docpos_move(&pos, doc, strlen(doc), sent, tok);
    return what;
}

int
main(void)
{
    plan(16);
    is_int(DOCPOS_NEW_DOCUMENT, step("a", 1, 1), "first row begins a document");
    is_string("a", docpos_doc(&pos), "its id is kept");
    is_int(DOCPOS_SAME_SENTENCE, step("a", 1, 2), "next token, same sentence");
    is_int(DOCPOS_NEW_SENTENCE, step("a", 2, 1), "next sentence");
    is_int(DOCPOS_NEW_DOCUMENT, step("b", 1, 1), "another id");
    is_int(DOCPOS_NEW_DOCUMENT, step("b", 1, 1),
           "same id, numbers start over: the same file given twice");
    is_int(DOCPOS_SAME_SENTENCE, step("b", 1, 2), "and goes on from there");
    is_int(DOCPOS_NEW_DOCUMENT, step("b", 1, 2), "a token repeated");
    is_int(DOCPOS_NEW_SENTENCE, step("b", 3, 1), "sentence numbers may skip");
    is_int(DOCPOS_NEW_DOCUMENT, step("b", 2, 5), "sentence going back");
    is_int(DOCPOS_NEW_DOCUMENT, step("e", 0, 0), "an empty document");
    docpos_end_document(&pos);
    is_int(DOCPOS_NEW_DOCUMENT, step("e", 0, 0), "the same empty one again");
    docpos_end_document(&pos);
    is_int(DOCPOS_NEW_DOCUMENT, step("e", 1, 1),
           "after an ended document, even with numbers going on");
    is_int(DOCPOS_NEW_SENTENCE, step("e", 2, 1), "and goes on");
    is_int(DOCPOS_SAME_SENTENCE, step("e", 2, -1), "no tok column: same sentence");
    is_int(DOCPOS_NEW_DOCUMENT, step("e", 1, -1),
           "no tok column: a sentence going back still tells");
    docpos_release(&pos);
    return tap_done();
}
