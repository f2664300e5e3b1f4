// Outgoing email over the shop's own SMTP server (nodemailer). The password
// is decrypted for the transport only and never logged; nodemailer's errors
// carry the server's answer, not the credentials.
import { randomUUID } from "node:crypto";
import nodemailer from "nodemailer";
import type { SmtpConfig } from "./settings.server.ts";
import { getSmtpConfig } from "./settings.server.ts";

export type OutgoingEmail = {
  to: { address: string; name?: string | null };
  subject: string;
  text: string;
  html: string;
  /** Our Message-ID for this email, "<id@domain>". */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
};

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function transportFor(config: SmtpConfig) {
  return nodemailer.createTransport({ host: config.host, port: config.port, secure: config.secure, auth: config.auth, ...TIMEOUTS });
}

/** A Message-ID on the sender's domain (RFC 5322 §3.6.4). */
export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.split("@")[1] ?? "replyreel.invalid";
  return `<${randomUUID()}@${domain}>`;
}

export async function sendEmail({ config, email }: { config: SmtpConfig; email: OutgoingEmail }): Promise<{ accepted: string[]; response: string }> {
  const transport = transportFor(config);
  try {
    const info = await transport.sendMail({
      from: config.from.name ? { name: config.from.name, address: config.from.address } : config.from.address,
      to: email.to.name ? { name: email.to.name, address: email.to.address } : email.to.address,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
      ...(email.references?.length ? { references: email.references } : {}),
    });
    return { accepted: info.accepted.map(String), response: info.response };
  } finally {
    transport.close();
  }
}

/** Connects and authenticates with the shop's SMTP settings without sending anything (Settings → "Test connection"). */
export async function testSmtpConnection({ shop }: { shop: string }): Promise<{ ok: true } | { ok: false; reason: string }> {
  let smtp: Awaited<ReturnType<typeof getSmtpConfig>>;
  try {
    smtp = await getSmtpConfig({ shop });
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (!smtp.ok) return smtp;
  const transport = transportFor(smtp.config);
  try {
    await transport.verify();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: describeSmtpError(error) };
  } finally {
    transport.close();
  }
}

export function describeSmtpError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, responseCode } = error as Error & { code?: string; responseCode?: number };
  return [code, responseCode, error.message].filter(Boolean).join(" ").slice(0, 500);
}
