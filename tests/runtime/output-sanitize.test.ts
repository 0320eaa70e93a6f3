/** Learner output cannot erase, rewrite or link: only colours survive (the page's own lines are untouched). */
import { expect, test, vi } from 'vitest';

vi.mock('@xterm/xterm', () => ({ Terminal: class {} }));
vi.mock('@xterm/addon-fit', () => ({ FitAddon: class {} }));
vi.mock('@xterm/xterm/css/xterm.css', () => ({}));
const { sanitizeLearnerOutput } = await import('../../src/components/sandbox/output-terminal.ts');

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
