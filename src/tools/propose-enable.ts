import { proposeAction, proposeEnableInput, proposeOutput } from "./propose.js";
import { defineTool } from "./tool.js";

export const proposeEnable = defineTool({
  name: "propose_enable",
  title: "Propose enabling models",
  description:
    "Proposes to benchmark disabled fleet models again (for example after a provider restored a model, or access was " +
    "granted). Enabling costs money, so the policy lets only a human approve it. It records a pending decision with your " +
    "reason and evidence and changes nothing yet. Returns the decision id and who may approve it. Next: tell the human " +
    "the decision id; a human approves it with the CLI or with approve_decision and an operator token.",
  operation: "propose",
  input: proposeEnableInput,
  output: proposeOutput,
  handler: (args, ctx) => proposeAction("enable", args, ctx),
  refs: (out) => ({ decisionId: out.decision_id }),
});
