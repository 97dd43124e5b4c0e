declare module 'lz4js' {
  /**
   * Decodes the LZ4 block `src[sIndex, sIndex + sLength)` into `dst` from `dIndex`; returns the
   * index in `dst` after the last byte written.
   */
  export function decompressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    sIndex: number,
    sLength: number,
    dIndex: number,
  ): number
}
