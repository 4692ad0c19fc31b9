/*
 * stem-floor: the benchmark's floor for stem.  A bare libstemmer loop:
 * one word a line in, its English Snowball stem a line out.  No cache, no
 * TSV.
 *
 *   stem-floor < words
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

#include <libstemmer.h>

int
main(void)
{
    struct sb_stemmer *st = sb_stemmer_new("english", "UTF_8");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;

    if (!st)
        return 1;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n')
            n--;
        const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)line,
                                             (int)n);
        if (!s)
            return 1;
        fwrite(s, 1, (size_t)sb_stemmer_length(st), stdout);
        putchar('\n');
    }
    free(line);
    sb_stemmer_delete(st);
    return fflush(stdout) || ferror(stdout) ? 1 : 0;
}
