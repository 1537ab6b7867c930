/* SPDX-License-Identifier: MIT */
/*
 * `formc explain ID` prints a diagnostic's long explanation and a
 * corrected example; `formc explain --markdown` prints docs/diagnostics.md;
 * `formc explain --list` the ids. All from diag_registry.c.
 */
#pragma once

/** Runs `formc explain`; @p argv[0] is "explain". @returns the exit
 *  status. */
int
fb_cmd_explain(int argc, char **argv);
