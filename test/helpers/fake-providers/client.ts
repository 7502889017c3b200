import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Config } from "../../../src/config/config.js";
import type { LogEntry } from "./response.js";

export type { LogEntry, LogWrite } from "./response.js";

/** Fake keys. The OpenAI one has a key's usual shape; the DeepInfra one has none, to test literal scrubbing. */
export const FAKE_KEYS = {
  openai: "sk-fakeopenai0123456789abcdef",
  deepinfra: "plain-DEEPINFRA-4242-secret",
} as const;

export const FAKE_AWS_CREDENTIALS = { accessKeyId: "AKIAFAKEFAKEFAKEFAKE", secretAccessKey: "fake-secret" };

/** The only bearer token the fake's Vertex routes accept. */
export const FAKE_VERTEX_TOKEN = "ya29.fake-vertex-access-token-0123456789";

export interface FakeProviders {
  /** `http://127.0.0.1:<port>/v1`: the base URL for every SSE provider. */
  baseUrl: string;
  /** `http://127.0.0.1:<h2Port>`: the Bedrock endpoint (HTTP/2 cleartext). */
  bedrockEndpoint: string;
  /** A provider config pointing every provider at the fake, with fake keys. */
  config: Pick<Config, "providers" | "bedrock" | "vertex">;
  /** The send log, all of it or one request's (by the `~key` in its model id). */
  log(key?: string): Promise<LogEntry[]>;
  reset(): Promise<void>;
  /** The fake's process.hrtime in ms (for the clock self-check). */
  clock(): Promise<number>;
  stop(): Promise<void>;
}

const SERVER = fileURLToPath(new URL("./server.ts", import.meta.url));

/**
 * Starts the fake providers as a child process and waits for it to report its ports. `raised`
 * (the accuracy bench): the fake runs in a session of its own, which on Linux is a scheduling
 * group of its own (autogroup), at group nice -10 where allowed, so that on a busy shared machine
 * it keeps its schedule as a provider on another machine would; starved, it fell hundreds of ms
 * behind and sent a stream's chunks in one burst, which is no stream a provider sends.
 * `schedulingGroup` says what it got.
 */
export async function startFakeProviders(
  options: { raised?: boolean } = {},
): Promise<FakeProviders & { schedulingGroup: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER], {
    stdio: ["pipe", "pipe", "inherit"],
    detached: options.raised === true,
  });
  const schedulingGroup = options.raised ? raiseGroup(child.pid) : "shared with the caller";
  const { port, h2Port } = await readPorts(child);
  const baseUrl = `http://127.0.0.1:${port}/v1`;
  const control = `http://127.0.0.1:${port}`;
  const endpoint = (apiKey: string) => ({ apiKey, baseUrl });
  return {
    schedulingGroup,
    baseUrl,
    bedrockEndpoint: `http://127.0.0.1:${h2Port}`,
    config: {
      providers: {
        openai: endpoint(FAKE_KEYS.openai),
        anthropic: endpoint("sk-ant-fake0123456789abcdef"),
        groq: endpoint("gsk_fake0123456789abcdef"),
        together: endpoint("fake-together-key"),
        fireworks: endpoint("fw_fake0123456789abcdef"),
        deepinfra: endpoint(FAKE_KEYS.deepinfra),
        cerebras: endpoint("csk-fake0123456789"),
        mistral: endpoint("fake-mistral-key"),
        openrouter: endpoint("sk-or-v1-fake0123456789abcdef"),
      },
      bedrock: { region: "us-east-1", endpointUrl: `http://127.0.0.1:${h2Port}` },
      vertex: {
        project: "fake-project",
        location: "us-central1",
        baseUrl: control,
        accessToken: FAKE_VERTEX_TOKEN,
      },
    },
    log: async (key) =>
      (await (
        await fetch(`${control}/__log${key ? `?key=${encodeURIComponent(key)}` : ""}`)
      ).json()) as LogEntry[],
    reset: async () => {
      await fetch(`${control}/__reset`, { method: "POST" });
    },
    clock: async () => ((await (await fetch(`${control}/__clock`)).json()) as { now: number }).now,
    stop: () => stopChild(child),
  };
}

function raiseGroup(pid: number | undefined): string {
  try {
    writeFileSync(`/proc/${pid}/autogroup`, "-10");
    return readFileSync(`/proc/${pid}/autogroup`, "utf8").trim();
  } catch (error) {
    return `own session; group nice not raised (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
}

async function readPorts(child: ChildProcess): Promise<{ port: number; h2Port: number }> {
  if (!child.stdout) throw new Error("fake providers: no stdout");
  const lines = createInterface({ input: child.stdout });
  const timer = setTimeout(() => child.kill("SIGTERM"), 20_000);
  try {
    for await (const line of lines) {
      const parsed = JSON.parse(line) as { port: number; h2Port: number };
      return parsed;
    }
    throw new Error("fake providers exited before reporting their ports");
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.stdin?.end();
    child.kill("SIGTERM");
  });
}
