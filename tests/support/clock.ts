/** A fixed build time, so "not in the future" never depends on the day a test runs. */
export const FIXED_NOW = Date.UTC(2026, 0, 1);
