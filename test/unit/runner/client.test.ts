import { describe, expect, it } from "vitest";
import { IngestClient } from "../../../src/runner/client.js";

describe("the runner's ingest client", () => {
  it("names the server with its path prefix and refuses an address that is not http(s)", () => {
    expect(new IngestClient({ server: "https://host/bench/", token: "t" }).server).toBe("https://host/bench");
    expect(new IngestClient({ server: "http://127.0.0.1:8765", token: "t" }).server).toBe(
      "http://127.0.0.1:8765",
    );
    // Parses as a URL of scheme "127.0.0.1:", which no call could reach.
    expect(() => new IngestClient({ server: "127.0.0.1:8765", token: "t" })).toThrow(
      /--server must be an http\(s\) URL/,
    );
  });
});
