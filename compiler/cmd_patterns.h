/* SPDX-License-Identifier: MIT */
/*
 * `formc patterns` (the service patterns found, with their parameters)
 * and `formc expand` (a form with its pattern applied, as YAML to review).
 */
#pragma once

/** Runs `formc patterns`; @p argv[0] is "patterns". @returns the exit
 *  status. */
int
fb_cmd_patterns(int argc, char **argv);

/** Runs `formc expand`; @p argv[0] is "expand". @returns the exit
 *  status. */
int
fb_cmd_expand(int argc, char **argv);

/** Reads "--patterns DIR" or "--patterns=DIR" at @p argv[*i] into
 *  *@p out, moving *@p i past a separate DIR. @returns 1 when it was that
 *  option, 0 when not, -1 (after printing why) when DIR is missing. */
int
fb_patterns_option(int argc, char **argv, int *i, const char **out);
