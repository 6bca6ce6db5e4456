// Reading a request: headers, body, gzip, JSON.
import type { IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";
import type { Input } from "./input.js";
import { ServiceError } from "./service-error.js";

export function parseJson(body: Buffer): Input {
  const text = body.toString("utf8");
  let parsed: unknown;
  try {
    parsed = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new ServiceError("SerializationException", "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError("SerializationException", "The request body must be a JSON object.");
  }
  return parsed as Input;
}

/** Gunzips `Content-Encoding: gzip` bodies (@smithy/middleware-compression); a corrupt body becomes an error answer. */
export function decode(wire: Buffer, encoding: string | undefined): Buffer | ServiceError {
  if (encoding === undefined || !encoding.split(",").some((e) => e.trim() === "gzip")) return wire;
  try {
    return gunzipSync(wire);
  } catch {
    return new ServiceError("SerializationException", "The request body is not valid gzip.");
  }
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
