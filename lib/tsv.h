#ifndef SK_TSV_H
#define SK_TSV_H

/*
 * The token stream of DESIGN.md: UTF-8 lines, TAB between fields, a header
 * naming the columns.  The reader finds columns by name, keeps every field
 * as the raw bytes it read (so pass-through columns are copied, never
 * decoded and re-encoded), unescapes only the fields a filter asks for, and
 * checks each line: field count, escapes (\\ \t \n \r only), UTF-8, NUL.
 * A trailing CR is dropped.  A line identical to the header is skipped; a
 * line that starts like the header but differs is an error.
 *
 * A filter declares its own columns with tsv_add_column(): an existing
 * column of that name is replaced in place, a new one is appended.
 * tsv_row_set() gives a row's value for such a column and tsv_write_row()
 * writes the row: set values escaped, everything else as read.
 *
 * Errors are returned as -1 with err->msg "NAME:LINE: what is wrong".
 * Memory grows with the longest line only: input is read in blocks, a
 * block grows only while one line does not fit in it.
 */

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "util.h"

struct tsv_reader;

/* A value set with tsv_row_set(): escaped, at row->set.data[at..at+len). */
struct tsv_set {
    size_t col, at, len;
};

/*
 * One record.  Rows are reusable: tsv_read_row() overwrites one, keeping
 * its memory.  Zero-initialise (TSV_ROW_INIT) and tsv_row_release() at the
 * end.  Filters that need a whole sentence keep an array of rows.
 */
struct tsv_row {
    struct buf line;       /* the raw line, without its line end */
    size_t *start;         /* field i is line.data[start[i] .. start[i+1]-1) */
    size_t nfields, scap;
    int has_escape;        /* some field holds a backslash escape */
    int decoding;          /* dec holds a copy of line, decoded in place */
    struct buf dec;        /* that copy: field i decodes at dec.data[start[i]] */
    size_t *dec_len;       /* with escapes: decoded length + 1, or 0 */
    struct buf set;        /* escaped values given with tsv_row_set() */
    struct tsv_set *sets;  /* which columns are set, and to what */
    size_t nsets, setcap;
    int replaced;          /* some input column is set */
    unsigned long lineno;
};

#define TSV_ROW_INIT {.line = BUF_INIT}

/*
 * A reader of fp (not owned, not closed).  name is used in messages
 * ("<stdin>" or a file name); it is copied.  The reader reads fp's file
 * descriptor directly, in blocks (through stdio only when fp has none,
 * as with fmemopen): fp must have no input buffered, and is left wherever
 * the last block ended.
 */
struct tsv_reader *tsv_reader_new(FILE *fp, const char *name);

/*
 * A reader of the files paths[0..n) one after the other, as one stream
 * ("-" is standard input; n == 0 means standard input alone).  Each file
 * starts with a header; the first file's header is the stream's, and a
 * later file must start with the same line, which is skipped.  A file that
 * cannot be opened or read makes tsv_read_header() or tsv_read_row()
 * return TSV_INPUT_FAILED: report err and call again to go on with the
 * next file.  Messages name the current file (tsv_name).
 */
struct tsv_reader *tsv_reader_open(char *const *paths, size_t n);

/* Returned when one input of several cannot be read; the rest can. */
enum { TSV_INPUT_FAILED = -2 };
void tsv_reader_free(struct tsv_reader *r);

/*
 * Sets the size of the blocks r reads (64 KiB by default), before the
 * first read.  Any size works, 1 included, whatever the line lengths:
 * tests use small ones to put block boundaries everywhere.
 */
void tsv_reader_set_block_size(struct tsv_reader *r, size_t size);

/*
 * Reads the header line.  Returns 1, 0 when the input is empty (no header:
 * the caller writes nothing and succeeds), -1 on a bad header (an empty
 * or duplicate column name, bad bytes), or TSV_INPUT_FAILED.
 */
int tsv_read_header(struct tsv_reader *r, struct sk_err *err);

/* The input columns. */
size_t tsv_ncols(const struct tsv_reader *r);
const char *tsv_colname(const struct tsv_reader *r, size_t col);
/* The index of the input column called name, or -1. */
long tsv_find(const struct tsv_reader *r, const char *name);

/*
 * Like tsv_find(), but a missing column is an error whose message names
 * the filter to run first: "input has no 'norm' column; run tokenize first".
 */
long tsv_require(const struct tsv_reader *r, const char *name,
                 const char *run_first, struct sk_err *err);

/*
 * Declares an output column of this filter and returns its index in the
 * output: the input column's index when the input has one of that name
 * (replaced in place), else a new index after all others (appended).
 */
size_t tsv_add_column(struct tsv_reader *r, const char *name);
size_t tsv_out_ncols(const struct tsv_reader *r);

/* Writes the output header: the input columns, then the appended ones. */
void tsv_write_header(const struct tsv_reader *r, FILE *out);

/*
 * Reads the next record into row.  Returns 1, 0 at end of input, -1 on a
 * bad line (field count, escape, UTF-8, NUL, a different header), or
 * TSV_INPUT_FAILED.
 */
int tsv_read_row(struct tsv_reader *r, struct tsv_row *row,
                 struct sk_err *err);

/* Name of the input and number of the last line read, for messages. */
const char *tsv_name(const struct tsv_reader *r);
unsigned long tsv_lineno(const struct tsv_reader *r);

/* Field col as read (escaped); *len its length.  Borrowed from row. */
const char *tsv_row_raw(const struct tsv_row *row, size_t col, size_t *len);

/*
 * Field col unescaped and NUL-terminated; *len (may be NULL) its length.
 * The pointer stays valid until the row is read or copied into again;
 * decoding other fields of the same row does not move it.
 */
const char *tsv_row_get(struct tsv_row *row, size_t col, size_t *len);

/*
 * Field col unescaped, *len its length, NOT NUL-terminated: the raw bytes
 * themselves when the field has no escape (no copy), else
 * tsv_row_get()'s value.  Valid as long as a tsv_row_get() pointer.
 */
const char *tsv_row_value(struct tsv_row *row, size_t col, size_t *len);

/* Field col parsed as a non-negative integer; -1 when it is not one. */
long tsv_row_long(struct tsv_row *row, size_t col);

/* Sets output column col (from tsv_add_column) of row to s[0..len). */
void tsv_row_set(struct tsv_row *row, size_t col, const char *s, size_t len);
void tsv_row_sets(struct tsv_row *row, size_t col, const char *s);

/*
 * Writes row with the reader's output columns, in one fwrite (or into
 * the block gathered for out, below).
 */
void tsv_write_row(const struct tsv_reader *r, const struct tsv_row *row,
                   FILE *out);

/*
 * Makes tsv_write_row() gather the rows for out in a 64 KiB block of r's
 * and hand them to out a block at a time: one fwrite per block instead of
 * per row.  Nothing changes when out is a terminal (lines show as they
 * come).  Only for a filter that writes to out nothing but rows and
 * tsv_write_header() (which hands the block over first): anything else
 * must come after tsv_flush().  tsv_reader_free() flushes too.
 */
void tsv_gather_output(struct tsv_reader *r, FILE *out);

/* Hands the gathered rows to their stream.  Returns 0, or -1 (fwrite). */
int tsv_flush(const struct tsv_reader *r);

/*
 * Gives stdout a 64 KiB buffer, unless it is a terminal (which keeps its
 * line buffering): a write(2) per 64 KiB instead of per 4 KiB.  Call it
 * before anything is written to stdout.
 */
void tsv_buffer_stdout(void);

/* Copies src into dst (both rows; dst's memory is reused). */
void tsv_row_copy(struct tsv_row *dst, const struct tsv_row *src);
void tsv_row_release(struct tsv_row *row);

/* Escaping, for filters that write rows of their own. */
void tsv_escape(struct buf *out, const char *s, size_t len);
void tsv_put_field(FILE *out, const char *s, size_t len);

/*
 * Unescapes s[0..len) into out.  Returns 0, or -1 on a backslash followed
 * by anything but \\ t n r (or ending the field).
 */
int tsv_unescape(struct buf *out, const char *s, size_t len);

#endif
