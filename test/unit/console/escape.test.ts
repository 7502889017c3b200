import { describe, expect, it } from "vitest";
import { escapeHtml, html } from "../../../src/console/escape.js";
import { scopeAllows } from "../../../src/console/sessions.js";

describe("the console's one escape function", () => {
  it("escapes every character that can open a tag, an attribute or an entity", () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y' \`z\``)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;",
    );
  });

  it("html escapes interpolated text, keeps nested html as markup, and drops null and false", () => {
    const message = `"><img src=x onerror=alert(1)>`;
    const out = html`<p title="${message}">
      ${message}${html`<b>${"<i>"}</b>`}${null}${false}${[1, "<", 2]}
    </p>`;
    expect(out.value.replace(/\n\s*/g, "")).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;<b>&lt;i&gt;</b>1&lt;2</p>',
    );
  });

  it("does not take a look-alike object for markup", () => {
    const fake = { value: "<script>x</script>" };
    expect(html`${fake}`.value).toBe("{&quot;value&quot;:&quot;&lt;script&gt;x&lt;/script&gt;&quot;}");
  });
});

describe("a one-time link's session", () => {
  it("reaches its own page and its forms, and nothing else", () => {
    const scope = { kind: "decision" as const, id: "dec_1" };
    expect(scopeAllows(scope, "/console/decisions/dec_1")).toBe(true);
    expect(scopeAllows(scope, "/console/decisions/dec_1/approve")).toBe(true);
    expect(scopeAllows(scope, "/console/decisions/dec_12")).toBe(false);
    expect(scopeAllows(scope, "/console/decisions/dec_2/approve")).toBe(false);
    expect(scopeAllows(scope, "/console/batches/dec_1")).toBe(false);
    expect(scopeAllows(scope, "/console/fleet")).toBe(false);
    expect(scopeAllows({ kind: "all" }, "/console/fleet")).toBe(true);
  });
});
