/**
 * WebSockets over HTTP/2 (RFC 8441), server side: the routes, policies, codec and application handlers of a
 * {@link io.github.wsline.handshake.WebSocketServerConfig} served on HTTP/2 streams opened by an extended CONNECT.
 * {@link io.github.wsline.http2.Http2WebSocketServerInitializer} sets up a connection: Netty's
 * {@code Http2FrameCodec} and {@code Http2MultiplexHandler}, each stream a {@code Http2StreamChannel} on which wsline's
 * codec runs as it does on a TCP connection.
 */
package io.github.wsline.http2;
