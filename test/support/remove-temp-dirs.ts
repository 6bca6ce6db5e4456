// Vitest setupFile: runs in every test file, so the directories its tests made with tempDir() are
// removed when the file is done (test/support/temp-dir.ts).
import { afterAll } from "vitest";
import { removeTempDirs } from "./temp-dir.js";

afterAll(removeTempDirs);
