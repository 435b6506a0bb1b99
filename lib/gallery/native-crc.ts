import zlib from 'node:zlib';
import CRC32 from 'crc-32';

/**
 * archiver (through compress-commons) checksums every stored entry with the `crc-32`
 * package, in JavaScript: about 450 MB/s on one core, which held a zip of originals to
 * half the speed of reading them from storage. Node has zlib's native CRC-32 since 20.15
 * and 22.2 (about 4 GB/s); where it exists, `crc-32`'s buffer checksum is answered by it.
 * Same polynomial, same results (checked here on a sample before the swap); the package
 * keeps its own code on older Node.
 */
type Crc32Module = { buf: (data: Uint8Array, seed?: number) => number };

export function preferNativeCrc32(crc = CRC32 as unknown as Crc32Module): boolean {
  const native = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (!native || (crc.buf as { native?: true }).native) return Boolean(native);
  const fast = Object.assign((data: Uint8Array, seed = 0) => native(data, seed >>> 0) | 0, { native: true as const });
  const sample = Uint8Array.from({ length: 1031 }, (_, i) => (i * 131 + 7) & 0xff);
  if (fast(sample) !== crc.buf(sample) || fast(sample.subarray(9), 12345) !== crc.buf(sample.subarray(9), 12345)) return false;
  crc.buf = fast;
  return true;
}
