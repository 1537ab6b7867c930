/* SPDX-License-Identifier: MIT */
/*
 * A back-office example: check a submission of "Report a faulty street
 * light" with the very code the runtime used. The form's generated
 * tables (report-streetlight.c, from `formc build`) are compiled into
 * this program and run by libfbrt's driver, as the server runs them;
 * nothing here knows the form's rules. Reads the posted fields as
 * NAME=VALUE lines (a "\n" in a value is a line break), walks the pages a
 * resident would have seen, and prints either the normalised answers or
 * each error.
 *
 * usage: validate-submission [--today YYYY-MM-DD] [FILE]
 * Exit 0 valid, 1 not valid, 2 usage or I/O error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formbuilder/answers.h"
#include "formbuilder/driver.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"
#include "formbuilder/validate.h"
#include "report-streetlight.h"

#define FORM fbg_report_streetlight_form

/* Turns the two characters "\n" into a line break, in place. */
static void
unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            *o++ = '\n';
            s++;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

/* Reads NAME=VALUE lines into @p in. @returns 0, or -1 on a bad line. */
static int
read_fields(FILE *f, struct fb_answers *in)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    unsigned lineno = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (n > 0 && line[n - 1] == '\n')
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        char *eq = strchr(line, '=');
        if (!eq) {
            fprintf(stderr, "line %u: expected NAME=VALUE\n", lineno);
            rc = -1;
            break;
        }
        *eq = '\0';
        unescape(eq + 1);
        if (fb_answers_add(in, line, eq + 1) != 0)
            rc = -1;
    }
    free(line);
    return rc;
}

/*
 * Walks the form as the runtime does: a page applies when its `when`
 * holds on the answers accepted so far; an exit page ends the journey;
 * the driver validates each applying page from the raw fields. @returns
 * the number of errors (printed), or -1 when the journey hit an exit page
 * or memory ran out.
 */
static int
validate(const struct fb_answers *in, const struct fb_date *today,
         struct fb_answers *out)
{
    struct fb_errors *errs = fb_errors_new();
    if (!errs)
        return -1;
    int status = 0;
    for (size_t i = 0; i < FORM.n_pages; i++) {
        const struct fb_page_desc *p = &FORM.pages[i];
        if (!fb_page_applies(p, out, today))
            continue;
        if (p->exit) {
            printf("not valid: the journey ends at the exit page '%s'\n",
                   p->id);
            status = -1;
            break;
        }
        if (!fb_validate_page(p, in, today, out, errs)) {
            fprintf(stderr, "out of memory\n");
            status = -1;
            break;
        }
    }
    for (size_t i = 0; status >= 0 && i < fb_errors_count(errs); i++) {
        const struct fb_error *e = fb_errors_at(errs, i);
        char message[1024];
        printf("error: %s: %s\n", e->question,
               fb_error_message(e, FB_LANG_EN, message, sizeof message));
        status++;
    }
    fb_errors_free(errs);
    return status;
}

int
main(int argc, char **argv)
{
    struct fb_date today = fb_date_today();
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "--today") == 0) {
        if (!fb_date_parse_iso(argv[i + 1], &today)) {
            fprintf(stderr, "--today takes YYYY-MM-DD\n");
            return 2;
        }
        i += 2;
    }
    FILE *f = i < argc ? fopen(argv[i], "r") : stdin;
    if (!f) {
        perror(argv[i]);
        return 2;
    }
    /* Compile the form's regexes once, as the runtime does at start. */
    char why[256];
    if (fb_form_check(&FORM, why, sizeof why) != 0 ||
        fb_form_init(&FORM, why, sizeof why) != 0) {
        fprintf(stderr, "%s\n", why);
        return 2;
    }
    struct fb_answers *in = fb_answers_new(), *out = fb_answers_new();
    int status = 2;
    if (in && out && read_fields(f, in) == 0) {
        int errors = validate(in, &today, out);
        if (errors == 0) {
            printf("valid: %s version %s\n", FORM.slug, FORM.version);
            const char *name, *value;
            for (size_t k = 0; fb_answers_at(out, k, &name, &value); k++)
                printf("%s=%s\n", name, value);
            status = 0;
        } else {
            status = 1;
        }
    }
    if (f != stdin)
        fclose(f);
    fb_answers_free(in);
    fb_answers_free(out);
    fb_form_fini(&FORM);
    return status;
}
