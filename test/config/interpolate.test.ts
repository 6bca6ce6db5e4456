import { describe, expect, it } from "vitest";
import { interpolateEnv } from "../../src/config/interpolate.js";
import { ConfigError } from "../../src/errors.js";

const env = { REGION: "eu-central-1", EMPTY: "", MULTI: "a\nb" };
const run = (text: string) => interpolateEnv(text, "prod.yaml", env);

function errorOf(text: string): ConfigError {
  try {
    run(text);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe(interpolateEnv.name, () => {
  it("replaces ${NAME} with the variable", () => {
    expect(run("region: ${REGION}\n")).toBe("region: eu-central-1\n");
  });

  it("uses the default of ${NAME:-default} when the variable is unset or empty", () => {
    expect(run("a: ${UNSET:-us-east-1}\nb: ${EMPTY:-x}\nc: ${REGION:-x}")).toBe("a: us-east-1\nb: x\nc: eu-central-1");
  });

  it("keeps an empty variable without a default", () => {
    expect(run("a: '${EMPTY}'")).toBe("a: ''");
  });

  it("writes $${ as a literal ${", () => {
    expect(run("query: 'x $${REGION} y'")).toBe("query: 'x ${REGION} y'");
  });

  it("leaves whole-line comments alone", () => {
    expect(run("# region: ${UNSET}\na: 1")).toBe("# region: ${UNSET}\na: 1");
  });

  it("names the unset variable, the file and the line", () => {
    const error = errorOf("a: 1\nregion: ${AWS_REGION_X}\n");
    expect(error.file).toBe("prod.yaml");
    expect(error.issues[0]).toMatchObject({ line: 2 });
    expect(error.message).toContain("prod.yaml:2");
    expect(error.message).toContain("AWS_REGION_X is not set");
    expect(error.message).toContain("${AWS_REGION_X:-default}");
  });

  it("rejects a malformed reference and a value with a line break", () => {
    expect(errorOf("a: ${NOT VALID}").message).toContain("not a variable reference");
    expect(errorOf("a: ${MULTI}").message).toContain("MULTI contains a line break");
  });
});
