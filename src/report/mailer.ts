import type { Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import type { EmailConfig } from "../config/config.js";

/** One message with an HTML part and a plain-text part. */
export interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** Sends mail. The real one speaks SMTP; tests point it at an SMTP server they start. */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

/** How long one SMTP attempt may take before it counts as failed. */
const SMTP_TIMEOUT_MS = 20_000;

/**
 * nodemailer's options for SMTP_* settings. With a user to log in as over a connection that does
 * not start with TLS, `requireTLS` makes nodemailer refuse to go on (and so to send the password)
 * unless the server upgrades it with STARTTLS; without it, a server (or anyone on the way) that
 * does not offer STARTTLS would receive the password in the clear.
 */
export function smtpTransportOptions(smtp: EmailConfig["smtp"]): SMTPTransport.Options {
  const { host, port, secure, user, password, requireTls } = smtp;
  return {
    host,
    port,
    secure,
    ...(user !== undefined ? { auth: { user, pass: password ?? "" } } : {}),
    ...(user !== undefined && !secure && requireTls ? { requireTLS: true } : {}),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  };
}

/**
 * A nodemailer SMTP transport from SMTP_* settings. nodemailer is loaded on the first send, not
 * at import: `report health --dry-run` and the scheduler's job wiring reach this module, and most
 * processes never mail.
 */
export function createSmtpMailer(email: EmailConfig): Mailer {
  let transport: Promise<Transporter> | undefined;
  const open = async (): Promise<Transporter> =>
    (await import("nodemailer")).createTransport(smtpTransportOptions(email.smtp));
  return {
    async send(message) {
      const info = await (
        await (transport ??= open())
      ).sendMail({
        from: message.from,
        to: message.to.join(", "),
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      return { messageId: info.messageId };
    },
  };
}
