import { probeVariants } from "./src/taxonomy/probes.js";
import { scoreCorpus } from "./src/taxonomy/score.js";
import { classOf } from "./src/taxonomy/kinds.js";
import { loadAllBatches, splitOfCorpus } from "./test/unit/taxonomy/corpus.js";
const train = splitOfCorpus(loadAllBatches(), "train");
for (const [name, set] of probeVariants(train)) {
  if (name !== (process.argv[2] ?? "first sentence")) continue;
  const s = scoreCorpus(set);
  for (const m of s.misses) {
    const bad = classOf(m.got) === "hard" && classOf(m.expected) !== "hard";
    if (process.argv[3] === "hardfp" ? bad : classOf(m.got) !== classOf(m.expected))
      console.log(`${m.expected} -> ${m.got} | ${m.message.replace(/\s+/g, " ").slice(0, 160)}`);
  }
}
