import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { describe, expect, it } from "vitest";
import { loadConfig, settingsMarkdown } from "../../src/config/config.js";
import { mongoUriProblem } from "../../src/config/mongo-uri.js";
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

  it("reads Vertex's project, location and credentials; gcloud's default file counts only when it exists", () => {
    expect(loadConfig({}).vertex).toEqual({
      project: undefined,
      location: undefined,
      baseUrl: undefined,
      accessToken: undefined,
      credentialsFile: undefined,
    });
    const c = loadConfig({
      VERTEX_PROJECT: "p1",
      VERTEX_LOCATION: "global",
      VERTEX_ACCESS_TOKEN: "ya29.abc",
      GOOGLE_APPLICATION_CREDENTIALS: "/etc/sa.json",
    });
    expect(c.vertex).toMatchObject({
      project: "p1",
      location: "global",
      accessToken: "ya29.abc",
      credentialsFile: "/etc/sa.json",
    });
    expect(() => loadConfig({ VERTEX_LOCATION: "us central" })).toThrow(
      /VERTEX_LOCATION: must be a location/,
    );
    const home = mkdtempSync(join(tmpdir(), "cfg-home-"));
    try {
      expect(loadConfig({ HOME: home }).vertex.credentialsFile).toBeUndefined();
      mkdirSync(join(home, ".config", "gcloud"), { recursive: true });
      const adc = join(home, ".config", "gcloud", "application_default_credentials.json");
      writeFileSync(adc, "{}");
      expect(loadConfig({ HOME: home }).vertex.credentialsFile).toBe(adc);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("never prints a secret", () => {
    expect(SETTINGS.filter((s) => s.secret).map((s) => s.env)).toEqual(
      expect.arrayContaining(["MONGODB_URI", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "VERTEX_ACCESS_TOKEN"]),
    );
    expect(
      redactSecrets(
        "key sk-proj-abcdefghijklmnopqrstuv and mongodb://u:hunter22@db:27017/x, Bearer abcdefghijkl12345",
      ),
    ).toBe("key [redacted] and mongodb://u:[redacted]@db:27017/x, Bearer [redacted]");
    expect(redactSecrets("token ya29.a0AfB_byC-fake_Token.value used")).toBe("token [redacted] used");
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

  it("reads LOG_LEVEL and LOG_FORMAT in any case, text logs by default", () => {
    expect(loadConfig({}).logFormat).toBe("text");
    expect(loadConfig({ LOG_LEVEL: "INFO" }).logLevel).toBe("info");
    expect(loadConfig({ LOG_LEVEL: "Debug", LOG_FORMAT: "JSON" })).toMatchObject({
      logLevel: "debug",
      logFormat: "json",
    });
    expect(() => loadConfig({ LOG_FORMAT: "xml" })).toThrow(
      "Invalid configuration: LOG_FORMAT: must be one of text, json",
    );
  });

  it("takes UTC and any IANA time zone for JOB_TIMEZONE, and refuses anything else", () => {
    expect(loadConfig({}).jobs.timezone).toBe("UTC");
    expect(loadConfig({ JOB_TIMEZONE: "Europe/Berlin" }).jobs.timezone).toBe("Europe/Berlin");
    for (const tz of ["Mars/Olympus_Mons", "Europe/Nowhere"]) {
      expect(() => loadConfig({ JOB_TIMEZONE: tz })).toThrow(
        "JOB_TIMEZONE: must be an IANA time zone such as UTC or Europe/Berlin",
      );
    }
  });

  it("takes an http or https CONSOLE_PUBLIC_URL only: the email links to it", () => {
    expect(loadConfig({ CONSOLE_PUBLIC_URL: "https://bench.example.com" }).email.consoleUrl).toBe(
      "https://bench.example.com",
    );
    for (const url of ["javascript:alert(1)", "mailto:ops@example.com", "ftp://bench.example.com"]) {
      expect(() => loadConfig({ CONSOLE_PUBLIC_URL: url }), url).toThrow(
        "CONSOLE_PUBLIC_URL: must be an http or https address such as https://bench.example.com",
      );
    }
  });

  it("sends the health email from REPORT_FROM, else from the SMTP login when it is an address", () => {
    const from = (env: Record<string, string>) => loadConfig(env).email.from;
    expect(from({ REPORT_FROM: "Bench <bench@example.com>", SMTP_USER: "ops@example.com" })).toBe(
      "Bench <bench@example.com>",
    );
    expect(from({ SMTP_USER: "ops@example.com" })).toBe("ops@example.com");
    expect(from({ SMTP_USER: "apikey" })).toBe("bench-operator@localhost");
    expect(from({})).toBe("bench-operator@localhost");
  });

  it("logs in to an SMTP server off this machine only over TLS unless SMTP_REQUIRE_TLS=false says otherwise", () => {
    const smtp = (env: Record<string, string>) => loadConfig(env).email.smtp.requireTls;
    expect(smtp({ SMTP_HOST: "smtp.example.com" })).toBe(true);
    for (const host of ["127.0.0.1", "localhost", "::1"]) expect(smtp({ SMTP_HOST: host }), host).toBe(false);
    expect(smtp({ SMTP_HOST: "smtp.example.com", SMTP_REQUIRE_TLS: "false" })).toBe(false);
    expect(smtp({ SMTP_HOST: "127.0.0.1", SMTP_REQUIRE_TLS: "true" })).toBe(true);
    expect(() => loadConfig({ SMTP_REQUIRE_TLS: "sometimes" })).toThrow(/SMTP_REQUIRE_TLS/);
  });

  it("refuses a malformed MONGODB_URI on one line that says what a valid one looks like, never the password", () => {
    for (const uri of [
      "not-a-uri",
      "mongodb://host:notaport",
      "mongodb://admin:hunter22secret@db.internal:99999/prod",
      "mongodb://admin:hunter22%zzsecret@db.internal/prod",
      "mongodb+srv://admin:hunter22secret@a.example.com,b.example.com/prod",
      "mongodb://",
    ]) {
      let error: unknown;
      try {
        loadConfig({ MONGODB_URI: uri });
      } catch (e) {
        error = e;
      }
      expect(error, uri).toMatchObject({ code: "config_invalid" });
      const message = (error as Error).message;
      expect(message, uri).toMatch(/^Invalid configuration: MONGODB_URI: [^\n]+; expected mongodb:\/\/host/);
      expect(message, uri).not.toContain("\n");
      expect(message, uri).not.toMatch(/hunter22|secret/);
    }
  });

  it("accepts what the driver accepts and refuses what it refuses", () => {
    const cases = [
      "mongodb://localhost",
      "mongodb://127.0.0.1:27017/llm-bench",
      "mongodb://u:p%40ss@h1:27017,h2:27018/db",
      "mongodb://[::1]:27017/",
      "mongodb+srv://user:pw@cluster0.example.net/db",
      "mongodb://u@h",
      "MONGODB://h",
      "mongodb://:p@h",
      "mongodb+srv://h:27017",
      "mongodb://u:p%zz@h",
      "mongodb:///db",
      "postgres://h/db",
      "mongodb://h:port",
      "mongodb://h:0",
      "mongodb://h:65536",
      "mongodb://u:p@ss@h",
    ];
    for (const uri of cases) {
      let driverAccepts = true;
      try {
        new MongoClient(uri); // parses the string; connects only on connect()
      } catch {
        driverAccepts = false;
      }
      expect(mongoUriProblem(uri) === undefined, uri).toBe(driverAccepts);
    }
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
