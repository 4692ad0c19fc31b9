/*
 * Fuzz target: the pattern screens (lib/rxscreen).  The input is a flag
 * byte (its low bit: caseless), a pattern up to the first newline, and a
 * text after it.  When the pattern compiles and PCRE2 finds a match in the
 * text, the screen must let the text through: a screen may only skip
 * texts that cannot match.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "rxscreen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nl;
    char *pattern;
    size_t plen;
    int caseless, code, rc;
    PCRE2_SIZE off;
    pcre2_code *re;
    pcre2_match_data *md;
    struct rxscreen *s;
    struct rxscreen_text t;

    if (size < 1)
        return 0;
    caseless = data[0] & 1;
    data++;
    size--;
    nl = memchr(data, '\n', size);
    plen = nl ? (size_t)(nl - data) : size;
    pattern = malloc(plen + 1);
    memcpy(pattern, data, plen);
    pattern[plen] = '\0';
    re = pcre2_compile((PCRE2_SPTR)pattern, plen,
                       PCRE2_UTF | (caseless ? PCRE2_CASELESS : 0), &code,
                       &off, NULL);
    if (!re || memchr(pattern, '\0', plen)) { /* the screen reads a C string */
        pcre2_code_free(re);
        free(pattern);
        return 0;
    }
    data += plen + (nl != NULL);
    size -= plen + (nl != NULL);
    md = pcre2_match_data_create(4, NULL);
    rc = pcre2_match(re, data, size, 0, 0, md, NULL);
    s = rxscreen_new(pattern, caseless);
    rxscreen_text_of(&t, (const char *)data, size);
    if (rc >= 0 && !rxscreen_may_match(s, &t))
        abort(); /* a text that matches was screened out */
    rxscreen_free(s);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    free(pattern);
    return 0;
}
