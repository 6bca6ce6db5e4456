// A minimal SMTP/LMTP client over node:net: submits mail to Postfix's smtpd and drives the peer in
// its unit tests. It keeps every byte it received, so tests can assert replies byte for byte.
import { connect, type Socket } from "node:net";

export class SmtpClient {
  /** Every byte received so far (latin1). */
  received = "";
  private buffer = "";
  private ended = false;
  private wake: (() => void) | null = null;

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      const text = chunk.toString("latin1");
      this.received += text;
      this.buffer += text;
      this.notify();
    });
    socket.on("close", () => {
      this.ended = true;
      this.notify();
    });
    socket.on("error", () => undefined); // surfaces as end of stream
  }

  static connect(port: number, host = "127.0.0.1"): Promise<SmtpClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host });
      socket.once("connect", () => {
        socket.off("error", reject);
        resolve(new SmtpClient(socket));
      });
      socket.once("error", reject);
    });
  }

  /** True once the server closed the connection and every received line was read. */
  get closed(): boolean {
    return this.ended && !this.buffer.includes("\n");
  }

  /** The next line without CRLF, or null at end of stream. */
  async readLine(): Promise<string | null> {
    for (;;) {
      const end = this.buffer.indexOf("\n");
      if (end >= 0) {
        const line = this.buffer.slice(0, end).replace(/\r$/, "");
        this.buffer = this.buffer.slice(end + 1);
        return line;
      }
      if (this.ended) return null;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** One complete reply (RFC 5321 §4.2: every line but the last has "-" after the code). */
  async readReply(): Promise<string[]> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.readLine();
      if (line === null) throw new Error(`connection closed inside a reply (got: ${JSON.stringify(lines)})`);
      lines.push(line);
      if (line[3] !== "-") return lines;
    }
  }

  write(text: string): void {
    this.socket.write(text);
  }

  async command(line: string): Promise<string[]> {
    this.write(`${line}\r\n`);
    return this.readReply();
  }

  close(): void {
    this.socket.destroy();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
