import type { Role } from "../policy/principal.js";
import type { OperationType } from "./tool.js";

/**
 * The role table the gate applies before any tool-specific policy check. Viewers read; agents
 * and humans may call every kind of tool, and the policy then decides per call (an agent's
 * approval, a revert, a real operator run). Read-only mode leaves reads only, for everyone.
 */
export const ROLE_OPERATIONS: Record<Role, readonly OperationType[]> = {
  viewer: ["read"],
  agent: ["read", "propose", "review", "execute", "run"],
  operator: ["read", "propose", "review", "execute", "run"],
  admin: ["read", "propose", "review", "execute", "run"],
};

export type Access = { allowed: true } | { allowed: false; reason: string };

export function operationAccess(role: Role, operation: OperationType, readOnly: boolean): Access {
  if (readOnly && operation !== "read") {
    return {
      allowed: false,
      reason:
        "this server runs read-only (--read-only): only read tools are available. A human makes changes with the CLI (e.g. `bench-operator decisions approve <id>`) or through a server started without --read-only.",
    };
  }
  if (!ROLE_OPERATIONS[role].includes(operation)) {
    return {
      allowed: false,
      reason: `the ${role} role may only use read tools. Ask an operator for an agent or operator token if you need to propose or approve changes.`,
    };
  }
  return { allowed: true };
}
