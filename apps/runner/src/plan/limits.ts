// Limits of a sweep that the CLI's help names (kept apart from the planner, which the CLI loads later).

/** The default cap on a sweep's runs (`--max-runs` raises it). */
export const DEFAULT_MAX_RUNS = 20_000_000;
