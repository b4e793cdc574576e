/**
 * Stack traces: dozens of frame lines that say little about the problem but dominate word counts. A run of
 * frames becomes one marker; the exception line above it ("java.io.IOException: disk full", "Caused by: ...")
 * is kept, because it is the informative part.
 */

export const STACK_MARKER = 'stacktrace';

// All tested on a trimmed line, anchored at its start; each is linear in the line length.
/** Java/Scala/Kotlin/C#: `at org.foo.Bar.baz(Bar.java:12)`, `at java.base/java.lang.Thread.run(...)`. */
const JVM_FRAME = /^at\s+[\w$`<>[\]]+(?:[./]+[\w$`<>[\]-]+)+\s?\(/;
/** JavaScript: `at fn (file.js:1:2)`, `at file.js:1:2`, `at async Foo.bar (node:internal/x:3:4)`. */
const JS_FRAME = /^at\s.*:\d+:\d+\)?$/;
const JVM_MORE = /^\.\.\.\s*\d+\s+(?:more|common frames omitted)$/;
const PY_FILE = /^File ".*", line \d+/;
const PY_HEAD = 'Traceback (most recent call last):';
/** Go: `/src/app/main.go:42 +0x1d` and `goroutine 1 [running]:`. */
const GO_FRAME = /\.go:\d+(?:\s\+0x[\da-f]+)?$/;
const GO_HEAD = /^goroutine \d+ \[/;

/** Java frames pasted on one line: two or more `at a.b.C.d(C.java:1)` in a row. */
const INLINE_JVM = /(?:\bat [\w$]+(?:[./][\w$<>]+)+\([\w$.: ]*\)[\s,]*){2,}/g;

const NOT_FRAME = 0;
const FRAME = 1;
const PY_FRAME = 2;

function frameKind(t: string, goPossible: boolean): number {
  const c = t.charCodeAt(0);
  if (c === 0x61 /* a */) return JVM_FRAME.test(t) || JS_FRAME.test(t) ? FRAME : NOT_FRAME;
  if (c === 0x46 /* F */) return PY_FILE.test(t) ? PY_FRAME : NOT_FRAME;
  if (c === 0x2e /* . */) return JVM_MORE.test(t) ? FRAME : NOT_FRAME;
  if (c === 0x54 /* T */) return t === PY_HEAD ? FRAME : NOT_FRAME;
  if (goPossible && (GO_FRAME.test(t) || GO_HEAD.test(t))) return FRAME;
  return NOT_FRAME;
}

/**
 * Trims every line and replaces each run of stack-frame lines (blank lines inside a run allowed) by one
 * STACK_MARKER line. Python's source line under a `File "x.py", line 3` frame belongs to the frame.
 */
export function collapseStackTraces(rawLines: readonly string[], text: string): string[] {
  const out: string[] = [];
  const anyTrace =
    text.includes('at ') || text.includes('File "') || text.includes('Traceback') || text.includes('.go:');
  if (!anyTrace) {
    for (const l of rawLines) out.push(l.trim());
    return out;
  }
  const goPossible = text.includes('.go:');
  let lastKept = -1; // index in `out` of the last non-empty line
  let prevPython = false;
  for (const raw of rawLines) {
    const t = raw.trim();
    if (t === '') {
      out.push(t);
      continue;
    }
    let kind = frameKind(t, goPossible);
    // The indented source line Python prints under each frame.
    if (kind === NOT_FRAME && prevPython && raw.length > t.length && /^\s/.test(raw)) kind = FRAME;
    prevPython = kind === PY_FRAME;
    if (kind === NOT_FRAME) {
      out.push(t);
      lastKept = out.length - 1;
    } else if (lastKept < 0 || out[lastKept] !== STACK_MARKER) {
      out.push(STACK_MARKER);
      lastKept = out.length - 1;
    }
  }
  return out;
}

/** One-line pasted Java traces inside running text. */
export function collapseInlineFrames(text: string): string {
  if (!text.includes('at ') || !text.includes('(')) return text;
  return text.replace(INLINE_JVM, ` ${STACK_MARKER} `);
}
