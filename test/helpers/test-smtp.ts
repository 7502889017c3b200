import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "../../src/db/ferretdb.js";

export interface TestSmtp {
  port: number;
  received: ParsedMail[];
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
    refuse: () => false,
    setRefuse(f) {
      state.refuse = f;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (state.refuse())
        return callback(Object.assign(new Error("mailbox busy, try again later"), { responseCode: 451 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          state.received.push(mail);
          callback();
        },
        (e: Error) => callback(e),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return state;
}
