/**
 * The formula-injection guard every spreadsheet export shares: text that a spreadsheet would run as
 * a formula (=, +, -, @, tab or CR at the start) gets an apostrophe in front, so it shows as text. An
 * export must never execute on the reader's machine. Only for text: numbers are written as numbers.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
