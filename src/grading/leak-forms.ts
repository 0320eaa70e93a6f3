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
    const s = new Int32Array(text.length);
    const e = new Int32Array(text.length);
    for (let i = 0; i < text.length; i++) {
      s[i] = this.origin(starts[i]!, starts[i]! + 1).start;
      e[i] = this.origin(ends[i]! - 1, ends[i]!).end;
    }
    return new TextView(text, s, e);
  }
}

/**
 * Rebuilds `view.text` token by token; `step` returns [replacement char or "", consumed length].
 * Linear in the text, with typed arrays sized once (a view never outgrows its source).
 */
function transform(view: TextView, step: (text: string, i: number) => [string, number]): TextView {
  const source = view.text;
  const pieces: string[] = [];
  const starts = new Int32Array(source.length);
  const ends = new Int32Array(source.length);
  let n = 0;
  for (let i = 0; i < source.length; ) {
    const [char, consumed] = step(source, i);
    if (char !== "") {
      pieces.push(char);
      starts[n] = i;
      ends[n] = i + consumed;
      n++;
    }
    i += consumed;
  }
  return view.derive(pieces.join(""), starts.subarray(0, n), ends.subarray(0, n));
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
  return transform(view, (text, i) => [/\s/.test(text[i]!) ? "" : text[i]!, 1]);
}

const HEX2 = /^[0-9A-Fa-f]{2}$/;

/** `%23` reads `#`; `+` stays (canaries hold no spaces). */
export function urlDecodedView(view: TextView): TextView {
  return transform(view, (text, i) => {
    if (text[i] === "%") {
      const hex = text.slice(i + 1, i + 3);
      if (HEX2.test(hex)) return [String.fromCharCode(parseInt(hex, 16)), 3];
    }
    return [text[i]!, 1];
  });
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "'": "'", "\\": "\\", "/": "/", "`": "`", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** JSON and JS string escapes undone: `\"` reads `"`, `\u0041` reads `A`, `\x41` reads `A`. */
export function unescapedView(view: TextView): TextView {
  return transform(view, (text, i) => {
    if (text[i] !== "\\" || i + 1 >= text.length) return [text[i]!, 1];
    const next = text[i + 1]!;
    if (next === "u" && /^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return [String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), 6];
    if (next === "x" && HEX2.test(text.slice(i + 2, i + 4))) return [String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16)), 4];
    const simple = SIMPLE_ESCAPES[next];
    return simple !== undefined ? [simple, 2] : [text[i]!, 1];
  });
}

/**
 * Letters and digits only: `s,k,_,t,e,s,t` (a join with separators) and `sk_test.51Fake.KeyFor` (7-char
 * chunks joined with dots) both read `sktest51FakeKeyFor`. Searched for the value's own letters and
 * digits (see `alphanumeric`).
 */
export function alphanumericView(view: TextView): TextView {
  return transform(view, (text, i) => [ALNUM.test(text[i]!) ? text[i]! : "", 1]);
}

const ALNUM = /[A-Za-z0-9]/;
const DIGIT = /[0-9]/;

/** The value's letters and digits, in order: what `alphanumericView` shows of it. */
export function alphanumeric(value: string): string {
  let out = "";
  for (const char of value) if (ALNUM.test(char)) out += char;
  return out;
}

/**
 * Runs of decimal digits read as character codes, everything else dropped: `[115, 107, 95]` and
 * `115,107,95` read `sk_`. A number outside printable ASCII reads as a break (NUL), so unrelated
 * numbers do not join up. Linear: each digit is read once.
 */
export function charCodeView(view: TextView): TextView {
  return transform(view, (text, i) => {
    if (!DIGIT.test(text[i]!)) return ["", 1];
    let end = i;
    while (end < text.length && DIGIT.test(text[end]!)) end++;
    const code = end - i <= 3 ? Number(text.slice(i, end)) : 0;
    return [code >= 32 && code <= 126 ? String.fromCharCode(code) : "\0", end - i];
  });
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
