package io.github.wsline.testkit;

import io.netty.handler.codec.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692) as the kit applies it once the handshake agreed on it, written from the RFC with the
 * JDK's zlib, independently of wsline's codec: a test of a compressing server or client does not trust the code under
 * test. This end compresses every message it sends with the kit's send methods and inflates every message whose first
 * frame carries RSV1.
 */
final class DeflateStreams {
    /** What the sender leaves off each message and the receiver appends back (RFC 7692 §7.2.1, §7.2.2). */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

    private final boolean localNoContextTakeover;
    private final int localWindowBits;
    private final boolean peerNoContextTakeover;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true); // a 15-bit window inflates a stream made with any window

    private DeflateStreams(boolean localNoContextTakeover, int localWindowBits, boolean peerNoContextTakeover) {
        this.localNoContextTakeover = localNoContextTakeover;
        this.localWindowBits = localWindowBits;
        this.peerNoContextTakeover = peerNoContextTakeover;
    }

    /**
     * The streams the agreed {@code Sec-WebSocket-Extensions} of a 101 sets up, or null when it agreed on no
     * permessage-deflate.
     *
     * @param headers   the 101's headers
     * @param localSide {@code "client"} or {@code "server"}: the end this kit plays
     */
    static DeflateStreams agreedIn(HttpHeaders headers, String localSide) {
        String peerSide = localSide.equals("client") ? "server" : "client";
        for (String value : headers.getAll("Sec-WebSocket-Extensions")) {
            for (String extension : value.split(",")) {
                String[] parts = extension.trim().toLowerCase(Locale.ROOT).split("\\s*;\\s*");
                if (!parts[0].equals("permessage-deflate")) {
                    continue;
                }
                boolean localNoContextTakeover = false;
                boolean peerNoContextTakeover = false;
                int localWindowBits = 15;
                for (String parameter : Arrays.asList(parts).subList(1, parts.length)) {
                    String[] nameValue = parameter.split("\\s*=\\s*", 2);
                    if (nameValue[0].equals(localSide + "_no_context_takeover")) {
                        localNoContextTakeover = true;
                    } else if (nameValue[0].equals(peerSide + "_no_context_takeover")) {
                        peerNoContextTakeover = true;
                    } else if (nameValue[0].equals(localSide + "_max_window_bits") && nameValue.length == 2) {
                        localWindowBits = Integer.parseInt(nameValue[1].replace("\"", ""));
                    }
                }
                return new DeflateStreams(localNoContextTakeover, localWindowBits, peerNoContextTakeover);
            }
        }
        return null;
    }

    /**
     * {@return the message compressed, or null when it must go uncompressed} The JDK always compresses with a 15-bit
     * window, so under a smaller agreed window only a message no longer than that window can be compressed, each on
     * its own: a stream cannot reach back further than its own length (RFC 7692 §7.1.2.1).
     */
    byte[] compress(byte[] message) {
        boolean smallWindow = localWindowBits < 15;
        if (smallWindow && message.length > 1 << localWindowBits) {
            return null;
        }
        if (smallWindow || localNoContextTakeover) {
            deflater.reset();
        }
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        byte[] compressed = out.toByteArray();
        return Arrays.copyOf(compressed, compressed.length - TAIL.length); // §7.2.1: drop the empty block's tail
    }

    /**
     * {@return a compressed message inflated}
     *
     * @throws AssertionError if it does not inflate
     */
    byte[] inflate(byte[] compressed, String peer) {
        if (peerNoContextTakeover) {
            inflater.reset();
        }
        byte[] input = Arrays.copyOf(compressed, compressed.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, compressed.length, TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = inflater.inflate(chunk)) > 0 || !inflater.needsInput() && !inflater.finished(); ) {
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError("The " + peer + " sent a compressed message that does not inflate: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Frees zlib's native memory. */
    void end() {
        deflater.end();
        inflater.end();
    }
}
