import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

/** Runs the real binary through tsx, as a user would, feeding `stdin`. */
function runCli(
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "src/cli/main.ts", ...args], {
      cwd: process.cwd(),
      // An unreachable database: `errors classify` must never try to open one.
      env: { ...process.env, MONGODB_URI: "mongodb://127.0.0.1:1/", NO_COLOR: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The brief's example line, byte for byte as `printf '%s\n' '...'` writes it. */
const OPENAI_404 =
  '{"provider":"openai","http_status":404,"message":"Error code: 404 - {\\"error\\": {\\"message\\": \\"The model `gpt-4.5-preview` does not exist\\", \\"type\\": \\"invalid_request_error\\", \\"code\\": \\"model_not_found\\"}}"}';

describe("bench-operator errors classify", () => {
  it("answers the brief's example with a hard verdict and an error line", async () => {
    const { code, stdout } = await runCli(["errors", "classify"], `${OPENAI_404}\nnot json\n`);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(["kind", "class", "basis", "normalized_message", "fingerprint"]);
    expect(first).toMatchObject({ kind: "model_not_found", class: "hard" });
    expect(first["normalized_message"]).toContain("does not exist");
    expect(first["fingerprint"]).toMatch(/^[0-9a-f]{16}$/);
    const second = JSON.parse(lines[1]!) as Record<string, unknown>;
    expect(Object.keys(second)).toEqual(["error"]);
    expect(second["error"]).toMatch(/JSON/);
  });

  it("keeps input order, skips blank lines and reports every bad line without stopping", async () => {
    const input = [
      JSON.stringify({ provider: "groq", http_status: 429, message: "Rate limit reached for model" }),
      "",
      "   ",
      JSON.stringify({ provider: "bedrock" }),
      JSON.stringify({ provider: "openai", message: "x", http_status: "404" }),
      "[1,2,3]",
      JSON.stringify({
        provider: "bedrock",
        exc_type: "ExpiredTokenException",
        model: "us.anthropic.claude-sonnet-4-20250514-v1:0",
        message: "The security token included in the request is expired",
      }),
      "{broken",
    ].join("\r\n");
    const { code, stdout } = await runCli(["errors", "classify"], input);
    expect(code).toBe(0);
    const out = stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o["kind"] ?? "error")).toEqual([
      "rate_limit",
      "error",
      "error",
      "error",
      "auth",
      "error",
    ]);
    expect(out[1]!["error"]).toMatch(/line 4: message/);
    expect(out[2]!["error"]).toMatch(/line 5: http_status/);
  });

  it("says in --help that blank lines are skipped", async () => {
    const { stdout } = await runCli(["errors", "classify", "--help"], "");
    expect(stdout).toMatch(/Blank lines are skipped/);
    expect(stdout).toMatch(/no database is opened/);
  });
});
