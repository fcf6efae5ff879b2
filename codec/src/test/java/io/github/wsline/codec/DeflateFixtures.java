package io.github.wsline.codec;

import static io.github.wsline.codec.CodecTestSupport.bytes;

import io.github.wsline.codec.WebSocketConfig.Role;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * permessage-deflate fixtures: codec channels with the extension installed, zlib streams that remember being ended,
 * and a reference compressor that uses the JDK's {@link Deflater} directly, independent of the codec's.
 */
final class DeflateFixtures {
    /** Compresses every message whatever its size, as the RFC's examples do. */
    static final PerMessageDeflate ALWAYS = PerMessageDeflate.builder().compressionThreshold(0).build();

    private DeflateFixtures() {
    }

    /** A codec config for one role with RSV1 allowed, as the handshake makes it once permessage-deflate is agreed. */
    static WebSocketConfig.Builder config(Role role) {
        return WebSocketConfig.builder().role(role).allowedRsvBits(WebSocketConfig.RSV1);
    }

    /** Raw DEFLATE of {@code data} in one sync-flushed block run, the trailing {@code 00 00 ff ff} cut (§7.2.1). */
    static byte[] deflate(byte[] data, int level) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            int written;
            do {
                written = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
                out.write(chunk, 0, written);
            } while (written == chunk.length);
            byte[] all = out.toByteArray();
            return Arrays.copyOf(all, all.length - 4);
        } finally {
            deflater.end();
        }
    }

    /** A frame header for a payload of {@code length} bytes, unmasked, as a server sends it: byte 0 as given. */
    static byte[] header(int b0, int length) {
        if (length <= 125) {
            return new byte[] {(byte) b0, (byte) length};
        } else if (length <= 0xFFFF) {
            return new byte[] {(byte) b0, 126, (byte) (length >>> 8), (byte) length};
        }
        byte[] header = new byte[10];
        header[0] = (byte) b0;
        header[1] = 127;
        for (int i = 0; i < 8; i++) {
            header[9 - i] = (byte) ((long) length >>> (8 * i));
        }
        return header;
    }

    static byte[] frame(int b0, byte[] payload) {
        byte[] header = header(b0, payload.length);
        byte[] frame = Arrays.copyOf(header, header.length + payload.length);
        System.arraycopy(payload, 0, frame, header.length, payload.length);
        return frame;
    }

    /** Everything the channel wrote, as bytes; the buffers are released. */
    static byte[] written(EmbeddedChannel channel) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            try {
                all.writeBytes(ByteBufUtil.getBytes(out));
            } finally {
                out.release();
            }
        }
        return all.toByteArray();
    }

    /** The close code of the unmasked Close frame that {@code bytes} start with. */
    static int closeCode(byte[] bytes) {
        if (bytes.length < 4 || (bytes[0] & 0x0F) != 0x8) {
            throw new AssertionError("no Close frame in " + CodecTestSupport.hex(bytes));
        }
        return ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    static void writeHex(EmbeddedChannel channel, String hex) {
        byte[] piece = bytes(hex);
        channel.writeInbound(channel.alloc().buffer(piece.length).writeBytes(piece));
    }

    /** An {@link Inflater} that remembers being ended and how much it had inflated by then. */
    static final class TrackedInflater extends Inflater {
        boolean ended;
        long inflatedBeforeEnd;

        TrackedInflater() {
            super(true);
        }

        @Override
        public void end() {
            if (!ended) {
                inflatedBeforeEnd = getBytesWritten();
                ended = true;
            }
            super.end();
        }
    }

    /** A {@link Deflater} that remembers being ended. */
    static final class TrackedDeflater extends Deflater {
        boolean ended;

        TrackedDeflater(int level) {
            super(level, true);
        }

        @Override
        public void end() {
            ended = true;
            super.end();
        }
    }

    /**
     * Creates channels with permessage-deflate for a test, notes every zlib stream their handlers create, and finishes
     * the channels after the test, failing it if one still holds unread messages or an exception nobody asserted.
     */
    static final class Connections implements AfterEachCallback {
        final List<TrackedInflater> inflaters = new ArrayList<>();
        final List<TrackedDeflater> deflaters = new ArrayList<>();
        private final List<EmbeddedChannel> channels = new ArrayList<>();

        /** The codec as the handshake leaves it: decoder, inflater, encoder, deflater, protocol, aggregator. */
        EmbeddedChannel connection(WebSocketConfig config, PerMessageDeflate deflate) {
            EmbeddedChannel channel = track(new EmbeddedChannel(new WebSocketConnectionHandler(config)));
            deflate.install(channel.pipeline(), this::newInflater, () -> newDeflater(deflate.compressionLevel()));
            return channel;
        }

        EmbeddedChannel connection(Role role, PerMessageDeflate deflate) {
            return connection(config(role).build(), deflate);
        }

        /** A codec without permessage-deflate. */
        EmbeddedChannel plain(Role role) {
            WebSocketConfig config = WebSocketConfig.builder().role(role).build();
            return track(new EmbeddedChannel(new WebSocketConnectionHandler(config)));
        }

        /** Just the decoder and the inflater: violations surface as the decoder's do, thrown by writeInbound. */
        EmbeddedChannel inflating(WebSocketConfig config, boolean noContextTakeover) {
            MessageDecompressor decompressor =
                    new MessageDecompressor(noContextTakeover, config.maxMessageSize(), this::newInflater);
            return track(new EmbeddedChannel(new FrameDecoder(config), new MessageInflater(decompressor)));
        }

        /** Just the encoder and the deflater. */
        EmbeddedChannel deflating(Role role, PerMessageDeflate deflate) {
            MessageCompressor compressor = new MessageCompressor(deflate.localNoContextTakeover(),
                    () -> newDeflater(deflate.compressionLevel()));
            WebSocketConfig config = config(role).build();
            return track(new EmbeddedChannel(new FrameEncoder(config),
                    new MessageDeflater(compressor, deflate, role)));
        }

        long liveZlibStreams() {
            return inflaters.stream().filter(i -> !i.ended).count() + deflaters.stream().filter(d -> !d.ended).count();
        }

        private Inflater newInflater() {
            TrackedInflater inflater = new TrackedInflater();
            inflaters.add(inflater);
            return inflater;
        }

        private Deflater newDeflater(int level) {
            TrackedDeflater deflater = new TrackedDeflater(level);
            deflaters.add(deflater);
            return deflater;
        }

        private EmbeddedChannel track(EmbeddedChannel channel) {
            channels.add(channel);
            return channel;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            List<String> problems = new ArrayList<>();
            for (EmbeddedChannel channel : channels) {
                String names = channel.pipeline().names().toString();
                try {
                    if (channel.finishAndReleaseAll()) {
                        problems.add(names + " still held unread messages");
                    }
                } catch (RuntimeException e) {
                    problems.add(names + " had an unasserted exception: " + e);
                }
            }
            channels.clear();
            for (TrackedInflater inflater : inflaters) {
                if (!inflater.ended) {
                    inflater.end();
                    problems.add("an Inflater was not ended when its channel closed");
                }
            }
            for (TrackedDeflater deflater : deflaters) {
                if (!deflater.ended) {
                    deflater.end();
                    problems.add("a Deflater was not ended when its channel closed");
                }
            }
            if (!problems.isEmpty()) {
                throw new AssertionError(String.join("\n", problems));
            }
        }
    }
}
