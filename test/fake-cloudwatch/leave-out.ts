// Fault `without`: a successful answer with some members left out, each optional in the SDK model
// (whether the service ever leaves one out is UNCONFIRMED: FIDELITY.md). "member" is taken from the
// answer, "list.member" from each element of that list.
import type { WireAnswer } from "./service-error.js";

type Json = Record<string, unknown>;

export function leaveOut(answer: WireAnswer, members: readonly string[]): WireAnswer {
  if (answer.status !== 200) return answer;
  const output = JSON.parse(answer.body) as Json;
  for (const path of members) {
    const [outer, inner] = path.split(".") as [string, string | undefined];
    if (inner === undefined) delete output[outer];
    else for (const element of (output[outer] as Json[] | undefined) ?? []) delete element[inner];
  }
  return { ...answer, body: JSON.stringify(output) };
}
