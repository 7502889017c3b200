import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "../../src/db/ferretdb.js";

export interface TestSmtp {
  port: number;
  received: ParsedMail[];
  /** Each message as it came over the wire (RFC 5322 source), in the order of `received`. */
  raw: Buffer[];
  /** The user names that logged in (AUTH), any password accepted. */
  logins: string[];
  /** Return true to refuse the next message (451, a temporary failure). */
  refuse: () => boolean;
  setRefuse(f: () => boolean): void;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that parses what it receives. */
export async function startSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  const state: TestSmtp = {
    port,
    received: [],
    raw: [],
    logins: [],
    refuse: () => false,
    setRefuse(f) {
      state.refuse = f;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    // Without TLS here, a client with SMTP_USER logs in over the plain connection.
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      state.logins.push(auth.username ?? "");
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      if (state.refuse())
        return callback(Object.assign(new Error("mailbox busy, try again later"), { responseCode: 451 }));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            state.raw.push(raw);
            state.received.push(mail);
            callback();
          },
          (e: Error) => callback(e),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return state;
}
