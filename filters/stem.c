/*
 * stem: add a 'stem' column to a token stream: the Snowball stem of each
 * word's norm (libstemmer), the norm itself for every other token.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stemcache.h"
#include "tsv.h"
#include "util.h"

static const char usage_text[] =
    "usage: stem [--language LANG] [FILE...]\n"
    "       stem --list-languages\n"
    "\n"
    "Add a 'stem' column to a token stream (the output of tokenize): the\n"
    "Snowball stem of the 'norm' column for tokens of type 'word', the norm\n"
    "unchanged for every other token.  An existing 'stem' column is\n"
    "replaced in place.  With no FILE, or '-', standard input is read.\n"
    "\n"
    "  -s, --language LANG   Snowball algorithm (default english)\n"
    "      --list-languages  list the algorithms and exit\n"
    "  -u, --unbuffered      flush after each line\n"
    "  -h, --help            show this help and exit\n"
    "      --version         show the version and exit\n";

enum { OPT_LIST = 256, OPT_VERSION };

static const struct option longopts[] = {
    {"language", required_argument, NULL, 's'},
    {"list-languages", no_argument, NULL, OPT_LIST},
    {"unbuffered", no_argument, NULL, 'u'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static struct stemcache *sc;
static int unbuffered;
static char **first_cols; /* the first input's columns, to compare */
static size_t first_ncols;
static int header_written;

/*
 * A later file must have the columns of the first, so that the output
 * stays one table.  Returns 0 or -1 with a message already printed.
 */
static int
check_header(struct tsv_reader *r)
{
    size_t i, n = tsv_ncols(r);

    if (!first_cols) {
        first_cols = xcalloc(n, sizeof(*first_cols));
        for (i = 0; i < n; i++)
            first_cols[i] = xstrdup(tsv_colname(r, i));
        first_ncols = n;
        return 0;
    }
    for (i = 0; i < n && i < first_ncols; i++)
        if (strcmp(first_cols[i], tsv_colname(r, i)) != 0)
            break;
    if (i < n || n != first_ncols) {
        sk_warn("%s:1: header differs from the first input's", tsv_name(r));
        return -1;
    }
    return 0;
}

static int
stem_stream(FILE *fp, const char *name)
{
    struct tsv_reader *r = tsv_reader_new(fp, name);
    struct tsv_row row = TSV_ROW_INIT;
    struct sk_err err;
    long ncol, tcol;
    size_t scol, len, slen, raw_len;
    unsigned long n = 0;
    int rc;

    if ((rc = tsv_read_header(r, &err)) <= 0) {
        if (rc < 0)
            sk_warn("%s", err.msg);
        tsv_reader_free(r);
        return rc;
    }
    if ((ncol = tsv_require(r, "norm", "tokenize", &err)) < 0) {
        sk_warn("%s", err.msg);
        tsv_reader_free(r);
        return -1;
    }
    tcol = tsv_find(r, "type");
    scol = tsv_add_column(r, "stem");
    if (check_header(r) < 0) {
        tsv_reader_free(r);
        return -1;
    }
    if (!header_written) {
        tsv_write_header(r, stdout);
        header_written = 1;
    }
    while ((rc = tsv_read_row(r, &row, &err)) > 0) {
        const char *norm = tsv_row_get(&row, (size_t)ncol, &len);
        const char *type =
            tcol >= 0 ? tsv_row_raw(&row, (size_t)tcol, &raw_len) : NULL;

        if (!type || (raw_len == 4 && memcmp(type, "word", 4) == 0)) {
            const char *st = stemcache_stem(sc, norm, len, &slen);

            if (!st)
                sk_die(SK_EXIT_FAIL, "out of memory");
            tsv_row_set(&row, scol, st, slen);
        } else {
            tsv_row_set(&row, scol, norm, len);
        }
        tsv_write_row(r, &row, stdout);
        if (unbuffered)
            fflush(stdout);
        if ((++n & 0xffff) == 0)
            sk_check_stdout();
    }
    if (rc < 0)
        sk_warn("%s", err.msg);
    tsv_row_release(&row);
    tsv_reader_free(r);
    return rc;
}

static int
stem_file(const char *path)
{
    FILE *fp;
    int rc;

    if (strcmp(path, "-") == 0)
        return stem_stream(stdin, "<stdin>");
    if (!(fp = fopen(path, "r"))) {
        sk_warn("%s: %s", path, strerror(errno));
        return -1;
    }
    rc = stem_stream(fp, path);
    fclose(fp);
    return rc;
}

static int
list_languages(void)
{
    const char **l;

    for (l = stemcache_languages(); *l; l++)
        puts(*l);
    return sk_close_stdout();
}

int
main(int argc, char **argv)
{
    const char *lang = "english";
    struct sk_err err;
    int opt, i, status = SK_EXIT_OK;
    size_t k;

    sk_set_progname(argv[0]);
    while ((opt = getopt_long(argc, argv, "s:uh", longopts, NULL)) != -1) {
        switch (opt) {
        case 's':
            lang = optarg;
            break;
        case OPT_LIST:
            return list_languages();
        case 'u':
            unbuffered = 1;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return sk_close_stdout();
        case OPT_VERSION:
            sk_print_version();
        default:
            fprintf(stderr, "Try '%s --help' for more information.\n",
                    sk_progname());
            return SK_EXIT_USAGE;
        }
    }
    if (!(sc = stemcache_new(lang, STEMCACHE_DEFAULT_SLOTS, &err)))
        sk_usage_error("--language: %s; see --list-languages", err.msg);
    if (optind == argc && stem_file("-") < 0)
        status = SK_EXIT_FAIL;
    for (i = optind; i < argc; i++)
        if (stem_file(argv[i]) < 0)
            status = SK_EXIT_FAIL;
    stemcache_free(sc);
    for (k = 0; k < first_ncols; k++)
        free(first_cols[k]);
    free(first_cols);
    if (sk_close_stdout() != SK_EXIT_OK)
        status = SK_EXIT_FAIL;
    return status;
}
