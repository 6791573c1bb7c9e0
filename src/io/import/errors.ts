/**
 * Why a file cannot be imported at all (empty, too big, an unknown encoding, a sheet that is not
 * there …): a code and parameters as the catalogue has them (src/core/import/messages.ts), so the
 * web and the command line can word it in either language, and a Swedish message for logs and
 * anyone who only reads `message`.
 */
import { importMessage } from '../../core/import/messages.ts';
import type { ImportFileCode } from '../../core/import/messages.ts';
import type { ImportMessage } from '../../core/import/types.ts';

export class ImportFileError extends Error implements ImportMessage {
  readonly code: ImportFileCode;
  readonly params: Record<string, string | number>;
  constructor(code: ImportFileCode, params: Record<string, string | number> = {}) {
    super(importMessage({ code, params }, 'sv'));
    this.name = 'ImportFileError';
    this.code = code;
    this.params = params;
  }
}

/** Column letters as a spreadsheet names them: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}
