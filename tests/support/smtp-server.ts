// A real SMTP server (the `smtp-server` package) on a loopback port, started
// by the test: replies go through nodemailer over TCP and arrive here, parsed
// with mailparser, so a test reads exactly what a customer's mail server gets.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach } from "vitest";

export type ReceivedMail = { envelope: { from: string; to: string[] }; parsed: ParsedMail; raw: string };

export function setupSmtpServer({ user = "mailer", pass = "s3cret-smtp-pass" }: { user?: string; pass?: string } = {}) {
  const handle = { port: 0, user, pass, received: [] as ReceivedMail[], logins: [] as string[] };
  let server: SMTPServer | undefined;
  beforeAll(async () => {
    server = new SMTPServer({
      // Plain TCP on loopback: no STARTTLS so nodemailer does not try to upgrade to the server's self-signed cert.
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      authMethods: ["PLAIN", "LOGIN"],
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === handle.user && auth.password === handle.pass) {
          handle.logins.push(auth.username ?? "");
          callback(null, { user: auth.username });
        } else {
          callback(new Error("Invalid username or password"));
        }
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          simpleParser(raw)
            .then((parsed) => {
              handle.received.push({
                envelope: {
                  from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
                  to: session.envelope.rcptTo.map((r) => r.address),
                },
                parsed,
                raw,
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", () => resolve()));
    handle.port = (server.server.address() as AddressInfo).port;
  });
  beforeEach(() => {
    handle.received.length = 0;
    handle.logins.length = 0;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });
  return handle;
}
