import type { Transporter } from "nodemailer";
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
 * A nodemailer SMTP transport from SMTP_* settings. nodemailer is loaded on the first send, not
 * at import: `report health --dry-run` and the scheduler's job wiring reach this module, and most
 * processes never mail.
 */
export function createSmtpMailer(email: EmailConfig): Mailer {
  const { host, port, secure, user, password } = email.smtp;
  let transport: Promise<Transporter> | undefined;
  const open = async (): Promise<Transporter> =>
    (await import("nodemailer")).createTransport({
      host,
      port,
      secure,
      ...(user !== undefined ? { auth: { user, pass: password ?? "" } } : {}),
      connectionTimeout: SMTP_TIMEOUT_MS,
      greetingTimeout: SMTP_TIMEOUT_MS,
      socketTimeout: SMTP_TIMEOUT_MS,
    });
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
