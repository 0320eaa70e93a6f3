/**
 * The forms a secret takes when a program leaks it by accident, and how to find each one.
 *
 * Two techniques, chosen per form:
 * - **Views** undo a local, character-by-character transform of the haystack, then the raw value is
 *   searched: whitespace removed (a value printed in chunks, one per line), URL percent-decoding,
 *   JSON/JS string unescaping (once, and twice for JSON inside JSON). Each view remembers where its
 *   characters came from, so a match maps back to the original text for the excerpt.
 * - **Needles** encode the value for transforms that are not local: base64 (standard and URL-safe),
 *   hex (lower and upper case), reversed. Base64 depends on where the value starts inside the
 *   encoded blob, so there are three needles per alphabet, one per byte alignment (0, 1, 2), each
 *   cut down to the characters that only the value's own bits decide. Padding never lies inside
 *   such a core, so padded and unpadded base64 are found alike, and so is the value embedded in a
 *   larger encoded blob (`base64(JSON.stringify(config))`).
 *
 * Partial leaks: any run of PARTIAL_LEAK_MIN_CHARS consecutive characters of the canary's random
 * part (the public prefix such as `sk_test_` does not count), searched raw and without whitespace.
 * Why 8: the common masking convention shows the last 4 characters (`sk_test_****abcd`), which must
 * pass; 8 random characters of the 62-symbol alphabet carry ~48 bits, so a chance match in 1 MB of
 * output has a probability around 1e-8, while 8 of 24 characters is a third of the secret gone.
 * First 4 + last 4 (`sk_test_abcd…wxyz`) shows two separate runs of 4 and passes.
 */

export const LEAK_FORMS = ["raw", "split-across-lines", "url-encoded", "json-escaped", "base64", "base64url", "hex", "reversed", "separated", "char-codes", "caesar", "partial"] as const;
export type LeakForm = (typeof LEAK_FORMS)[number];

/** For learners: "... appeared in stdout <description>". */
export const LEAK_FORM_DESCRIPTIONS: Record<LeakForm, string> = {
  raw: "as is",
  "split-across-lines": "split across lines (printed in pieces)",
  "url-encoded": "URL-encoded",
  "json-escaped": "escaped inside a JSON or JavaScript string",
  base64: "base64-encoded (encoding is not encryption: anyone can decode it)",
  base64url: "base64url-encoded (encoding is not encryption: anyone can decode it)",
  hex: "hex-encoded (encoding is not encryption: anyone can decode it)",
  reversed: "reversed",
  separated: "with characters between its letters (split with separators or into chunks: still readable)",
  "char-codes": "as a list of character codes (anyone can turn them back into text)",
  caesar: "with its letters shifted (ROT13 or a Caesar shift is not encryption: anyone can shift them back)",
  partial: "partly: more than the last few characters were shown",
};

/** Shortest run of a canary's random part that counts as a partial leak (see the module comment). */
export const PARTIAL_LEAK_MIN_CHARS = 8;

/** A transformed copy of a text; `origin(start, end)` maps a span of it back to the original. */
export class TextView {
  readonly text: string;
  readonly #starts: Int32Array | undefined;
  readonly #ends: Int32Array | undefined;

  /** Without maps, the view is the text itself. */
  constructor(text: string, starts?: Int32Array, ends?: Int32Array) {
    this.text = text;
    this.#starts = starts;
    this.#ends = ends;
  }

  origin(start: number, end: number): { start: number; end: number } {
    if (!this.#starts || !this.#ends) return { start, end };
    return { start: this.#starts[start]!, end: this.#ends[Math.max(start, end - 1)]! };
  }

  /** A view of this view: maps compose, so `origin` still answers in the original text. */
  derive(text: string, starts: Int32Array, ends: Int32Array): TextView {
    const parentStarts = this.#starts;
    const parentEnds = this.#ends;
    if (!parentStarts || !parentEnds) return new TextView(text, starts, ends);
    const s = new Int32Array(text.length);
    const e = new Int32Array(text.length);
    for (let i = 0; i < text.length; i++) {
      s[i] = parentStarts[starts[i]!]!;
      e[i] = parentEnds[ends[i]! - 1]!;
    }
    return new TextView(text, s, e);
  }
}

/**
 * Collects a view's characters (UTF-16 code units) with where each came from, in typed arrays sized
 * once (a view never outgrows its source): linear, with no allocation per character, because the
 * views of a Check read megabytes (a program's output and files).
 */
// ignoreBOM: a leading U+FEFF is kept as a character, not dropped (positions must hold).
const UTF16 = new TextDecoder("utf-16le", { ignoreBOM: true });

class ViewBuilder {
  readonly #codes: Uint16Array;
  readonly #starts: Int32Array;
  readonly #ends: Int32Array;
  #n = 0;

  constructor(size: number) {
    this.#codes = new Uint16Array(size);
    this.#starts = new Int32Array(size);
    this.#ends = new Int32Array(size);
  }

  push(code: number, start: number, end: number): void {
    const n = this.#n++;
    this.#codes[n] = code;
    this.#starts[n] = start;
    this.#ends[n] = end;
  }

  finish(parent: TextView): TextView {
    const n = this.#n;
    // The platform's decoder: a view of megabytes in milliseconds. It reads a lone surrogate as U+FFFD
    // (one code unit for one, so positions hold), which no canary contains.
    const text = UTF16.decode(this.#codes.subarray(0, n));
    return parent.derive(text, this.#starts.subarray(0, n), this.#ends.subarray(0, n));
  }
}

/** What `/\s/` matches, by code unit. */
function isWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAlphanumeric = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** The value of a hex digit, or -1. */
function hexValue(c: number): number {
  if (isDigit(c)) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The value of `count` hex digits at `at`, or -1. */
function hexRun(text: string, at: number, count: number): number {
  if (at + count > text.length) return -1;
  let value = 0;
  for (let k = 0; k < count; k++) {
    const digit = hexValue(text.charCodeAt(at + k));
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Letters shifted by `shift` places (ROT13 is 13), case kept, everything else as it is. */
export function caesarShift(value: string, shift: number): string {
  let out = "";
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code >= 65 && code <= 90) out += String.fromCharCode(((code - 65 + shift) % 26) + 65);
    else if (code >= 97 && code <= 122) out += String.fromCharCode(((code - 97 + shift) % 26) + 97);
    else out += char;
  }
  return out;
}

/** The random part shifted by each of the 25 Caesar shifts (the prefix shifts too, so it is left out). */
export function caesarNeedles(value: string, prefixLength: number): Needle[] {
  const secret = value.slice(prefixLength);
  if (secret.length < PARTIAL_LEAK_MIN_CHARS || !/[A-Za-z]/.test(secret)) return [];
  const needles: Needle[] = [];
  for (let shift = 1; shift < 26; shift++) needles.push({ form: "caesar", text: caesarShift(secret, shift) });
  return needles;
}

/** Whitespace removed: `abc\ndef` (two console.logs) reads `abcdef`. */
export function compactView(view: TextView): TextView {
  const text = view.text;
  const out = new ViewBuilder(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isWhitespace(c)) out.push(c, i, i + 1);
  }
  return out.finish(view);
}

/** `%23` reads `#`; `+` stays (canaries hold no spaces). */
export function urlDecodedView(view: TextView): TextView {
  const text = view.text;
  const out = new ViewBuilder(text.length);
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const byte = c === 37 ? hexRun(text, i + 1, 2) : -1;
    if (byte >= 0) {
      out.push(byte, i, i + 3);
      i += 3;
    } else {
      out.push(c, i, i + 1);
      i++;
    }
  }
  return out.finish(view);
}

/** The character an escape letter stands for, or -1: `\"` `\'` `\\` `\/` `` \` `` `\b` `\f` `\n` `\r` `\t`. */
function simpleEscape(c: number): number {
  switch (c) {
    case 34:
    case 39:
    case 92:
    case 47:
    case 96:
      return c;
    case 98:
      return 8;
    case 102:
      return 12;
    case 110:
      return 10;
    case 114:
      return 13;
    case 116:
      return 9;
    default:
      return -1;
  }
}

/** JSON and JS string escapes undone: `\"` reads `"`, `\u0041` reads `A`, `\x41` reads `A`. */
export function unescapedView(view: TextView): TextView {
  const text = view.text;
  const out = new ViewBuilder(text.length);
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 92 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      const unicode = next === 117 ? hexRun(text, i + 2, 4) : -1;
      const byte = next === 120 ? hexRun(text, i + 2, 2) : -1;
      const simple = simpleEscape(next);
      if (unicode >= 0) {
        out.push(unicode, i, i + 6);
        i += 6;
        continue;
      }
      if (byte >= 0) {
        out.push(byte, i, i + 4);
        i += 4;
        continue;
      }
      if (simple >= 0) {
        out.push(simple, i, i + 2);
        i += 2;
        continue;
      }
    }
    out.push(c, i, i + 1);
    i++;
  }
  return out.finish(view);
}

/**
 * Letters and digits only: `s,k,_,t,e,s,t` (a join with separators) and `sk_test.51Fake.KeyFor` (7-char
 * chunks joined with dots) both read `sktest51FakeKeyFor`. Searched for the value's own letters and
 * digits (see `alphanumeric`).
 */
export function alphanumericView(view: TextView): TextView {
  const text = view.text;
  const out = new ViewBuilder(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isAlphanumeric(c)) out.push(c, i, i + 1);
  }
  return out.finish(view);
}

/** The value's letters and digits, in order: what `alphanumericView` shows of it. */
export function alphanumeric(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) if (isAlphanumeric(value.charCodeAt(i))) out += value[i];
  return out;
}

/**
 * Runs of decimal digits read as character codes, everything else dropped: `[115, 107, 95]` and
 * `115,107,95` read `sk_`. A number outside printable ASCII reads as a break (NUL), so unrelated
 * numbers do not join up. Linear: each digit is read once.
 */
export function charCodeView(view: TextView): TextView {
  const text = view.text;
  const out = new ViewBuilder(text.length);
  for (let i = 0; i < text.length; ) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    let code = 0;
    while (end < text.length && isDigit(text.charCodeAt(end))) {
      code = code * 10 + (text.charCodeAt(end) - 48);
      end++;
    }
    // Four digits or more are no character code (and `code` must not grow without bound).
    out.push(end - i <= 3 && code >= 32 && code <= 126 ? code : 0, i, end);
    i = end;
  }
  return out.finish(view);
}

/** Views searched for the raw value, in order, with the form a match there means. */
export interface ViewSet {
  raw: TextView;
  compact: TextView;
  alphanumeric: TextView;
  charCodes: TextView;
  urlDecoded: TextView;
  /** Unescaped once, and twice (JSON inside a JSON string). Both: a second pass over a value that
   * holds `\n` as two characters would turn them into a newline. */
  unescaped: [TextView, TextView];
}

/** Builds the views of one haystack once; every canary is then searched in them. */
export function buildViews(text: string): ViewSet {
  const raw = new TextView(text);
  const once = unescapedView(raw);
  return { raw, compact: compactView(raw), alphanumeric: alphanumericView(raw), charCodes: charCodeView(raw), urlDecoded: urlDecodedView(raw), unescaped: [once, unescapedView(once)] };
}

export interface Needle {
  form: LeakForm;
  text: string;
}

function bytesOf(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The base64 characters that depend only on `value`'s bytes when it starts `align` bytes into a
 * 3-byte group: character k covers bits [6k, 6k+6), the value covers [8·align, 8·(align+n)).
 */
function base64Core(bytes: Uint8Array, align: number): string {
  const padded = new Uint8Array(align + bytes.length);
  padded.set(bytes, align);
  const encoded = base64(padded);
  return encoded.slice(Math.ceil((8 * align) / 6), Math.floor((8 * (align + bytes.length)) / 6));
}

/** Encoded needles for one value: base64 and base64url at 3 alignments, hex, reversed. */
export function encodedNeedles(value: string): Needle[] {
  const bytes = bytesOf(value);
  const needles: Needle[] = [];
  for (const align of [0, 1, 2]) {
    const core = base64Core(bytes, align);
    if (core.length < PARTIAL_LEAK_MIN_CHARS) continue;
    needles.push({ form: "base64", text: core });
    const urlSafe = core.replace(/\+/g, "-").replace(/\//g, "_");
    needles.push({ form: urlSafe === core ? "base64" : "base64url", text: urlSafe });
  }
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  needles.push({ form: "hex", text: hex }, { form: "hex", text: hex.toUpperCase() });
  needles.push({ form: "reversed", text: Array.from(value).reverse().join("") });
  // Different forms can coincide for short values; keep each text once.
  const seen = new Set<string>();
  return needles.filter((needle) => !seen.has(needle.text) && seen.add(needle.text));
}

/** Every run of PARTIAL_LEAK_MIN_CHARS characters of the random part, with its offset in the value. */
export function partialWindows(value: string, prefixLength: number): Array<{ text: string; offset: number }> {
  const windows: Array<{ text: string; offset: number }> = [];
  for (let offset = prefixLength; offset + PARTIAL_LEAK_MIN_CHARS <= value.length; offset++) {
    windows.push({ text: value.slice(offset, offset + PARTIAL_LEAK_MIN_CHARS), offset });
  }
  return windows;
}
