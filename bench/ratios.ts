/**
 * How the taxonomy benches (taxonomy.ts, taxonomy-before.ts) show a ratio: three decimals in JSON, and
 * "-" in a table where there is none.
 */

/**
 * A ratio to three decimals, or null when it has no denominator: the hard recall of a split with
 * no hard-labelled message is NaN in `Scores`, and printed "NaN" read as a broken score.
 */
export function round3(n: number): number | null {
  return Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null;
}

/** Ratios to three decimals and "-" for none, as the tables print them. */
export function fixed3(
  rows: ReadonlyArray<Record<string, string | number | null>>,
): Array<Record<string, string | number>> {
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [
        k,
        v === null ? "-" : typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : v,
      ]),
    ),
  );
}
