/*
 * stem: add a 'stem' column to a token stream: the Snowball stem of each
 * word's norm (libstemmer), the norm itself for every other token.
 */
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

/*
 * Stems the token stream of the given files (standard input when none).
 * Returns SK_EXIT_OK, or SK_EXIT_FAIL after reporting a bad line, a
 * missing column or a file that could not be read (the others go on).
 */
static int
stem_inputs(char *const *paths, size_t npaths)
{
    struct tsv_reader *r = tsv_reader_open(paths, npaths);
    struct tsv_row row = TSV_ROW_INIT;
    struct sk_err err;
    long ncol, tcol;
    size_t scol, len, slen, raw_len;
    unsigned long n = 0;
    int rc, status = SK_EXIT_OK;

    while ((rc = tsv_read_header(r, &err)) == TSV_INPUT_FAILED) {
        sk_warn("%s", err.msg);
        status = SK_EXIT_FAIL;
    }
    if (rc > 0 && (ncol = tsv_require(r, "norm", "tokenize", &err)) < 0)
        rc = -1;
    if (rc <= 0)
        goto done;
    tcol = tsv_find(r, "type");
    scol = tsv_add_column(r, "stem");
    if (!unbuffered)
        tsv_gather_output(r, stdout);
    tsv_write_header(r, stdout);
    while ((rc = tsv_read_row(r, &row, &err)) != 0) {
        const char *norm, *type;

        if (rc == TSV_INPUT_FAILED) {
            sk_warn("%s", err.msg);
            status = SK_EXIT_FAIL;
            continue;
        }
        if (rc < 0)
            break;
        norm = tsv_row_value(&row, (size_t)ncol, &len);
        type = tcol >= 0 ? tsv_row_raw(&row, (size_t)tcol, &raw_len) : NULL;
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
done:
    if (rc < 0) {
        sk_warn("%s", err.msg);
        status = SK_EXIT_FAIL;
    }
    tsv_row_release(&row);
    tsv_reader_free(r);
    return status;
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
    int opt, status;

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
            return sk_try_help();
        }
    }
    if (!(sc = stemcache_new(lang, STEMCACHE_DEFAULT_SLOTS, &err)))
        sk_usage_error("--language: %s; see --list-languages", err.msg);
    status = stem_inputs(argv + optind, (size_t)(argc - optind));
    stemcache_free(sc);
    if (sk_close_stdout() != SK_EXIT_OK)
        status = SK_EXIT_FAIL;
    return status;
}
