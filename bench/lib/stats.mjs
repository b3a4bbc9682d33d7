// Shared by the harness, the fan-out client and the report.

/** The p-th percentile of an ascending list (the value at floor(p % of its length)), or null for an empty one. */
export function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
