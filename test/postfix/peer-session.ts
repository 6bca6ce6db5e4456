// One connection to the scripted peer: a line-based SMTP/LMTP server state machine. Every reply
// passes the bin guard and is recorded. Commands are handled strictly in order (one task chain),
// so a held reply also holds everything after it.
import type { Socket } from "node:net";
import { guardRelease, timeoutNudge, type BinGuard } from "./bin-guard.js";
import type { Clock } from "./clock.js";
import type { PeerEvent, Phase } from "./peer-record.js";
import { dataReply, fillReply, findRule, rcptStep, type RoleSpec, type Rule } from "./peer-script.js";
import { replyCode } from "./reply.js";

export interface SessionContext {
  readonly role: RoleSpec;
  readonly port: number;
  readonly connection: number;
  readonly rules: readonly Rule[];
  readonly clock: Clock;
  readonly guard: BinGuard | null;
  /** Postfix's smtp_helo_timeout, to predict when a silent greeting times out. */
  readonly greetingTimeoutMs: number;
  nextAttempt(role: string, address: string): number;
  nextId(): string;
  record(event: Omit<PeerEvent, "seq">): void;
  readonly shuttingDown: () => boolean;
}

interface Accepted {
  readonly address: string;
  readonly rule: Rule | undefined;
  readonly attempt: number;
}

export class PeerSession {
  private buffer = "";
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private inData = false;
  private accepted: Accepted[] = [];

  constructor(
    private readonly socket: Socket,
    private readonly ctx: SessionContext,
  ) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk.toString("latin1")));
    socket.on("close", () => this.onClose());
    socket.on("error", () => undefined); // a reset by Postfix ends the session like a close
  }

  start(): void {
    const { greeting } = this.ctx.role;
    if (greeting.kind === "silent") {
      this.scheduleNudge();
      return;
    }
    this.enqueue(async () => {
      await this.reply("greeting", greeting.lines, []);
      if (replyCode(greeting.lines) >= 300) this.end();
    });
  }

  /** Tells when the client closes a session whose greeting never came. */
  private onClose(): void {
    const wasOpen = !this.closed;
    this.closed = true;
    if (wasOpen && this.ctx.role.greeting.kind === "silent" && !this.ctx.shuttingDown()) {
      this.recordEvent("greeting", "timeout", [], []);
    }
  }

  private scheduleNudge(): void {
    if (this.ctx.guard === null) return;
    const at = timeoutNudge(this.ctx.clock.now(), this.ctx.greetingTimeoutMs, this.ctx.guard);
    if (at === null) return;
    this.enqueue(async () => {
      await this.ctx.clock.sleep(at - this.ctx.clock.now());
      if (this.closed) return;
      this.socket.write("2"); // a greeting that starts but never ends
      this.recordEvent("greeting", "nudge", [], []);
    });
  }

  private onData(text: string): void {
    this.buffer += text;
    for (let end = this.buffer.indexOf("\n"); end >= 0; end = this.buffer.indexOf("\n")) {
      const line = this.buffer.slice(0, end).replace(/\r$/, "");
      this.buffer = this.buffer.slice(end + 1);
      this.enqueue(() => this.handle(line));
    }
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      this.socket.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  }

  private async handle(line: string): Promise<void> {
    if (this.closed) return;
    if (this.inData) {
      if (line === ".") await this.endOfData();
      return;
    }
    const verb = line.slice(0, 4).toUpperCase();
    const host = `${this.ctx.role.name}.peer.test`;
    switch (verb) {
      case "EHLO":
      case "LHLO":
        return this.reply("helo", [`250-${host}`, "250-8BITMIME", "250 ENHANCEDSTATUSCODES"], []);
      case "HELO":
        return this.reply("helo", [`250 ${host}`], []);
      case "MAIL":
        this.accepted = [];
        return this.reply("mail", ["250 2.1.0 Ok"], []);
      case "RCPT":
        return this.rcpt(addressOf(line));
      case "DATA":
        if (this.accepted.length === 0) return this.reply("data", ["554 5.5.1 Error: no valid recipients"], []);
        await this.reply("data", ["354 End data with <CR><LF>.<CR><LF>"], []);
        this.inData = true;
        return;
      case "RSET":
        this.accepted = [];
        return this.reply("rset", ["250 2.0.0 Ok"], []);
      case "QUIT":
        await this.reply("quit", ["221 2.0.0 Bye"], []);
        return this.end();
      default:
        return this.reply("other", ["502 5.5.2 Error: command not recognized"], []);
    }
  }

  private async rcpt(address: string): Promise<void> {
    const attempt = this.ctx.nextAttempt(this.ctx.role.name, address);
    const rule = findRule(this.ctx.rules, this.ctx.role.name, address);
    const step = rcptStep(rule, attempt);
    if ("drop" in step) {
      await this.hold();
      if (this.closed) return;
      this.recordEvent("rcpt", "drop", [...this.accepted.map((a) => a.address), address], []);
      return this.end();
    }
    const lines = fillReply(step.reply, { rcpt: address, id: this.ctx.nextId() });
    await this.reply("rcpt", lines, [address], step.reply);
    if (replyCode(lines) < 300) this.accepted.push({ address, rule, attempt });
  }

  private async endOfData(): Promise<void> {
    this.inData = false;
    const accepted = this.accepted;
    this.accepted = [];
    const { protocol } = this.ctx.role;
    if (protocol === "lmtp") {
      // RFC 2033 §4.2: one reply per accepted recipient, in RCPT order.
      for (const a of accepted) {
        const script = dataReply(a.rule, a.attempt, protocol);
        await this.reply("dot", fillReply(script, { rcpt: a.address, id: this.ctx.nextId() }), [a.address], script);
      }
      return;
    }
    const first = accepted[0];
    if (first === undefined) throw new Error("end of data without an accepted recipient");
    const script = dataReply(first.rule, first.attempt, protocol);
    await this.reply(
      "dot",
      fillReply(script, { rcpt: first.address, id: this.ctx.nextId() }),
      accepted.map((a) => a.address),
      script,
    );
  }

  private async reply(
    phase: Phase,
    lines: readonly string[],
    recipients: readonly string[],
    script: readonly string[] = lines,
  ): Promise<void> {
    await this.hold();
    if (this.closed) return;
    this.socket.write(lines.map((line) => `${line}\r\n`).join(""));
    this.recordEvent(phase, "reply", recipients, lines, script);
  }

  /** The bin guard: wait until the clock is outside the quiet window around a bin boundary. */
  private async hold(): Promise<void> {
    if (this.ctx.guard === null) return;
    const now = this.ctx.clock.now();
    const release = guardRelease(now, this.ctx.guard);
    if (release > now) await this.ctx.clock.sleep(release - now);
  }

  private end(): void {
    this.closed = true;
    this.socket.end();
  }

  private recordEvent(
    phase: Phase,
    action: PeerEvent["action"],
    recipients: readonly string[],
    lines: readonly string[],
    script?: readonly string[],
  ): void {
    const { role, port, connection, clock } = this.ctx;
    this.ctx.record({
      t: clock.now(),
      role: role.name,
      port,
      protocol: role.protocol,
      connection,
      phase,
      action,
      recipients,
      lines,
      ...(script === undefined ? {} : { script }),
    });
  }
}

/** `RCPT TO:<a@b> PARAMS` → `a@b`, lower-cased (Postfix sends what it queued). */
function addressOf(line: string): string {
  const open = line.indexOf("<");
  const close = line.indexOf(">", open + 1);
  return (open >= 0 && close > open ? line.slice(open + 1, close) : line.slice(line.indexOf(":") + 1).trim()).toLowerCase();
}
