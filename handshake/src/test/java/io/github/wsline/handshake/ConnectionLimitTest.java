package io.github.wsline.handshake;

import static io.github.wsline.handshake.HandshakeFixtures.ascii;
import static io.github.wsline.handshake.HandshakeFixtures.readResponse;
import static io.github.wsline.handshake.HandshakeFixtures.upgradeRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connections over the server-wide or per-address limit are answered 503 and closed. Every {@code EmbeddedChannel}
 * has the same remote address, so the per-address limit applies to all of them.
 */
class ConnectionLimitTest {
    private static final String PLAIN_GET = "GET / HTTP/1.1\r\nHost: server.example.com\r\n\r\n";

    private final WebSocketServerConfig config =
            WebSocketServerConfig.builder().route("/chat", Recorder::new).build();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void finish() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** A new connection with the HTTP codec, {@code limit} and the upgrade handler, as the server's pipeline has. */
    private EmbeddedChannel connect(ConnectionLimitHandler limit) {
        EmbeddedChannel channel = new EmbeddedChannel(DefaultChannelId.newInstance(),
                config.newHttpServerCodec(), limit, new WebSocketUpgradeHandler(config));
        channels.add(channel);
        return channel;
    }

    private static HandshakeFixtures.Received<?> send(EmbeddedChannel channel, String request) {
        channel.writeInbound(ascii(request));
        return readResponse(channel);
    }

    private static void assertUpgrades(EmbeddedChannel channel) {
        assertEquals(HttpResponseStatus.SWITCHING_PROTOCOLS, send(channel, upgradeRequest("/chat")).status());
        assertTrue(channel.isOpen());
    }

    private static void assertRefused503(EmbeddedChannel channel, String request) {
        var response = send(channel, request);
        assertEquals(HttpResponseStatus.SERVICE_UNAVAILABLE, response.status());
        assertEquals("5", response.headers().get("Retry-After"));
        assertEquals("close", response.headers().get("Connection"));
        assertEquals("text/plain; charset=utf-8", response.headers().get("Content-Type"));
        assertEquals("Too many connections; try again later.\n", response.body());
        assertFalse(channel.isOpen(), "the connection is closed after the 503");
        assertNull(channel.readInbound(), "nothing of a refused request is passed on");
    }

    /** The server-wide limit alone: the per-address limit is out of the way. */
    private static ConnectionLimitHandler serverWide(int maxConnections) {
        return new ConnectionLimitHandler(new ConnectionLimits(maxConnections, 1_000));
    }

    @Test
    void connectionWithinTheLimitsUpgrades() {
        ConnectionLimitHandler limit = serverWide(2);
        assertUpgrades(connect(limit));
        assertUpgrades(connect(limit));
        assertEquals(2, limit.activeConnections());
    }

    @Test
    void plainRequestWithinTheLimitsPassesThroughUntouched() {
        ConnectionLimitHandler limit = serverWide(1);
        EmbeddedChannel channel = connect(limit);
        channel.writeInbound(ascii(PLAIN_GET));
        assertTrue(channel.isOpen());
        assertNull(channel.readOutbound(), "no response from the limit or the upgrade handler");
        assertEquals(1, limit.activeConnections());
    }

    @Test
    void connectionOverTheServerLimitGets503ToAPlainGet() {
        ConnectionLimitHandler limit = serverWide(2);
        assertUpgrades(connect(limit));
        assertUpgrades(connect(limit));
        assertRefused503(connect(limit), PLAIN_GET);
        assertEquals(2, limit.activeConnections(), "a refused connection is not counted");
    }

    @Test
    void connectionOverTheServerLimitGets503ToAnUpgradeRequest() {
        ConnectionLimitHandler limit = serverWide(1);
        assertUpgrades(connect(limit));
        assertRefused503(connect(limit), upgradeRequest("/chat"));
        assertEquals(1, limit.activeConnections());
    }

    @Test
    void refusedRequestBodyAndPipelinedRequestsAreDropped() {
        ConnectionLimitHandler limit = serverWide(1);
        assertUpgrades(connect(limit));
        assertRefused503(connect(limit), "POST /upload HTTP/1.1\r\nHost: server.example.com\r\nContent-Length: 5\r\n\r\n"
                + "hello" + PLAIN_GET + upgradeRequest("/chat"));
    }

    @Test
    void closedConnectionFreesItsPlaceExactlyOnce() {
        ConnectionLimitHandler limit = serverWide(2);
        EmbeddedChannel first = connect(limit);
        assertUpgrades(first);
        assertUpgrades(connect(limit));
        first.close();
        assertEquals(1, limit.activeConnections());
        first.pipeline().fireChannelInactive(); // a second notice for the same channel must not count it again
        assertEquals(1, limit.activeConnections());
        assertEquals(1, limit.activeConnections(first.remoteAddress()));

        assertUpgrades(connect(limit));
        assertRefused503(connect(limit), upgradeRequest("/chat"));
        assertEquals(2, limit.activeConnections(), "closing a refused connection does not uncount anything");
    }

    @Test
    void connectionOverThePerAddressLimitGets503() {
        ConnectionLimitHandler limit = new ConnectionLimitHandler(new ConnectionLimits(100, 2));
        EmbeddedChannel first = connect(limit);
        assertUpgrades(first);
        assertUpgrades(connect(limit));
        assertEquals(2, limit.activeConnections(first.remoteAddress()));
        assertRefused503(connect(limit), upgradeRequest("/chat"));
        assertEquals(2, limit.activeConnections());

        first.close();
        assertUpgrades(connect(limit));
        assertEquals(2, limit.activeConnections(first.remoteAddress()));
    }

    @Test
    void lastClosedConnectionLeavesNothingCounted() {
        ConnectionLimitHandler limit = serverWide(5);
        EmbeddedChannel channel = connect(limit);
        channel.close();
        assertEquals(0, limit.activeConnections());
        assertEquals(0, limit.activeConnections(channel.remoteAddress()));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConnectionLimits(1, 0));
        assertEquals(new ConnectionLimits(10_000, 100), ConnectionLimits.DEFAULTS);
    }
}
