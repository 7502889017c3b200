import { describe, expect, it } from "vitest";
import { ruleKind } from "../../../src/taxonomy/classify.js";
import type { ErrorKind } from "../../../src/taxonomy/kinds.js";

/**
 * The shape the wording tests share (phrasings*.test.ts, concepts-8.test.ts): a message in words of
 * our own, the status it came with if any, and the kind it must get.
 */
export interface Case {
  message: string;
  httpStatus?: number;
  kind: ErrorKind;
}

/** The rules' kind (the lexicon, which reads what no rule decided, is tested in lexicon.test.ts). */
export const kindOf = (c: Case): ErrorKind =>
  ruleKind({ provider: "p", message: c.message, httpStatus: c.httpStatus });

/**
 * One round's wordings: each family read as its kind, the near misses left to the rule they belong
 * to, and the families that give a hard verdict giving none under a 5xx or with a retry hint (a
 * hard verdict needs evidence no transient context contradicts).
 */
export function describeWordings(
  title: string,
  families: Record<string, Case[]>,
  nearMisses: Case[],
  hard: { families: string[]; status: number },
): void {
  describe(title, () => {
    for (const [family, cases] of Object.entries(families))
      it(`reads ${family}`, () => {
        for (const c of cases) expect(kindOf(c), c.message).toBe(c.kind);
      });

    it("leaves the near misses to the rule they belong to", () => {
      for (const c of nearMisses) expect(kindOf(c), c.message).toBe(c.kind);
    });

    // A round that taught no hard family has nothing to check here (a test that could not fail).
    if (hard.families.length === 0) return;
    it("gives no hard verdict under a 5xx or with a retry hint", () => {
      const cases = hard.families.flatMap((f) => families[f] ?? []);
      expect(cases.length).toBe(hard.families.reduce((n, f) => n + (families[f]?.length ?? NaN), 0));
      for (const c of cases) {
        expect(kindOf({ ...c, httpStatus: hard.status }), c.message).not.toMatch(/^model_/);
        expect(kindOf({ ...c, message: `${c.message} Please try again later.` }), c.message).not.toMatch(
          /^model_/,
        );
      }
    });
  });
}
