import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { createSmtpMailer, smtpTransportOptions } from "../../src/report/mailer.js";
import { startSmtp, type TestSmtp } from "../helpers/test-smtp.js";

/**
 * The SMTP password never crosses a plain connection to a server off this machine: the test server
 * offers no STARTTLS, as a misconfigured relay (or someone stripping STARTTLS on the way) would.
 * The mailer is built from the settings of a remote host and pointed at the local server, so what
 * nodemailer does with our options is what a remote relay would see.
 */
describe("SMTP login over TLS only", () => {
  let server: TestSmtp;
  beforeAll(async () => {
    server = await startSmtp();
  });
  afterAll(async () => {
    await server.close();
  });

  const message = {
    from: "bench@example.com",
    to: ["ops@example.com"],
    subject: "s",
    text: "t",
    html: "<p>t</p>",
  };
  const remote = (extra: Record<string, string> = {}) => {
    const { smtp } = loadConfig({
      SMTP_HOST: "smtp.example.com",
      SMTP_PORT: String(server.port),
      SMTP_USER: "reporter",
      SMTP_PASSWORD: "hunter2-smtp-secret",
      ...extra,
    }).email;
    return { ...smtp, host: "127.0.0.1" };
  };

  it("refuses to log in when the server does not upgrade the connection, and sends nothing", async () => {
    const smtp = remote();
    expect(smtpTransportOptions(smtp)).toMatchObject({ requireTLS: true, secure: false });
    const mailer = createSmtpMailer({ smtp, from: "bench@example.com", to: ["ops@example.com"] });
    await expect(mailer.send(message)).rejects.toThrow(/STARTTLS/i);
    expect(server.logins).toEqual([]);
    expect(server.received).toEqual([]);
  });

  it("logs in over the plain connection when SMTP_REQUIRE_TLS=false", async () => {
    const smtp = remote({ SMTP_REQUIRE_TLS: "false" });
    expect(smtpTransportOptions(smtp)).not.toHaveProperty("requireTLS");
    const mailer = createSmtpMailer({ smtp, from: "bench@example.com", to: ["ops@example.com"] });
    await mailer.send(message);
    expect(server.logins).toEqual(["reporter"]);
    expect(server.received).toHaveLength(1);
  });
});
