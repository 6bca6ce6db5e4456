// Records read by position: a stats result builds each row from its group only when it is read, so
// the rows of many groups never all exist at once. An array of records is a RecTable too.
import type { Rec } from "./values.js";

export interface RecTable {
  readonly length: number;
  at(index: number): Rec | undefined;
}
