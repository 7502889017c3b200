import type { ServerResponse } from "node:http";
import { AppError } from "../errors.js";
import type { PageContext } from "./context.js";
import type { SafeHtml } from "./escape.js";
import { messagePage } from "./layout.js";
import { redirect, send } from "./http-util.js";
import { batchPage, batchesPage, revertFromConsole } from "./pages/batches.js";
import { decisionPage } from "./pages/decision.js";
import { approveFromConsole, decisionsPage, rejectFromConsole } from "./pages/decisions.js";
import { costsPage, fleetPage, invariantsPage, jobsPage } from "./pages/fleet.js";
import { modelPage, situationsPage } from "./pages/models.js";

/** The pages and forms of a signed-in session, after the session, scope, Origin and CSRF checks. */

const READ_PAGES: Record<string, (c: PageContext) => Promise<SafeHtml>> = {
  "/console/decisions": decisionsPage,
  "/console/batches": batchesPage,
  "/console/fleet": fleetPage,
  "/console/situations": situationsPage,
  "/console/costs": costsPage,
  "/console/jobs": jobsPage,
  "/console/invariants": invariantsPage,
};

const ID = "([A-Za-z0-9_-]{1,64})";
const DECISION = new RegExp(`^/console/decisions/${ID}(?:/(approve|reject))?$`);
const BATCH = new RegExp(`^/console/batches/${ID}(?:/(revert))?$`);
const MODEL = /^\/console\/models\/([^/]{1,200})\/([^/]{1,300})$/;

export async function routeGet(c: PageContext, path: string, res: ServerResponse): Promise<void> {
  if (path === "/console" || path === "/console/") return redirect(res, "/console/decisions");
  const read = READ_PAGES[path];
  if (read) return send(res, 200, await read(c));
  const d = DECISION.exec(path);
  if (d && !d[2]) return showDecision(c, d[1]!, res, null);
  const b = BATCH.exec(path);
  if (b && !b[2]) return showBatch(c, b[1]!, res, null);
  const m = MODEL.exec(path);
  if (m) {
    const body = await modelPage(c, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!));
    if (body) return send(res, 200, body);
  }
  return send(res, 404, messagePage("Not found", "There is no such page.", c.session));
}

export async function routePost(
  c: PageContext,
  path: string,
  form: URLSearchParams,
  res: ServerResponse,
): Promise<void> {
  const d = DECISION.exec(path);
  if (d?.[2] === "approve") return showDecision(c, d[1]!, res, await approveFromConsole(c, d[1]!));
  if (d?.[2] === "reject")
    return showDecision(c, d[1]!, res, await rejectFromConsole(c, d[1]!, form.get("reason") ?? ""));
  const b = BATCH.exec(path);
  if (b?.[2] === "revert") return showBatch(c, b[1]!, res, await revertFromConsole(c, b[1]!));
  return send(res, 404, messagePage("Not found", "There is no such form.", c.session));
}

async function showDecision(
  c: PageContext,
  id: string,
  res: ServerResponse,
  notice: string | null,
): Promise<void> {
  const d = await c.shared.deps.repos.decisions.get(id);
  if (!d) throw new AppError("not_found", `No decision ${id}.`);
  send(res, 200, await decisionPage(c, d, notice));
}

async function showBatch(
  c: PageContext,
  id: string,
  res: ServerResponse,
  notice: string | null,
): Promise<void> {
  const b = await c.shared.deps.repos.mutations.get(id);
  if (!b) throw new AppError("not_found", `No mutation batch ${id}.`);
  send(res, 200, batchPage(c, b, notice));
}

const STATUS: Partial<Record<AppError["code"], number>> = {
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_input: 400,
};

/** An AppError becomes a page that says what happened; anything else is logged and kept vague. */
export function errorPage(e: unknown, c: PageContext | null, res: ServerResponse): number {
  if (e instanceof AppError) {
    const status = STATUS[e.code] ?? 503;
    send(
      res,
      status,
      messagePage(status === 403 ? "Refused" : "Could not do that", e.message, c?.session ?? null),
    );
    return status;
  }
  send(
    res,
    500,
    messagePage("Internal error", "Something failed on the server; see its log.", c?.session ?? null),
  );
  return 500;
}
