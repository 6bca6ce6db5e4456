// `npm pack` builds (prepare), then runs `prepack` (strip) and, after the tarball is written,
// `postpack` (restore). The packed package.json leaves out the scripts and dev dependencies, which an
// installed copy never runs: the tarball holds the built dist/bin, and npm (11) warns on a global
// install of a package that declares a `prepare` script. The original is kept aside and put back.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

const manifest = new URL("../package.json", import.meta.url);
const kept = new URL("../package.json.unpacked", import.meta.url);

const [step] = process.argv.slice(2);
if (step === "strip") {
  if (!existsSync(new URL("../dist/bin/mail-metrics.js", import.meta.url))) {
    console.error("mail-metrics: dist/bin is missing; run npm run build first");
    process.exit(1);
  }
  copyFileSync(manifest, kept);
  const { scripts: _scripts, devDependencies: _dev, ...packed } = JSON.parse(readFileSync(manifest, "utf8"));
  writeFileSync(manifest, `${JSON.stringify(packed, null, 2)}\n`);
} else if (step === "restore") {
  if (existsSync(kept)) renameSync(kept, manifest);
} else {
  console.error("usage: pack-manifest.mjs strip|restore");
  process.exit(2);
}
