import type { ServerResponse } from "node:http";
import { isSafe } from "../decisions/execute.js";
import { unfinishedMove, unfinishedMoveText } from "../decisions/service.js";
import { AppError } from "../errors.js";
import type { DecisionDoc } from "../storage/decisions-repository.js";
import type { MutationBatchDoc } from "../storage/mutation-batches-repository.js";
import type { PageContext } from "./context.js";
import type { SafeHtml } from "./escape.js";
import { messagePage, type Back } from "./layout.js";
import { redirect, send } from "./http-util.js";
import { batchPage, batchesPage, revertFromConsole, revertNotice } from "./pages/batches.js";
import { decisionPage } from "./pages/decision.js";
import {
  APPROVE_SELECTED,
  approveFromConsole,
  approveSelected,
  decisionsPage,
  rejectFromConsole,
} from "./pages/decisions.js";
import { evaluateFromConsole } from "./invariants.js";
import { costsPage, EVALUATE_INVARIANTS, fleetPage, invariantsPage, jobsPage } from "./pages/fleet.js";
import { enableFromConsole, undoFromConsole } from "./model-history.js";
import { modelHref, modelsPage } from "./pages/model-list.js";
import { modelPage, situationsPage } from "./pages/models.js";
import { reportPage, reportsPage, sentNotice } from "./pages/reports.js";
import { readReport, sendFromConsole } from "./reports.js";

/** The pages and forms of a signed-in session, after the session, scope, Origin and CSRF checks. */

const READ_PAGES: Record<string, (c: PageContext) => Promise<SafeHtml>> = {
  "/console/decisions": decisionsPage,
  "/console/batches": batchesPage,
  "/console/fleet": fleetPage,
  "/console/situations": situationsPage,
  "/console/costs": costsPage,
  "/console/jobs": jobsPage,
  "/console/reports": reportsPage,
};

const ID = "([A-Za-z0-9_-]{1,64})";
const DECISION = new RegExp(`^/console/decisions/${ID}(?:/(approve|reject))?$`);
const BATCH = new RegExp(`^/console/batches/${ID}(?:/(revert))?$`);
const REPORT = new RegExp(`^/console/reports/${ID}(?:/(send))?$`);
const MODEL = /^\/console\/models\/([^/]{1,200})\/([^/]{1,300})$/;
const SITUATION = /^\/console\/situations\/(sit_[0-9a-f]{12})$/;
const MODEL_FORM = /^\/console\/models\/([^/]{1,200})\/([^/]{1,300})\/(enable|undo)$/;

/** A model's key from a path's two encoded parts; null when they are not valid percent-encoding. */
function modelKeyOf(m: RegExpExecArray): { provider: string; model_id: string } | null {
  try {
    return { provider: decodeURIComponent(m[1]!), model_id: decodeURIComponent(m[2]!) };
  } catch {
    return null;
  }
}

/**
 * `query` is the request's query string: `done` names the form that led here (POST, then a 303 to
 * the page, so that a reload does not submit it again). The page says the outcome as the decision
 * or batch now stands, never text from the URL.
 */
export async function routeGet(
  c: PageContext,
  path: string,
  res: ServerResponse,
  query: URLSearchParams = new URLSearchParams(),
): Promise<void> {
  if (path === "/console" || path === "/console/") return redirect(res, "/console/decisions");
  const read = READ_PAGES[path];
  if (read) return send(res, 200, await read(c));
  if (path === "/console/models") return send(res, 200, await modelsPage(c, query));
  const done = query.get("done");
  if (path === "/console/invariants") return send(res, 200, await invariantsPage(c, done));
  const d = DECISION.exec(path);
  if (d && !d[2]) return showDecision(c, d[1]!, res, done);
  const b = BATCH.exec(path);
  if (b && !b[2]) return showBatch(c, b[1]!, res, done);
  const r = REPORT.exec(path);
  if (r && !r[2]) {
    const view = await readReport(c, r[1]!);
    return send(res, 200, reportPage(c, view, done === "sent" ? sentNotice(view.report) : null));
  }
  // A situation id as the CLI and the tools cite it: its section of the situations page, while it lasts.
  const sit = SITUATION.exec(path);
  if (sit) {
    const { data } = await c.shared.services.fleet.get();
    if (data.situations.some((x) => x.id === sit[1])) return redirect(res, `/console/situations#${sit[1]!}`);
    return send(
      res,
      404,
      messagePage(
        "Situation over",
        `No models fail as situation ${sit[1]!} now: it is over, or its models' errors changed. The situations page shows those that last.`,
        c.session,
      ),
    );
  }
  const m = MODEL.exec(path);
  const key = m ? modelKeyOf(m) : null;
  if (key) {
    const body = await modelPage(c, key.provider, key.model_id, done);
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
  if (path === APPROVE_SELECTED) {
    const back = { href: "/console/decisions", label: "Back to the decisions" };
    try {
      return send(res, 200, await approveSelected(c, form));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      errorPage(e, c, res, back);
      return;
    }
  }
  if (path === EVALUATE_INVARIANTS) {
    const back = { href: "/console/invariants", label: "Back to the invariants" };
    return afterForm(c, res, back, "evaluated", () => evaluateFromConsole(c));
  }
  const d = DECISION.exec(path);
  if (d?.[2]) {
    const [id, which] = [d[1]!, d[2]];
    const back = { href: `/console/decisions/${id}`, label: `Back to decision ${id}` };
    return afterForm(c, res, back, which === "approve" ? "approved" : "rejected", () =>
      which === "approve" ? approveFromConsole(c, id) : rejectFromConsole(c, id, form.get("reason") ?? ""),
    );
  }
  const b = BATCH.exec(path);
  if (b?.[2] === "revert") {
    const back = { href: `/console/batches/${b[1]!}`, label: `Back to batch ${b[1]!}` };
    return afterForm(
      c,
      res,
      back,
      (done) => done,
      () => revertFromConsole(c, b[1]!, form.get("reason") ?? ""),
    );
  }
  const r = REPORT.exec(path);
  if (r?.[2] === "send") {
    const back = { href: `/console/reports/${r[1]!}`, label: `Back to report ${r[1]!}` };
    return afterForm(c, res, back, "sent", () => sendFromConsole(c, r[1]!));
  }
  const m = MODEL_FORM.exec(path);
  const key = m ? modelKeyOf(m) : null;
  if (key && m?.[3] === "undo") return undoForm(c, key, form, res);
  if (key) {
    const href = modelHref(key.provider, key.model_id);
    const back = { href, label: `Back to ${key.provider}:${key.model_id}` };
    return afterForm(c, res, back, "enabled", () => enableFromConsole(c, key, form.get("reason") ?? ""));
  }
  return send(res, 404, messagePage("Not found", "There is no such form.", c.session));
}

/**
 * POST-redirect-GET: a form that did its work sends the browser to its page (303), which shows the
 * outcome; a reload there reads, it does not submit again. A refusal stays a page of its own, with
 * the way back to where the form was.
 */
async function afterForm<T>(
  c: PageContext,
  res: ServerResponse,
  back: Back,
  /** The page's `done` parameter, or how the form's result names it. */
  done: string | ((result: T) => string),
  act: () => Promise<T>,
): Promise<void> {
  let result: T;
  try {
    result = await act();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    errorPage(e, c, res, back);
    return;
  }
  redirect(res, `${back.href}?done=${typeof done === "string" ? done : done(result)}`);
}

/**
 * The undo of one model's change: done, a 303 to the model's page under the key it has now (a
 * rename's undo moves it back to its old id); refused, the model's page with the refusal on it,
 * answered with the refusal's status, nothing changed.
 */
async function undoForm(
  c: PageContext,
  key: { provider: string; model_id: string },
  form: URLSearchParams,
  res: ServerResponse,
): Promise<void> {
  let now: { provider: string; model_id: string };
  try {
    now = await undoFromConsole(c, key, form.get("batch") ?? "", form.get("reason") ?? "");
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const body = await modelPage(c, key.provider, key.model_id, null, e.message);
    if (!body) return void errorPage(e, c, res, { href: "/console/models", label: "Back to the models" });
    return send(res, STATUS[e.code] ?? 503, body);
  }
  redirect(res, `${modelHref(now.provider, now.model_id)}?done=undone`);
}

async function showDecision(
  c: PageContext,
  id: string,
  res: ServerResponse,
  done: string | null,
): Promise<void> {
  const { repos } = c.shared.deps;
  const d = await repos.decisions.get(id);
  if (!d) throw new AppError("not_found", `No decision ${id}.`);
  const batch = done && d.batch_id ? await repos.mutations.get(d.batch_id) : null;
  // A form that found the decision held by a move a call claimed and never wrote (its process
  // stopped) did nothing: the page says whose move, and when recovery finishes it.
  const held = done && OPEN.has(d.status) ? await unfinishedMove(repos, d) : null;
  const outcome = held ? unfinishedMoveText(held) : decisionOutcome(c, d, batch, done);
  send(res, 200, await decisionPage(c, d, outcome));
}

const OPEN = new Set(["pending", "approved"]);

const APPROVED = new Set(["approved", "executed", "failed"]);

/** What became of an approval or a rejection, as the decision stands now. */
function decisionOutcome(
  c: PageContext,
  d: DecisionDoc,
  batch: MutationBatchDoc | null,
  done: string | null,
): string | null {
  if (done === "rejected")
    return d.status === "rejected"
      ? `Rejected by ${d.rejected_by ?? "?"}; the reason is stored with the decision.`
      : `Not rejected: the decision is ${d.status}.`;
  if (done !== "approved") return null;
  if (!APPROVED.has(d.status) || !d.approved_by) return `Not approved: the decision is ${d.status}.`;
  if (d.approved_by !== c.principal.name)
    return `Nothing new happened: ${d.approved_by} had already approved it; the decision is ${d.status}.`;
  if (isSafe(d.action)) return `Approved. A ${d.action} changes nothing in the fleet: no batch was written.`;
  if (batch && d.status === "failed")
    return `Approved, but executing failed in batch ${batch._id}: ${batch.applied_count} applied, ${batch.failed_count} failed.`;
  if (batch)
    return `Approved and executed in batch ${batch._id}: ${batch.applied_count} applied, ${batch.failed_count} failed.`;
  return `Approved; the decision is ${d.status}.`;
}

async function showBatch(
  c: PageContext,
  id: string,
  res: ServerResponse,
  done: string | null,
): Promise<void> {
  const { mutations, policies } = c.shared.deps.repos;
  const [b, { policy }] = await Promise.all([mutations.get(id), policies.current()]);
  if (!b) throw new AppError("not_found", `No mutation batch ${id}.`);
  let notice: string | null = null;
  if (done === "reverted" || done === "already-reverted") {
    const revert = b.reverted_by ? await mutations.get(b.reverted_by) : null;
    notice = revertNotice(revert, done, c.principal.name);
  }
  send(res, 200, batchPage(c, b, notice, policy.kill_switch));
}

const STATUS: Partial<Record<AppError["code"], number>> = {
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_input: 400,
};

/**
 * An AppError becomes a page that says what happened (and links `back` to where the form was);
 * anything else is logged and kept vague.
 */
export function errorPage(e: unknown, c: PageContext | null, res: ServerResponse, back?: Back): number {
  if (e instanceof AppError) {
    const status = STATUS[e.code] ?? 503;
    send(
      res,
      status,
      messagePage(status === 403 ? "Refused" : "Could not do that", e.message, c?.session ?? null, back),
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
