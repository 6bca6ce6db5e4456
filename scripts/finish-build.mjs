// Runs after tsc: makes the CLI entry executable, so `npx mail-metrics` works straight after `npm install`.
import { chmodSync } from "node:fs";
chmodSync(new URL("../dist/main.js", import.meta.url), 0o755);
