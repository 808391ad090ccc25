/**
 * The bytes of one part being written: strings are appended to a short pending string, which is
 * encoded to UTF-8 (`TextEncoder.encodeInto`) into one growing buffer every few tens of
 * kilobytes. No giant string is ever built, and no array of small chunks either: the part ends
 * as one contiguous array, ready for CRC-32 and deflate. The buffer is reused from part to part.
 */

/** Pending characters encoded at once. */
const FLUSH_CHARS = 1 << 15;
const INITIAL_BYTES = 1 << 16;

export class ByteSink {
  private buf = new Uint8Array(INITIAL_BYTES);
  private length = 0;
  private pending = '';
  private readonly encoder = new TextEncoder();

  /** Appends text; encodes the pending text when it is long enough. */
  write(s: string): void {
    this.pending += s;
    if (this.pending.length >= FLUSH_CHARS) this.flush();
  }

  /** The part's bytes (a view on the reused buffer, valid until the next `reset`). */
  bytes(): Uint8Array {
    this.flush();
    return this.buf.subarray(0, this.length);
  }

  /**
   * Starts a new part, keeping the buffer; `expectedBytes` (an estimate of the part's size) grows
   * it at once rather than by doublings, each of which copies what was written so far.
   */
  reset(expectedBytes = 0): void {
    this.pending = '';
    this.length = 0;
    this.reserve(expectedBytes);
  }

  private flush(): void {
    const s = this.pending;
    if (s.length === 0) return;
    this.pending = '';
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.reserve(s.length * 3);
    const r = this.encoder.encodeInto(s, this.buf.subarray(this.length));
    this.length += r.written;
  }

  private reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    // At least doubling when text overflows; a fresh buffer's pages cost no memory until written.
    const next = new Uint8Array(Math.max(need, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}
