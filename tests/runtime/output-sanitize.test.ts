/** Learner output cannot erase, rewrite or link: only colours survive (the page's own lines are untouched). */
import { expect, test } from 'vitest';
import { ANSI_PALETTE, ansiSegments, applySgr, sanitizeLearnerOutput } from '../../src/components/sandbox/output-terminal.ts';

test('clear screen, scrollback erase, cursor moves and resets are removed', () => {
  expect(sanitizeLearnerOutput('\x1b[2J\x1b[3J\x1b[H\x1b[96m✓ All checks passed\x1b[0m\n')).toBe('\x1b[96m✓ All checks passed\x1b[0m\n');
  expect(sanitizeLearnerOutput('a\x1b[1A\x1b[2Kb\x1bcc\x1b[?1049hd')).toBe('abcd');
});

test('OSC 8 hyperlinks and window titles are removed, their text kept', () => {
  expect(sanitizeLearnerOutput('\x1b]8;;https://attacker.example\x07click\x1b]8;;\x07 me')).toBe('click me');
  expect(sanitizeLearnerOutput('\x1b]0;title\x1b\\x')).toBe('x');
});

test('colours and plain text stay', () => {
  expect(sanitizeLearnerOutput('\x1b[31mred\x1b[0m plain\n')).toBe('\x1b[31mred\x1b[0m plain\n');
});

test('the Output pane reads colours into styled runs and shows no escape sequence as text', () => {
  const { segments, style } = ansiSegments('plain \x1b[1;31mbold red\x1b[0m back \x1b[92mgreen');
  expect(segments).toEqual([
    { text: 'plain ', style: {} },
    { text: 'bold red', style: { bold: true, fg: ANSI_PALETTE[1] } },
    { text: ' back ', style: {} },
    { text: 'green', style: { fg: ANSI_PALETTE[10] } },
  ]);
  // A colour left on at a chunk's end carries into the next chunk, as in a terminal.
  expect(ansiSegments('still green\x1b[39m done', style).segments).toEqual([
    { text: 'still green', style: { fg: ANSI_PALETTE[10] } },
    { text: ' done', style: {} },
  ]);
  // Anything that is not a colour (the sandbox's own lines are not sanitised first) is dropped, not printed.
  expect(ansiSegments('a\x1b[2Jb\x1b]8;;https://x.example\x07c').segments.map((s) => s.text).join('')).toBe('abc');
});

test('256 colours and true colour', () => {
  expect(applySgr({}, '38;5;196')).toEqual({ fg: '#ff0000' });
  expect(applySgr({}, '48;5;244')).toEqual({ bg: '#808080' });
  expect(applySgr({}, '38;2;10;20;30')).toEqual({ fg: 'rgb(10, 20, 30)' });
  expect(applySgr({ fg: '#ff0000', bold: true }, '22;39')).toEqual({});
});
