import { describe, expect, it } from "vitest";
import { rotationOrder } from "../../../src/sources/files/rotation-order.js";

describe(rotationOrder.name, () => {
  it("reads numbered rotations oldest first and the live file last", () => {
    const paths = ["/l/mail.log", "/l/mail.log.1", "/l/mail.log.10.gz", "/l/mail.log.2.gz", "/l/mail.log.3.gz"];
    expect(rotationOrder(paths)).toEqual(["/l/mail.log.10.gz", "/l/mail.log.3.gz", "/l/mail.log.2.gz", "/l/mail.log.1", "/l/mail.log"]);
  });

  it("reads dateext rotations by date, then the live file", () => {
    const paths = ["/l/mail.log", "/l/mail.log-20261128.gz", "/l/mail.log-20261127.gz"];
    expect(rotationOrder(paths)).toEqual(["/l/mail.log-20261127.gz", "/l/mail.log-20261128.gz", "/l/mail.log"]);
  });

  it("keeps different logs apart", () => {
    expect(rotationOrder(["/l/mail.warn", "/l/mail.log.1", "/l/mail.log"])).toEqual(["/l/mail.log.1", "/l/mail.log", "/l/mail.warn"]);
  });
});
