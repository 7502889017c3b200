import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  Double,
  Int32,
  Long,
  MongoClient,
  ObjectId,
  type Collection,
  type Document,
  type Filter,
} from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFerretDb, type RunningDatabase } from "../../src/db/ferretdb.js";

/**
 * Our FerretDB build reads only the projected fields of a find from SQLite (projection pushdown)
 * and decodes scalars without a json.Decoder each (tools/ferretdb/patches.json). Both change how
 * every stored value comes back, so these tests compare what a find returns with the documents as
 * inserted, value types included, with and without a projection. They start the launcher
 * directly, whatever MONGODB_URI says.
 */
describe("the patched FerretDB launcher's reads", () => {
  let server: RunningDatabase;
  let client: MongoClient;
  let col: Collection<Document>;
  const dataDir = mkdtempSync(join(tmpdir(), "ferretdb-projection-test-"));
  const oid = new ObjectId();
  const docs: Document[] = [
    {
      _id: oid,
      dbl: new Double(0.1 + 0.2),
      whole: new Double(5),
      // Not -0: FerretDB 1.24 stores it as 0, patched or not.
      big: new Double(1e300),
      int: new Int32(-7),
      long: Long.fromString("9007199254740993"),
      str: 'quote " backslash \\ newline \n tab \t',
      uni: "ünïcödé ✓ 𝄞",
      empty: "",
      yes: true,
      no: false,
      nil: null,
      when: new Date(1_234_567_890_123),
      nested: { a: [new Int32(1), new Double(2.5), "s", { deep: new Date(0) }], b: {} },
      arr: [],
    },
    { _id: "string-id", dbl: new Double(1.5), str: "only two fields" },
    { _id: new Int32(7), nil: null },
    { _id: new ObjectId(), nested: [{ x: new Int32(1) }], other: "not projected" },
    // Text that a scan of the stored JSON must step over: brackets, quotes and escapes in
    // strings, nested and not, before and after the projected fields.
    {
      _id: "strings",
      other: '} ] { [ " \\" , :',
      nested: { s: '"}]', t: ["{", '"', "\\"], u: [{}, { v: [] }] },
      str: ',"str":"not this"}',
      dbl: new Double(-2.5),
      uni: "ünïcödé ✓ 𝄞",
    },
    // Keys other than plain names (FerretDB 1.24 writes keys into its JSON as they are, so a key
    // with a quote or a backslash cannot be stored at all).
    {
      _id: "odd-keys",
      "ключ é": new Int32(1),
      "a<b>&c": "x",
      "sp ace": true,
      str: "kept",
      dbl: new Double(3),
    },
  ];

  beforeAll(async () => {
    server = await startFerretDb(dataDir);
    client = new MongoClient(server.uri, { promoteValues: false, promoteLongs: false });
    await client.connect();
    col = client.db("projection").collection("docs");
    await col.insertMany(docs.map((d) => ({ ...d })));
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** `doc` as MongoDB projects it with an inclusion projection of top-level fields. */
  function project(doc: Document, fields: string[]): Document {
    return Object.fromEntries(Object.entries(doc).filter(([k]) => k === "_id" || fields.includes(k)));
  }

  /** A filter on `_id`, whose values here are of several BSON types. */
  const byKey = (id: unknown): Filter<Document> => ({ _id: id }) as Filter<Document>;

  const byId = (a: Document, b: Document): number => String(a["_id"]).localeCompare(String(b["_id"]));

  it("returns every value with its type, as inserted", async () => {
    const found = (await col.find({}).toArray()).sort(byId);
    expect(found).toEqual([...docs].sort(byId));
    const first = found.find((d) => d["_id"] instanceof ObjectId)!;
    expect(first["whole"]).toBeInstanceOf(Double);
    expect(first["int"]).toBeInstanceOf(Int32);
    expect(first["long"]).toBeInstanceOf(Long);
    expect(Object.keys(first)).toEqual(Object.keys(docs[0]!));
  });

  it("returns exactly the projected fields, present or absent, null kept as null", async () => {
    for (const fields of [
      ["dbl", "str", "nil", "nested", "when", "long", "missing"],
      ["uni"],
      ["nil"],
      ["missing"],
    ]) {
      const projection = Object.fromEntries(fields.map((f) => [f, 1]));
      const found = (await col.find({}, { projection }).toArray()).sort(byId);
      expect(found, fields.join(",")).toEqual(docs.map((d) => project(d, fields)).sort(byId));
    }
  });

  it("returns the projected fields in the stored document's order, whatever the projection's order", async () => {
    const fields = ["uni", "str", "dbl", "nested", "nil"];
    const projection = Object.fromEntries(fields.map((f) => [f, 1]));
    const found = (await col.find({}, { projection }).toArray()).sort(byId);
    const expected = docs.map((d) => project(d, fields)).sort(byId);
    expect(found).toEqual(expected);
    expect(found.map((d) => Object.keys(d))).toEqual(expected.map((d) => Object.keys(d)));
    expect(found.find((d) => (d["_id"] as unknown) === "strings")).toEqual({
      _id: "strings",
      nested: docs[4]!["nested"],
      str: ',"str":"not this"}',
      dbl: new Double(-2.5),
      uni: "ünïcödé ✓ 𝄞",
    });
    expect(await col.findOne(byKey("odd-keys"), { projection: { str: 1, dbl: 1 } })).toEqual({
      _id: "odd-keys",
      str: "kept",
      dbl: new Double(3),
    });
  });

  it("counts a collection's documents exactly in collStats, after inserts and deletes", async () => {
    const db = client.db("projection");
    const counted = db.collection<{ _id: number; pad: string }>("counted");
    // Documents of ~600 bytes: the table spans many pages, as the raw history's does.
    await counted.insertMany(Array.from({ length: 1_200 }, (_, i) => ({ _id: i, pad: "x".repeat(600) })));
    await counted.deleteMany({ _id: { $lt: 150 } });
    expect((await db.command({ collStats: "counted" }))["count"]).toBe(1_050);
    expect((await db.command({ collStats: "docs" }))["count"]).toBe(docs.length);
    await counted.deleteMany({});
    expect((await db.command({ collStats: "counted" }))["count"]).toBe(0);
  });

  it("applies the filter on _id, with or without the index, to the projected documents", async () => {
    const projection = { dbl: 1, str: true };
    expect(await col.findOne(byKey(oid), { projection })).toEqual(project(docs[0]!, ["dbl", "str"]));
    const some = await col.find(byKey({ $in: ["string-id", new Int32(7)] }), { projection }).toArray();
    expect(some.sort(byId)).toEqual(
      [project(docs[1]!, ["dbl", "str"]), project(docs[2]!, ["dbl", "str"])].sort(byId),
    );
    const after = await col.find(byKey({ $gt: "p", $lt: "strings" }), { projection }).toArray();
    expect(after).toEqual([project(docs[1]!, ["dbl", "str"])]);
  });

  it("answers projections it does not push down as before", async () => {
    // An exclusion, a dotted path, and a filter on another field all read whole documents.
    const excl = (await col.find({}, { projection: { nested: 0, other: 0 } }).toArray()).sort(byId);
    expect(excl).toEqual(
      docs
        .map((d) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== "nested" && k !== "other")))
        .sort(byId),
    );
    expect(await col.findOne(byKey(oid), { projection: { "nested.b": 1 } })).toEqual({
      _id: oid,
      nested: { b: {} },
    });
    expect(await col.find({ str: "only two fields" }, { projection: { dbl: 1 } }).toArray()).toEqual([
      { _id: "string-id", dbl: new Double(1.5) },
    ]);
  });
});
