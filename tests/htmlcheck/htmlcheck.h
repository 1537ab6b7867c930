/* SPDX-License-Identifier: MIT */
/*
 * Structural HTML checks shared by the fb-htmlcheck tool and the unit
 * tests: the page parses cleanly with libxml2's HTML parser, ids are
 * unique, every reference (label for, aria-describedby, aria-labelledby,
 * href="#x") names an element, and the page has a lang, a title, one h1,
 * labelled controls and an "Error: " title when it shows an error summary.
 */
#pragma once

#include <stddef.h>

/**
 * Checks one page.
 * @param html the page bytes (UTF-8), @p len of them
 * @param report called once per problem with its line (0 when unknown) and
 *        a message valid only during the call
 * @param ud passed to @p report
 * @returns the number of problems found (0 = the page passes); a page that
 *          cannot be parsed at all counts as one problem.
 */
size_t
fb_htmlcheck(const char *html, size_t len,
             void (*report)(void *ud, long line, const char *message),
             void *ud);
