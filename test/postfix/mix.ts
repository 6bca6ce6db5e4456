// The deterministic message mix: a seeded choice of recipients that exercises every scripted
// reply. Same seed and count, same messages.
import { LOCAL_DOMAIN, MX_DOMAINS, SENDER_DOMAIN } from "./scenario.js";
import { prng } from "../support/prng.js";

export interface PlannedMessage {
  /** 1-based message number; also part of every address, so each recipient is unique. */
  readonly n: number;
  readonly kind: string;
  readonly from: string;
  readonly to: readonly string[];
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function weighted(random: Random, table: Readonly<Record<string, number>>): string {
  const entries = Object.entries(table);
  let roll = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, weight] of entries) {
    roll -= weight;
    if (roll < 0) return key;
  }
  return entries[entries.length - 1]?.[0] ?? "";
}

/** A mix: the weights of single-recipient mx replies and of multi-recipient ones, and how many of each rare shape. */
interface Mix {
  readonly single: Readonly<Record<string, number>>;
  readonly multi: Readonly<Record<string, number>>;
  readonly fixed: Readonly<Record<string, number>>;
}

/** The default mix (examples/maillog, the e2e tests); "deferrals" has more deferrals and bounces and long replies (bench/maillog-deferrals). */
export const MIXES: Readonly<Record<string, Mix>> = {
  default: {
    single: {
      ok: 12,
      plain: 4,
      accepted: 3,
      "gmail-auth": 4,
      policy: 2,
      unknown: 3,
      nocode: 2,
      spam: 2,
      mismatch: 1,
      full: 2,
      greylist: 2,
    },
    multi: { ok: 6, plain: 2, policy: 2, unknown: 2, full: 1, greylist: 1, "gmail-auth": 1 },
    fixed: { "multi-mx": 24, lmtp: 18, local: 6, fallback: 8, greet421: 3, greet554: 3, silent: 3, drop: 4, expire: 3 },
  },
  deferrals: {
    single: {
      ok: 4,
      plain: 1,
      "gmail-auth": 4,
      policy: 2,
      unknown: 3,
      nocode: 1,
      spam: 2,
      mismatch: 1,
      full: 3,
      greylist: 4,
      ratelimit: 5,
      notauth: 4,
      maint: 4,
    },
    multi: { ok: 2, policy: 2, unknown: 2, full: 2, greylist: 2, ratelimit: 2, notauth: 2, maint: 1 },
    fixed: { "multi-mx": 30, lmtp: 18, local: 10, fallback: 12, greet421: 6, greet554: 6, silent: 4, drop: 6, expire: 6 },
  },
};
const LMTP = { box: 5, gone: 1, overquota: 1 };

/**
 * Message shapes. Connection-level failures (greeting, timeout, drop) take exactly one recipient:
 * the peer cannot see how many recipients such a failed delivery carried, and the model counts one.
 */
const SHAPES: Readonly<Record<string, (n: number, random: Random, mix: Mix) => string[]>> = {
  "single-mx": (n, r, mix) => [`${weighted(r, mix.single)}.${n}@${pick(r, MX_DOMAINS)}`],
  "multi-mx": (n, r, mix) =>
    ["a", "b", "c"].slice(0, 2 + Math.floor(r() * 2)).map((s) => `${weighted(r, mix.multi)}.${n}${s}@${pick(r, MX_DOMAINS)}`),
  lmtp: (n, r) => ["a", "b", "c"].slice(0, 1 + Math.floor(r() * 3)).map((s) => `${weighted(r, LMTP)}.${n}${s}@lmtp.test`),
  local: (n) => [`ghost.${n}@${LOCAL_DOMAIN}`],
  fallback: (n, r) => ["a", "b"].slice(0, 1 + Math.floor(r() * 2)).map((s) => `user.${n}${s}@fallback.test`),
  greet421: (n) => [`user.${n}@greet421.test`],
  greet554: (n) => [`user.${n}@greet554.test`],
  silent: (n) => [`user.${n}@silent.test`],
  drop: (n, r) => [`drop.${n}@${pick(r, MX_DOMAINS)}`],
  expire: (n) => [`quota.${n}@gmail.test`],
};

/** `count` messages: `mix.fixed` of each rare shape, the rest single-mx. */
export function planMessages(seed: number, count: number, mixName = "default"): PlannedMessage[] {
  const mix = MIXES[mixName];
  if (mix === undefined) throw new Error(`planMessages: no mix ${mixName} (there are: ${Object.keys(MIXES).join(", ")})`);
  const random = prng(seed);
  const kinds = Object.entries(mix.fixed).flatMap(([kind, k]) => Array<string>(k).fill(kind));
  if (count < kinds.length) throw new Error(`planMessages: count ${count} is below the ${kinds.length} fixed messages`);
  while (kinds.length < count) kinds.push("single-mx");
  // Fisher-Yates with the seeded PRNG.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j] as string, kinds[i] as string];
  }
  return kinds.map((kind, index) => {
    const n = index + 1;
    const shape = SHAPES[kind];
    if (shape === undefined) throw new Error(`planMessages: no shape ${kind}`);
    return { n, kind, from: `s${n}@${SENDER_DOMAIN}`, to: shape(n, random, mix) };
  });
}
