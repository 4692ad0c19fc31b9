/*
 * icu-floor: the benchmark's floor for tokenize.  The least a tokenizer on
 * ICU can do: read each file whole, hand its UTF-8 bytes to a word break
 * iterator through UText (no conversion), and write the byte offsets of
 * every segment that is not white space, one "start TAB end" a line.  No
 * sentence breaking, no normal form, no TSV.
 *
 *   icu-floor [FILE...]      (no FILE: standard input)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

static UBreakIterator *words;
static UText *text;

static int
floor_file(FILE *fp, char **buf, size_t *cap)
{
    size_t len = 0, n;
    UErrorCode st = U_ZERO_ERROR;
    int32_t prev, cur;

    for (;;) {
        if (len + 65536 > *cap) {
            *cap = (len + 65536) * 2;
            if (!(*buf = realloc(*buf, *cap)))
                return -1;
        }
        n = fread(*buf + len, 1, 65536, fp);
        len += n;
        if (n < 65536)
            break;
    }
    if (ferror(fp))
        return -1;
    text = utext_openUTF8(text, *buf, (int64_t)len, &st);
    ubrk_setUText(words, text, &st);
    if (U_FAILURE(st))
        return -1;
    prev = ubrk_first(words);
    for (; (cur = ubrk_next(words)) != UBRK_DONE; prev = cur) {
        unsigned char c = (unsigned char)(*buf)[prev];

        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        printf("%d\t%d\n", (int)prev, (int)cur);
    }
    return 0;
}

int
main(int argc, char **argv)
{
    UErrorCode st = U_ZERO_ERROR;
    char *buf = NULL;
    size_t cap = 0;
    int i, rc = 0;
    FILE *fp;

    words = ubrk_open(UBRK_WORD, "en", NULL, 0, &st);
    if (U_FAILURE(st)) {
        fprintf(stderr, "icu-floor: %s\n", u_errorName(st));
        return 1;
    }
    if (argc < 2)
        rc |= floor_file(stdin, &buf, &cap);
    for (i = 1; i < argc; i++) {
        if (!(fp = fopen(argv[i], "rb"))) {
            perror(argv[i]);
            rc = -1;
            continue;
        }
        rc |= floor_file(fp, &buf, &cap);
        fclose(fp);
    }
    ubrk_close(words);
    utext_close(text);
    free(buf);
    if (fflush(stdout) || ferror(stdout))
        rc = -1;
    return rc ? 1 : 0;
}
