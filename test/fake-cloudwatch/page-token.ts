// Opaque paging tokens: base64url of "scope:offset", so a token from one query is refused by another.
import { ServiceError, type ErrorCode } from "./service-error.js";

export function makeToken(scope: string, offset: number): string {
  return Buffer.from(`${scope}:${offset}`, "utf8").toString("base64url");
}

export function readToken(token: string | undefined, scope: string, errorCode: ErrorCode): number {
  if (token === undefined) return 0;
  const decoded = Buffer.from(token, "base64url").toString("utf8");
  const separator = decoded.lastIndexOf(":");
  const offset = Number(decoded.slice(separator + 1));
  if (separator < 0 || decoded.slice(0, separator) !== scope || !Number.isInteger(offset) || offset < 0) {
    throw new ServiceError(errorCode, `The nextToken ${JSON.stringify(token)} is not valid here.`);
  }
  return offset;
}
