// Orders rotated logs oldest first, so lines are read in time order: for each base name,
// `mail.log.10.gz`, …, `mail.log.2.gz`, `mail.log.1`, then `mail.log` (logrotate numbering: a higher
// number is older); with logrotate's dateext (`mail.log-20261127.gz`) older dates first.
import { basename, dirname } from "node:path";

const ROTATED = /^(.*?)(?:\.(\d+)|-(\d{8,10}))?(?:\.gz)?$/;

export interface RotationKey {
  /** Directory and base name without the rotation's number or date and `.gz`. */
  readonly stem: string;
  /** Larger is newer; the live file is 0. */
  readonly age: number;
}

export function rotationKey(path: string): RotationKey {
  const match = ROTATED.exec(basename(path))!;
  const stem = `${dirname(path)}/${match[1]!}`;
  if (match[2] !== undefined) return { stem, age: -Number(match[2]) };
  if (match[3] !== undefined) return { stem, age: Number(match[3]) - 1e12 };
  return { stem, age: 0 };
}

/** A sorted copy: by directory and base name, then oldest rotation first, the live file last. */
export function rotationOrder(paths: readonly string[]): string[] {
  const keyed = paths.map((path) => ({ path, key: rotationKey(path) }));
  keyed.sort((a, b) => (a.key.stem < b.key.stem ? -1 : a.key.stem > b.key.stem ? 1 : a.key.age - b.key.age || (a.path < b.path ? -1 : 1)));
  return keyed.map((entry) => entry.path);
}
