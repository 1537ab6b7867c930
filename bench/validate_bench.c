/* SPDX-License-Identifier: MIT */
/*
 * Validator benchmark: how many times a second one page of 15 questions
 * (bench/forms/bench-fifteen.yaml, compiled by formc at build time) can be
 * validated in process, as the server does for each POST. Builds a set of
 * valid raw answers and a set with five invalid ones, checks once that each
 * gives the expected result, then times validate_once() in a loop with the
 * output answers and errors cleared each time. Not a test: nothing here is
 * run by `meson test`. See bench/README.md for the baseline.
 *
 * usage: validate-bench [--set valid|invalid|both] [--runs N]
 *                       [--min-time SECONDS] [--iterations N]
 *                       [--validator table|hand]
 * Exit 0 done, 1 a set did not validate as expected, 2 usage or setup error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "formbuilder/answers.h"
#include "formbuilder/driver.h"
#include "formbuilder/errors.h"
#include "formbuilder/form.h"
#include "formbuilder/validate.h"
#include "bench-fifteen.h"
#include "hand_validator.h"

#define FORM fbg_bench_fifteen_form
#define PAGE_ID "group"

/* Iterations between two looks at the clock: about a millisecond. */
#define BATCH 1000
/* Untimed iterations before the runs of each set: warm caches and malloc. */
#define WARMUP 20000
/* Most runs accepted, so the median needs no allocation. */
#define MAX_RUNS 99

struct field {
    const char *name;
    const char *value;
};

/* Raw answers as the browser posts them, every one valid. */
static const struct field valid_fields[] = {
    {"group_name", "Northgate Allotment Society"},
    {"group_type", "charity"},
    {"charity_number", "1123456"},
    {"activities", "environment"},
    {"activities", "older"},
    {"ward", "north"},
    {"description", "We grow vegetables on the Northgate allotments and "
                    "run a seed swap each spring for anyone in the ward."},
    {"members", "42"},
    {"founded-day", "14"},
    {"founded-month", "5"},
    {"founded-year", "1987"},
    {"contact_name", "Sam Patel"},
    {"email", "sam.patel@example.com"},
    {"confirm_email", "sam.patel@example.com"},
    {"phone", "01632 960 001"},
    {"group_address-line1", "12 Station Road"},
    {"group_address-line2", ""},
    {"group_address-town", "Northgate"},
    {"group_address-postcode", "sk1 3xe"},
    {"meeting_postcode", "SK2  6ab"},
    {"bank_account", "yes"},
};

/* Normalised answers the valid set must give (a sample of them), and
 * where hand_validate() keeps each. */
static const enum hand_q valid_out_hand[] = {
    HQ_CHARITY_NUMBER, HQ_MEMBERS, HQ_FOUNDED, HQ_PHONE, HQ_POSTCODE,
    HQ_MEETING_POSTCODE, HQ_BANK_ACCOUNT,
};
static const struct field valid_out[] = {
    {"charity_number", "1123456"},
    {"members", "42"},
    {"founded", "1987-05-14"},
    {"phone", "01632960001"},
    {"group_address.postcode", "SK1 3XE"},
    {"meeting_postcode", "SK2 6AB"},
    {"bank_account", "yes"},
};

/* The invalid set is the valid one with these answers replaced. */
static const struct field invalid_changes[] = {
    {"description", "We grow things."},  /* min_length 20 */
    {"members", "2"},                    /* min 3 */
    {"founded-year", "2030"},            /* past */
    {"email", "sam.patel@example"},      /* no dot in the domain */
    {"meeting_postcode", "SK2 6A"},      /* not a postcode */
};

/* The questions that must fail in the invalid set, in page order. */
static const char *const invalid_errors[] = {
    "description", "members", "founded", "email", "meeting_postcode",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct bench_set {
    const char *name;
    struct fb_answers *in;   /* raw answers, built once */
    size_t expected_errors;  /* per validation */
};

/* --validator hand: the hand-written ceiling instead of the driver, and
 * what it gave. */
static bool use_hand;
static struct hand_out hand;

/*
 * The one call that validates a page: the table driver in libfbrt, as the
 * server runs it, or the hand-written ceiling (hand_validator.c). (The
 * baseline in README.md called the page's own generated validator,
 * page->validate(), here.)
 */
static void
validate_once(const struct fb_page_desc *page, const struct fb_answers *in,
              const struct fb_date *today, struct fb_answers *out,
              struct fb_errors *errs)
{
    if (use_hand)
        hand_validate(in, today, &hand);
    else
        (void)fb_validate_page(page, in, today, out, errs);
}

/* How many errors the last validate_once() found. */
static size_t
errors_found(const struct fb_errors *errs)
{
    return use_hand ? hand.n_errors : fb_errors_count(errs);
}

/* The question of error @p i of the last validate_once(). */
static const char *
error_question(const struct fb_errors *errs, size_t i)
{
    return use_hand ? hand.errors[i] : fb_errors_at(errs, i)->question;
}

/* The stored answer valid_out[@p i] names, after the last validate_once(). */
static const char *
stored_answer(const struct fb_answers *out, size_t i, char *buf, size_t cap)
{
    if (use_hand)
        return hand_value_text(&hand, valid_out_hand[i], buf, cap);
    return fb_answers_get(out, valid_out[i].name);
}

/* @returns a monotonic time in seconds. */
static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Validates @p set @p n times as the server validates one POST: @p out and
 * @p errs cleared, then the page. @returns false when some validation did
 * not find the expected number of errors.
 */
static bool
run(const struct fb_page_desc *page, const struct bench_set *set,
    const struct fb_date *today, unsigned long n, struct fb_answers *out,
    struct fb_errors *errs)
{
    size_t seen = 0;

    for (unsigned long i = 0; i < n; i++) {
        fb_answers_clear(out);
        fb_errors_clear(errs);
        validate_once(page, set->in, today, out, errs);
        seen += errors_found(errs);
    }
    return seen == set->expected_errors * n && !fb_answers_failed(out);
}

/* Runs @p set in batches for at least @p min_seconds.
 * @returns validations per second, or -1 when a validation went wrong. */
static double
timed_run(const struct fb_page_desc *page, const struct bench_set *set,
          const struct fb_date *today, double min_seconds,
          struct fb_answers *out, struct fb_errors *errs)
{
    unsigned long done = 0;
    double start = now(), elapsed;

    do {
        if (!run(page, set, today, BATCH, out, errs))
            return -1;
        done += BATCH;
        elapsed = now() - start;
    } while (elapsed < min_seconds);
    return (double)done / elapsed;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Prints what a validation of @p set gave, for a failed check. */
static void
dump(const struct bench_set *set, const struct fb_answers *out,
     const struct fb_errors *errs)
{
    const char *name, *value;

    fprintf(stderr, "%s set: %zu errors\n", set->name, errors_found(errs));
    if (use_hand) {
        for (size_t i = 0; i < hand.n_errors; i++)
            fprintf(stderr, "  error %s\n", hand.errors[i]);
        return;
    }
    for (size_t i = 0; i < fb_errors_count(errs); i++) {
        const struct fb_error *e = fb_errors_at(errs, i);
        char message[512];
        fprintf(stderr, "  error %s: %s\n", e->question,
                fb_error_message(e, FB_LANG_EN, message, sizeof message));
    }
    for (size_t i = 0; fb_answers_at(out, i, &name, &value); i++)
        fprintf(stderr, "  out %s=%s\n", name, value);
}

/*
 * Validates each set once and checks the result, so that a faster driver
 * is measured doing the same work: the valid set gives no error and the
 * expected normalised answers, the invalid set one error for each of
 * invalid_errors[]. @returns true when both are as expected.
 */
static bool
check_sets(const struct fb_page_desc *page, const struct bench_set *valid,
           const struct bench_set *invalid, const struct fb_date *today,
           struct fb_answers *out, struct fb_errors *errs)
{
    bool ok = true;

    fb_answers_clear(out);
    fb_errors_clear(errs);
    validate_once(page, valid->in, today, out, errs);
    char buf[64];
    ok = errors_found(errs) == 0 && !fb_answers_failed(out);
    for (size_t i = 0; ok && i < COUNT(valid_out); i++) {
        const char *v = stored_answer(out, i, buf, sizeof buf);
        ok = v && strcmp(v, valid_out[i].value) == 0;
    }
    if (!ok) {
        dump(valid, out, errs);
        return false;
    }

    fb_answers_clear(out);
    fb_errors_clear(errs);
    validate_once(page, invalid->in, today, out, errs);
    ok = errors_found(errs) == COUNT(invalid_errors);
    for (size_t i = 0; ok && i < COUNT(invalid_errors); i++)
        ok = strcmp(error_question(errs, i), invalid_errors[i]) == 0;
    if (!ok) {
        dump(invalid, out, errs);
        return false;
    }
    return true;
}

/* Fills @p valid and @p invalid. @returns false when out of memory. */
static bool
build_sets(struct fb_answers *valid, struct fb_answers *invalid)
{
    for (size_t i = 0; i < COUNT(valid_fields); i++)
        (void)fb_answers_add(valid, valid_fields[i].name,
                             valid_fields[i].value);
    (void)fb_answers_copy(invalid, valid);
    for (size_t i = 0; i < COUNT(invalid_changes); i++)
        (void)fb_answers_set(invalid, invalid_changes[i].name,
                             invalid_changes[i].value);
    return !fb_answers_failed(valid) && !fb_answers_failed(invalid);
}

/* Measures @p set: a warm-up, then either @p iterations validations timed
 * once, or @p runs timed runs of at least @p min_seconds and their median.
 * @returns false when a validation went wrong. */
static bool
measure(const struct fb_page_desc *page, const struct bench_set *set,
        const struct fb_date *today, unsigned long iterations, int runs,
        double min_seconds, struct fb_answers *out, struct fb_errors *errs)
{
    double rate[MAX_RUNS];

    if (iterations > 0) {
        double start = now();
        if (!run(page, set, today, iterations, out, errs))
            return false;
        double elapsed = now() - start;
        printf("%-8s %lu validations in %.3f s: %.0f validations/s\n",
               set->name, iterations, elapsed,
               elapsed > 0 ? (double)iterations / elapsed : 0.0);
        return true;
    }
    if (!run(page, set, today, WARMUP, out, errs))
        return false;
    for (int r = 0; r < runs; r++) {
        rate[r] = timed_run(page, set, today, min_seconds, out, errs);
        if (rate[r] < 0)
            return false;
    }
    printf("%-8s", set->name);
    for (int r = 0; r < runs; r++)
        printf(" %.0f", rate[r]);
    qsort(rate, (size_t)runs, sizeof(rate[0]), cmp_double);
    printf("  median %.0f validations/s\n", rate[runs / 2]);
    return true;
}

static void
usage(FILE *f)
{
    fprintf(f,
            "usage: validate-bench [--set valid|invalid|both] [--runs N]\n"
            "                      [--min-time SECONDS] [--iterations N]\n"
            "                      [--validator table|hand]\n"
            "\n"
            "--set         which answers to validate (default both)\n"
            "--runs        timed runs per set; the median is reported "
            "(default 5)\n"
            "--min-time    least length of one timed run (default 0.5)\n"
            "--iterations  validate each set exactly N times, once, "
            "instead of\n"
            "              timed runs (for valgrind --tool=callgrind); "
            "0 only\n"
            "              checks the answers\n"
            "--validator   table: fb_validate_page() (default); hand: the\n"
            "              hand-written ceiling, hand_validator.c\n");
}

/* Reads a whole number in [0, max] from @p s. @returns false if not one. */
static bool
parse_count(const char *s, unsigned long max, unsigned long *out_n)
{
    char *end;

    errno = 0;
    unsigned long n = strtoul(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || n > max)
        return false;
    *out_n = n;
    return true;
}

/* Reads a duration in (0, 3600] seconds from @p s.
 * @returns false if it is not one. */
static bool
parse_seconds(const char *s, double *out_seconds)
{
    char *end;

    errno = 0;
    double t = strtod(s, &end);
    if (errno || end == s || *end || !(t > 0 && t <= 3600))
        return false;
    *out_seconds = t;
    return true;
}

int
main(int argc, char **argv)
{
    const char *which = "both";
    unsigned long runs = 5, iterations = 0;
    bool fixed = false;
    double min_seconds = 0.5;
    /* A fixed "today" keeps `past` and `after` rules repeatable. */
    const struct fb_date today = {2025, 6, 15};

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(arg, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (!val) {
            usage(stderr);
            return 2;
        }
        i++;
        if (strcmp(arg, "--set") == 0 &&
            (strcmp(val, "valid") == 0 || strcmp(val, "invalid") == 0 ||
             strcmp(val, "both") == 0)) {
            which = val;
        } else if (strcmp(arg, "--runs") == 0 &&
                   parse_count(val, MAX_RUNS, &runs) && runs > 0) {
            continue;
        } else if (strcmp(arg, "--iterations") == 0 &&
                   parse_count(val, 1000000000UL, &iterations)) {
            fixed = true;
        } else if (strcmp(arg, "--validator") == 0 &&
                   (strcmp(val, "table") == 0 || strcmp(val, "hand") == 0)) {
            use_hand = strcmp(val, "hand") == 0;
        } else if (strcmp(arg, "--min-time") == 0 &&
                   parse_seconds(val, &min_seconds)) {
            continue;
        } else {
            fprintf(stderr, "validate-bench: bad option %s %s\n", arg, val);
            usage(stderr);
            return 2;
        }
    }

    const struct fb_page_desc *page = fb_form_find_page(&FORM, PAGE_ID);
    if (!page) {
        fprintf(stderr, "validate-bench: form %s has no page %s\n",
                FORM.slug, PAGE_ID);
        return 2;
    }
    /* Compile the form's regexes once, as the runtime does at start. */
    char why[256];
    if (fb_form_init(&FORM, why, sizeof why) != 0) {
        fprintf(stderr, "validate-bench: %s\n", why);
        return 2;
    }
    struct bench_set valid = {"valid", fb_answers_new(), 0};
    struct bench_set invalid = {"invalid", fb_answers_new(),
                                COUNT(invalid_errors)};
    struct fb_answers *out = fb_answers_new();
    struct fb_errors *errs = fb_errors_new();
    int status = 2;

    if (!valid.in || !invalid.in || !out || !errs ||
        !build_sets(valid.in, invalid.in)) {
        fprintf(stderr, "validate-bench: out of memory\n");
        goto done;
    }
    status = 1;
    if (!check_sets(page, &valid, &invalid, &today, out, errs))
        goto done;
    printf("form %s, page %s: %zu questions, today %04d-%02d-%02d, %s\n",
           FORM.slug, page->id, page->n_questions, today.year, today.month,
           today.day, use_hand ? "hand-written validator" : "table driver");
    if (fixed && iterations == 0) {
        status = 0;
        goto done;
    }
    if (!fixed)
        printf("%d runs of at least %.2f s per set, validations/s\n",
               (int)runs, min_seconds);
    if (strcmp(which, "invalid") != 0 &&
        !measure(page, &valid, &today, iterations, (int)runs, min_seconds,
                 out, errs))
        goto done;
    if (strcmp(which, "valid") != 0 &&
        !measure(page, &invalid, &today, iterations, (int)runs, min_seconds,
                 out, errs))
        goto done;
    status = 0;
done:
    if (status == 1)
        fprintf(stderr, "validate-bench: the answers did not validate as "
                        "expected\n");
    fb_answers_free(valid.in);
    fb_answers_free(invalid.in);
    fb_answers_free(out);
    fb_errors_free(errs);
    fb_form_fini(&FORM);
    return status;
}
