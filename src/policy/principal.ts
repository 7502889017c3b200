import type { Role } from "../config/config.js";

export type { Role };

/**
 * Who is acting. Humans hold the viewer, operator or admin role; agents hold the agent role;
 * the system (the scheduled operator run) is its own kind and acts only where the policy lets
 * evidence decide.
 */
export interface Principal {
  name: string;
  role: Role;
  kind: "human" | "agent" | "system";
}

export function principalFor(name: string, role: Role): Principal {
  return { name, role, kind: role === "agent" ? "agent" : "human" };
}

export const SYSTEM_PRINCIPAL: Principal = { name: "operator-run", role: "operator", kind: "system" };
