/* Unit tests for lib/tsv: header, columns by name, escapes, pass-through. */
#include "tsv.h"

#include "tap.h"

#include <unistd.h>

static FILE *
input(const char *text)
{
    FILE *fp = tmpfile();

    if (!fp)
        bail("tmpfile failed");
    fputs(text, fp);
    rewind(fp);
    return fp;
}

/* Runs a pass-through filter that sets column 'x' to "v" on every row. */
static char *
run_filter(const char *text, int *status, struct sk_err *err)
{
    FILE *in = input(text), *out = tmpfile();
    struct tsv_reader *r = tsv_reader_new(in, "in");
    struct tsv_row row = TSV_ROW_INIT;
    static char result[4096];
    size_t col, n;
    int rc;

    *status = 0;
    rc = tsv_read_header(r, err);
    if (rc > 0) {
        col = tsv_add_column(r, "x");
        tsv_write_header(r, out);
        while ((rc = tsv_read_row(r, &row, err)) > 0) {
            tsv_row_sets(&row, col, "v");
            tsv_write_row(r, &row, out);
        }
    }
    *status = rc;
    rewind(out);
    n = fread(result, 1, sizeof(result) - 1, out);
    result[n] = '\0';
    fclose(out);
    fclose(in);
    tsv_row_release(&row);
    tsv_reader_free(r);
    return result;
}

int
main(void)
{
    struct sk_err err;
    struct buf b = BUF_INIT;
    struct tsv_row row = TSV_ROW_INIT;
    struct tsv_reader *r;
    FILE *in;
    int status;
    const char *s;
    size_t len;

    plan(34);

    is_string("a\tb\tx\n1\t2\tv\n", run_filter("a\tb\n1\t2\n", &status, &err),
              "appends a new column");
    is_string("a\tx\tb\n1\tv\t2\n",
              run_filter("a\tx\tb\n1\told\t2\n", &status, &err),
              "replaces an existing column in place");
    is_string("a\tx\n\\\\q\\t\tv\n",
              run_filter("a\n\\\\q\\t\n", &status, &err),
              "passes escaped fields through byte for byte");
    is_string("a\tx\n1\tv\n2\tv\n",
              run_filter("a\n1\na\n2\n", &status, &err),
              "skips a repeated identical header");
    run_filter("a\tb\n1\t2\na\tb\tc\n", &status, &err);
    ok(status < 0 && strstr(err.msg, "in:3: a different header"),
       "a different header mid-stream is an error: %s", err.msg);
    run_filter("a\tb\n1\t2\n1\t2\t3\n", &status, &err);
    is_string("in:3: expected 2 fields, got 3", err.msg,
              "an extra field names file, line and counts");
    run_filter("a\tb\n1\n", &status, &err);
    is_string("in:2: expected 2 fields, got 1", err.msg, "a missing field");
    is_string("a\tx\n1\tv\n", run_filter("a\r\n1\r\n", &status, &err),
              "CRLF input gives LF output");
    is_string("a\tx\n1\tv\n", run_filter("a\n1", &status, &err),
              "a missing final newline is fine");
    is_string("", run_filter("", &status, &err), "empty input, no output");
    ok(status == 0, "empty input is not an error");
    is_string("a\tx\n", run_filter("a\n", &status, &err),
              "header-only input gives a header");
    run_filter("a\n\\q\n", &status, &err);
    ok(status < 0 && strstr(err.msg, "in:2: field 1 has an unknown escape"),
       "unknown escape: %s", err.msg);
    run_filter("a\n1\\\n", &status, &err);
    ok(status < 0 && strstr(err.msg, "lone backslash"),
       "a lone backslash at the end: %s", err.msg);
    run_filter("a\n\xc0\xaf\n", &status, &err);
    ok(status < 0 && strstr(err.msg, "in:2: invalid UTF-8 at byte 1"),
       "overlong UTF-8: %s", err.msg);
    run_filter("a\n\xed\xa0\x80\n", &status, &err);
    ok(status < 0 && strstr(err.msg, "invalid UTF-8"), "a surrogate");
    run_filter("a\tb\tb\n", &status, &err);
    ok(status < 0 && strstr(err.msg, "duplicate column 'b'"),
       "duplicate column names: %s", err.msg);
    is_string("a\tx\n1\tv\n", run_filter("\xef\xbb\xbf" "a\n1\n", &status,
                                         &err),
              "a BOM before the header is dropped");

    tsv_unescape(&b, "a\\tb\\\\c\\nd", 11);
    is_string("a\tb\\c\nd", b.data, "unescape");
    buf_reset(&b);
    ok(tsv_unescape(&b, "a\\x", 3) < 0, "unescape rejects \\x");
    buf_reset(&b);
    tsv_escape(&b, "a\tb\\c\nd\r", 9);
    is_string("a\\tb\\\\c\\nd\\r", b.data, "escape");

    in = input("doc\tnorm\tn\nd\ta\\tb\t42\n");
    r = tsv_reader_new(in, "in");
    tsv_read_header(r, &err);
    is_int(1, tsv_find(r, "norm"), "find a column by name");
    is_int(-1, tsv_find(r, "stem"), "a missing column is -1");
    ok(tsv_require(r, "polarity", "sentiment-score", &err) < 0 &&
           strcmp(err.msg, "in: input has no 'polarity' column; run "
                           "sentiment-score first") == 0,
       "a required column names the filter to run: %s", err.msg);
    tsv_read_row(r, &row, &err);
    s = tsv_row_get(&row, 1, &len);
    ok(len == 3 && memcmp(s, "a\tb", 3) == 0, "get unescapes a field");
    s = tsv_row_raw(&row, 1, &len);
    ok(len == 4 && memcmp(s, "a\\tb", 4) == 0, "raw keeps the escapes");
    is_int(42, tsv_row_long(&row, 2), "a number field");
    {
        /* pointers from tsv_row_get stay put while other fields decode */
        const char *first = tsv_row_get(&row, 0, NULL);
        const char *second = tsv_row_get(&row, 1, NULL);

        tsv_row_get(&row, 2, NULL);
        ok(first == tsv_row_get(&row, 0, NULL) && strcmp(first, "d") == 0 &&
               strcmp(second, "a\tb") == 0,
           "decoded fields do not move");
    }
    tsv_reader_free(r);
    fclose(in);

    {
        /* several files as one stream */
        char dir[] = "/tmp/sk-tsv-XXXXXX", a[64], e[64], c[64], d[64];
        char *paths[5];
        FILE *fp;
        int rc;

        if (!mkdtemp(dir))
            bail("mkdtemp failed");
        snprintf(a, sizeof(a), "%s/a", dir);
        snprintf(e, sizeof(e), "%s/empty", dir);
        snprintf(c, sizeof(c), "%s/c", dir);
        snprintf(d, sizeof(d), "%s/missing", dir);
        fp = fopen(a, "w"), fputs("x\ty\n1\t2\n", fp), fclose(fp);
        fp = fopen(e, "w"), fclose(fp);
        fp = fopen(c, "w"), fputs("x\ty\n3\t4\n5\t6\t7\n", fp), fclose(fp);
        paths[0] = e, paths[1] = a, paths[2] = d, paths[3] = c;
        r = tsv_reader_open(paths, 4);
        ok(tsv_read_header(r, &err) == 1 && tsv_find(r, "y") == 1,
           "an empty first file: the header comes from the next");
        ok(tsv_read_row(r, &row, &err) == 1 &&
               strcmp(tsv_row_get(&row, 0, NULL), "1") == 0,
           "the first file's row");
        rc = tsv_read_row(r, &row, &err);
        ok(rc == TSV_INPUT_FAILED && strstr(err.msg, "missing: No such"),
           "a missing file is reported: %s", err.msg);
        ok(tsv_read_row(r, &row, &err) == 1 &&
               strcmp(tsv_row_get(&row, 0, NULL), "3") == 0 &&
               strcmp(tsv_name(r), c) == 0,
           "and the next file goes on, its header skipped");
        ok(tsv_read_row(r, &row, &err) == -1 &&
               strstr(err.msg, "/c:3: expected 2 fields, got 3") != NULL,
           "errors name the current file and its line: %s", err.msg);
        tsv_reader_free(r);
        fp = fopen(e, "w"), fputs("x\tz\n", fp), fclose(fp);
        paths[0] = a, paths[1] = e;
        r = tsv_reader_open(paths, 2);
        tsv_read_header(r, &err);
        tsv_read_row(r, &row, &err);
        ok(tsv_read_row(r, &row, &err) == -1 &&
               strstr(err.msg, "empty:1: header differs from the first"),
           "a later file with another header: %s", err.msg);
        tsv_reader_free(r);
        remove(a), remove(e), remove(c), rmdir(dir);
    }
    tsv_row_release(&row);
    buf_release(&b);
    return tap_done();
}
