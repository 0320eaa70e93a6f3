import { describe, expect, it } from "vitest";
import { session } from "./helpers.ts";

// The shell language one feature at a time, each as bash 5.2 prints it (a fresh host per case).
const out = (stdout: string) => ({ stdout, stderr: "", exitCode: 0 });
const cases: [string, string, { stdout: string; stderr: string; exitCode: number }][] = [
  ["line continuation with \\", "echo one \\\n  two \\\n  three", out("one two three\n")],
  ["~ and ~/ expand to HOME, ~user to that user's home, a~ stays", "echo ~ ~/app ~root a~ '~'", out("/home/learner /home/learner/app /root a~ ~\n")],
  ["${VAR:-x} and ${VAR-x}", "e=; echo ${e:-def} [${e-def}] ${unset_var-def}", out("def [] def\n")],
  ["${VAR:=x} assigns", "echo ${y:=set}; echo $y", out("set\nset\n")],
  ["${#VAR}, ${VAR#p}, ${VAR##p}, ${VAR%p}, ${VAR%%p}", "p=/a/b/c.tar.gz; echo ${#p} ${p#*/} ${p##*/} ${p%.*} ${p%%.*}", out("13 a/b/c.tar.gz c.tar.gz /a/b/c.tar /a/b/c\n")],
  ["${VAR/p/r}, ${VAR//p/r}, ${VAR:off:len}", "s=hello; echo ${s/l/L} ${s//l/L} ${s:1:3} ${s: -2}", out("heLlo heLLo ell lo\n")],
  ["$((...)) arithmetic", "x=7; echo $((2**10 + 3*4)) $((x / 2)) $((x % 4)) $((x > 3 ? 1 : 0))", out("1036 3 3 1\n")],
  ["((...)) and ++", "x=5; (( x > 3 )) && echo big; ((x++)); echo $x", out("big\n6\n")],
  ["if / elif / else / fi", "for n in 1 2 3; do if [ $n -eq 1 ]; then echo one; elif [ $n = 2 ]; then echo two; else echo other; fi; done", out("one\ntwo\nother\n")],
  ["for over words, $(...) and \"$@\"", 'set -- a "b c"; for w in "$@"; do echo "[$w]"; done; for f in $(echo x y); do echo $f; done', out("[a]\n[b c]\nx\ny\n")],
  ["while and until", "i=0; while [ $i -lt 2 ]; do i=$((i+1)); done; until [ $i -ge 4 ]; do i=$((i+1)); done; echo $i", out("4\n")],
  ["break and continue", "for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done", out("1\n3\n")],
  ["while read over a heredoc reads every line", "while read -r line; do echo \"L:$line\"; done <<EOF\nx\ny\nEOF", out("L:x\nL:y\n")],
  ["case with globs, alternatives and (pattern)", "for f in a.md b.txt c; do case $f in *.md) echo md;; *.txt|*.csv) echo text;; (*) echo other;; esac; done", out("md\ntext\nother\n")],
  ["case ;& falls through", "case a in a) echo one;& b) echo two;; c) echo three;; esac", out("one\ntwo\n")],
  ["functions: NAME() and function NAME, $# and $*", 'greet() { echo "hi $1 ($#)"; }; function all { echo "$*"; }; greet you; all 1 2 3', out("hi you (1)\n1 2 3\n")],
  ["local is scoped to the call (dynamic scope)", "x=global; f() { local x=inner; g; }; g() { echo $x; }; f; echo $x", out("inner\nglobal\n")],
  ["return sets $? (low 8 bits)", "f() { return 3; }; f; echo $?; g() { return 300; }; g; echo $?", out("3\n44\n")],
  ["set -e stops at the first failure outside conditions", "set -e; if false; then :; fi; false || true; ! false; echo reached; false; echo never", { stdout: "reached\n", stderr: "", exitCode: 1 }],
  ["export -p prints declare -x lines", "export GREETING='say \"hi\"'; export -p | grep GREETING", out('declare -x GREETING="say \\"hi\\""\n')],
  ["test and [ ]", 'test -z "" && echo empty; [ -f /etc/passwd ] && echo file; [ "a" != "b" ] && echo ne; [ 5 -gt 3 ]; echo $?', out("empty\nfile\nne\n0\n")],
  ["[[ ]] with globs, regex, && and ||", '[[ abc == a* && -n "x" ]] && echo glob; [[ v1.2 =~ ^v[0-9] ]] && echo re; [[ -z "x" || 3 -lt 10 ]] && echo or', out("glob\nre\nor\n")],
  ["exec replaces the shell: nothing after it runs", "exec echo replaced; echo never", out("replaced\n")],
  ["quotes: single, double, $'...' and nested $(\"...\")", "n='a  b'; echo \"[$n]\" '[$n]' $'tab:\\t.' \"$(echo \"in \"q\"\")\"", out("[a  b] [$n] tab:\t. in q\n")],
  ["backticks", "echo `echo bt`", out("bt\n")],
  ["heredocs: <<-, quoted delimiter, here-string", "cat <<-EOF\n\ttabbed $HOME\n\tEOF\ncat <<'EOF'\n$HOME\nEOF\ncat <<< \"here $USER\"", out("tabbed /home/learner\n$HOME\nhere learner\n")],
  ["globbing, and a pattern with no match stays as typed", "touch a.txt b.txt; echo *.txt; echo *.none", out("a.txt b.txt\n*.none\n")],
  ["redirections: >, >>, 2>, 2>&1, &>, <", "echo a > f; echo b >> f; ls nope 2> err; cat f err; ls nope > both 2>&1; wc -l < both", out("a\nb\nls: cannot access 'nope': No such file or directory\n1\n")],
  ["(subshell) keeps its changes; { group } does not", "x=1; (x=2; cd /); echo $x $PWD; { x=3; }; echo $x", out("1 /home/learner/app\n3\n")],
  ["brace expansion: lists, sequences, nesting; quoted and empty braces stay", 'echo {a,b} x{1..3}y {01..03} {c..a} {1..10..3} a{b,{c,d}}e "{a,b}" {} {x}; mkdir -p app/{src,test}; ls app', out("a b x1y x2y x3y 01 02 03 c b a 1 4 7 10 abe ace ade {a,b} {} {x}\nsrc\ntest\n")],
  ["printf widths, precision, %x, %q and reuse of the format", "printf '%5s|%-5s|%05d|%x|%.2s|%3d|\\n' ab cd 42 255 xyz 7; printf '%s,' a b c; printf '%q\\n' 'a b'", out("   ab|cd   |00042|ff|xy|  7|\na,b,c,a\\ b\n")],
  ["grep and head report a missing file in its place, with names when several are given", "echo KEY=1 > a; echo KEY=2 > b; grep KEY a nope b 2>&1; head -n1 a nope 2>&1", { stdout: "a:KEY=1\ngrep: nope: No such file or directory\nb:KEY=2\n==> a <==\nKEY=1\nhead: cannot open 'nope' for reading: No such file or directory\n", stderr: "", exitCode: 1 }],
  ["readonly", "readonly R=1; R=2; echo never", { stdout: "", stderr: "bash: R: readonly variable\n", exitCode: 1 }],
  ["stdout and stderr interleave in the order written", "echo out1; echo err1 >&2; cat /etc/hostname-nope /etc/passwd 2>&1 | head -1", { stdout: "out1\ncat: /etc/hostname-nope: No such file or directory\n", stderr: "err1\n", exitCode: 0 }],
];

describe("the shell language, feature by feature", () => {
  it.each(cases)("%s", async (_name, command, expected) => {
    const s = session({ PWD: "/home/learner/app" });
    expect(await s.run(command)).toEqual(expected);
  });
});

// bash 5.2's messages, as an interactive bash prints them (no "-c: line 1:" prefix).
const errors: [string, string, number][] = [
  ["echo hi; fi", "bash: syntax error near unexpected token `fi'\n", 2],
  ["if true; then fi", "bash: syntax error near unexpected token `fi'\n", 2],
  ["done", "bash: syntax error near unexpected token `done'\n", 2],
  ["echo a;;", "bash: syntax error near unexpected token `;;'\n", 2],
  ["echo a | | b", "bash: syntax error near unexpected token `|'\n", 2],
  ["echo a && && b", "bash: syntax error near unexpected token `&&'\n", 2],
  ["echo >", "bash: syntax error near unexpected token `newline'\n", 2],
  ["echo (", "bash: syntax error near unexpected token `newline'\n", 2],
  ["echo (foo)", "bash: syntax error near unexpected token `foo'\n", 2],
  ["echo a )", "bash: syntax error near unexpected token `)'\n", 2],
  ["f() echo x", "bash: syntax error near unexpected token `echo'\n", 2],
  ["if true; then echo", "bash: syntax error: unexpected end of file\n", 2],
  ["echo 'open", "bash: unexpected EOF while looking for matching `''\n", 2],
  ['echo "open', "bash: unexpected EOF while looking for matching `\"'\n", 2],
  ["echo ${1bad}", "bash: ${1bad}: bad substitution\n", 2],
  ["echo ${nope:?is required}; echo after", "bash: nope: is required\n", 1],
  ["echo ${nope?}", "bash: nope: parameter not set\n", 1],
  ["echo $((1/0)); echo after", 'bash: 1/0: division by 0 (error token is "0")\n', 1],
  ["set -u; echo $undefined_var; echo after", "bash: undefined_var: unbound variable\n", 1],
  ["local x=1", "bash: local: can only be used in a function\n", 1],
  ["return 2", "bash: return: can only `return' from a function or sourced script\n", 1],
  ["exit abc", "bash: exit: abc: numeric argument required\n", 2],
  ["kubectl get pods", "bash: kubectl: command not found\n", 127],
  ["kill %3", "bash: kill: %3: no such job\n", 1],
];

describe("errors read as bash's", () => {
  it.each(errors)("%s", async (command, stderr, exitCode) => {
    expect(await session().run(command)).toEqual({ stdout: "", stderr, exitCode });
  });
});
