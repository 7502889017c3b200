const OPEN = "<think>";
const CLOSE = "</think>";

/**
 * Separates reasoning that a host streams inline as `<think>...</think>` at the start of the
 * content (Groq's and vLLM's "raw" reasoning format) from the answer, so that the time to the
 * first answer token is not the time to the first thinking token. Tags may be split across
 * chunks; a partial tag is held back until the next chunk decides it. Only a leading `<think>`
 * opens a reasoning block: a tag in the middle of an answer is answer text.
 */
export class ThinkTagSplitter {
  private state: "start" | "thinking" | "answer" = "start";
  private held = "";

  push(text: string): { reasoning: string; answer: string } {
    if (this.state === "answer") return { reasoning: "", answer: text };
    this.held += text;
    if (this.state === "start") {
      const trimmed = this.held.trimStart();
      if (trimmed.length < OPEN.length && OPEN.startsWith(trimmed)) return { reasoning: "", answer: "" };
      if (!trimmed.startsWith(OPEN)) return this.toAnswer(this.held);
      this.state = "thinking";
      this.held = trimmed.slice(OPEN.length);
    }
    const close = this.held.indexOf(CLOSE);
    if (close >= 0) {
      const reasoning = this.held.slice(0, close);
      const answer = this.held.slice(close + CLOSE.length).trimStart();
      this.held = "";
      this.state = "answer";
      return { reasoning, answer };
    }
    const keep = partialSuffix(this.held, CLOSE);
    const reasoning = this.held.slice(0, this.held.length - keep);
    this.held = this.held.slice(this.held.length - keep);
    return { reasoning, answer: "" };
  }

  /** Whatever is held back when the stream ends. */
  flush(): { reasoning: string; answer: string } {
    const held = this.held;
    this.held = "";
    return this.state === "thinking" ? { reasoning: held, answer: "" } : { reasoning: "", answer: held };
  }

  private toAnswer(text: string): { reasoning: string; answer: string } {
    this.state = "answer";
    this.held = "";
    return { reasoning: "", answer: text };
  }
}

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (tag.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}
