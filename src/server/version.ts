import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The package version, read once; src/ and dist/ sit at the same depth below package.json. */
export const PACKAGE_VERSION: string = (() => {
  try {
    const path = resolve(dirname(fileURLToPath(import.meta.url)), "../../package.json");
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    const version =
      typeof parsed === "object" && parsed !== null ? (parsed as { version?: unknown }).version : undefined;
    return typeof version === "string" ? version : "0.0.0";
  } catch {
    return "0.0.0";
  }
})();
