import { describe, expect, it } from "vitest";
import {
  clientConfig,
  serverEntry,
  shellQuote,
  withPasswordPlaceholder,
} from "../../../src/cli/mcp-config.js";
import { loadConfig } from "../../../src/config/config.js";

describe("withPasswordPlaceholder", () => {
  it.each([
    ["mongodb://u:secret@h:27017/", "mongodb://u:<password>@h:27017/"],
    [
      "mongodb+srv://u:p%40ss:word@cluster.example.net/db?retryWrites=true",
      "mongodb+srv://u:<password>@cluster.example.net/db?retryWrites=true",
    ],
    ["mongodb://u:secret@h1,h2/?replicaSet=rs", "mongodb://u:<password>@h1,h2/?replicaSet=rs"],
    ["mongodb://h:27017/?appName=a@b", "mongodb://h:27017/?appName=a@b"],
    ["mongodb://user@h/", "mongodb://user@h/"],
    ["mongodb://127.0.0.1:27017/", "mongodb://127.0.0.1:27017/"],
  ])("%s", (uri, expected) => {
    expect(withPasswordPlaceholder(uri)).toBe(expected);
  });
});

describe("serverEntry and clientConfig", () => {
  const opts = {
    node: "/opt/node/bin/node",
    mainJs: "/srv/bench operator/dist/cli/main.js",
    readOnly: false,
  };

  it("passes collection overrides and the principal, and quotes the Claude Code line for a POSIX shell", () => {
    const env = {
      BENCH_OPERATOR_DATA_DIR: "/data/bo",
      MONGODB_COLLECTION_MODELS: "models_v3",
      BENCH_OPERATOR_PRINCIPAL: "alice:operator",
    };
    const { entry, notes } = serverEntry(loadConfig(env), env, opts);
    expect(notes).toEqual([]);
    expect(entry.env).toEqual({
      BENCH_OPERATOR_DATA_DIR: "/data/bo",
      MONGODB_DB: "llm-bench",
      MONGODB_COLLECTION_MODELS: "models_v3",
      BENCH_OPERATOR_PRINCIPAL: "alice:operator",
    });
    expect(clientConfig("claude-code", entry)).toBe(
      "claude mcp add --transport stdio bench-operator -e BENCH_OPERATOR_DATA_DIR=/data/bo -e MONGODB_DB=llm-bench " +
        "-e MONGODB_COLLECTION_MODELS=models_v3 -e BENCH_OPERATOR_PRINCIPAL=alice:operator " +
        "-- /opt/node/bin/node '/srv/bench operator/dist/cli/main.js' mcp",
    );
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
