/**
 * The task pane's reader of report files: the same reader as the command line
 * (`adapters/xlsx/read`), bound to the browser. Nothing is sent anywhere: the file is read in the
 * page, its parts inflated by the browser's `DecompressionStream('deflate-raw')`, with the
 * command line's limits for report files (size, sizes declared by the zip, and the real
 * decompressed size, counted while inflating).
 */
import { XlsxReader, type ReadLimits } from '../xlsx/read/reader';
import type { WorkbookReader } from '../../ports/workbook';

const MB = 1024 * 1024;

/** The command line's limits for report files (src/faces/cli/main.ts, REPORT_LIMITS). */
export const REPORT_FILE_LIMITS: ReadLimits = { maxFileBytes: 20 * MB, maxExpandedBytes: 200 * MB };

/**
 * Raw inflation with the browser's DecompressionStream: chunks are counted as they come, and
 * the stream is cancelled as soon as the output passes `maxBytes` (`null`), so that a zip whose
 * declared sizes lie cannot make the page allocate more than the limit.
 */
export async function streamInflate(data: Uint8Array, expectedBytes: number, maxBytes: number): Promise<Uint8Array | null> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // Written while read: awaiting the write first would wait for a reader (backpressure).
  const written = writer.write(data as Uint8Array<ArrayBuffer>).then(
    () => writer.close(),
    () => undefined,
  );
  void written.catch(() => undefined);
  const reader = stream.readable.getReader();
  let out = new Uint8Array(Math.min(expectedBytes, maxBytes));
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.length > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    if (length + value.length > out.length) {
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(2 * out.length, length + value.length)));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(value, length);
    length += value.length;
  }
  return length === out.length ? out : out.subarray(0, length);
}

/** Opens report files in the page. */
export const BrowserXlsxReader = {
  /** Checks the limits and opens the file's bytes. Throws a UserError naming the file. */
  fromBytes(bytes: ArrayBuffer | Uint8Array, name: string, limits: ReadLimits = REPORT_FILE_LIMITS): Promise<WorkbookReader> {
    const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    return XlsxReader.open(u8, name, { limits, inflate: streamInflate });
  },
};
