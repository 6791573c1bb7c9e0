/**
 * Where a JSON text goes wrong, for a message that names the line and the character: JSON.parse's
 * own message names a position in some Node versions and not in others, so the text is walked
 * again by this small validator (called only after JSON.parse has failed).
 */

export interface JsonErrorPlace {
  /** 1-based line and column (in characters). */
  line: number;
  column: number;
  /** The unexpected character, or null when the text ends too soon. */
  char: string | null;
}

/** The first place where `text` stops being JSON, or null when it is JSON. */
export function jsonErrorAt(text: string): JsonErrorPlace | null {
  let i = 0;
  const stop = (): never => { throw new JsonStop(i); };
  const ws = () => { while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++; };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) stop();
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) { i++; return; }
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) { i += k; stop(); }
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else stop();
        continue;
      }
      if (c < 0x20) stop();
      i++;
    }
    stop();
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  // An explicit stack rather than recursion: a deeply nested text must not overflow the call stack.
  const stack: Array<'{' | '['> = [];
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0] !== '' && m[0] !== '-') { i += m[0].length; return; }
    stop();
  };
  try {
    ws();
    for (;;) {
      ws();
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push(c); i++; ws();
        if (text[i] === (c === '{' ? '}' : ']')) { stack.pop(); i++; }
        else {
          if (c === '{') { if (text[i] !== '"') stop(); string(); ws(); if (text[i] !== ':') stop(); i++; }
          continue;
        }
      } else value();
      // After a value: a comma and the next, or the end of one or more containers.
      for (;;) {
        ws();
        const top = stack[stack.length - 1];
        if (top === undefined) { if (i < text.length) stop(); return null; }
        if (text[i] === ',') {
          i++; ws();
          if (top === '{') { if (text[i] !== '"') stop(); string(); ws(); if (text[i] !== ':') stop(); i++; }
          break;
        }
        if (text[i] === (top === '{' ? '}' : ']')) { stack.pop(); i++; continue; }
        stop();
      }
    }
  } catch (e) {
    if (!(e instanceof JsonStop)) throw e;
    const at = Math.min(e.at, text.length);
    let line = 1, lineStart = 0;
    for (let k = 0; k < at; k++) if (text[k] === '\n') { line++; lineStart = k + 1; }
    return { line, column: at - lineStart + 1, char: at < text.length ? text[at] : null };
  }
}

class JsonStop {
  constructor(readonly at: number) {}
}
