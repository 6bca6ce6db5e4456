// Submits the planned messages to Postfix's smtpd over one SMTP session, and notes when each was
// queued. Local-domain messages are held like peer replies (wider window), because their bounce is
// logged by local(8) shortly after queueing, out of the peer's sight.
import { guardRelease, type BinGuard } from "./bin-guard.js";
import type { Clock } from "./clock.js";
import type { PlannedMessage } from "./mix.js";
import { SmtpClient } from "./smtp-client.js";

export interface Submission {
  readonly n: number;
  readonly from: string;
  readonly to: readonly string[];
  /** Epoch ms when smtpd answered 250 to the end of data. */
  readonly t: number;
  readonly queueId: string;
}

export interface SubmitOptions {
  readonly clock: Clock;
  /** Guard for messages for which `needsGuard` is true. */
  readonly guard: BinGuard;
  readonly needsGuard: (message: PlannedMessage) => boolean;
}

async function expect(client: SmtpClient, line: string | null, code: number): Promise<string[]> {
  const reply = line === null ? await client.readReply() : await client.command(line);
  if (Number(reply[reply.length - 1]?.slice(0, 3)) !== code) {
    throw new Error(`smtpd answered ${JSON.stringify(reply)} to ${line ?? "the greeting"} (wanted ${code})`);
  }
  return reply;
}

function body(m: PlannedMessage, date: Date): string {
  return [
    `From: <${m.from}>`,
    `To: ${m.to.map((r) => `<${r}>`).join(", ")}`,
    `Subject: mail-metrics harness message ${m.n} (${m.kind})`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <harness-${m.n}@mailout.test>`,
    "",
    `Test message ${m.n} for the mail-metrics Postfix harness.`,
    ".",
    "",
  ].join("\r\n");
}

export async function submitAll(port: number, messages: readonly PlannedMessage[], options: SubmitOptions): Promise<Submission[]> {
  const { clock } = options;
  const client = await SmtpClient.connect(port);
  const submissions: Submission[] = [];
  try {
    await expect(client, null, 220);
    await expect(client, "EHLO harness.test", 250);
    for (const m of messages) {
      if (options.needsGuard(m)) {
        const now = clock.now();
        const release = guardRelease(now, options.guard);
        if (release > now) await clock.sleep(release - now);
      }
      await expect(client, `MAIL FROM:<${m.from}>`, 250);
      for (const r of m.to) await expect(client, `RCPT TO:<${r}>`, 250);
      await expect(client, "DATA", 354);
      client.write(body(m, new Date(clock.now())));
      const queued = (await expect(client, null, 250)).join(" ");
      submissions.push({ n: m.n, from: m.from, to: m.to, t: clock.now(), queueId: queued.slice(queued.lastIndexOf(" ") + 1) });
    }
    await expect(client, "QUIT", 221);
  } finally {
    client.close();
  }
  return submissions;
}
