/** The exact ways to act on the report, shown next to each item so no one has to look them up. */
export function revertHowTo(batchId: string): string {
  return `bench-operator batches revert ${batchId}`;
}

/**
 * How a person approves a waiting decision: its console page when the console's public address
 * is configured (the page shows the evidence and the approve button), the MCP tool and the CLI
 * command always.
 */
export function approveHowTo(
  decisionId: string,
  consoleUrl: string | null = null,
): { console: string | null; mcp: string; cli: string } {
  return {
    console: consoleUrl
      ? `${consoleUrl.replace(/\/+$/, "")}/console/decisions/${encodeURIComponent(decisionId)}`
      : null,
    mcp: `MCP tool approve_decision {"decision_id": "${decisionId}"}`,
    cli: `bench-operator decisions approve ${decisionId}`,
  };
}

export function pct(rate: number | null): string {
  return rate === null ? "n/a" : `${(rate * 100).toFixed(1)}%`;
}

export function usd(x: number): string {
  return `$${x.toFixed(x < 1 ? 4 : 2)}`;
}

export function when(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never";
}

export function kinds(byKind: Record<string, number>): string {
  const entries = Object.entries(byKind).filter(([, n]) => n > 0);
  return entries.length === 0
    ? "-"
    : entries
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
}

/** Model ids, shortened for a line of text. */
export function someIds(ids: string[], max = 8): string {
  return ids.length <= max ? ids.join(", ") : `${ids.slice(0, max).join(", ")} and ${ids.length - max} more`;
}

/** A provider state as people read it: `not_configured` is "not configured". */
export function stateLabel(state: string): string {
  return state.replace(/_/g, " ");
}
