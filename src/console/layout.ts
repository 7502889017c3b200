import type { ConsoleSessionDoc } from "../storage/console-sessions-repository.js";
import { html, type SafeHtml } from "./escape.js";
import { signOutPath } from "./sessions.js";

/** The page shell: one stylesheet, a skip link, the navigation, no script. */

const NAV: [string, string][] = [
  ["/console/decisions", "Decisions"],
  ["/console/batches", "Batches"],
  ["/console/models", "Models"],
  ["/console/fleet", "Fleet"],
  ["/console/situations", "Situations"],
  ["/console/costs", "Costs"],
  ["/console/jobs", "Jobs"],
  ["/console/reports", "Reports"],
  ["/console/invariants", "Invariants"],
];

export function page(
  title: string,
  body: SafeHtml,
  session: ConsoleSessionDoc | null,
  current = "",
): SafeHtml {
  const nav =
    session && session.scope.kind === "all"
      ? html`<nav aria-label="Console">
          <ul>
            ${NAV.map(
              ([href, label]) =>
                html`<li>
                  <a href="${href}" ${href === current ? html`aria-current="page"` : ""}>${label}</a>
                </li>`,
            )}
          </ul>
        </nav>`
      : "";
  const who = session
    ? html`<form method="post" action="${signOutPath(session.scope)}" class="who">
        <span>${session.principal.name} (${session.principal.role})</span>
        <input type="hidden" name="csrf" value="${session.csrf}" />
        <button type="submit">Sign out</button>
      </form>`
    : "";
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · bench-operator console</title>
        <link rel="stylesheet" href="/console/static/console.css" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <p class="brand">bench-operator console</p>
          ${who}${nav}${session && session.scope.kind !== "all" ? linkSessionNote(session) : ""}
        </header>
        <main id="main">
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}

/**
 * A session a one-time link opened reaches its own page only, and the page's other links ask for a
 * sign-in: the person reads where the rest is before following one.
 */
function linkSessionNote(session: ConsoleSessionDoc): SafeHtml {
  const until = `${session.expires_at.toISOString().slice(11, 16)} UTC`;
  return html`<p class="scope">
    Opened by a one-time link for ${session.principal.name}: this page only, until ${until}. Other pages of
    the console ask you to sign in (your own token, or <code>bench-operator console --link</code> for a link
    to every page); from your MCP client, approve_decision or revert_batch opens the page of that decision or
    batch.
  </p>`;
}

/** A link back to the page a refused form was on. */
export interface Back {
  href: string;
  label: string;
}

/** A message page (refusals, errors): the text is escaped like everything else. */
export function messagePage(
  title: string,
  message: string,
  session: ConsoleSessionDoc | null,
  back?: Back,
): SafeHtml {
  const link = back ? html`<p><a href="${back.href}">${back.label}</a></p>` : "";
  return page(
    title,
    html`<p class="notice" role="alert">${message}</p>
      ${link}`,
    session,
  );
}

/** High-contrast, readable without JavaScript; focus is always visible. */
export const STYLESHEET = `
:root { color-scheme: light; --fg: #111; --bg: #fff; --muted: #444; --line: #888; --accent: #0b4f9c; --bad: #8a1010; --ok: #0d5c1d; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: .5rem 1rem; border-bottom: 2px solid var(--fg); }
.brand { font-weight: 700; margin: 0; display: inline-block; }
.scope { margin: .5rem 0 0; color: var(--muted); }
.who { float: right; display: flex; gap: .5rem; align-items: center; }
nav ul { list-style: none; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: 1rem; }
nav a[aria-current] { font-weight: 700; text-decoration: underline 3px; }
main { padding: 1rem; max-width: 72rem; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #c60; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
.untrusted { font-family: ui-monospace, monospace; white-space: pre-wrap; word-break: break-word; background: #f4f4f4; border-left: 4px solid var(--line); padding: .25rem .5rem; margin: .25rem 0; }
.notice { border: 2px solid var(--fg); padding: .5rem 1rem; }
.bad { color: var(--bad); font-weight: 700; }
.ok { color: var(--ok); font-weight: 700; }
section { margin: 1.5rem 0; }
form.action { border: 2px solid var(--fg); padding: 1rem; margin: 1rem 0; max-width: 40rem; }
label { display: block; font-weight: 600; margin-bottom: .25rem; }
input[type=text], input[type=password], textarea { width: 100%; font: inherit; padding: .4rem; border: 2px solid var(--fg); }
button { font: inherit; padding: .4rem 1rem; border: 2px solid var(--fg); background: #e8e8e8; color: var(--fg); cursor: pointer; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
button.danger { background: var(--bad); color: #fff; border-color: var(--bad); }
svg { max-width: 100%; height: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: 0 0 1rem; }
input[type=search], select { font: inherit; padding: .4rem; border: 2px solid var(--fg); background: var(--bg); color: var(--fg); }
ul.pager { list-style: none; padding: 0; display: flex; gap: 1rem; }
div.action { border: 2px solid var(--fg); padding: 0 1rem; margin: 1rem 0; max-width: 40rem; }
`;
