/* SPDX-License-Identifier: MIT */
/*
 * `formc new --pattern PATTERN [--dir DIR] NAME`: starts a form on a
 * service pattern: DIR/NAME.yaml, commented, with the pattern's example
 * value for each parameter it needs and one page of its own, and
 * DIR/NAME.test.yaml (DIR/scenarios/NAME.test.yaml when DIR keeps its
 * scenarios there, as forms/ does), scenarios of the journey formc's
 * sample answers take and of the first page sent empty. Both are checked and the scenarios run
 * before formc says it is done; nothing is left half-written.
 */
#pragma once

/** Runs `formc new`; @p argv[0] is "new". @returns the exit status. */
int
fb_cmd_new(int argc, char **argv);
