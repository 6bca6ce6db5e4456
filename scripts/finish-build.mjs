// Runs after the build: makes the CLI entry executable, so `npx mail-metrics` works straight after `npm install`.
import { chmodSync } from "node:fs";
chmodSync(new URL("../dist/bin/mail-metrics.js", import.meta.url), 0o755);
