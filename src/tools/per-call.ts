import type { ToolContext } from "./tool.js";

/**
 * Runs `fn` once per tool call and shares its promise between the gate's authorize and
 * confirmation steps and the handler, which all receive the call's one arguments object. A
 * service check (one read, one policy verdict) is made once per call this way, not once per step.
 */
export function oncePerCall<A extends object, T>(
  fn: (args: A, ctx: ToolContext) => Promise<T>,
): (args: A, ctx: ToolContext) => Promise<T> {
  const results = new WeakMap<A, Promise<T>>();
  return (args, ctx) => {
    let result = results.get(args);
    if (!result) {
      result = fn(args, ctx);
      results.set(args, result);
    }
    return result;
  };
}
