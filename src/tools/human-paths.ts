/**
 * The ways a human does what an agent session may not: the exact commands, so that a refusal
 * always ends with something a person can run.
 */
export function humanApprovalPath(decisionId: string): string {
  return (
    `A human approves it with \`bench-operator decisions approve ${decisionId}\` (the CLI, run as an operator or admin: ` +
    "BENCH_OPERATOR_PRINCIPAL=name:operator), or by calling approve_decision over HTTP with an operator token " +
    "(`bench-operator tokens create --role operator --name NAME`)."
  );
}

export function humanRejectPath(decisionId: string): string {
  return `A human rejects it with \`bench-operator decisions reject ${decisionId} --reason "..."\`.`;
}

export function humanRevertPath(batchId: string): string {
  return (
    `A human operator or admin reverts it with \`bench-operator batches revert ${batchId}\`, or by calling revert_batch ` +
    "over HTTP with an operator token."
  );
}

export function humanRunPath(provider: string | undefined): string {
  return (
    `A human operator runs it with \`bench-operator operator run${provider ? ` --provider ${provider}` : ""}\`, or calls ` +
    "run_operator with dry_run=false over HTTP with an operator token."
  );
}

/** The dry run that asks the LLM (`run_operator` with ask_llm): the same flags on the CLI. */
export function humanAskLlmPath(provider: string | undefined): string {
  return (
    `A human operator asks it with \`bench-operator operator run --dry-run --ask-llm${provider ? ` --provider ${provider}` : ""}\` ` +
    "(one charged call, nothing else written), or calls run_operator with ask_llm=true over HTTP with an operator token."
  );
}
