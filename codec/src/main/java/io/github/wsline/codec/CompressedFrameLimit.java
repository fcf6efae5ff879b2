package io.github.wsline.codec;

/**
 * How long a frame of a compressed message may be on the wire, so that data which does not compress still fits
 * (RFC 7692 §7.2.1): the frame limit applies to what the payload would be uncompressed, and compressing can only make
 * incompressible data longer.
 *
 * <p>A DEFLATE compressor that cannot shrink a block sends it stored (RFC 1951 §3.2.4): 3 header bits padded to a
 * byte, then LEN and NLEN, 2 bytes each, so 5 bytes more than the block's data. zlib, which browsers, Node and the JDK
 * compress with, falls back to a stored block whenever that is smallest, at every level and strategy; how many bytes go
 * into one block depends on its {@code memLevel}: 16,383 at the default 8 (1 MiB of random bytes grows by 321 to 326
 * bytes), 2,047 at the 5 some libraries choose (2,561 bytes), {@value #SMALLEST_STORED_BLOCK} at the smallest, 1
 * (41,281 bytes). The allowance is computed for the smallest, so that every zlib setting fits: 5 bytes per started
 * block of {@value #SMALLEST_STORED_BLOCK} bytes, plus the empty stored block of the sync flush that ends each fragment
 * ({@code 00 00 ff ff} and the header byte before it; §7.2.1 cuts the 4 bytes from the last fragment only).
 */
final class CompressedFrameLimit {
    /** The most data one zlib stored block carries at {@code memLevel} 1: its literal buffer of 128, less one. */
    static final int SMALLEST_STORED_BLOCK = 127;
    /** A stored block's header byte (3 bits, padded) and its LEN and NLEN. */
    static final int STORED_BLOCK_OVERHEAD = 5;

    private CompressedFrameLimit() {
    }

    /**
     * {@return the largest payload of a frame of a compressed message} for a frame limit of {@code maxPayloadLength}
     * uncompressed bytes: that many incompressible bytes, deflated and sync-flushed, at most; capped at
     * {@link Integer#MAX_VALUE}, a buffer's largest size.
     */
    static int of(int maxPayloadLength) {
        long blocks = (maxPayloadLength + (long) SMALLEST_STORED_BLOCK - 1) / SMALLEST_STORED_BLOCK;
        long syncFlush = STORED_BLOCK_OVERHEAD; // the empty stored block, one more block's overhead
        return (int) Math.min(Integer.MAX_VALUE, maxPayloadLength + blocks * STORED_BLOCK_OVERHEAD + syncFlush);
    }
}
