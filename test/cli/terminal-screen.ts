// What a terminal shows after receiving some output: the lines on screen once carriage returns,
// erase-to-end-of-line (ESC [ K) and newlines are applied. Enough to check a redrawn progress bar;
// any other escape sequence is an error, so a test never passes on output it cannot read.
export function terminalScreen(output: string): string[] {
  const lines: string[] = [""];
  let column = 0;
  for (let i = 0; i < output.length; i += 1) {
    const char = output[i]!;
    const row = lines.length - 1;
    if (char === "\r") column = 0;
    else if (char === "\n") {
      lines.push("");
      column = 0;
    } else if (char === "\x1b") {
      if (output.startsWith("\x1b[K", i)) {
        lines[row] = lines[row]!.slice(0, column);
        i += 2;
      } else throw new Error(`unexpected escape sequence ${JSON.stringify(output.slice(i, i + 8))}`);
    } else {
      const line = lines[row]!.padEnd(column);
      lines[row] = line.slice(0, column) + char + line.slice(column + 1);
      column += 1;
    }
  }
  return lines;
}
