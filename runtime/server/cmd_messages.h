/* SPDX-License-Identifier: MIT */
/*
 * `formbuilder messages --format json`: the runtime's message catalogue
 * (formbuilder/messages.h) as JSON, one object per entry with its name
 * and its text in each language, for translators and for the a11y
 * suite's check that no English sentence of the runtime shows on a Welsh
 * page (docs/welsh.md).
 */
#pragma once

#include <stdio.h>

/**
 * Runs the command with its arguments @p argv[1..] (argv[0] is
 * "messages"). @returns the exit status: 0, 1 when writing fails, 2 for a
 * usage error (with the reason on stderr).
 */
int
fb_cmd_messages(int argc, char **argv, FILE *out);
