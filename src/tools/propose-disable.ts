import { proposeAction, proposeDisableInput, proposeOutput } from "./propose.js";
import { defineTool } from "./tool.js";

export const proposeDisable = defineTool({
  name: "propose_disable",
  title: "Propose disabling models",
  description:
    "Proposes to stop benchmarking models that are broken for good (hard-class errors such as model_not_found, " +
    "model_retired or model_unavailable that have lasted, with no recent success, at a provider that is otherwise " +
    "healthy). It records a pending decision with your reason and evidence (pass the situation_id from list_situations; " +
    "the targets must be its models) and changes nothing " +
    "yet; a human approves it. Never propose a disable for provider-wide (auth, billing) or transient errors. Returns the " +
    "decision id and who may approve it. Next: tell the human the decision id, or approve_decision if you may.",
  operation: "propose",
  input: proposeDisableInput,
  output: proposeOutput,
  handler: (args, ctx) => proposeAction("disable", args, ctx),
  refs: (out) => ({ decisionId: out.decision_id }),
});
