/**
 * Tests of any Netty WebSocket pipeline without a network, with its clock frozen. A
 * {@link io.github.wsline.testkit.WebSocketTestClient} talks to a server pipeline (the application's own
 * {@code ChannelInitializer}, on wsline, on wsline's drop-in, or on Netty's {@code WebSocketServerProtocolHandler}),
 * through the real opening handshake or straight to the codec; a {@link io.github.wsline.testkit.WebSocketTestServer}
 * plays the server for a client pipeline. Both send what a correct peer sends, or any frame a correct peer never would
 * ({@link io.github.wsline.testkit.RawFrame}), speak permessage-deflate when the handshake agrees on it, and check
 * every frame the pipeline under test writes against RFC 6455 before a test reads it as a
 * {@link io.github.wsline.testkit.ReceivedFrame}. {@link io.github.wsline.testkit.DetectLeaks} fails a JUnit test
 * during which a buffer leaked.
 */
package io.github.wsline.testkit;
