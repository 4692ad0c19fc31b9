/*
 * entity-tag: add 'entity' (BIO tag with type) and 'entity_id' columns to
 * a token stream, from the gazetteer, the patterns and capitalised-name
 * guesses of lib/entity, one sentence at a time.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "docpos.h"
#include "entity.h"
#include "lexicon.h"
#include "text.h"
#include "tsv.h"
#include "util.h"

static const char usage_text[] =
    "usage: entity-tag [options] [FILE...]\n"
    "\n"
    "Add 'entity' (B-TYPE, I-TYPE or O) and 'entity_id' (the gazetteer's\n"
    "canonical id, empty when none) to a token stream (the output of\n"
    "tokenize).  Reads the doc, sent, token and norm columns, and type,\n"
    "start and end when present.  Existing columns of those names are\n"
    "replaced in place.  With no FILE, or '-', standard input is read.\n"
    "\n"
    "  -L, --lexicons DIR      add a lexicon folder (entities.tsv,\n"
    "                          entity-patterns.tsv, entity-cues.tsv in it)\n"
    "  -l, --lexicon FILE      add a gazetteer, pattern or cue file\n"
    "  -n, --no-default-lexicons  only the lexicons given by -L, -l and\n"
    "                          STANCEKIT_LEXICONS\n"
    "      --no-patterns       do not use the patterns\n"
    "      --no-guess          do not guess unknown capitalised names\n"
    "      --any-case          match gazetteer phrases in any case\n"
    "  -u, --unbuffered        flush after each sentence\n"
    "  -h, --help              show this help and exit\n"
    "      --version           show the version and exit\n";

enum { OPT_NO_PATTERNS = 256, OPT_NO_GUESS, OPT_ANY_CASE, OPT_VERSION };

static const struct option longopts[] = {
    {"lexicons", required_argument, NULL, 'L'},
    {"lexicon", required_argument, NULL, 'l'},
    {"no-default-lexicons", no_argument, NULL, 'n'},
    {"no-patterns", no_argument, NULL, OPT_NO_PATTERNS},
    {"no-guess", no_argument, NULL, OPT_NO_GUESS},
    {"any-case", no_argument, NULL, OPT_ANY_CASE},
    {"unbuffered", no_argument, NULL, 'u'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

enum { C_DOC, C_SENT, C_TOKEN, C_NORM, C_TYPE, C_START, C_END, C_TOK, NCOLS };

static struct entity_tagger *et;
static int unbuffered;

/* One sentence's rows, and what the tagger needs of them. */
static struct tsv_row *rows;
static struct entity_token *toks;
static struct entity_tag *tags;
static size_t (*field_at)[3]; /* offsets of token, norm, type in fields */
static size_t cap;
static struct buf fields; /* the token, norm and type fields, unescaped */
static struct buf out;    /* the sentence's output lines, or a tag */

static void
reserve(size_t n)
{
    size_t old = cap;

    if (n <= cap)
        return;
    cap = cap ? 2 * cap : 256;
    rows = xrealloc(rows, cap * sizeof(*rows));
    memset(rows + old, 0, (cap - old) * sizeof(*rows));
    toks = xrealloc(toks, cap * sizeof(*toks));
    tags = xrealloc(tags, cap * sizeof(*tags));
    field_at = xrealloc(field_at, cap * sizeof(*field_at));
}

static size_t
offset_of(struct tsv_row *row, long col)
{
    long v = col >= 0 ? tsv_row_long(row, (size_t)col) : -1;

    return v > 0 ? (size_t)v : 0;
}

/*
 * Appends field col of row to fields, unescaped and NUL-terminated (as
 * tsv_row_get would give it, without its per-row copy); returns its
 * offset.
 */
static size_t
add_field(struct tsv_row *row, size_t col)
{
    size_t len, at = fields.len;
    const char *raw = tsv_row_raw(row, col, &len);

    tsv_unescape(&fields, raw, len); /* checked when read */
    buf_addc(&fields, '\0');
    return at;
}

/*
 * Appends the token, norm and type fields of row to fields, NUL-
 * terminated, and sets at[] to their offsets.  A line without escapes
 * (nearly all) is copied whole, and each field ends where its TAB was.
 */
static void
add_fields(struct tsv_row *row, const long *col, size_t *at)
{
    static const int want[3] = {C_TOKEN, C_NORM, C_TYPE};
    size_t k, len, base = fields.len;
    const char *raw;

    if (row->has_escape) {
        for (k = 0; k < 3; k++)
            if (col[want[k]] >= 0)
                at[k] = add_field(row, (size_t)col[want[k]]);
        return;
    }
    buf_add(&fields, row->line.data, row->line.len);
    buf_addc(&fields, '\0');
    for (k = 0; k < 3; k++) {
        if (col[want[k]] < 0)
            continue;
        raw = tsv_row_raw(row, (size_t)col[want[k]], &len);
        at[k] = base + (size_t)(raw - row->line.data);
        fields.data[at[k] + len] = '\0';
    }
}

/* Appends a tag: "O", "B-ORG", "I-PER" ... */
static void
add_tag(struct buf *b, const struct entity_tag *tag)
{
    buf_addc(b, tag->bio);
    if (tag->bio != 'O') {
        buf_addc(b, '-');
        buf_adds(b, entity_type_name(tag->type));
    }
}

/*
 * Writes rows[0..n) with their tags.  When both columns are new (the
 * usual case), each line is the line as read and the two fields, and the
 * sentence goes out in one write; else tsv_write_row replaces the old
 * columns in place.
 */
static void
write_sentence(struct tsv_reader *r, size_t ecol, size_t icol, size_t n)
{
    size_t i, ncols = tsv_ncols(r);

    buf_reset(&out);
    if (ecol != ncols || icol != ncols + 1) {
        for (i = 0; i < n; i++) {
            buf_reset(&out);
            add_tag(&out, &tags[i]);
            tsv_row_set(&rows[i], ecol, out.data, out.len);
            tsv_row_sets(&rows[i], icol, tags[i].id);
            tsv_write_row(r, &rows[i], stdout);
        }
        return;
    }
    for (i = 0; i < n; i++) {
        buf_add(&out, rows[i].line.data, rows[i].line.len);
        buf_addc(&out, '\t');
        add_tag(&out, &tags[i]);
        buf_addc(&out, '\t');
        if (tags[i].id[0])
            tsv_escape(&out, tags[i].id, strlen(tags[i].id));
        buf_addc(&out, '\n');
    }
    fwrite(out.data, 1, out.len, stdout);
}

/* Tags rows[0..n) and writes them. */
static int
flush_sentence(struct tsv_reader *r, const long *col, size_t ecol, size_t icol,
               size_t n)
{
    struct sk_err err;
    size_t i;
    int rc;

    buf_reset(&fields);
    for (i = 0; i < n; i++) {
        add_fields(&rows[i], col, field_at[i]);
        toks[i].start = offset_of(&rows[i], col[C_START]);
        toks[i].end = offset_of(&rows[i], col[C_END]);
    }
    for (i = 0; i < n; i++) { /* fields is done growing: point into it */
        toks[i].token = fields.data + field_at[i][0];
        toks[i].norm = fields.data + field_at[i][1];
        toks[i].type = col[C_TYPE] >= 0 ? fields.data + field_at[i][2] : NULL;
    }
    rc = entity_tag_sentence(et, toks, n, tags, &err);
    if (rc < 0) {
        sk_warn("%s:%lu: %s", tsv_name(r), rows[0].lineno, err.msg);
        return -1;
    }
    if (rc > 0) /* a pattern ran away: tagged without it, said once */
        sk_warn("%s (first on %s:%lu; skipped wherever it fails)", err.msg,
                tsv_name(r), rows[0].lineno);
    write_sentence(r, ecol, icol, n);
    if (unbuffered)
        fflush(stdout);
    sk_check_stdout();
    return rc;
}

/* Is field col the same in rows a and b? */
static int
same_field(struct tsv_row *a, struct tsv_row *b, long col)
{
    size_t la, lb;
    const char *sa = tsv_row_raw(a, (size_t)col, &la);
    const char *sb = tsv_row_raw(b, (size_t)col, &lb);

    return la == lb && memcmp(sa, sb, la) == 0;
}

/*
 * Same document and sentence as the row before?  (sent differs first.)
 * The same file given twice in a row repeats its ids: the token number
 * starting over tells.
 */
static int
same_sentence(struct tsv_row *a, struct tsv_row *b, const long *col)
{
    if (!same_field(a, b, col[C_SENT]) || !same_field(a, b, col[C_DOC]))
        return 0;
    if (col[C_TOK] < 0)
        return 1;
    return docpos_goes_on(0, tsv_row_long(a, (size_t)col[C_TOK]), 0,
                          tsv_row_long(b, (size_t)col[C_TOK]));
}

/*
 * Tags the token stream of the given files (standard input when none) a
 * sentence at a time.  Returns SK_EXIT_OK, or SK_EXIT_FAIL after
 * reporting a bad line, a missing column or an unreadable file (the
 * others go on).
 */
static int
tag_inputs(char *const *paths, size_t npaths)
{
    static const char *const names[NCOLS] = {"doc",  "sent",  "token", "norm",
                                             "type", "start", "end", "tok"};
    struct tsv_reader *r = tsv_reader_open(paths, npaths);
    struct sk_err err;
    long col[NCOLS];
    size_t ecol, icol, n = 0, k;
    int rc, status = SK_EXIT_OK;

    while ((rc = tsv_read_header(r, &err)) == TSV_INPUT_FAILED) {
        sk_warn("%s", err.msg);
        status = SK_EXIT_FAIL;
    }
    for (k = 0; rc > 0 && k < NCOLS; k++) {
        col[k] = k <= C_NORM ? tsv_require(r, names[k], "tokenize", &err)
                             : tsv_find(r, names[k]);
        if (col[k] < 0 && k <= C_NORM)
            rc = -1;
    }
    if (rc <= 0)
        goto done;
    ecol = tsv_add_column(r, "entity");
    icol = tsv_add_column(r, "entity_id");
    tsv_write_header(r, stdout);
    reserve(1);
    while ((rc = tsv_read_row(r, &rows[n], &err)) != 0) {
        if (rc == TSV_INPUT_FAILED) {
            sk_warn("%s", err.msg);
            status = SK_EXIT_FAIL;
            continue;
        }
        if (rc < 0)
            break;
        if (n > 0 && !same_sentence(&rows[n - 1], &rows[n], col)) {
            struct tsv_row t;

            if (flush_sentence(r, col, ecol, icol, n) < 0) {
                status = SK_EXIT_FAIL;
                n = 0;
                break;
            }
            t = rows[0];       /* after the flush: it grows rows' memory */
            rows[0] = rows[n]; /* the new sentence's first row */
            rows[n] = t;
            n = 0;
        }
        reserve(++n + 1);
    }
    if (n > 0 && flush_sentence(r, col, ecol, icol, n) < 0)
        status = SK_EXIT_FAIL;
    if (entity_patterns_skipped(et) > 0) {
        sk_warn("%zu sentence(s) tagged without a pattern that hit a PCRE2 "
                "limit", entity_patterns_skipped(et));
        status = SK_EXIT_FAIL;
    }
done:
    if (rc < 0) {
        sk_warn("%s", err.msg);
        status = SK_EXIT_FAIL;
    }
    tsv_reader_free(r);
    return status;
}

static void
warn_cb(void *ctx, const char *msg)
{
    (void)ctx;
    sk_warn("%s", msg);
}

int
main(int argc, char **argv)
{
    static const char *const rels[] = {"entities.tsv", "entity-patterns.tsv",
                                       "entity-cues.tsv"};
    struct lex_search search;
    struct tokenizer *tk;
    struct sk_err err;
    unsigned flags = 0;
    char **files;
    size_t nfiles, i, loaded = 0;
    int opt, status = SK_EXIT_OK;

    sk_set_progname(argv[0]);
    tsv_buffer_stdout();
    lex_search_init(&search, sk_exe_path(), SK_DATADIR);
    while ((opt = getopt_long(argc, argv, "L:l:nuh", longopts, NULL)) != -1) {
        switch (opt) {
        case 'L':
        case 'l':
            lex_search_add(&search, optarg);
            break;
        case 'n':
            search.no_default = 1;
            break;
        case OPT_NO_PATTERNS:
            flags |= ENTITY_NO_PATTERNS;
            break;
        case OPT_NO_GUESS:
            flags |= ENTITY_NO_GUESS;
            break;
        case OPT_ANY_CASE:
            flags |= ENTITY_ANY_CASE;
            break;
        case 'u':
            unbuffered = 1;
            break;
        case 'h':
            lex_search_release(&search);
            fputs(usage_text, stdout);
            return sk_close_stdout();
        case OPT_VERSION:
            sk_print_version();
        default:
            lex_search_release(&search);
            return sk_try_help();
        }
    }
    lex_search_env(&search, getenv("STANCEKIT_LEXICONS"));
    if (!(tk = tokenizer_new(&err)))
        sk_die(SK_EXIT_FAIL, "%s", err.msg);
    et = entity_tagger_new(tk);
    entity_set_flags(et, flags);
    /* every lexicon is read before the first line of output */
    if (lex_search_files(&search, rels, 3, 1, &files, &nfiles, &err) < 0)
        sk_die(SK_EXIT_FAIL, "%s", err.msg);
    for (i = 0; i < nfiles; i++) {
        int rc = entity_load_file(et, files[i], warn_cb, NULL, &err);

        if (rc < 0)
            sk_die(SK_EXIT_FAIL, "%s", err.msg);
        loaded += (size_t)rc;
    }
    if (loaded == 0)
        sk_die(SK_EXIT_FAIL,
               "no entity lexicon among the files given (a "
               "gazetteer's header is 'phrase<TAB>type<TAB>id', a pattern "
               "file's 'pattern<TAB>type', a cue file's 'word<TAB>cue')");
    status = tag_inputs(argv + optind, (size_t)(argc - optind));
    entity_tagger_free(et);
    tokenizer_free(tk);
    lex_search_release(&search);
    for (i = 0; i < cap; i++)
        tsv_row_release(&rows[i]);
    free(rows);
    free(toks);
    free(tags);
    free(field_at);
    buf_release(&fields);
    buf_release(&out);
    if (sk_close_stdout() != SK_EXIT_OK)
        status = SK_EXIT_FAIL;
    return status;
}
