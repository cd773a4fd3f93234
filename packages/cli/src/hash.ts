// A fast, non-cryptographic hash for the manifest's file hashes and the compile cache's file names.

/**
 * FNV-1a, 64-bit (offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3), as 16 hex digits. The state
 * is kept in two 32-bit halves. Multiplying by the prime adds `low` shifted by 8 to the high half
 * (2^40 = 2^32 · 2^8), and multiplies both halves by 0x1b3: `low` · 0x1b3, up to 41 bits, is worked
 * out in 16-bit pieces so that every product is exact, and what exceeds 32 bits carries into `high`.
 */
export function fnv1a64(bytes: Uint8Array): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < bytes.length; i++) {
    low ^= bytes[i]!;
    const bottom = (low & 0xffff) * 0x1b3;
    const top = (low >>> 16) * 0x1b3 + (bottom >>> 16);
    high = (Math.imul(high, 0x1b3) + (low << 8) + (top >>> 16)) | 0;
    low = (top << 16) | (bottom & 0xffff);
  }
  const hex = (half: number): string => (half >>> 0).toString(16).padStart(8, "0");
  return hex(high) + hex(low);
}
