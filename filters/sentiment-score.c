/*
 * sentiment-score: VADER's lexicon and rules over a token stream.  Adds
 * valence and polarity to each token, or writes one line per sentence or
 * per document.  The rules are lib/sentiment; this file loads the
 * lexicons, groups the stream into sentences and documents, and writes.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "docpos.h"
#include "lexicon.h"
#include "sentiment.h"
#include "text.h"
#include "tsv.h"
#include "util.h"

static const char usage_text[] =
    "usage: sentiment-score [--level token|sentence|doc] [--whole]\n"
    "                       [options] [FILE...]\n"
    "\n"
    "Score a token stream (tokenize output) with VADER's lexicon and rules.\n"
    "By default add the columns valence and polarity to every token.\n"
    "\n"
    "  -e, --level LEVEL       token (default), sentence (doc sent tokens "
    "pos\n"
    "                          neu neg compound) or doc (doc sentences "
    "tokens\n"
    "                          pos neu neg compound: the mean of sentences)\n"
    "  -w, --whole             with --level doc: score each document as one\n"
    "                          text, exactly as VADER scores a text\n"
    "  -N, --no-news           VADER's lexicon alone: leave out\n"
    "                          sentiment/news-tech.tsv\n"
    "  -L, --lexicons DIR      add a lexicon folder (sentiment/vader.tsv,\n"
    "                          sentiment/news-tech.tsv, modifiers.tsv in it)\n"
    "  -l, --lexicon FILE      add a sentiment or modifier lexicon file\n"
    "  -n, --no-default-lexicons  only the lexicons given by -L, -l and\n"
    "                          STANCEKIT_LEXICONS\n"
    "  -u, --unbuffered        flush after each sentence\n"
    "  -h, --help              show this help and exit\n"
    "      --version           show the version and exit\n";

static const struct option longopts[] = {
    {"level", required_argument, NULL, 'e'},
    {"whole", no_argument, NULL, 'w'},
    {"no-news", no_argument, NULL, 'N'},
    {"lexicons", required_argument, NULL, 'L'},
    {"lexicon", required_argument, NULL, 'l'},
    {"no-default-lexicons", no_argument, NULL, 'n'},
    {"unbuffered", no_argument, NULL, 'u'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

enum level { LEVEL_TOKEN, LEVEL_SENTENCE, LEVEL_DOC };

static enum level level = LEVEL_TOKEN;
static int whole, unbuffered;
static struct sentiment_lexicon *lex;
static struct sentiment_scorer *scorer;

/* ---- lexicons ----------------------------------------------------------- */

/*
 * The key of a phrase: its normal form, words separated by one space.
 * *folded is set when that differs from the phrase as written.
 */
static int
phrase_key(const char *phrase, struct buf *key, int *folded,
           struct sk_err *err)
{
    struct buf norm = BUF_INIT;
    const char *p;
    int rc = 0;

    buf_reset(key);
    if (text_norm(&norm, phrase, strlen(phrase), err) < 0) {
        rc = -1;
    } else {
        for (p = norm.data ? norm.data : ""; *p; p++) {
            if (*p == ' ' || *p == '\t') {
                if (key->len && key->data[key->len - 1] != ' ')
                    buf_addc(key, ' ');
            } else {
                buf_addc(key, *p);
            }
        }
        if (key->len && key->data[key->len - 1] == ' ')
            key->data[--key->len] = '\0';
        if (!key->len)
            rc = sk_fail(err, "empty phrase");
        *folded = rc == 0 && strcmp(key->data, phrase) != 0;
    }
    buf_release(&norm);
    return rc;
}

/* Loads one file; the header (or its absence) says what it holds. */
static int
load_file(const char *path, unsigned source, struct sk_err *err)
{
    struct lex_reader *r = lex_open(path, err);
    struct buf key = BUF_INIT;
    const char *kind;
    int more, rc = 0, folded, mods;
    double v;

    if (!r)
        return -1;
    kind = lex_kind(r);
    mods = kind && !strcmp(kind, "phrase\tkind\tvalue");
    if (kind && !mods && strcmp(kind, "phrase\tvalence")) {
        lex_close(r); /* a lexicon for another filter */
        return 0;
    }
    while (rc == 0 && (more = lex_next(r, err)) > 0) {
        if (lex_expect_fields(r, mods ? 3 : 2, kind ? (mods ? 3 : 2) : 0,
                              err) < 0 ||
            lex_number(r, mods ? 2 : 1, mods ? "value" : "valence", &v, err) <
                0) {
            rc = -1;
        } else if (phrase_key(lex_field(r, 0), &key, &folded, err) < 0) {
            char msg[sizeof(err->msg)];
            memcpy(msg, err->msg, sizeof(msg));
            rc = sk_fail(err, "%s: phrase '%s': %s", lex_where(r),
                         lex_field(r, 0), msg);
        } else if (!mods) {
            sentiment_lexicon_add_valence(lex, key.data, v, source, folded);
        } else if (sentiment_lexicon_add_modifier(
                       lex, key.data, lex_field(r, 1), v, err) < 0) {
            char msg[sizeof(err->msg)];
            memcpy(msg, err->msg, sizeof(msg));
            rc = sk_fail(err, "%s: %s", lex_where(r), msg);
        }
    }
    if (more < 0)
        rc = -1;
    buf_release(&key);
    lex_close(r);
    return rc;
}

/* ---- the stream ----------------------------------------------------------
 */

enum { C_DOC, C_SENT, C_START, C_END, C_TYPE, C_TOKEN, C_NORM, NCOLS };

/*
 * Where a token's token or norm string is: in its row's line as read (when
 * rows are kept and it has no escape), or in text.strs, unescaped.  The
 * strings are offsets until the text is scored, as text.strs may move.
 */
struct field_at {
    size_t off, len;
    int in_row;
};

/* The tokens of the text being gathered: a sentence, or a document. */
struct text {
    struct buf strs;     /* token and norm strings not in their rows */
    struct field_at *at; /* per token: token, then norm */
    struct sentiment_token *toks;
    struct sentiment_token_out *outs;
    /*
     * The rows, kept but with --whole (which would keep a document's):
     * token level writes them back, and tokens point into them.  Each
     * line is read straight into the next free row, so keeping a sentence
     * copies nothing.
     */
    struct tsv_row *rows;
    size_t n, cap;
};

static struct text text;
static struct sentiment_doc doc_mean;
static struct buf docid;  /* the document's id, unescaped */
static struct buf docraw; /* and as read, to compare lines with */
static struct buf docesc; /* and escaped, to write */
static int keep_rows;     /* see text.rows */
static size_t doc_tokens, doc_sents;
static long col[NCOLS];
static size_t col_valence, col_polarity;
/*
 * Token level with valence and polarity appended as the last columns (not
 * replacing input columns): each line is written as read plus the two
 * numbers, gathered in out and written once a sentence.
 */
static int append_columns;
static struct buf out;

/* Room for n tokens in the text. */
static void
text_reserve(size_t n)
{
    size_t old = text.cap, i;

    if (n <= text.cap)
        return;
    text.cap = text.cap ? 2 * text.cap : 256;
    text.at = xrealloc(text.at, 2 * text.cap * sizeof(*text.at));
    text.toks = xrealloc(text.toks, text.cap * sizeof(*text.toks));
    text.outs = xrealloc(text.outs, text.cap * sizeof(*text.outs));
    text.rows = xrealloc(text.rows, text.cap * sizeof(*text.rows));
    for (i = old; i < text.cap; i++)
        text.rows[i] = (struct tsv_row)TSV_ROW_INIT;
}

static void
text_clear(void)
{
    text.n = 0;
    buf_reset(&text.strs);
}

static void
text_release(void)
{
    size_t i;

    for (i = 0; i < text.cap; i++)
        tsv_row_release(&text.rows[i]);
    free(text.rows);
    free(text.at);
    free(text.toks);
    free(text.outs);
    buf_release(&text.strs);
    buf_release(&out);
    buf_release(&docid);
    buf_release(&docraw);
    buf_release(&docesc);
    memset(&text, 0, sizeof(text));
}

/*
 * The row to read the next line into: when rows are kept, the one after
 * the text's tokens, so that keeping it needs no copy.
 */
static struct tsv_row *
next_row(void)
{
    text_reserve(text.n + 1);
    return &text.rows[keep_rows ? text.n : 0];
}

static void
add_score(struct buf *b, double x, int decimals)
{
    char num[64];
    size_t len = sentiment_fmt(num, sizeof(num), x, decimals);

    buf_addc(b, '\t');
    buf_add(b, num, len);
}

/*
 * Writes a line of --level sentence or doc: the document's id, two counts
 * (sentence number or sentences, then tokens), and the scores.
 */
static void
put_scores(unsigned long count1, unsigned long count2,
           const struct sentiment_result *res)
{
    buf_reset(&out);
    buf_add(&out, docesc.data, docesc.len);
    buf_addc(&out, '\t');
    buf_add_ulong(&out, count1);
    buf_addc(&out, '\t');
    buf_add_ulong(&out, count2);
    add_score(&out, res->pos, 3);
    add_score(&out, res->neu, 3);
    add_score(&out, res->neg, 3);
    add_score(&out, res->compound, 4);
    buf_addc(&out, '\n');
    fwrite(out.data, 1, out.len, stdout);
}

static void
score_text(struct sentiment_result *res)
{
    size_t i;

    for (i = 0; i < text.n; i++) {
        const struct field_at *at = &text.at[2 * i];
        const char *line = text.rows[i].line.data;
        text.toks[i].token =
            (at[0].in_row ? line : text.strs.data) + at[0].off;
        text.toks[i].token_len = at[0].len;
        text.toks[i].norm = (at[1].in_row ? line : text.strs.data) + at[1].off;
        text.toks[i].norm_len = at[1].len;
    }
    sentiment_score(scorer, text.toks, text.n, res,
                    level == LEVEL_TOKEN ? text.outs : NULL);
}

/*
 * The valence as "%.10g" writes it, into buf (size 64); returns its
 * length.  A lexicon has few distinct values (VADER's are tenths), so the
 * text of each is remembered rather than formatted again.
 */
static size_t
valence_text(char *buf, double v)
{
    static struct {
        uint64_t bits;
        size_t len;
        char text[32];
    } cache[256];
    uint64_t bits;
    size_t slot;
    int n;

    memcpy(&bits, &v, sizeof(bits));
    slot = (size_t)((bits * 0x9E3779B97F4A7C15u) >> 56);
    if (cache[slot].len == 0 || cache[slot].bits != bits) {
        n = snprintf(buf, 64, "%.10g", v);
        if (n <= 0 || (size_t)n >= sizeof(cache[slot].text))
            return (size_t)(n > 0 ? n : 0);
        cache[slot].bits = bits;
        cache[slot].len = (size_t)n;
        memcpy(cache[slot].text, buf, (size_t)n + 1);
        return (size_t)n;
    }
    memcpy(buf, cache[slot].text, cache[slot].len + 1);
    return cache[slot].len;
}

/* Writes the text's rows with their valence and polarity. */
static void
put_token_rows(const struct tsv_reader *r)
{
    char val[64], pol[64];
    size_t i, vlen, plen;

    buf_reset(&out);
    for (i = 0; i < text.n; i++) {
        const struct tsv_row *row = &text.rows[i];
        vlen = plen = 0;
        val[0] = pol[0] = '\0';
        if (text.outs[i].has_valence) {
            vlen = valence_text(val, text.outs[i].valence);
            plen = sentiment_fmt(pol, sizeof(pol), text.outs[i].polarity, 4);
        }
        if (!append_columns) {
            tsv_row_set(&text.rows[i], col_valence, val, vlen);
            tsv_row_set(&text.rows[i], col_polarity, pol, plen);
            tsv_write_row(r, row, stdout);
            continue;
        }
        buf_grow(&out, row->line.len + vlen + plen + 3);
        if (row->line.len)
            memcpy(out.data + out.len, row->line.data, row->line.len);
        out.len += row->line.len;
        out.data[out.len++] = '\t';
        memcpy(out.data + out.len, val, vlen);
        out.len += vlen;
        out.data[out.len++] = '\t';
        memcpy(out.data + out.len, pol, plen);
        out.len += plen;
        out.data[out.len++] = '\n';
    }
    if (out.len)
        fwrite(out.data, 1, out.len, stdout);
}

/* The end of a sentence (of a document with --whole). */
static void
flush_sentence(const struct tsv_reader *r, unsigned long sent)
{
    struct sentiment_result res;

    if (text.n == 0 || whole)
        return;
    score_text(&res);
    if (level == LEVEL_TOKEN) {
        put_token_rows(r);
    } else if (level == LEVEL_SENTENCE) {
        put_scores(sent, text.n, &res);
    } else {
        sentiment_doc_add(&doc_mean, &res);
    }
    text_clear();
    if (unbuffered)
        fflush(stdout);
}

static void
flush_doc(const struct tsv_reader *r, int empty, const struct tsv_row *row)
{
    struct sentiment_result res;

    if (whole) {
        score_text(&res);
        text_clear();
    } else {
        flush_sentence(r, 0);
        sentiment_doc_mean(&doc_mean, &res);
    }
    if (level == LEVEL_TOKEN) {
        if (empty)
            tsv_write_row(r, row, stdout);
    } else if (level == LEVEL_SENTENCE) {
        if (empty) {
            tsv_put_field(stdout, docid.data, docid.len);
            fputs("\t0\t0\t0.000\t0.000\t0.000\t0.0000\n", stdout);
        }
    } else {
        put_scores(doc_sents, doc_tokens, &res);
    }
    doc_mean = (struct sentiment_doc)SENTIMENT_DOC_INIT;
    doc_sents = doc_tokens = 0;
    if (unbuffered)
        fflush(stdout);
    sk_check_stdout();
}

/* Whether row belongs to the current document. */
static int
is_current_doc(struct tsv_row *row)
{
    size_t len;
    const char *id = tsv_row_raw(row, (size_t)col[C_DOC], &len);

    if (len == docraw.len && !memcmp(id, docraw.data, len))
        return 1;
    /* The same id can be written two ways (a CR as is, or as \r). */
    id = tsv_row_get(row, (size_t)col[C_DOC], &len);
    return len == docid.len && !memcmp(id, docid.data, len);
}

static void
start_doc(struct tsv_row *row)
{
    size_t len;
    const char *id = tsv_row_raw(row, (size_t)col[C_DOC], &len);

    buf_reset(&docraw);
    buf_add(&docraw, id, len);
    id = tsv_row_get(row, (size_t)col[C_DOC], &len);
    buf_reset(&docid);
    buf_add(&docid, id, len);
    buf_reset(&docesc);
    tsv_escape(&docesc, id, len);
}

/*
 * Where field c of row is, unescaped: in the row itself when the row is
 * kept (see text.rows) and the field needs no unescaping, else copied to
 * the text's strings.
 */
static void
add_field(const struct tsv_row *row, long c, struct field_at *at)
{
    size_t rawlen;
    const char *raw = tsv_row_raw(row, (size_t)c, &rawlen);

    at->in_row = 0;
    if (row->has_escape && memchr(raw, '\\', rawlen)) {
        at->off = text.strs.len;
        (void)tsv_unescape(&text.strs, raw, rawlen); /* row_split checked */
        at->len = text.strs.len - at->off;
    } else if (keep_rows) {
        at->in_row = 1;
        at->off = (size_t)(raw - row->line.data);
        at->len = rawlen;
    } else {
        at->off = text.strs.len;
        buf_add(&text.strs, raw, rawlen);
        at->len = rawlen;
    }
}

/* Adds the token of row, which is text.rows[text.n] when rows are kept. */
static void
add_token(const struct tsv_row *row, long start, long prev_end)
{
    add_field(row, col[C_TOKEN], &text.at[2 * text.n]);
    add_field(row, col[C_NORM], &text.at[2 * text.n + 1]);
    text.toks[text.n].joined = prev_end >= 0 && start == prev_end;
    text.n++;
}

/*
 * Scores the token stream of the given files (standard input when none).
 * Returns SK_EXIT_OK, or SK_EXIT_FAIL after reporting a bad line, a
 * missing column or an unreadable file (the others go on).
 */
static int
score_inputs(char *const *paths, size_t npaths)
{
    static const char *const names[NCOLS] = {"doc",  "sent",  "start", "end",
                                             "type", "token", "norm"};
    struct tsv_reader *r = tsv_reader_open(paths, npaths);
    struct tsv_row *row;
    struct sk_err err;
    long sent = -1, tok = -1, prev_end = -1, col_tok;
    int got, have_doc = 0, i, status = SK_EXIT_OK;

    while ((got = tsv_read_header(r, &err)) == TSV_INPUT_FAILED) {
        sk_warn("%s", err.msg);
        status = SK_EXIT_FAIL;
    }
    if (got <= 0)
        goto done;
    for (i = 0; i < NCOLS; i++)
        if ((col[i] = tsv_require(r, names[i], "tokenize", &err)) < 0) {
            got = -1;
            goto done;
        }
    col_tok = tsv_find(r, "tok");
    col_valence = tsv_add_column(r, "valence");
    col_polarity = tsv_add_column(r, "polarity");
    keep_rows = !whole;
    append_columns = col_valence == tsv_ncols(r) &&
                     col_polarity == col_valence + 1 &&
                     tsv_out_ncols(r) == col_polarity + 1;
    if (level == LEVEL_TOKEN)
        tsv_write_header(r, stdout);
    else if (level == LEVEL_SENTENCE)
        fputs("doc\tsent\ttokens\tpos\tneu\tneg\tcompound\n", stdout);
    else
        fputs("doc\tsentences\ttokens\tpos\tneu\tneg\tcompound\n", stdout);
    while ((got = tsv_read_row(r, row = next_row(), &err)) != 0) {
        size_t len;
        const char *type;
        long sn, tn, start, end;
        int empty;

        if (got == TSV_INPUT_FAILED) {
            sk_warn("%s", err.msg);
            status = SK_EXIT_FAIL;
            continue;
        }
        if (got < 0)
            break;
        sn = tsv_row_long(row, (size_t)col[C_SENT]);
        tn = col_tok >= 0 ? tsv_row_long(row, (size_t)col_tok) : -1;
        start = tsv_row_long(row, (size_t)col[C_START]);
        end = tsv_row_long(row, (size_t)col[C_END]);
        type = tsv_row_raw(row, (size_t)col[C_TYPE], &len);
        empty = len == 5 && !memcmp(type, "empty", 5);
        if (sn < 0 || start < 0 || end < start) {
            got = sk_fail(&err, "%s:%lu: bad sent, start or end",
                          tsv_name(r), tsv_lineno(r));
            break;
        }
        /* the same file twice in a row: one id, numbers starting over */
        if (have_doc && (!is_current_doc(row) ||
                         !docpos_goes_on(sent, tok, sn, tn))) {
            flush_sentence(r, (unsigned long)sent);
            flush_doc(r, 0, NULL);
            have_doc = 0;
        }
        if (!have_doc) {
            start_doc(row);
            have_doc = 1;
            sent = -1;
            prev_end = -1;
        }
        tok = tn;
        if (empty) {
            flush_doc(r, 1, row);
            have_doc = 0;
            continue;
        }
        if (sn != sent) {
            flush_sentence(r, (unsigned long)sent);
            sent = sn;
            doc_sents++;
        }
        if (keep_rows && row != &text.rows[text.n]) {
            /* a flush emptied the text: the row becomes its first */
            struct tsv_row first = text.rows[text.n];
            text.rows[text.n] = *row;
            *row = first;
            row = &text.rows[text.n];
        }
        add_token(row, start, prev_end);
        doc_tokens++;
        prev_end = end;
    }
    if (got == 0 && have_doc) {
        flush_sentence(r, (unsigned long)sent);
        flush_doc(r, 0, NULL);
    }
done:
    if (got < 0) {
        sk_warn("%s", err.msg);
        status = SK_EXIT_FAIL;
    }
    text_release();
    tsv_reader_free(r);
    return status;
}

/* ---- main -----------------------------------------------------------------
 */

int
main(int argc, char **argv)
{
    const char *rels[] = {"sentiment/vader.tsv", "modifiers.tsv",
                          "sentiment/news-tech.tsv"};
    struct lex_search search;
    struct sk_err err;
    char **files;
    size_t nfiles, i;
    int opt, status, no_news = 0, level_set = 0;

    sk_set_progname(argv[0]);
    tsv_buffer_stdout();
    lex_search_init(&search, sk_exe_path(), SK_DATADIR);
    while ((opt = getopt_long(argc, argv, "e:wNL:l:nuh", longopts, NULL)) !=
           -1) {
        switch (opt) {
        case 'e':
            level_set = 1;
            if (!strcmp(optarg, "token"))
                level = LEVEL_TOKEN;
            else if (!strcmp(optarg, "sentence"))
                level = LEVEL_SENTENCE;
            else if (!strcmp(optarg, "doc"))
                level = LEVEL_DOC;
            else
                sk_usage_error("--level: '%s' is not token, sentence or doc",
                               optarg);
            break;
        case 'w':
            whole = 1;
            break;
        case 'N':
            no_news = 1;
            break;
        case 'L':
        case 'l':
            lex_search_add(&search, optarg);
            break;
        case 'n':
            search.no_default = 1;
            break;
        case 'u':
            unbuffered = 1;
            break;
        case 'h':
            lex_search_release(&search);
            fputs(usage_text, stdout);
            return sk_close_stdout();
        case 'V':
            lex_search_release(&search);
            sk_print_version();
        default:
            lex_search_release(&search);
            return sk_try_help();
        }
    }
    if (whole && level_set && level != LEVEL_DOC)
        sk_usage_error("--whole goes with --level doc");
    if (whole)
        level = LEVEL_DOC;
    lex_search_env(&search, getenv("STANCEKIT_LEXICONS"));

    lex = sentiment_lexicon_new();
    if (lex_search_files(&search, rels, no_news ? 2 : 3, 1, &files, &nfiles,
                         &err) < 0)
        sk_die(SK_EXIT_FAIL, "%s", err.msg);
    for (i = 0; i < nfiles; i++)
        if (load_file(files[i], (unsigned)i, &err) < 0)
            sk_die(SK_EXIT_FAIL, "%s", err.msg);
    if (sentiment_lexicon_nvalences(lex) == 0)
        sk_die(SK_EXIT_FAIL, "no sentiment lexicon loaded (give one with -l "
                             "or -L)");
    /* --whole is VADER's text score: its case-sensitive modifiers too. */
    scorer = sentiment_scorer_new(lex, whole ? SENTIMENT_CASE_SENSITIVE : 0);

    status = score_inputs(argv + optind, (size_t)(argc - optind));
    sentiment_scorer_free(scorer);
    sentiment_lexicon_free(lex);
    lex_search_release(&search);
    if (sk_close_stdout() != SK_EXIT_OK)
        status = SK_EXIT_FAIL;
    return status;
}
