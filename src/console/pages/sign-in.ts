import { html, type SafeHtml } from "../escape.js";
import { page } from "../layout.js";

/** The sign-in form and the page a one-time link lands on. */

export function signInPage(csrf: string, error: string | null, next: string | null = null): SafeHtml {
  const body = html` ${error ? html`<p class="notice" role="alert">${error}</p>` : ""}
    <form method="post" action="/console/sign-in" class="action">
      <input type="hidden" name="csrf" value="${csrf}" />
      ${next ? html`<input type="hidden" name="next" value="${next}" />` : ""}
      <label for="token">Your bearer token (viewer, operator or admin)</label>
      <input id="token" name="token" type="password" autocomplete="off" required />
      <p><button type="submit" class="primary">Sign in</button></p>
    </form>
    <p>
      No token? <code>bench-operator tokens create --role operator --name YOU</code> makes one, or
      <code>bench-operator console --link</code> prints a one-time sign-in link. From Claude Desktop (or
      another MCP client that cannot ask you), approve_decision or revert_batch opens that decision's or
      batch's page with a one-time link.
    </p>`;
  return page("Sign in", body, null);
}

/**
 * A link's landing page. It sets the session cookie and then moves on by a meta refresh rather
 * than a redirect: a redirect that ends a navigation begun elsewhere (a mail client, a chat app)
 * counts as cross-site, and the browser would not send the SameSite=Strict cookie with it.
 */
export function linkLandingPage(target: string): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="refresh" content="0;url=${target}" />
        <title>Signed in · bench-operator console</title>
        <link rel="stylesheet" href="/console/static/console.css" />
      </head>
      <body>
        <main id="main">
          <h1>Signed in</h1>
          <p><a href="${target}">Continue to the page this link is for</a>.</p>
        </main>
      </body>
    </html>`;
}
