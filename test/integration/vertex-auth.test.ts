import { createVerify, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runBenchmark } from "../../src/benchmark/measure.js";
import { STORY_64_V1 } from "../../src/benchmark/profiles.js";
import { ProviderStreamError } from "../../src/providers/stream/errors.js";
import { createStreamAdapter } from "../../src/providers/stream/factory.js";
import { vertexTokenSource } from "../../src/providers/stream/vertex-auth.js";
import {
  FAKE_VERTEX_TOKEN,
  startFakeProviders,
  type FakeProviders,
} from "../helpers/fake-providers/client.js";

/**
 * Tokens from a credentials file, over real HTTP to a local token endpoint that checks what
 * Google's checks: a service account's RS256 assertion (signature, issuer, audience, scope), an
 * authorized user's refresh token. The fake Vertex accepts only the token this endpoint hands out.
 */
const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const EMAIL = "bench@fake-project.iam.gserviceaccount.com";
const REFRESH = "1//fake-refresh-token";

let tokenServer: Server;
let tokenUri = "";
let dir = "";
let fake: FakeProviders;
const grants: Record<string, string>[] = [];
let refuse = false;
/** While set, the token endpoint holds its answers until it is called. */
let hold: Promise<void> | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "vertex-auth-"));
  tokenServer = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      void (hold ?? Promise.resolve()).then(() => answer(text, res));
    });
  });
  await new Promise<void>((ok) => tokenServer.listen(0, "127.0.0.1", ok));
  tokenUri = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`;
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake?.stop();
  await new Promise<void>((ok) => tokenServer.close(() => ok()));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  grants.length = 0;
  refuse = false;
  hold = null;
});

function answer(text: string, res: ServerResponse): void {
  const form = Object.fromEntries(new URLSearchParams(text));
  grants.push(form);
  const ok = !refuse && (validAssertion(form) || form["refresh_token"] === REFRESH);
  res.writeHead(ok ? 200 : 400, { "content-type": "application/json" });
  res.end(
    JSON.stringify(
      ok
        ? { access_token: FAKE_VERTEX_TOKEN, expires_in: 3599, token_type: "Bearer" }
        : { error: "invalid_grant", error_description: "Invalid JWT Signature." },
    ),
  );
}

function validAssertion(form: Record<string, string>): boolean {
  if (form["grant_type"] !== "urn:ietf:params:oauth:grant-type:jwt-bearer" || !form["assertion"])
    return false;
  const [header, claims, signature] = form["assertion"].split(".");
  const verified = createVerify("RSA-SHA256")
    .update(`${header}.${claims}`)
    .verify(publicKey, Buffer.from(signature!, "base64url"));
  const c = JSON.parse(Buffer.from(claims!, "base64url").toString()) as Record<string, unknown>;
  return (
    verified &&
    c["iss"] === EMAIL &&
    c["aud"] === tokenUri &&
    c["scope"] === "https://www.googleapis.com/auth/cloud-platform" &&
    (c["exp"] as number) - (c["iat"] as number) === 3600
  );
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const serviceAccount = () =>
  file("sa.json", {
    type: "service_account",
    project_id: "fake-project",
    client_email: EMAIL,
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }),
    token_uri: tokenUri,
  });

describe("Vertex tokens from a credentials file", () => {
  it("a service account's signed assertion is exchanged once and the token is cached", async () => {
    const source = vertexTokenSource({ credentialsFile: serviceAccount() });
    const [a, b] = await Promise.all([source.token(), source.token()]);
    expect(await source.token()).toBe(FAKE_VERTEX_TOKEN);
    expect([a, b]).toEqual([FAKE_VERTEX_TOKEN, FAKE_VERTEX_TOKEN]);
    expect(grants).toHaveLength(1);
  });

  it("a run whose deadline passes while the token is fetched stops waiting; the others still get it", async () => {
    let release = (): void => {};
    hold = new Promise((r) => (release = r));
    const source = vertexTokenSource({ credentialsFile: serviceAccount() });
    const deadline = new AbortController();
    const first = source.token(deadline.signal);
    const second = source.token();
    deadline.abort(new Error("run deadline"));
    await expect(first).rejects.toThrow("run deadline");
    release();
    expect(await second).toBe(FAKE_VERTEX_TOKEN);
    expect(grants).toHaveLength(1);
  });

  it("a token near its expiry is fetched again", async () => {
    let clock = 1_000_000;
    const source = vertexTokenSource({ credentialsFile: serviceAccount() }, () => clock);
    await source.token();
    clock += 3_599_000 - 30_000; // inside the last minute
    await source.token();
    expect(grants).toHaveLength(2);
  });

  it("an authorized user's refresh token is exchanged", async () => {
    const path = file("user.json", {
      type: "authorized_user",
      client_id: "fake.apps.googleusercontent.com",
      client_secret: "fake-client-secret",
      refresh_token: REFRESH,
      token_uri: tokenUri,
    });
    expect(await vertexTokenSource({ credentialsFile: path }).token()).toBe(FAKE_VERTEX_TOKEN);
    expect(grants[0]).toMatchObject({ grant_type: "refresh_token", refresh_token: REFRESH });
  });

  it("a refused grant, a missing file and a file of another type are auth failures that name the cause", async () => {
    refuse = true;
    await expect(vertexTokenSource({ credentialsFile: serviceAccount() }).token()).rejects.toThrow(
      /refused \(HTTP 400\): invalid_grant: Invalid JWT Signature/,
    );
    const missing = vertexTokenSource({ credentialsFile: join(dir, "nope.json") }).token();
    await expect(missing).rejects.toThrow(/cannot read the Google credentials file .*nope\.json/);
    const other = vertexTokenSource({
      credentialsFile: file("ext.json", { type: "external_account" }),
    }).token();
    await expect(other).rejects.toThrow(
      /type "external_account"; expected service_account or authorized_user/,
    );
    const error = await vertexTokenSource({ credentialsFile: file("bad.json", "{not json") })
      .token()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderStreamError);
    expect(error).toMatchObject({ point: "setup", kind: "auth" });
  });

  it("a private key that cannot sign is reported without quoting the key", async () => {
    const path = file("badkey.json", {
      type: "service_account",
      client_email: EMAIL,
      private_key: "-----BEGIN PRIVATE KEY-----\nnot-a-key-secret-material\n-----END PRIVATE KEY-----\n",
      token_uri: tokenUri,
    });
    const error = (await vertexTokenSource({ credentialsFile: path })
      .token()
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/cannot sign/);
    expect(error.message).not.toContain("not-a-key-secret-material");
  });

  it("a benchmark run fetches its token before the clock starts and measures with it", async () => {
    const config = {
      ...fake.config,
      vertex: { ...fake.config.vertex, accessToken: undefined, credentialsFile: serviceAccount() },
    };
    const result = await runBenchmark(
      createStreamAdapter("vertex", config),
      { provider: "vertex", model: "basic~auth1", metadata: {} },
      STORY_64_V1,
      { deadlineMs: 10_000, attempt: 1, sampleRole: "published" },
    );
    expect(result.ok ? result.metric.output_tokens : result.error.message).toBe(64);
    expect(grants).toHaveLength(1);
    expect(await fake.log("auth1")).toHaveLength(1);
  });

  it("a token failure ends the run at setup without a request", async () => {
    refuse = true;
    const config = {
      ...fake.config,
      vertex: { ...fake.config.vertex, accessToken: undefined, credentialsFile: serviceAccount() },
    };
    const result = await runBenchmark(
      createStreamAdapter("vertex", config),
      { provider: "vertex", model: "basic~auth2", metadata: {} },
      STORY_64_V1,
      { deadlineMs: 10_000, attempt: 1, sampleRole: "published" },
    );
    expect(result.ok ? null : result.error).toMatchObject({ stage: "load_provider", error_kind: "auth" });
    expect(await fake.log("auth2")).toHaveLength(0);
  });
});
