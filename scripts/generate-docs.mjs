// `npm run docs`: writes docs/logs-insights-subset.md from the engine's registries (run after a build).
import { writeFileSync } from "node:fs";
import { subsetReference } from "../dist/insights/subset-reference.js";

writeFileSync(new URL("../docs/logs-insights-subset.md", import.meta.url), subsetReference());
console.log("wrote docs/logs-insights-subset.md");
