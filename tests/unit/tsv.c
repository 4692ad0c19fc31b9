/* Unit tests for lib/tsv: header, columns by name, escapes, pass-through. */
#include "tsv.h"

#include "tap.h"
#include "utf8.h"

#include <fcntl.h>
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

/*
 * Runs the same pass-through filter as run_filter over text of len bytes,
 * reading blocks of block bytes (0: the default), with the rows gathered
 * (tsv_gather_output) when gather is set.  Returns the output (malloc'd)
 * or, when a read fails, the message.
 */
static char *
run_blocks(const char *text, size_t len, size_t block, int gather)
{
    FILE *in = tmpfile(), *out = tmpfile();
    struct tsv_reader *r;
    struct tsv_row row = TSV_ROW_INIT;
    struct sk_err err;
    struct buf result = BUF_INIT;
    char chunk[4096];
    size_t col, n;
    int rc;

    if (!in || !out)
        bail("tmpfile failed");
    fwrite(text, 1, len, in);
    rewind(in);
    r = tsv_reader_new(in, "in");
    if (block)
        tsv_reader_set_block_size(r, block);
    if (gather)
        tsv_gather_output(r, out);
    rc = tsv_read_header(r, &err);
    if (rc > 0) {
        col = tsv_add_column(r, "x");
        tsv_write_header(r, out);
        while ((rc = tsv_read_row(r, &row, &err)) > 0) {
            tsv_row_sets(&row, col, "v");
            tsv_write_row(r, &row, out);
        }
    }
    tsv_row_release(&row);
    tsv_reader_free(r); /* flushes what is gathered */
    rewind(out);
    while ((n = fread(chunk, 1, sizeof(chunk), out)) > 0)
        buf_add(&result, chunk, n);
    fclose(out);
    fclose(in);
    if (rc < 0) {
        buf_reset(&result);
        buf_adds(&result, err.msg);
    }
    return result.data ? result.data : calloc(1, 1);
}

/* A small deterministic generator (xorshift), for the random lines. */
static unsigned long long rand_state = 88172645463325252ull;

static unsigned
next_rand(unsigned n)
{
    rand_state ^= rand_state << 13;
    rand_state ^= rand_state >> 7;
    rand_state ^= rand_state << 17;
    return (unsigned)(rand_state % n);
}

/*
 * What DESIGN.md and tsv.h say of a line, written out plainly: its fields
 * unescaped (NUL-separated in vals, *nf of them), or the message for a bad
 * one (UTF-8 first, then NUL, then escapes field by field).
 */
static int
reference_line(const char *s, size_t len, struct buf *vals, size_t *nf,
               char *msg, size_t msgsize)
{
    size_t i, bad = utf8_invalid_at(s, len), field = 1;

    if (bad < len)
        return snprintf(msg, msgsize, "invalid UTF-8 at byte %zu", bad + 1),
               -1;
    for (i = 0; i < len; i++)
        if (s[i] == '\0')
            return snprintf(msg, msgsize, "NUL byte at byte %zu", i + 1), -1;
    buf_reset(vals);
    for (i = 0; i < len; i++) {
        char c = s[i];

        if (c == '\t') {
            buf_addc(vals, '\0');
            field++;
            continue;
        }
        if (c == '\\') {
            char e = i + 1 < len ? s[i + 1] : '\0';

            if (e == '\0' || e == '\t')
                return snprintf(msg, msgsize,
                                "field %zu ends in a lone backslash", field),
                       -1;
            if (e != '\\' && e != 't' && e != 'n' && e != 'r')
                return snprintf(msg, msgsize,
                                "field %zu has an unknown escape '\\%c'",
                                field, e),
                       -1;
            c = e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : '\\';
            i++;
        }
        buf_addc(vals, c);
    }
    *nf = field;
    return 0;
}

/*
 * Reads line s[0..len) as the row after a header with as many columns as
 * the reference finds (with a final LF or, when at_end, without), with
 * blocks of block bytes: every field the reader gives must be the
 * reference's, and a bad line must give its message.  Returns 1 when they
 * agree; *bad says whether the line was bad.
 */
static int
check_line(const char *s, size_t len, int at_end, size_t block, int *bad)
{
    struct buf input = BUF_INIT, vals = BUF_INIT;
    struct tsv_row row = TSV_ROW_INIT;
    struct tsv_reader *r;
    struct sk_err err;
    char want[256], *got;
    size_t i, nf = 0, cmp_len, vlen, rawlen;
    const char *v;
    FILE *in;
    int rc, agree = 1;

    /* the reader drops one CR before the line end */
    cmp_len = len > 0 && s[len - 1] == '\r' ? len - 1 : len;
    rc = reference_line(s, cmp_len, &vals, &nf, want, sizeof(want));
    *bad = rc < 0;
    for (i = 0; i < (rc < 0 ? 1 : nf); i++)
        buf_addf(&input, "%sc%zu", i ? "\t" : "", i);
    buf_addc(&input, '\n');
    buf_add(&input, s, len);
    if (len == 0 || !at_end)
        buf_addc(&input, '\n');
    if (rc < 0) {
        got = run_blocks(input.data, input.len, block, 0);
        if (strncmp(got, "in:2: ", 6) != 0 || strcmp(got + 6, want) != 0) {
            diag("got '%s', wanted '%s'", got, want);
            agree = 0;
        }
        free(got);
        buf_release(&input);
        buf_release(&vals);
        return agree;
    }
    in = tmpfile();
    fwrite(input.data, 1, input.len, in);
    rewind(in);
    r = tsv_reader_new(in, "in");
    tsv_reader_set_block_size(r, block);
    if (tsv_read_header(r, &err) != 1 || tsv_read_row(r, &row, &err) != 1) {
        diag("a good line read as bad: %s", err.msg);
        agree = 0;
    }
    for (i = 0, v = vals.data ? vals.data : ""; agree && i < nf; i++) {
        const char *a = tsv_row_value(&row, i, &vlen);
        const char *raw = tsv_row_raw(&row, i, &rawlen);

        if (vlen != strlen(v) || memcmp(a, v, vlen) != 0 ||
            strcmp(tsv_row_get(&row, i, NULL), v) != 0 ||
            (!memchr(raw, '\\', rawlen) && a != raw)) {
            diag("field %zu differs", i);
            agree = 0;
        }
        v += strlen(v) + 1;
    }
    tsv_reader_free(r);
    fclose(in);
    tsv_row_release(&row);
    buf_release(&input);
    buf_release(&vals);
    return agree;
}

/*
 * Random lines of TABs, escapes good and bad, NULs, CRs, and UTF-8 good
 * and bad.  Returns the number of lines the reader gets wrong.
 */
static int
random_lines(int count, int *nbad)
{
    /* plain bytes first: most lines are sparse, as real ones are */
    static const char *const good[] = {
        "a",    "bc",       "x y",          "t",
        "n",    "r",        "\t",           "\t",
        "\\\\", "\\t",      "\\n",          "\\r",
        "\r",   "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80"};
    static const char *const bad[] = {"\\",   "\\q",          "\xff",
                                      "\xc3", "\xed\xa0\x80", "\xc0\xaf",
                                      "\x80", "\xa9"};
    struct buf line = BUF_INIT;
    int k, wrong = 0, bad_line;

    *nbad = 0;
    for (k = 0; k < count; k++) {
        size_t ntok = next_rand(40), i;
        unsigned spread = 8 + next_rand(9); /* how many kinds of token */

        buf_reset(&line);
        for (i = 0; i < ntok; i++) {
            if (next_rand(120) == 0)
                buf_adds(&line, bad[next_rand(8)]);
            else if (next_rand(600) == 0)
                buf_addc(&line, '\0');
            else
                buf_adds(&line, good[next_rand(next_rand(4) ? 8 : spread)]);
        }
        if (!check_line(line.data ? line.data : "", line.len, k % 2,
                        1 + k % 20, &bad_line))
            wrong++, diag("random line %d", k);
        *nbad += bad_line;
    }
    buf_release(&line);
    return wrong;
}

/*
 * Each snippet after 0 to 47 plain bytes (and before a few more), so that
 * it meets every position in a 16-byte SIMD block and an 8-byte word.
 * Returns the number of lines the reader gets wrong.
 */
static int
sweep_lines(void)
{
    static const char *const snippets[] = {
        "\\\\\\q",    "\\t\\q", "\\\\\xff", "\\n\x80",      "\\r\t\\",
        "\\\t",       "\\",     "\xc3",     "\xc3\xa9\xff", "\x01\\\\",
        "\\\\\t\\\\", "\t\t\t", "\xe2\x80", "\\\\\\\\"};
    struct buf line = BUF_INIT;
    size_t k, j, tail;
    int wrong = 0, bad;

    for (j = 0; j < sizeof(snippets) / sizeof(*snippets); j++)
        for (k = 0; k < 48; k++)
            for (tail = 0; tail < 3; tail++) {
                buf_reset(&line);
                while (line.len < k)
                    buf_addc(&line, 'a');
                buf_adds(&line, snippets[j]);
                buf_add(&line, "bcd", tail * 3 / 2);
                if (!check_line(line.data, line.len, (int)tail == 1,
                                1 + (k + tail) % 7, &bad))
                    wrong++, diag("snippet %zu after %zu bytes", j, k);
            }
    buf_release(&line);
    return wrong;
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

    plan(49);

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
    {
        /* blocks: every boundary position, CRLF split, long lines */
        static const char text[] = "a\tb\r\n1\t2\r\nx\\ty\t\xc3\xa9\\\\\n"
                                   "a\tb\r\n3\t4\n5\t6";
        static const char want[] = "a\tb\tx\n1\t2\tv\nx\\ty\t\xc3\xa9\\\\\tv\n"
                                   "3\t4\tv\n5\t6\tv\n";
        struct buf big = BUF_INIT, bigwant = BUF_INIT;
        char *got;
        size_t block, i, wrong = 0;

        got = run_blocks(text, sizeof(text) - 1, 0, 0);
        is_string(want, got, "CRLF, escapes, a repeated header, no final LF");
        free(got);
        for (block = 1; block <= 40; block++) {
            got = run_blocks(text, sizeof(text) - 1, block, block % 2);
            if (strcmp(got, want) != 0)
                wrong++, diag("block size %zu: '%s'", block, got);
            free(got);
        }
        ok(wrong == 0, "the same with blocks of 1 to 40 bytes, gathered "
                       "or not: a boundary at every byte, CRLF split too");
        got = run_blocks("a\r\n1\r\n", 6, 2, 0);
        is_string("a\tx\n1\tv\n", got,
                  "a CR ending one block, its LF starting the next");
        free(got);

        buf_adds(&big, "a\tb\n");
        buf_adds(&bigwant, "a\tb\tx\n");
        for (i = 0; i < 4; i++) {
            /* 2.5 MB: the block grows past 1 MiB, then shrinks back */
            size_t j, n = i == 1 ? 200000 : i == 2 ? 2500000 : 70000 + i;

            for (j = 0; j < n; j++)
                buf_addc(&big, (char)('a' + j % 26));
            buf_adds(&big, i == 1 ? "\t\\t\r\n" : "\tend\n");
        }
        for (i = 4; i < big.len;) {
            const char *nl = memchr(big.data + i, '\n', big.len - i);
            size_t end = (size_t)(nl - big.data);

            if (big.data[end - 1] == '\r')
                buf_add(&bigwant, big.data + i, end - 1 - i);
            else
                buf_add(&bigwant, big.data + i, end - i);
            buf_adds(&bigwant, "\tv\n");
            i = end + 1;
        }
        got = run_blocks(big.data, big.len, 0, 1);
        ok(strcmp(got, bigwant.data) == 0,
           "lines of 70,000 to 2,500,000 bytes span 64 KiB blocks");
        free(got);
        got = run_blocks(big.data, big.len, 1000, 0);
        ok(strcmp(got, bigwant.data) == 0,
           "and blocks of 1000 bytes grow to hold them");
        free(got);
        buf_release(&big);
        buf_release(&bigwant);
    }
    {
        /* a stream without a file descriptor is read through stdio */
        static char text[] = "a\tb\n1\t\\n\n";
        FILE *fp = fmemopen(text, sizeof(text) - 1, "r");
        size_t vlen;

        r = tsv_reader_new(fp, "mem");
        ok(tsv_read_header(r, &err) == 1 && tsv_read_row(r, &row, &err) == 1 &&
               strcmp(tsv_row_get(&row, 1, NULL), "\n") == 0 &&
               tsv_read_row(r, &row, &err) == 0,
           "fmemopen input");
        s = tsv_row_value(&row, 1, &vlen);
        ok(vlen == 1 && s[0] == '\n', "tsv_row_value decodes an escape");
        s = tsv_row_value(&row, 0, &vlen);
        ok(vlen == 1 && s == tsv_row_raw(&row, 0, &len),
           "and gives a field without one as read, no copy");
        tsv_reader_free(r);
        fclose(fp);
    }
    {
        /* a read error: reported with the file's name, once */
        char *paths[1] = {"/"};

        r = tsv_reader_open(paths, 1);
        status = tsv_read_header(r, &err);
        ok(status == TSV_INPUT_FAILED &&
               strcmp(err.msg, "/: read error: Is a directory") == 0,
           "a directory: %s", err.msg);
        ok(tsv_read_header(r, &err) == 0, "then the end of the inputs");
        tsv_reader_free(r);
    }
    {
        /*
         * A pipe gives what is there: rows come out before the input ends
         * (stem -u in a pipeline).  Non-blocking, a reader that waited for
         * a whole block would fail with EAGAIN instead of hanging.
         */
        int fds[2];
        FILE *fp;

        if (pipe(fds) != 0 || write(fds[1], "a\n1\n", 4) != 4)
            bail("pipe failed");
        fcntl(fds[0], F_SETFL, O_NONBLOCK);
        fp = fdopen(fds[0], "r");
        r = tsv_reader_new(fp, "pipe");
        ok(tsv_read_header(r, &err) == 1 && tsv_read_row(r, &row, &err) == 1 &&
               strcmp(tsv_row_get(&row, 0, NULL), "1") == 0,
           "a row is read from a pipe as soon as its line is there");
        tsv_reader_free(r);
        fclose(fp);
        close(fds[1]);
    }
    run_filter("a\n\\q\xff\n", &status, &err);
    is_string("in:2: invalid UTF-8 at byte 3", err.msg,
              "bad UTF-8 is reported before an earlier bad escape");
    run_filter("a\tb\n\\\t\x01\n", &status, &err);
    is_string("in:2: field 1 ends in a lone backslash", err.msg,
              "a backslash before a TAB");
    {
        int nbad, wrong = random_lines(3000, &nbad);

        ok(wrong == 0 && nbad > 300 && nbad < 1500,
           "3000 random lines (%d bad) read as the plain reading says, "
           "messages too (%d differ)",
           nbad, wrong);
    }
    is_int(0, sweep_lines(),
           "escapes, NULs and UTF-8 at every offset in a block");
    tsv_row_release(&row);
    buf_release(&b);
    return tap_done();
}
