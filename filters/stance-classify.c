/*
 * stance-classify: label each document of a token stream optimistic,
 * skeptical or neutral towards a topic's question, with the evidence.
 * The model is lib/stance; this file reads the stream, loads the topic
 * lexicon and writes the results.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "docpos.h"
#include "lexicon.h"
#include "stance.h"
#include "stemcache.h"
#include "text.h"
#include "tsv.h"
#include "util.h"

static const char usage_text[] =
    "usage: stance-classify [-t TOPIC] [-e] [options] [FILE...]\n"
    "\n"
    "Read a token stream with stem, entity_id and polarity columns (tokenize\n"
    "| stem | entity-tag | sentiment-score) and write one line per document:\n"
    "doc label score confidence tokens sentences evidence.\n"
    "\n"
    "  -t, --topic NAME|FILE   topic lexicon: a bundled name (topics/NAME.tsv)\n"
    "                          or a file (default china-chips)\n"
    "  -e, --explain           one line per sentence with its contribution,\n"
    "                          then one line per document\n"
    "  -T, --threshold X       |score| below X is neutral (default 0.05)\n"
    "  -k, --evidence N        strongest cues to show (default 5)\n"
    "  -s, --language LANG     Snowball language for lexicon phrases\n"
    "                          (default english; as given to stem)\n"
    "  -L, --lexicons DIR      add a lexicon folder (topics/NAME.tsv in it)\n"
    "  -l, --lexicon FILE      add a topic lexicon file on top\n"
    "  -n, --no-default-lexicons  only the lexicons given by -L, -l, -t\n"
    "                          and STANCEKIT_LEXICONS\n"
    "  -u, --unbuffered        flush after each document\n"
    "  -h, --help              show this help and exit\n"
    "      --version           show the version and exit\n";

static const struct option longopts[] = {
    {"topic", required_argument, NULL, 't'},
    {"explain", no_argument, NULL, 'e'},
    {"threshold", required_argument, NULL, 'T'},
    {"evidence", required_argument, NULL, 'k'},
    {"language", required_argument, NULL, 's'},
    {"lexicons", required_argument, NULL, 'L'},
    {"lexicon", required_argument, NULL, 'l'},
    {"no-default-lexicons", no_argument, NULL, 'n'},
    {"unbuffered", no_argument, NULL, 'u'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static int explain, unbuffered;
static size_t nevidence = 5;

/* ---- reading the stream ------------------------------------------------ */

enum { C_DOC, C_SENT, C_TYPE, C_TOK, C_TOKEN, C_START, C_END, C_STEM, C_ENT,
       C_POL, NCOLS };

/* Whether field s of length len is the string literal lit. */
#define FIELD_IS(s, len, lit) \
    ((len) == sizeof(lit) - 1 && memcmp((s), (lit), sizeof(lit) - 1) == 0)

/*
 * The polarity column of row into *v (0 when empty).  Returns 0, or -1
 * when it is not a number.
 */
static int
polarity(struct tsv_row *row, long col, double *v)
{
    size_t len;
    char *end;
    *v = 0;
    tsv_row_value(row, (size_t)col, &len);
    if (len == 0)
        return 0;
    const char *s = tsv_row_get(row, (size_t)col, NULL);
    errno = 0;
    *v = strtod(s, &end);
    return errno || *end || !isfinite(*v) ? -1 : 0;
}

static void
put_field(struct buf *b, const char *s)
{
    tsv_escape(b, s, strlen(s));
}

/*
 * A sentence's numbers for --explain, formatted once (buf_addf formats
 * twice, and %.2f is most of --explain's cost).
 */
static void
put_sentence_numbers(struct buf *out, size_t i,
                     const struct stance_sentence *s)
{
    static const char fmt[] = "\t%zu\t%s\t%.2f\t%.2f\t%.2f\t";
    const char *role = stance_role_name(s->role);
    char tmp[128];
    int n = snprintf(tmp, sizeof(tmp), fmt, i, role, s->weight, s->raw,
                     s->contribution);
    if (n >= 0 && (size_t)n < sizeof(tmp))
        buf_add(out, tmp, (size_t)n);
    else /* huge weights */
        buf_addf(out, fmt, i, role, s->weight, s->raw, s->contribution);
}

static void
document_done(struct stance_doc *d, const char *doc, struct buf *out)
{
    struct stance_result r;
    struct buf ev = BUF_INIT;
    stance_doc_finish(d, &r);
    stance_doc_evidence(d, nevidence, &ev);
    buf_reset(out);
    if (explain) {
        for (size_t i = 0; i < stance_doc_sentences(d); i++) {
            struct stance_sentence s;
            struct buf se = BUF_INIT;
            stance_doc_sentence(d, i, &s, &se);
            put_field(out, doc);
            put_sentence_numbers(out, i + 1, &s);
            put_field(out, se.data ? se.data : "");
            buf_addc(out, '\t');
            put_field(out, s.text);
            buf_addc(out, '\n');
            buf_release(&se);
        }
        put_field(out, doc);
        buf_addf(out, "\t-\t%s\t%.3f\t%.3f\t%.2f\t",
                 stance_label_name(r.label), r.confidence, r.score,
                 r.pos - r.neg);
        put_field(out, ev.data ? ev.data : "");
        buf_adds(out, "\t\n");
    } else {
        put_field(out, doc);
        buf_addf(out, "\t%s\t%.3f\t%.3f\t%zu\t%zu\t",
                 stance_label_name(r.label), r.score, r.confidence,
                 r.tokens, r.sentences);
        put_field(out, ev.data ? ev.data : "");
        buf_addc(out, '\n');
    }
    fwrite(out->data, 1, out->len, stdout);
    if (unbuffered)
        fflush(stdout);
    buf_release(&ev);
    stance_doc_reset(d);
}

/*
 * Classifies the documents of the given files (standard input when none).
 * Returns SK_EXIT_OK, or SK_EXIT_FAIL after reporting a bad line, a
 * missing column or an unreadable file (the others go on).
 */
static int
classify(char *const *paths, size_t npaths, struct stance_doc *d)
{
    static const char *const names[NCOLS] = {
        "doc", "sent", "type", "tok", "token", "start", "end",
        "stem", "entity_id", "polarity"};
    static const char *const first[NCOLS] = {
        "tokenize", "tokenize", "tokenize", "tokenize", "tokenize",
        "tokenize", "tokenize", "stem", "entity-tag", "sentiment-score"};
    struct tsv_reader *r = tsv_reader_open(paths, npaths);
    struct tsv_row row = TSV_ROW_INIT;
    struct docpos pos = DOCPOS_INIT;
    struct buf out = BUF_INIT;
    struct sk_err err;
    long col[NCOLS];
    int rc = SK_EXIT_OK, got;

    while ((got = tsv_read_header(r, &err)) == TSV_INPUT_FAILED) {
        sk_warn("%s", err.msg);
        rc = SK_EXIT_FAIL;
    }
    if (got < 0)
        goto bad;
    if (got == 0)
        goto done;
    /* in pipeline order, so the message names the first filter missing;
     * tok, token, start and end are optional (the text in --explain) */
    for (int i = 0; i < NCOLS; i++)
        if ((col[i] = tsv_find(r, names[i])) < 0 &&
            (i < C_TOK || i >= C_STEM)) {
            tsv_require(r, names[i], first[i], &err);
            goto bad;
        }
    fputs(explain ? "doc\tsent\trole\tweight\tscore\tcontribution\t"
                    "evidence\ttext\n"
                  : "doc\tlabel\tscore\tconfidence\ttokens\tsentences\t"
                    "evidence\n",
          stdout);
    while ((got = tsv_read_row(r, &row, &err)) != 0) {
        size_t len;
        if (got == TSV_INPUT_FAILED) {
            sk_warn("%s", err.msg);
            rc = SK_EXIT_FAIL;
            continue;
        }
        if (got < 0)
            goto bad;
        const char *docid = tsv_row_value(&row, (size_t)col[C_DOC], &len);
        long sn = tsv_row_long(&row, col[C_SENT]);
        if (sn < 0) {
            sk_fail(&err, "%s:%lu: sent '%s' is not a number", tsv_name(r),
                    tsv_lineno(r), tsv_row_get(&row, col[C_SENT], NULL));
            goto bad;
        }
        long tn = col[C_TOK] >= 0 ? tsv_row_long(&row, col[C_TOK]) : -1;
        switch (docpos_step(&pos, docid, len, sn, tn)) {
        case DOCPOS_NEW_DOCUMENT:
            if (pos.started) {
                document_done(d, docpos_doc(&pos), &out);
                sk_check_stdout();
            }
            stance_doc_end_sentence(d);
            break;
        case DOCPOS_NEW_SENTENCE:
            stance_doc_end_sentence(d);
            break;
        case DOCPOS_SAME_SENTENCE:
            break;
        }
        docpos_move(&pos, docid, len, sn, tn);
        size_t tlen;
        const char *type = tsv_row_value(&row, (size_t)col[C_TYPE], &tlen);
        if (FIELD_IS(type, tlen, "empty")) {
            docpos_end_document(&pos);
            continue;
        }
        struct stance_row tok = {.surface = NULL};
        if (polarity(&row, col[C_POL], &tok.polarity) < 0) {
            sk_fail(&err, "%s:%lu: polarity '%s' is not a number", tsv_name(r),
                    tsv_lineno(r), tsv_row_get(&row, col[C_POL], NULL));
            goto bad;
        }
        tok.key = tsv_row_value(&row, (size_t)col[C_STEM], &tok.key_len);
        tok.entity_id =
            tsv_row_value(&row, (size_t)col[C_ENT], &tok.entity_id_len);
        tok.is_word = FIELD_IS(type, tlen, "word") ||
                      FIELD_IS(type, tlen, "number");
        if (explain && col[C_TOKEN] >= 0) { /* the text is shown there only */
            tok.surface =
                tsv_row_value(&row, (size_t)col[C_TOKEN], &tok.surface_len);
            tok.start =
                col[C_START] >= 0 ? tsv_row_long(&row, col[C_START]) : -1;
            tok.end = col[C_END] >= 0 ? tsv_row_long(&row, col[C_END]) : -1;
        }
        stance_doc_add_row(d, &tok);
    }
    if (pos.started)
        document_done(d, docpos_doc(&pos), &out);
    goto done;
bad:
    sk_warn("%s", err.msg);
    rc = SK_EXIT_FAIL;
    stance_doc_reset(d);
done:
    tsv_row_release(&row);
    tsv_reader_free(r);
    docpos_release(&pos);
    buf_release(&out);
    return rc;
}

/* ---- main -------------------------------------------------------------- */

static double
parse_number(const char *opt, const char *s, double lo)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !*s || !isfinite(v) || v < lo)
        sk_usage_error("%s: '%s' is not a number >= %g", opt, s, lo);
    return v;
}

int
main(int argc, char **argv)
{
    const char *topic = "china-chips", *lang = "english";
    struct lex_search search;
    struct stance_params params;
    struct sk_err err;
    int opt, status;

    sk_set_progname(argv[0]);
    tsv_buffer_stdout();
    stance_params_init(&params);
    lex_search_init(&search, sk_exe_path(), SK_DATADIR);
    while ((opt = getopt_long(argc, argv, "t:eT:k:s:L:l:nuh", longopts,
                              NULL)) != -1) {
        switch (opt) {
        case 't': topic = optarg; break;
        case 'e': explain = 1; break;
        case 'T': params.threshold = parse_number("--threshold", optarg, 0); break;
        case 'k': nevidence = (size_t)parse_number("--evidence", optarg, 0); break;
        case 's': lang = optarg; break;
        case 'L': case 'l': lex_search_add(&search, optarg); break;
        case 'n': search.no_default = 1; break;
        case 'u': unbuffered = 1; break;
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
    lex_search_env(&search, getenv("STANCEKIT_LEXICONS"));

    struct stemcache *st = stemcache_new(lang, 0, &err);
    if (!st)
        sk_usage_error("--language: no Snowball stemmer for '%s'", lang);
    struct tokenizer *tk = tokenizer_new(&err);
    if (!tk)
        sk_die(SK_EXIT_FAIL, "%s", err.msg);

    /* The topic: a file as given, or topics/NAME.tsv from every root. */
    struct stance_topic *t = stance_topic_new();
    struct buf rel = BUF_INIT;
    int is_file = strchr(topic, '/') || strstr(topic, ".tsv");
    buf_addf(&rel, "topics/%s.tsv", topic);
    const char *const rels[] = {rel.data};
    char **files;
    size_t nfiles, loaded = 0;
    if (is_file && stance_topic_load(t, topic, tk, st, &err) < 0)
        sk_die(SK_EXIT_FAIL, "%s", err.msg);
    if (lex_search_files(&search, rels, 1, 0, &files, &nfiles, &err) < 0)
        sk_die(SK_EXIT_FAIL, "%s", err.msg);
    for (size_t i = 0; i < nfiles; i++) {
        if (!stance_is_topic(files[i])) /* a lexicon for another filter */
            continue;
        if (stance_topic_load(t, files[i], tk, st, &err) < 0)
            sk_die(SK_EXIT_FAIL, "%s", err.msg);
        loaded++;
    }
    if (!is_file && loaded == 0)
        sk_die(SK_EXIT_FAIL, "no topic '%s' found (looked for %s in %s and "
               "-L/-l); give a file with --topic FILE", topic, rel.data,
               search.no_default ? "no default folder" : search.bundled);
    buf_release(&rel);

    struct stance_doc *d = stance_doc_new(t, &params);
    status = classify(argv + optind, (size_t)(argc - optind), d);
    stance_doc_free(d);
    stance_topic_free(t);
    tokenizer_free(tk);
    stemcache_free(st);
    lex_search_release(&search);
    if (sk_close_stdout() != SK_EXIT_OK)
        status = SK_EXIT_FAIL;
    return status;
}
