/**
 * Finds canaries in a text, in every form of `leak-forms.ts`, and masks them for display.
 *
 *   const views = buildViews(stdout);
 *   const matches = findCanary(views, canary);     // [{ form: "base64", start, end }]
 *   maskCanaries(stdout, canaries);                // "key=‹payments_key›"
 *
 * Spans are in the original text. One place is reported once, by its most telling form: a raw match
 * hides the partial matches inside it, a base64 match is not also reported as partial, and so on.
 */
import type { Canary } from "./canary.ts";
import { PARTIAL_LEAK_MIN_CHARS, alphanumeric, buildViews, caesarNeedles, encodedNeedles, partialWindows, type LeakForm, type TextView, type ViewSet } from "./leak-forms.ts";

export interface CanaryMatch {
  canary: Canary;
  form: LeakForm;
  /** Span in the original text. */
  start: number;
  end: number;
}

/** Stop collecting matches of one needle after this many: a loop printing a key a million times is one finding. */
const MAX_MATCHES_PER_NEEDLE = 20;

function positions(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === "") return found;
  for (let at = haystack.indexOf(needle); at !== -1 && found.length < MAX_MATCHES_PER_NEEDLE; at = haystack.indexOf(needle, at + needle.length)) {
    found.push(at);
  }
  return found;
}

const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

function widenBase64(text: string, start: number, end: number): [number, number] {
  if (start > 0 && BASE64_CHAR.test(text[start - 1]!)) start--;
  if (end < text.length && BASE64_CHAR.test(text[end]!)) end++;
  while (end < text.length && text[end] === "=") end++;
  return [start, end];
}

/** Every place `canary` appears in the text behind `views`, in any form, most telling form first. */
export function findCanary(views: ViewSet, canary: Canary): CanaryMatch[] {
  const matches: CanaryMatch[] = [];
  const overlaps = (start: number, end: number): boolean => matches.some((m) => start < m.end && m.start < end);
  const add = (view: TextView, form: LeakForm, at: number, length: number): void => {
    const { start, end } = view.origin(at, at + length);
    if (!overlaps(start, end)) matches.push({ canary, form, start, end });
  };
  const value = canary.value;

  for (const at of positions(views.raw.text, value)) add(views.raw, "raw", at, value.length);
  for (const at of positions(views.compact.text, value)) add(views.compact, "split-across-lines", at, value.length);
  for (const at of positions(views.urlDecoded.text, value)) add(views.urlDecoded, "url-encoded", at, value.length);
  for (const view of views.unescaped) for (const at of positions(view.text, value)) add(view, "json-escaped", at, value.length);
  const needles = encodedNeedles(value);
  for (const view of [views.raw, views.compact]) {
    for (const needle of needles) {
      for (const at of positions(view.text, needle.text)) {
        if (needle.form === "base64" || needle.form === "base64url") {
          // The core leaves out the edge characters that mix the value's bits with its neighbours':
          // take them (and padding) into the match, so masking leaves no bit of the value showing.
          const [start, end] = widenBase64(view.text, at, at + needle.text.length);
          add(view, needle.form, start, end - start);
        } else add(view, needle.form, at, needle.text.length);
      }
    }
  }
  for (const view of [views.raw, views.compact]) {
    for (const needle of caesarNeedles(value, canary.prefixLength)) {
      for (const at of positions(view.text, needle.text)) add(view, "caesar", at, needle.text.length);
    }
  }
  for (const view of [views.raw, views.compact]) {
    for (const window of partialWindows(value, canary.prefixLength)) {
      for (const at of positions(view.text, window.text)) {
        // Grow the match to the longest run of the value around it, so masking hides all of it.
        let left = at;
        let offset = window.offset;
        while (left > 0 && offset > 0 && view.text[left - 1] === value[offset - 1]) {
          left--;
          offset--;
        }
        let right = at + window.text.length;
        let end = window.offset + window.text.length;
        while (right < view.text.length && end < value.length && view.text[right] === value[end]) {
          right++;
          end++;
        }
        add(view, "partial", left, right - left);
      }
    }
  }
  for (const at of positions(views.charCodes.text, value)) add(views.charCodes, "char-codes", at, value.length);
  for (const window of partialWindows(value, canary.prefixLength)) {
    for (const at of positions(views.charCodes.text, window.text)) add(views.charCodes, "char-codes", at, window.text.length);
  }
  // Last, so a plainer form found at the same place names it: letters and digits only, for separators and chunks: the whole value, then runs of its random part.
  const letters = alphanumeric(value);
  if (letters.length >= PARTIAL_LEAK_MIN_CHARS) {
    for (const at of positions(views.alphanumeric.text, letters)) add(views.alphanumeric, "separated", at, letters.length);
    for (const window of partialWindows(alphanumeric(value.slice(canary.prefixLength)), 0)) {
      for (const at of positions(views.alphanumeric.text, window.text)) add(views.alphanumeric, "separated", at, window.text.length);
    }
  }
  return matches;
}

/** Matches of several canaries in one text, ordered by position. */
export function findCanaries(text: string, canaries: readonly Canary[]): CanaryMatch[] {
  if (text === "" || canaries.length === 0) return [];
  const views = buildViews(text);
  return canaries.flatMap((canary) => findCanary(views, canary)).sort((a, b) => a.start - b.start || b.end - a.end);
}

/** What replaces a canary in anything shown to a learner. */
export function maskToken(canary: Canary): string {
  return `‹${canary.secret}${canary.version === "rotated" ? " (rotated)" : canary.version === "shown" ? " (as shown)" : ""}›`;
}

interface MaskedText {
  text: string;
  /**
   * Position in the masked text of an original position. A position inside a masked span snaps
   * outwards (to the token's start for a window's start, to its end for a window's end), so a
   * window always shows whole tokens and never a fragment of what they hide.
   */
  position(original: number, edge: "start" | "end"): number;
}

function mask(text: string, matches: readonly CanaryMatch[]): MaskedText {
  const ordered = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  // Each kept span: original [start, end) became masked [maskedStart, maskedStart + token.length).
  const spans: Array<{ start: number; end: number; maskedStart: number; tokenLength: number }> = [];
  let out = "";
  let at = 0;
  for (const match of ordered) {
    if (match.start < at) continue; // inside a span already masked
    out += text.slice(at, match.start);
    const token = maskToken(match.canary);
    spans.push({ start: match.start, end: match.end, maskedStart: out.length, tokenLength: token.length });
    out += token;
    at = match.end;
  }
  out += text.slice(at);
  return {
    text: out,
    position(original, edge) {
      let shift = 0;
      for (const span of spans) {
        if (original < span.start) break;
        if (original < span.end) return edge === "start" ? span.maskedStart : span.maskedStart + span.tokenLength;
        shift = span.maskedStart + span.tokenLength - span.end;
      }
      return original + shift;
    },
  };
}

/** Replaces every span of `matches` (which must come from `text`) with its mask token. */
export function maskMatches(text: string, matches: readonly CanaryMatch[]): string {
  return mask(text, matches).text;
}

/** `text` with every canary, in every form, masked. */
export function maskCanaries(text: string, canaries: readonly Canary[]): string {
  return maskMatches(text, findCanaries(text, canaries));
}

/** Characters of context shown on each side of a leak. */
const EXCERPT_CONTEXT = 40;
/** Masking looks this far past the shown window, so a canary cut by the window's edge is still recognised. */
const EXCERPT_MARGIN = 200;

/** One line of context around `match`, with every canary in it masked. */
export function excerptAround(text: string, match: CanaryMatch, canaries: readonly Canary[]): string {
  const from = Math.max(0, match.start - EXCERPT_CONTEXT);
  const to = Math.min(text.length, match.end + EXCERPT_CONTEXT);
  const widerFrom = Math.max(0, from - EXCERPT_MARGIN);
  const wider = text.slice(widerFrom, Math.min(text.length, to + EXCERPT_MARGIN));
  const masked = mask(wider, findCanaries(wider, canaries));
  // A window edge inside a masked span snaps to the span's edge: never half a token, never a fragment.
  const body = masked.text.slice(masked.position(from - widerFrom, "start"), masked.position(to - widerFrom, "end")).replace(/\r?\n/g, "⏎").replace(/\t/g, " ");
  return `${from > 0 ? "…" : ""}${body}${to < text.length ? "…" : ""}`;
}
