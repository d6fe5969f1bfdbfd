// A file read as bytes, never as a string: its stream through one reused buffer, and the line
// breaks of a CSV in those bytes (where the engine's worker cuts what it feeds, so that only
// whole lines are in when an import is cancelled). Used by engine-worker.js and history-db.js.

const READ_SIZE = 1 << 20;

/** The bytes of `blob` as it streams, in views of up to `size` bytes of one buffer that each
 * read reuses (a BYOB reader: nothing left per read for the collector), so a view is good until
 * the next one is asked for; where a browser has no BYOB reader for a blob, its own chunks.
 * With `limit`, only the first `limit` bytes (a stopped import's part, cut where it was). */
export async function* byteChunks(blob, { size = READ_SIZE, limit = Infinity } = {}) {
  const stream = blob.stream();
  let byob = null;
  try { byob = stream.getReader({ mode: 'byob' }); } catch { /* not a byte stream here */ }
  if (byob && !(typeof ReadableStreamBYOBReader !== 'undefined' && byob instanceof ReadableStreamBYOBReader)) {
    byob.releaseLock(); // a browser that took the option for a default reader
    byob = null;
  }
  const reader = byob ?? stream.getReader();
  let buffer = new ArrayBuffer(size);
  let left = limit;
  try {
    while (left > 0) {
      const { value, done } = await (byob ? byob.read(new Uint8Array(buffer, 0, Math.min(size, left))) : reader.read());
      if (done) return;
      if (byob) buffer = value.buffer;
      const piece = value.length > left ? value.subarray(0, left) : value;
      left -= piece.length;
      if (piece.length) yield piece;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

const LF = 10, CR = 13;

/** Where the line breaks of a CSV end: after each LF, and after each CR that no LF follows (a
 * Mac export breaks lines with CR alone, as `src/csv.rs` reads it). A CR at the very end of
 * `bytes` is not one yet (an LF may begin the next read). */
export function lastBreak(bytes, to = bytes.length) {
  const lf = bytes.lastIndexOf(LF, to - 1);
  let cr = bytes.lastIndexOf(CR, to - 1);
  if (cr > lf && (cr + 1 >= bytes.length || bytes[cr + 1] === LF)) cr = bytes.lastIndexOf(CR, cr - 1);
  return (cr > lf && cr + 1 < bytes.length ? cr : lf) + 1; // 0: none
}

/** The end of the first line break of `bytes` at or after `from`, or 0 for none. */
export function firstBreak(bytes, from = 0) {
  for (let i = from; i < bytes.length; i++) {
    if (bytes[i] === LF) return i + 1;
    if (bytes[i] === CR && i + 1 < bytes.length) return i + (bytes[i + 1] === LF ? 2 : 1);
  }
  return 0;
}

/** Counts the line breaks of bytes fed in order. A CR that ends a piece is counted once the
 * next piece shows no LF after it, or at the end (`done`): a CRLF cut between two reads is one. */
export function breakCounter() {
  let n = 0, crWaits = false;
  return {
    add(bytes) {
      if (!bytes.length) return;
      if (crWaits && bytes[0] !== LF) n++;
      for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) n++;
      for (let i = bytes.indexOf(CR); i !== -1 && i + 1 < bytes.length; i = bytes.indexOf(CR, i + 1)) if (bytes[i + 1] !== LF) n++;
      crWaits = bytes[bytes.length - 1] === CR;
    },
    /** Line breaks so far, a CR that ends what was fed included. */
    done: () => n + crWaits,
  };
}
