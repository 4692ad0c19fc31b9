#include "tsv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

struct tsv_reader {
    FILE *fp;
    char *name;
    unsigned long lineno;
    char **paths;           /* inputs still to open, for tsv_reader_open */
    size_t npaths, next;
    int owns_fp;
    int header_read;
    struct tsv_row header;  /* the header line as read */
    char **cols;            /* input column names, unescaped */
    size_t ncols;
    char **added;           /* appended output column names */
    size_t nadded;
    char *getline_buf;
    size_t getline_cap;
};

struct tsv_reader *
tsv_reader_new(FILE *fp, const char *name)
{
    struct tsv_reader *r = xcalloc(1, sizeof(*r));

    r->fp = fp;
    r->name = xstrdup(name);
    return r;
}

struct tsv_reader *
tsv_reader_open(char *const *paths, size_t n)
{
    static char *const standard_input[] = {"-"};
    struct tsv_reader *r = xcalloc(1, sizeof(*r));
    size_t i;

    if (n == 0) {
        paths = standard_input;
        n = 1;
    }
    r->paths = xcalloc(n, sizeof(*r->paths));
    for (i = 0; i < n; i++)
        r->paths[i] = xstrdup(paths[i]);
    r->npaths = n;
    r->name = xstrdup("");
    return r;
}

/* Closes the current input of a multi-input reader. */
static void
close_input(struct tsv_reader *r)
{
    if (r->fp && r->owns_fp)
        fclose(r->fp);
    r->fp = NULL;
}

/*
 * Opens the next input.  Returns 1, 0 when none is left, or -2 with err
 * when it cannot be opened (the caller reports it and goes on).
 */
static int
open_next_input(struct tsv_reader *r, struct sk_err *err)
{
    const char *path;

    if (r->next >= r->npaths)
        return 0;
    path = r->paths[r->next++];
    free(r->name);
    r->lineno = 0;
    if (strcmp(path, "-") == 0) {
        r->name = xstrdup("<stdin>");
        r->fp = stdin;
        r->owns_fp = 0;
        return 1;
    }
    r->name = xstrdup(path);
    r->fp = fopen(path, "r");
    r->owns_fp = 1;
    if (!r->fp) {
        sk_fail(err, "%s: %s", path, strerror(errno));
        return TSV_INPUT_FAILED;
    }
    return 1;
}

void
tsv_reader_free(struct tsv_reader *r)
{
    size_t i;

    if (!r)
        return;
    close_input(r);
    for (i = 0; i < r->npaths; i++)
        free(r->paths[i]);
    free(r->paths);
    for (i = 0; i < r->ncols; i++)
        free(r->cols[i]);
    for (i = 0; i < r->nadded; i++)
        free(r->added[i]);
    free(r->cols);
    free(r->added);
    tsv_row_release(&r->header);
    free(r->getline_buf);
    free(r->name);
    free(r);
}

/* ---- checking bytes ---------------------------------------------------- */

/* ---- escaping ---------------------------------------------------------- */

void
tsv_escape(struct buf *out, const char *s, size_t len)
{
    size_t i, from = 0;

    buf_grow(out, len);
    for (i = 0; i < len; i++) {
        const char *rep;

        switch (s[i]) {
        case '\\': rep = "\\\\"; break;
        case '\t': rep = "\\t"; break;
        case '\n': rep = "\\n"; break;
        case '\r': rep = "\\r"; break;
        default: continue;
        }
        buf_add(out, s + from, i - from);
        buf_add(out, rep, 2);
        from = i + 1;
    }
    buf_add(out, s + from, len - from);
}

void
tsv_put_field(FILE *out, const char *s, size_t len)
{
    static struct buf escaped;
    size_t i;

    for (i = 0; i < len; i++)
        if (s[i] == '\\' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
            break;
    if (i == len) {
        fwrite(s, 1, len, out);
        return;
    }
    buf_reset(&escaped);
    tsv_escape(&escaped, s, len);
    fwrite(escaped.data, 1, escaped.len, out);
}

int
tsv_unescape(struct buf *out, const char *s, size_t len)
{
    size_t i, from = 0;

    buf_grow(out, len);
    for (i = 0; i < len; i++) {
        char c;

        if (s[i] != '\\')
            continue;
        if (i + 1 >= len)
            return -1;
        switch (s[i + 1]) {
        case '\\': c = '\\'; break;
        case 't': c = '\t'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        default: return -1;
        }
        buf_add(out, s + from, i - from);
        buf_addc(out, c);
        from = i + 2;
        i++;
    }
    buf_add(out, s + from, len - from);
    return 0;
}

/* ---- rows -------------------------------------------------------------- */

static void
row_reserve_fields(struct tsv_row *row, size_t n)
{
    if (n + 1 <= row->scap)
        return;
    row->scap = (n + 1) * 2;
    row->start = xrealloc(row->start, row->scap * sizeof(*row->start));
    row->dec_at = xrealloc(row->dec_at, row->scap * sizeof(*row->dec_at));
}

static void
row_reserve_out(struct tsv_row *row, size_t n)
{
    if (n <= row->ocap)
        return;
    row->set_at = xrealloc(row->set_at, n * sizeof(*row->set_at));
    row->set_len = xrealloc(row->set_len, n * sizeof(*row->set_len));
    memset(row->set_at + row->ocap, 0, (n - row->ocap) * sizeof(size_t));
    row->ocap = n;
}

/*
 * Splits row->line into fields and checks escapes, UTF-8 and NUL.  On a
 * bad line returns -1 with what is wrong in err (without file:line).
 */
static int
row_split(struct tsv_row *row, struct sk_err *err)
{
    const char *s = row->line.data ? row->line.data : "";
    size_t len = row->line.len, i, n = 0, bad;

    bad = utf8_invalid_at(s, len);
    if (bad < len)
        return sk_fail(err, "invalid UTF-8 at byte %zu", bad + 1);
    if (memchr(s, '\0', len))
        return sk_fail(err, "NUL byte at byte %zu",
                       (size_t)((const char *)memchr(s, '\0', len) - s) + 1);
    row_reserve_fields(row, 16);
    row->start[n++] = 0;
    for (i = 0; i < len; i++) {
        /* jump to the next TAB or backslash: the rest is field content */
        const char *tab = memchr(s + i, '\t', len - i);
        const char *esc = memchr(s + i, '\\', (tab ? (size_t)(tab - s) : len) - i);

        if (esc) {
            i = (size_t)(esc - s);
            if (i + 1 >= len || s[i + 1] == '\t')
                return sk_fail(err, "field %zu ends in a lone backslash", n);
            if (!strchr("\\tnr", s[i + 1]))
                return sk_fail(err, "field %zu has an unknown escape '\\%c'",
                               n, s[i + 1]);
            i++;
            continue;
        }
        if (!tab)
            break;
        i = (size_t)(tab - s);
        row_reserve_fields(row, n + 1);
        row->start[n++] = i + 1;
    }
    row->start[n] = len + 1;
    row->nfields = n;
    memset(row->dec_at, 0, (n + 1) * sizeof(*row->dec_at));
    buf_reset(&row->dec);
    /* every field fits, decoded and NUL-terminated: pointers stay put */
    buf_grow(&row->dec, len + n + 1);
    buf_reset(&row->set);
    if (row->ocap)
        memset(row->set_at, 0, row->ocap * sizeof(*row->set_at));
    return 0;
}

const char *
tsv_row_raw(const struct tsv_row *row, size_t col, size_t *len)
{
    if (col >= row->nfields) {
        *len = 0;
        return "";
    }
    *len = row->start[col + 1] - 1 - row->start[col];
    return row->line.data + row->start[col];
}

const char *
tsv_row_get(struct tsv_row *row, size_t col, size_t *len)
{
    const char *raw;
    size_t rawlen, at;

    if (col >= row->nfields) {
        if (len)
            *len = 0;
        return "";
    }
    if (!row->dec_at[col]) {
        raw = tsv_row_raw(row, col, &rawlen);
        at = row->dec.len;
        tsv_unescape(&row->dec, raw, rawlen); /* checked in row_split */
        buf_addc(&row->dec, '\0');
        row->dec_at[col] = at + 1;
    }
    at = row->dec_at[col] - 1;
    if (len)
        *len = strlen(row->dec.data + at);
    return row->dec.data + at;
}

long
tsv_row_long(struct tsv_row *row, size_t col)
{
    size_t len, i;
    const char *s = tsv_row_raw(row, col, &len);
    long v = 0;

    if (len == 0 || len > 18)
        return -1;
    for (i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

void
tsv_row_set(struct tsv_row *row, size_t col, const char *s, size_t len)
{
    row_reserve_out(row, col + 1);
    row->set_at[col] = row->set.len + 1;
    tsv_escape(&row->set, s, len);
    row->set_len[col] = row->set.len - (row->set_at[col] - 1);
}

void
tsv_row_sets(struct tsv_row *row, size_t col, const char *s)
{
    tsv_row_set(row, col, s, strlen(s));
}

void
tsv_row_copy(struct tsv_row *dst, const struct tsv_row *src)
{
    size_t n = src->nfields;

    buf_reset(&dst->line);
    buf_add(&dst->line, src->line.data ? src->line.data : "", src->line.len);
    row_reserve_fields(dst, n);
    memcpy(dst->start, src->start, (n + 1) * sizeof(*dst->start));
    dst->nfields = n;
    memset(dst->dec_at, 0, (n + 1) * sizeof(*dst->dec_at));
    buf_reset(&dst->dec);
    buf_grow(&dst->dec, src->line.len + n + 1);
    buf_reset(&dst->set);
    buf_add(&dst->set, src->set.data ? src->set.data : "", src->set.len);
    row_reserve_out(dst, src->ocap);
    if (src->ocap) {
        memcpy(dst->set_at, src->set_at, src->ocap * sizeof(size_t));
        memcpy(dst->set_len, src->set_len, src->ocap * sizeof(size_t));
    }
    if (dst->ocap > src->ocap)
        memset(dst->set_at + src->ocap, 0,
               (dst->ocap - src->ocap) * sizeof(size_t));
    dst->lineno = src->lineno;
}

void
tsv_row_release(struct tsv_row *row)
{
    buf_release(&row->line);
    buf_release(&row->dec);
    buf_release(&row->set);
    free(row->start);
    free(row->dec_at);
    free(row->set_at);
    free(row->set_len);
    memset(row, 0, sizeof(*row));
}

/* ---- reading ----------------------------------------------------------- */

/*
 * Reads one line into row->line, going on to the next input at the end of
 * one.  Returns 1, 0 at the end of the last input, or TSV_INPUT_FAILED
 * when an input cannot be opened or read.
 */
static int
read_line(struct tsv_reader *r, struct tsv_row *row, struct sk_err *err)
{
    ssize_t n;
    int rc;

    for (;;) {
        if (!r->fp) {
            if ((rc = open_next_input(r, err)) <= 0)
                return rc;
        }
        errno = 0;
        n = getline(&r->getline_buf, &r->getline_cap, r->fp);
        if (n >= 0)
            break;
        if (ferror(r->fp)) {
            sk_fail(err, "%s: read error: %s", r->name, strerror(errno));
            if (r->paths)
                close_input(r);
            return TSV_INPUT_FAILED;
        }
        if (!r->paths)
            return 0;
        close_input(r);
    }
    r->lineno++;
    if (n > 0 && r->getline_buf[n - 1] == '\n')
        n--;
    if (n > 0 && r->getline_buf[n - 1] == '\r')
        n--;
    buf_reset(&row->line);
    buf_add(&row->line, r->getline_buf, (size_t)n);
    row->lineno = r->lineno;
    /*
     * getline's buffer grows to the longest line; give back a huge one
     * so a single enormous line does not pin its memory for the run.
     */
    if (r->getline_cap > (1u << 20) && (size_t)n < (1u << 16)) {
        free(r->getline_buf);
        r->getline_buf = NULL;
        r->getline_cap = 0;
    }
    return 1;
}

static int
fail_at(struct tsv_reader *r, struct sk_err *err)
{
    char msg[sizeof(err->msg)];

    if (err) {
        memcpy(msg, err->msg, sizeof(msg));
        snprintf(err->msg, sizeof(err->msg), "%s:%lu: %.400s", r->name,
                 r->lineno, msg);
    }
    return -1;
}

int
tsv_read_header(struct tsv_reader *r, struct sk_err *err)
{
    size_t i, j;
    int rc;

    rc = read_line(r, &r->header, err);
    if (rc <= 0)
        return rc;
    r->header_read = 1;
    /* a UTF-8 byte order mark before the header is not part of it */
    if (r->header.line.len >= 3 &&
        memcmp(r->header.line.data, "\xef\xbb\xbf", 3) == 0) {
        memmove(r->header.line.data, r->header.line.data + 3,
                r->header.line.len - 2);
        r->header.line.len -= 3;
    }
    if (row_split(&r->header, err) < 0)
        return fail_at(r, err);
    r->ncols = r->header.nfields;
    r->cols = xcalloc(r->ncols, sizeof(*r->cols));
    for (i = 0; i < r->ncols; i++) {
        r->cols[i] = xstrdup(tsv_row_get(&r->header, i, NULL));
        if (!*r->cols[i]) {
            sk_fail(err, "header: column %zu has no name", i + 1);
            return fail_at(r, err);
        }
        for (j = 0; j < i; j++)
            if (strcmp(r->cols[i], r->cols[j]) == 0) {
                sk_fail(err, "header: duplicate column '%s'", r->cols[i]);
                return fail_at(r, err);
            }
    }
    return 1;
}

size_t
tsv_ncols(const struct tsv_reader *r)
{
    return r->ncols;
}

const char *
tsv_colname(const struct tsv_reader *r, size_t col)
{
    return col < r->ncols ? r->cols[col] : r->added[col - r->ncols];
}

long
tsv_find(const struct tsv_reader *r, const char *name)
{
    size_t i;

    for (i = 0; i < r->ncols; i++)
        if (strcmp(r->cols[i], name) == 0)
            return (long)i;
    return -1;
}

long
tsv_require(const struct tsv_reader *r, const char *name,
            const char *run_first, struct sk_err *err)
{
    long col = tsv_find(r, name);

    if (col < 0)
        return sk_fail(err, "%s: input has no '%s' column; run %s first",
                       r->name, name, run_first);
    return col;
}

size_t
tsv_add_column(struct tsv_reader *r, const char *name)
{
    long col = tsv_find(r, name);
    size_t i;

    if (col >= 0)
        return (size_t)col;
    for (i = 0; i < r->nadded; i++)
        if (strcmp(r->added[i], name) == 0)
            return r->ncols + i;
    r->added = xrealloc(r->added, (r->nadded + 1) * sizeof(*r->added));
    r->added[r->nadded++] = xstrdup(name);
    return r->ncols + r->nadded - 1;
}

size_t
tsv_out_ncols(const struct tsv_reader *r)
{
    return r->ncols + r->nadded;
}

void
tsv_write_header(const struct tsv_reader *r, FILE *out)
{
    size_t i;

    for (i = 0; i < tsv_out_ncols(r); i++) {
        if (i)
            putc('\t', out);
        tsv_put_field(out, tsv_colname(r, i), strlen(tsv_colname(r, i)));
    }
    putc('\n', out);
}

/* Whether row starts like the header: the same first two fields. */
static int
looks_like_header(const struct tsv_reader *r, const struct tsv_row *row)
{
    size_t i, n = r->ncols < 2 ? r->ncols : 2, len, hlen;
    const char *f, *h;

    if (row->nfields < n)
        return 0;
    for (i = 0; i < n; i++) {
        f = tsv_row_raw(row, i, &len);
        h = tsv_row_raw(&r->header, i, &hlen);
        if (len != hlen || memcmp(f, h, len) != 0)
            return 0;
    }
    return 1;
}

int
tsv_read_row(struct tsv_reader *r, struct tsv_row *row, struct sk_err *err)
{
    int rc;

    for (;;) {
        rc = read_line(r, row, err);
        if (rc <= 0)
            return rc;
        if (r->lineno == 1) {
            /* a later input starts with its header: the first's, again */
            if (row->line.len == r->header.line.len &&
                memcmp(row->line.data, r->header.line.data,
                       row->line.len) == 0)
                continue;
            sk_fail(err, "header differs from the first input's");
            return fail_at(r, err);
        }
        if (row_split(row, err) < 0)
            return fail_at(r, err);
        if (!looks_like_header(r, row))
            break;
        if (row->line.len == r->header.line.len &&
            memcmp(row->line.data, r->header.line.data, row->line.len) == 0)
            continue; /* cat a.tsv b.tsv: the same header again */
        sk_fail(err, "a different header in mid-stream");
        return fail_at(r, err);
    }
    if (row->nfields != r->ncols) {
        sk_fail(err, "expected %zu fields, got %zu", r->ncols,
                row->nfields);
        return fail_at(r, err);
    }
    return 1;
}

const char *
tsv_name(const struct tsv_reader *r)
{
    return r->name;
}

unsigned long
tsv_lineno(const struct tsv_reader *r)
{
    return r->lineno;
}

void
tsv_write_row(const struct tsv_reader *r, const struct tsv_row *row,
              FILE *out)
{
    size_t i = 0, n = tsv_out_ncols(r), len;
    const char *s;

    /* no input column replaced: the line as read, then the new columns */
    for (i = 0; i < r->ncols && i < row->ocap; i++)
        if (row->set_at[i])
            break;
    if (i == r->ncols || i == row->ocap) {
        fwrite(row->line.data, 1, row->line.len, out);
        i = r->ncols;
    } else {
        i = 0;
    }
    for (; i < n; i++) {
        if (i)
            putc('\t', out);
        if (i < row->ocap && row->set_at[i]) {
            s = row->set.data + row->set_at[i] - 1;
            len = row->set_len[i];
        } else {
            s = tsv_row_raw(row, i, &len);
        }
        fwrite(s, 1, len, out);
    }
    putc('\n', out);
}
