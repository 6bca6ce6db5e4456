// The query text with its line table, so every error can name a 1-based line:column.
import { QuerySyntaxError, type QueryErrorCode } from "../errors.js";

export class QuerySource {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column (in UTF-16 code units) of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  error(code: QueryErrorCode, detail: string, offset: number, options?: ErrorOptions): QuerySyntaxError {
    const { line, column } = this.position(offset);
    return new QuerySyntaxError(code, detail, line, column, options);
  }
}
