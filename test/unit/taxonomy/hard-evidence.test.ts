import { describe, expect, it } from "vitest";
import { classifyError } from "../../../src/taxonomy/classify.js";
import { classOf } from "../../../src/taxonomy/kinds.js";
import { MESSAGES } from "./messages.js";

/**
 * A hard verdict can get a healthy model disabled, so it needs the provider to say something
 * about the model. None of these do: wrong URLs, bare statuses, transient conditions, hedged
 * wording, deprecation notices in the future tense, parameter deprecations.
 */
const AMBIGUOUS: { message: string; httpStatus?: number; exceptionType?: string }[] = [
  { message: "Error code: 404", httpStatus: 404 },
  { message: "", httpStatus: 404, exceptionType: "NotFoundError" },
  { message: "Not Found", httpStatus: 404 },
  { message: "404 page not found" },
  { message: "404 Client Error: Not Found for url: https://api.example.com/v1/chat/completions" },
  { message: "Error code: 404 - {'detail': 'Not Found'}", httpStatus: 404 },
  {
    message: "<html><head><title>404 Not Found</title></head><body><center>nginx</center></body></html>",
    httpStatus: 404,
  },
  { message: "Cannot POST /v1/chat/completions", httpStatus: 404 },
  {
    message:
      "Error code: 404 - {'type': 'error', 'error': {'type': 'not_found_error', 'message': 'Not Found'}}",
  },
  { message: "An error occurred (ResourceNotFoundException) when calling the Converse operation: " },
  { message: "Error code: 400", httpStatus: 400 },
  { message: "Error code: 400 - {'error': {'message': 'Bad Request', 'type': 'invalid_request_error'}}" },
  { message: "invalid_request_error" },
  { message: "The requested resource could not be found." },
  { message: "Endpoint not found" },
  { message: "Model not found, please try again later" },
  { message: "Error code: 503 - model not found in serving pool", httpStatus: 503 },
  { message: "Error code: 429 - The model `x` does not exist", httpStatus: 429 },
  { message: "Error code: 502 - {'error': {'message': 'model_not_found upstream', 'code': 502}}" },
  { message: "The model is temporarily unavailable" },
  // A feature refused for the model, not the model refused (our request).
  { message: "Streaming for this model is not enabled", httpStatus: 400 },
  { message: "Model meta-llama/Llama-3-8b is currently loading" },
  { message: "The model is not available right now, please try again" },
  { message: "The requested model may not exist or you may lack access" },
  { message: "This model will be deprecated on 2026-06-01; please migrate." },
  { message: "The 'functions' parameter is deprecated, use 'tools' instead" },
  {
    message: "Model is not ready for inference. Wait and try your request again.",
    exceptionType: "ModelNotReadyException",
  },
  { message: "Error code: 403", httpStatus: 403 },
  { message: "Forbidden", httpStatus: 403 },
  { message: "Something went wrong" },
  { message: "upstream model error" },
  { message: "Error code: 500 - The model produced invalid content.", httpStatus: 500 },
  { message: "getaddrinfo ENOTFOUND api.models.example.com" },
  { message: "Request timed out while the model was loading" },
  // The broader wordings of issue 17 stay behind the same evidence bar.
  { message: "Invalid model parameters: temperature must be between 0 and 2" },
  { message: "Invalid model input: expected a string" },
  { message: "Your organization must be verified to stream this model." },
  { message: "The deployment could not be found. Please try again later." },
  { message: "Error code: 503 - The API deployment for this resource does not exist", httpStatus: 503 },
  { message: "Project is not allowed to use this feature" },
  { message: "This model is not available in your country." },
  { message: "User location is not supported for the API use." },
  { message: "The model `x` will be deprecated on 2026-09-01 and decommissioned after." },
  { message: "TypeError: terminated" },
];

describe("hard kinds need positive evidence", () => {
  it.each(AMBIGUOUS)("$message is not hard", (input) => {
    const got = classifyError({ provider: "any", ...input });
    expect(got.class).not.toBe("hard");
  });

  it("a bare 404 is unknown and a web server's 404 page is bad_request", () => {
    expect(classifyError({ provider: "openai", httpStatus: 404, message: "Error code: 404" }).kind).toBe(
      "unknown",
    );
    expect(classifyError({ provider: "groq", message: "404 page not found" }).kind).toBe("bad_request");
  });

  describe("a hard fixture stops being hard in transient context", () => {
    const hardCases = MESSAGES.filter((m) => classOf(m.kind) === "hard");

    it.each(hardCases)("$message under a 503", (m) => {
      expect(classifyError({ ...m, httpStatus: 503 }).class).not.toBe("hard");
    });

    it.each(hardCases)("$message + 'please try again later'", (m) => {
      expect(classifyError({ ...m, message: `${m.message} Please try again later.` }).class).not.toBe("hard");
    });
  });
});
