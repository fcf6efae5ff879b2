/**
 * Tests of WebSocket server handlers without a network: a {@link io.github.wsline.testkit.WebSocketTestClient} talks
 * to a server pipeline on Netty's {@code EmbeddedChannel}, through the real opening handshake or straight to the
 * codec, with the server's clock frozen. It sends what a browser sends, or any frame a correct peer never would
 * ({@link io.github.wsline.testkit.RawFrame}), and checks every frame the server writes against RFC 6455 before a
 * test reads it as a {@link io.github.wsline.testkit.ReceivedFrame}.
 */
package io.github.wsline.testkit;
