import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, settingsMarkdown } from "../../src/config/config.js";
import { SETTINGS } from "../../src/config/settings.js";
import { redactSecrets } from "../../src/logger.js";

describe("config", () => {
  it("has defaults for everything a first run needs", () => {
    const c = loadConfig({});
    expect(c.mongodb).toEqual({ uri: undefined, db: "llm-bench", dataDir: undefined });
    expect(c.collections).toEqual({
      models: "models",
      metrics: "metrics_cloud_v2",
      errors: "errors_cloud",
      modelStatus: "model_status",
      providerCatalog: "provider_catalog",
      openrouterCatalog: "openrouter_catalog",
    });
    expect(c.providers.openai).toEqual({ apiKey: undefined, baseUrl: undefined });
    expect(c.principal).toEqual({ name: "local-operator", role: "operator" });
  });

  it("reads collection overrides and provider endpoints under their conventional names", () => {
    const c = loadConfig({
      MONGODB_COLLECTION_CLOUD: "metrics_alt",
      GROQ_API_KEY: "gsk_x",
      GROQ_BASE_URL: "http://127.0.0.1:9999/openai/v1",
      BEDROCK_ENDPOINT_URL: "http://127.0.0.1:9998",
    });
    expect(c.collections.metrics).toBe("metrics_alt");
    expect(c.providers.groq).toEqual({ apiKey: "gsk_x", baseUrl: "http://127.0.0.1:9999/openai/v1" });
    expect(c.bedrock.endpointUrl).toBe("http://127.0.0.1:9998");
  });

  it("reports every problem at once, by setting name", () => {
    let message = "";
    try {
      loadConfig({
        OPENAI_BASE_URL: "not a url",
        LOG_LEVEL: "loud",
        OPERATOR_DAILY_BUDGET_USD: "-3",
        BENCH_OPERATOR_PRINCIPAL: "bob",
      });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of [
      "OPENAI_BASE_URL",
      "LOG_LEVEL",
      "OPERATOR_DAILY_BUDGET_USD",
      "BENCH_OPERATOR_PRINCIPAL",
    ])
      expect(message).toContain(name);
  });

  it("never prints a secret", () => {
    expect(SETTINGS.filter((s) => s.secret).map((s) => s.env)).toEqual(
      expect.arrayContaining(["MONGODB_URI", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"]),
    );
    expect(
      redactSecrets(
        "key sk-proj-abcdefghijklmnopqrstuv and mongodb://u:hunter22@db:27017/x, Bearer abcdefghijkl12345",
      ),
    ).toBe("key [redacted] and mongodb://u:[redacted]@db:27017/x, Bearer [redacted]");
  });

  it("the README's configuration table is the one generated from the schema", () => {
    // Compared cell by cell: Prettier pads the README's table columns.
    const rows = (text: string): string[] =>
      text
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .map((l) =>
          l
            .split("|")
            .map((c) => c.trim())
            .join("|"),
        );
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("<!-- settings:start -->"),
      readme.indexOf("<!-- settings:end -->"),
    );
    expect(rows(section)).toEqual(rows(settingsMarkdown()));
  });

  it("no module but the CLI's composition root reads process.env", () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith(".ts") && !p.endsWith(join("cli", "main.ts"))) {
          const code = readFileSync(p, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
          if (/process\.env\b/.test(code)) offenders.push(p);
        }
      }
    };
    walk(join(import.meta.dirname, "../../src"));
    expect(offenders).toEqual([]);
  });
});
