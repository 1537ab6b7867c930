/* SPDX-License-Identifier: MIT */
/*
 * `formc graph [--svg] FORM.yaml`: the journey as a Graphviz digraph,
 * from the lowered descriptors the driver runs: start, each page, exit
 * pages as octagons, check your answers; an edge from a page to each page
 * that may come next, labelled with the `when` that decides it.
 */
#pragma once

/** Runs `formc graph`; @p argv[0] is "graph". @returns the exit status. */
int
fb_cmd_graph(int argc, char **argv);
