#include "tsv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "utf8.h"

/* -DTSV_NO_SIMD builds the portable row split, to test it on x86-64 */
#if defined(__SSE2__) && !defined(TSV_NO_SIMD)
#include <emmintrin.h>
#define SPLIT_SSE2
#endif

/*
 * The reader reads its input in blocks of BLOCK_SIZE bytes into one buffer
 * and cuts lines out of it, instead of a getline per line (which copies
 * each line once more and costs a stdio call per line).  The buffer grows
 * when one line does not fit, and shrinks back after a huge line: memory
 * follows the longest line, not the input.
 */
enum { BLOCK_SIZE = 1 << 16, BLOCK_KEEP_MAX = 1 << 20 };

/* Bytes after a row's line that row_split may read (a SIMD block). */
enum { LINE_PAD = 16 };

struct tsv_reader {
    FILE *fp;               /* tsv_reader_new's stream, not owned */
    int fd;                 /* the current input's descriptor, or -1 */
    int open;               /* an input is open */
    int owns_fd;
    int at_eof;             /* the current input has no more bytes */
    int read_errno;         /* a read failed: reported after the last line */
    char *name;
    unsigned long lineno;
    char **paths;           /* inputs still to open, for tsv_reader_open */
    size_t npaths, next;
    char *blk;              /* bytes read: blk[pos .. len) not consumed yet */
    size_t blk_cap, pos, len;
    size_t scanned;         /* no LF in blk[pos .. scanned) */
    size_t block_size;
    int header_read;
    struct tsv_row header;  /* the header line as read */
    char **cols;            /* input column names, unescaped */
    size_t ncols;
    char **added;           /* appended output column names */
    size_t nadded;
    FILE *gather;           /* the stream rows are gathered for, or NULL */
    struct buf *out;        /* rows being written (a pointer: r is const) */
};

static struct tsv_reader *
reader_alloc(void)
{
    struct tsv_reader *r = xcalloc(1, sizeof(*r));

    r->fd = -1;
    r->block_size = BLOCK_SIZE;
    r->out = xcalloc(1, sizeof(*r->out));
    return r;
}

struct tsv_reader *
tsv_reader_new(FILE *fp, const char *name)
{
    struct tsv_reader *r = reader_alloc();

    r->fp = fp;
    r->fd = fileno(fp);
    r->open = 1;
    r->name = xstrdup(name);
    return r;
}

struct tsv_reader *
tsv_reader_open(char *const *paths, size_t n)
{
    static char *const standard_input[] = {"-"};
    struct tsv_reader *r = reader_alloc();
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

void
tsv_reader_set_block_size(struct tsv_reader *r, size_t size)
{
    r->block_size = size ? size : 1;
}

/* Closes the current input of a multi-input reader. */
static void
close_input(struct tsv_reader *r)
{
    if (r->open && r->owns_fd)
        close(r->fd);
    r->open = 0;
    r->fd = -1;
    r->owns_fd = 0;
}

/* Forgets the bytes of the input that ended. */
static void
reset_block(struct tsv_reader *r)
{
    r->pos = r->len = r->scanned = 0;
    r->at_eof = 0;
    r->read_errno = 0;
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
    reset_block(r);
    if (strcmp(path, "-") == 0) {
        r->name = xstrdup("<stdin>");
        r->fd = STDIN_FILENO;
        r->owns_fd = 0;
        r->open = 1;
        return 1;
    }
    r->name = xstrdup(path);
    r->fd = open(path, O_RDONLY);
    if (r->fd < 0) {
        sk_fail(err, "%s: %s", path, strerror(errno));
        return TSV_INPUT_FAILED;
    }
    r->owns_fd = 1;
    r->open = 1;
    return 1;
}

void
tsv_reader_free(struct tsv_reader *r)
{
    size_t i;

    if (!r)
        return;
    tsv_flush(r);
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
    free(r->blk);
    buf_release(r->out);
    free(r->out);
    free(r->name);
    free(r);
}

/* ---- checking bytes ---------------------------------------------------- */

/*
 * Lines are split a block of bytes at a time: 16 with SSE2 (every x86-64
 * has it), else 8 in a 64-bit word.  A block gives the TABs' positions,
 * and whether any byte needs a closer look: a backslash, a NUL, or one of
 * 0x80 and up (UTF-8 is checked once, from the first such byte on, so
 * later ones need no look).  Plain field content thus costs a few
 * operations per block instead of per byte.
 */

static void
row_reserve_fields(struct tsv_row *row, size_t n)
{
    if (n + 1 <= row->scap)
        return;
    row->scap = (n + 1) * 2;
    row->start = xrealloc(row->start, row->scap * sizeof(*row->start));
    row->dec_len = xrealloc(row->dec_len, row->scap * sizeof(*row->dec_len));
}

/* What the scan of one line has found so far. */
struct scan {
    const char *s;
    size_t len;
    size_t skip;       /* a byte before this is an escape's letter */
    size_t first_high; /* the first byte of 0x80 and up, or len */
    int high;          /* 1 until that byte is found */
    int bad, escaped;
};

/*
 * The closer look at s[i..end), byte by byte: backslashes, NULs and the
 * first byte of 0x80 and up.  A TAB after a backslash makes the line bad,
 * so TABs never need to know about escapes.
 */
static void
scan_slowly(struct scan *sc, size_t i, size_t end)
{
    char next;

    for (i = i < sc->skip ? sc->skip : i; i < end; i++) {
        unsigned char c = (unsigned char)sc->s[i];

        if (c == '\\') {
            sc->escaped = 1;
            next = i + 1 < sc->len ? sc->s[i + 1] : '\0';
            if (next != '\\' && next != 't' && next != 'n' && next != 'r')
                sc->bad = 1;
            sc->skip = i + 2;
            i++;
        } else if (c == '\0') {
            sc->bad = 1;
        } else if (c >= 0x80 && sc->high) {
            sc->first_high = i;
            sc->high = 0;
        }
    }
}

/*
 * Appends the fields that start after the TABs of the block at s[i]: the
 * set bits of tabs, one per byte, each the byte's offset << shift.
 */
static inline size_t
add_fields(struct tsv_row *row, size_t i, uint64_t tabs, int shift, size_t n)
{
    if (n + 17 > row->scap)
        row_reserve_fields(row, n + 17);
    do {
        row->start[n++] = i + (size_t)(__builtin_ctzll(tabs) >> shift) + 1;
        tabs &= tabs - 1;
    } while (tabs);
    return n;
}

#ifdef SPLIT_SSE2

enum { SCAN_BLOCK = 16 };

/*
 * Scans the block at s[i], of which avail bytes (all when 16 or more) are
 * the line's.  Returns the new field count n.
 */
static inline size_t
scan_block(struct tsv_row *row, struct scan *sc, size_t i, size_t avail,
           size_t n)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(sc->s + i));
    unsigned keep = avail >= 16 ? 0xffffu : (1u << avail) - 1;
    unsigned tabs, look;

    tabs = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
    look = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                     _mm_cmpeq_epi8(v, _mm_setzero_si128())));
    if (sc->high)
        look |= (unsigned)_mm_movemask_epi8(v);
    if (look & keep)
        scan_slowly(sc, i, avail >= 16 ? i + 16 : i + avail);
    tabs &= keep;
    return tabs ? add_fields(row, i, tabs, 0, n) : n;
}

#else /* a 64-bit word at a time */

enum { SCAN_BLOCK = 8 };

static const uint64_t ONES = 0x0101010101010101u;
static const uint64_t HIGH = 0x8080808080808080u;
static const uint64_t LOW7 = 0x7f7f7f7f7f7f7f7fu;

/* 0x80 in each byte of x that is zero, exactly (no borrow between bytes). */
static inline uint64_t
zero_bytes(uint64_t x)
{
    return ~(((x & LOW7) + LOW7) | x | LOW7);
}

/* Nonzero when some byte of x is zero (which ones, only roughly). */
static inline uint64_t
any_zero_byte(uint64_t x)
{
    return (x - ONES) & ~x & HIGH;
}

static inline size_t
scan_block(struct tsv_row *row, struct scan *sc, size_t i, size_t avail,
           size_t n)
{
    uint64_t w, tabs;

    memcpy(&w, sc->s + i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w); /* memory order from the low byte up */
#endif
    if (avail < 8) {
        /* bytes past the end become padding that needs no look */
        uint64_t keep = ~(uint64_t)0 >> (8 * (8 - avail));

        w = (w & keep) | (ONES * 'a' & ~keep);
    }
    if (any_zero_byte(w) | any_zero_byte(w ^ (ONES * '\\')) |
        (sc->high ? w & HIGH : 0))
        scan_slowly(sc, i, avail >= 8 ? i + 8 : i + avail);
    tabs = zero_bytes(w ^ (ONES * '\t'));
    return tabs ? add_fields(row, i, tabs, 3, n) : n;
}

#endif

/*
 * What is wrong with line s[0..len), checked in the order the messages
 * promise (UTF-8, then NUL, then escapes field by field): the slow path,
 * taken only for a line the scan rejected.  Returns -1 with err, or 0 if
 * the line is fine after all.
 */
static int
line_diagnose(const char *s, size_t len, struct sk_err *err)
{
    size_t i, n = 1, bad = utf8_invalid_at(s, len);
    const char *nul;

    if (bad < len)
        return sk_fail(err, "invalid UTF-8 at byte %zu", bad + 1);
    if ((nul = memchr(s, '\0', len)))
        return sk_fail(err, "NUL byte at byte %zu", (size_t)(nul - s) + 1);
    for (i = 0; i < len; i++) {
        if (s[i] == '\t') {
            n++;
        } else if (s[i] == '\\') {
            if (i + 1 >= len || s[i + 1] == '\t')
                return sk_fail(err, "field %zu ends in a lone backslash", n);
            if (!strchr("\\tnr", s[i + 1]))
                return sk_fail(err, "field %zu has an unknown escape '\\%c'",
                               n, s[i + 1]);
            i++;
        }
    }
    return 0;
}

/*
 * Splits row->line into fields and checks escapes, UTF-8 and NUL, in one
 * pass.  row->line must have LINE_PAD readable bytes after its end
 * (read_line puts them there): the last block is read whole, and the bytes
 * past the end ignored.  On a bad line returns -1 with what is wrong in
 * err (without file:line).
 */
static int
row_split(struct tsv_row *row, struct sk_err *err)
{
    struct scan sc = {
        row->line.data, row->line.len, 0, row->line.len, 1, 0, 0};
    size_t len = sc.len, i, n = 0;

    row_reserve_fields(row, 16);
    row->start[n++] = 0;
    for (i = 0; i < len; i += SCAN_BLOCK)
        n = scan_block(row, &sc, i, len - i, n);
    if (sc.first_high < len &&
        utf8_invalid_at(sc.s + sc.first_high, len - sc.first_high) <
            len - sc.first_high)
        sc.bad = 1;
    if (sc.bad && line_diagnose(sc.s, len, err) < 0)
        return -1;
    row->start[n] = len + 1;
    row->nfields = n;
    row->has_escape = sc.escaped;
    row->decoding = 0;
    row->replaced = 0;
    row->nsets = 0;
    buf_reset(&row->set);
    return 0;
}

/* ---- escaping ---------------------------------------------------------- */

/* The offset of the first byte of s[0..len) that escaping changes, or len. */
static inline size_t
first_to_escape(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        /* one comparison for letters and UTF-8, all above '\\' */
        if (c <= '\\' && (c == '\\' || c == '\t' || c == '\n' || c == '\r'))
            return i;
    }
    return len;
}

void
tsv_escape(struct buf *out, const char *s, size_t len)
{
    size_t i, from = 0;

    i = first_to_escape(s, len);
    if (i == len) {
        buf_add(out, s, len);
        return;
    }
    buf_grow(out, len + 1);
    for (; i < len; i++) {
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

    if (first_to_escape(s, len) == len) {
        fwrite(s, 1, len, out);
        return;
    }
    buf_reset(&escaped);
    tsv_escape(&escaped, s, len);
    fwrite(escaped.data, 1, escaped.len, out);
}

/*
 * Unescapes s[0..len) into out, which may be s itself (the result is never
 * longer).  Returns the length, or -1 on a bad escape.
 */
static long
unescape_to(char *out, const char *s, size_t len)
{
    size_t i, o = 0;

    for (i = 0; i < len; i++) {
        char c = s[i];

        if (c == '\\') {
            if (i + 1 >= len)
                return -1;
            switch (s[++i]) {
            case '\\': c = '\\'; break;
            case 't': c = '\t'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            default: return -1;
            }
        }
        out[o++] = c;
    }
    return (long)o;
}

int
tsv_unescape(struct buf *out, const char *s, size_t len)
{
    long n;

    buf_grow(out, len);
    n = unescape_to(out->data + out->len, s, len);
    if (n < 0) {
        out->data[out->len] = '\0';
        return -1;
    }
    out->len += (size_t)n;
    out->data[out->len] = '\0';
    return 0;
}

/* ---- rows -------------------------------------------------------------- */

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

/*
 * Fields are decoded in row->dec, a copy of the line made on the first
 * call for the row.  A field ends with a NUL where its TAB was, so a field
 * without escapes is ready once that NUL is stored (again, harmlessly, on
 * each call).  A field with escapes is unescaped in place on its first
 * call: its value is never longer than its raw bytes, so fields never
 * overlap and pointers stay put.
 */
/* Out of line, as row_unescape_field: row_decode's fast path stays small. */
static __attribute__((noinline)) void
row_copy_for_decoding(struct tsv_row *row)
{
    buf_reset(&row->dec);
    buf_add(&row->dec, row->line.data ? row->line.data : "", row->line.len);
    if (row->has_escape)
        memset(row->dec_len, 0, row->nfields * sizeof(*row->dec_len));
    row->decoding = 1;
}

static __attribute__((noinline)) const char *
row_unescape_field(struct tsv_row *row, size_t col, char *f, size_t rawlen,
                   size_t *len)
{
    long n = (long)rawlen;

    if (!row->dec_len[col]) {
        if (memchr(f, '\\', rawlen))
            n = unescape_to(f, f, rawlen); /* checked in row_split */
        f[n] = '\0';
        row->dec_len[col] = (size_t)n + 1;
    }
    *len = row->dec_len[col] - 1;
    return f;
}

/* Field col (< nfields) decoded: see above. */
static inline const char *
row_decode(struct tsv_row *row, size_t col, size_t *len)
{
    size_t rawlen = row->start[col + 1] - 1 - row->start[col];
    char *f;

    if (!row->decoding)
        row_copy_for_decoding(row);
    f = row->dec.data + row->start[col];
    if (row->has_escape)
        return row_unescape_field(row, col, f, rawlen, len);
    f[rawlen] = '\0';
    *len = rawlen;
    return f;
}

const char *
tsv_row_get(struct tsv_row *row, size_t col, size_t *len)
{
    size_t n;
    const char *s;

    if (col >= row->nfields) {
        if (len)
            *len = 0;
        return "";
    }
    s = row_decode(row, col, &n);
    if (len)
        *len = n;
    return s;
}

/* tsv_row_value of a row with escapes, out of line (it is rare). */
static __attribute__((noinline)) const char *
row_value_escaped(struct tsv_row *row, size_t col, const char *raw,
                  size_t *len)
{
    if (!memchr(raw, '\\', *len))
        return raw;
    return row_decode(row, col, len);
}

const char *
tsv_row_value(struct tsv_row *row, size_t col, size_t *len)
{
    const char *raw = tsv_row_raw(row, col, len);

    return row->has_escape ? row_value_escaped(row, col, raw, len) : raw;
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
    struct tsv_set *set = NULL;
    size_t i;

    for (i = 0; i < row->nsets; i++)
        if (row->sets[i].col == col)
            set = &row->sets[i]; /* set again: the new value wins */
    if (!set) {
        if (row->nsets == row->setcap) {
            row->setcap = row->setcap ? row->setcap * 2 : 4;
            row->sets = xrealloc(row->sets, row->setcap * sizeof(*row->sets));
        }
        set = &row->sets[row->nsets++];
        set->col = col;
    }
    if (col < row->nfields)
        row->replaced = 1;
    set->at = row->set.len;
    tsv_escape(&row->set, s, len);
    set->len = row->set.len - set->at;
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
    dst->has_escape = src->has_escape;
    dst->decoding = 0;
    buf_reset(&dst->set);
    buf_add(&dst->set, src->set.data ? src->set.data : "", src->set.len);
    if (dst->setcap < src->nsets) {
        dst->setcap = src->nsets;
        dst->sets = xrealloc(dst->sets, dst->setcap * sizeof(*dst->sets));
    }
    if (src->nsets)
        memcpy(dst->sets, src->sets, src->nsets * sizeof(*dst->sets));
    dst->nsets = src->nsets;
    dst->replaced = src->replaced;
    dst->lineno = src->lineno;
}

void
tsv_row_release(struct tsv_row *row)
{
    buf_release(&row->line);
    buf_release(&row->dec);
    buf_release(&row->set);
    free(row->start);
    free(row->dec_len);
    free(row->sets);
    memset(row, 0, sizeof(*row));
}

/* ---- reading ----------------------------------------------------------- */

/*
 * Reads more of the current input after blk[len]: what read(2) gives (a
 * pipe gives what is there, so lines flow through a pipeline as they
 * come), or fread for a stream without a descriptor.  Consumed bytes are
 * dropped first; the buffer grows only when one line fills it.
 */
static void
fill_block(struct tsv_reader *r)
{
    size_t want;
    ssize_t n;

    if (r->pos > 0) {
        memmove(r->blk, r->blk + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->scanned -= r->pos;
        r->pos = 0;
    }
    if (r->blk_cap > BLOCK_KEEP_MAX && r->len < r->block_size) {
        /* a huge line has gone: give its memory back */
        r->blk_cap = r->block_size;
        r->blk = xrealloc(r->blk, r->blk_cap);
    }
    if (r->blk_cap - r->len < r->block_size / 2 || r->blk_cap == r->len) {
        r->blk_cap = r->blk_cap ? r->blk_cap * 2 : r->block_size;
        if (r->blk_cap < r->len + r->block_size / 2)
            r->blk_cap = r->len + r->block_size;
        r->blk = xrealloc(r->blk, r->blk_cap);
    }
    want = r->blk_cap - r->len;
    if (r->fd < 0) {
        n = (ssize_t)fread(r->blk + r->len, 1, want, r->fp);
        if (n == 0 && ferror(r->fp))
            r->read_errno = errno ? errno : EIO;
    } else {
        do
            n = read(r->fd, r->blk + r->len, want);
        while (n < 0 && errno == EINTR);
        if (n < 0)
            r->read_errno = errno;
    }
    if (n > 0)
        r->len += (size_t)n;
    else
        r->at_eof = 1;
}

/*
 * Cuts the next line out of the block, reading more as needed.  Returns
 * 1 with the line in *line, *n (no line end), or 0 when the current input
 * has ended (r->read_errno says whether by an error).
 */
static int
next_line(struct tsv_reader *r, const char **line, size_t *n)
{
    const char *nl;

    for (;;) {
        nl = r->scanned < r->len
                 ? memchr(r->blk + r->scanned, '\n', r->len - r->scanned)
                 : NULL;
        if (nl) {
            *line = r->blk + r->pos;
            *n = (size_t)(nl - *line);
            r->pos = r->scanned = (size_t)(nl - r->blk) + 1;
            return 1;
        }
        r->scanned = r->len;
        if (r->at_eof) {
            if (r->pos == r->len)
                return 0;
            /* the last line, without a line end */
            *line = r->blk + r->pos;
            *n = r->len - r->pos;
            r->pos = r->len;
            return 1;
        }
        fill_block(r);
    }
}

/*
 * Reads one line into row->line, going on to the next input at the end of
 * one.  Returns 1, 0 at the end of the last input, or TSV_INPUT_FAILED
 * when an input cannot be opened or read.
 */
static int
read_line(struct tsv_reader *r, struct tsv_row *row, struct sk_err *err)
{
    const char *line;
    size_t n;
    int rc;

    for (;;) {
        if (!r->open) {
            if (!r->paths)
                return 0; /* tsv_reader_new's stream has ended */
            if ((rc = open_next_input(r, err)) <= 0)
                return rc;
        }
        if (next_line(r, &line, &n))
            break;
        rc = r->read_errno;
        if (r->paths)
            close_input(r);
        else
            r->open = 0;
        if (rc) {
            sk_fail(err, "%s: read error: %s", r->name, strerror(rc));
            return TSV_INPUT_FAILED;
        }
    }
    r->lineno++;
    if (n > 0 && line[n - 1] == '\r')
        n--;
    /* the line, its NUL, and the bytes row_split reads after it */
    if (row->line.cap < n + LINE_PAD + 1) {
        row->line.len = 0;
        buf_grow(&row->line, n + LINE_PAD);
    }
    memcpy(row->line.data, line, n);
    memset(row->line.data + n, 0, LINE_PAD);
    row->line.len = n;
    row->lineno = r->lineno;
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
    /* A bare CR in a header is no column name: the lines of a stream
     * saved with CR-only line ends (old Mac) all run into this one. */
    if (memchr(r->header.line.data, '\r', r->header.line.len)) {
        sk_fail(err, "header: a carriage return inside the line (CR-only "
                     "line ends?); lines end in LF or CRLF");
        return fail_at(r, err);
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

    if (out == r->gather)
        tsv_flush(r);
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
    const struct tsv_row *h = &r->header;
    size_t i, n = r->ncols < 2 ? r->ncols : 2, len;

    if (row->nfields < n)
        return 0;
    for (i = 0; i < n; i++) {
        len = row->start[i + 1] - row->start[i]; /* the field and its TAB */
        if (len != h->start[i + 1] - h->start[i] ||
            memcmp(row->line.data + row->start[i], h->line.data + h->start[i],
                   len - 1) != 0)
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

/* ---- writing ----------------------------------------------------------- */

/* Rows gathered for one fwrite (tsv_gather_output). */
enum { GATHER_SIZE = 1 << 16 };

/* Appends s[0..len) to b, which has room for it. */
static inline void
put(struct buf *b, const char *s, size_t len)
{
    memcpy(b->data + b->len, s, len);
    b->len += len;
}

/* The value set for column col of row, or NULL. */
static inline const struct tsv_set *
find_set(const struct tsv_row *row, size_t col)
{
    size_t i;

    for (i = 0; i < row->nsets; i++)
        if (row->sets[i].col == col)
            return &row->sets[i];
    return NULL;
}

/*
 * Appends row to b: the line as read when no input column was replaced
 * (the common case: nothing decoded, nothing escaped again), else field
 * by field; then the appended columns.
 */
static void
put_row(const struct tsv_reader *r, const struct tsv_row *row, struct buf *b)
{
    const struct tsv_set *set;
    size_t i = 0, n = tsv_out_ncols(r), len;
    const char *s;

    /* at most every input field as read, every value set, TABs and LF */
    if (b->len + row->line.len + row->set.len + n + 2 > b->cap)
        buf_grow(b, row->line.len + row->set.len + n + 1);
    if (!row->replaced) {
        put(b, row->line.data ? row->line.data : "", row->line.len);
        i = r->ncols;
    }
    for (; i < n; i++) {
        if (i)
            b->data[b->len++] = '\t';
        if ((set = find_set(row, i))) {
            s = row->set.data + set->at;
            len = set->len;
        } else {
            s = tsv_row_raw(row, i, &len);
        }
        put(b, s, len);
    }
    b->data[b->len++] = '\n';
}

void
tsv_write_row(const struct tsv_reader *r, const struct tsv_row *row,
              FILE *out)
{
    struct buf *b = r->out;
    size_t at = b->len;

    put_row(r, row, b);
    if (out == r->gather) {
        if (b->len >= GATHER_SIZE)
            tsv_flush(r);
        return;
    }
    /* another stream: the row alone, after whatever is gathered */
    fwrite(b->data + at, 1, b->len - at, out);
    b->len = at;
}

void
tsv_gather_output(struct tsv_reader *r, FILE *out)
{
    if (!isatty(fileno(out)))
        r->gather = out;
}

int
tsv_flush(const struct tsv_reader *r)
{
    struct buf *b = r->out;
    size_t n = b->len;

    if (!n || !r->gather)
        return 0;
    b->len = 0;
    return fwrite(b->data, 1, n, r->gather) == n ? 0 : -1;
}

void
tsv_buffer_stdout(void)
{
    static char block[1 << 16];

    if (!isatty(STDOUT_FILENO))
        setvbuf(stdout, block, _IOFBF, sizeof(block));
}
