// `npm run schema`: writes schema/*.schema.json from the zod schemas (run after a build).
import { mkdirSync, writeFileSync } from "node:fs";
import { jsonSchemaFiles } from "../dist/config/json-schema.js";

const dir = new URL("../schema/", import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, content] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(new URL(name, dir), content);
  console.log(`wrote schema/${name}`);
}
