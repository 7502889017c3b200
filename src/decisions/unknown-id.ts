import { AppError } from "../errors.js";

/**
 * A decision or batch id that names nothing in this database, said with the database looked in:
 * ids live in one database, and an id an agent or another server handed over is in that server's
 * (its MONGODB_URI and MONGODB_DB), which a command run with other settings does not read.
 */
export function unknownId(what: "decision" | "batch", id: string, databaseName: string): AppError {
  const list = what === "decision" ? "bench-operator decisions list" : "bench-operator batches list";
  return new AppError(
    "not_found",
    `No ${what} ${id} in database "${databaseName}". An id from an agent or another server is in that server's ` +
      `database: run this with its MONGODB_URI and MONGODB_DB. \`${list}\` lists this database's.`,
  );
}
