/**
 * The WebSocket opening handshake (RFC 6455 §4) for Netty, server and client, as plain pipeline handlers that hand
 * the channel over to the {@code io.github.wsline.codec} handlers.
 *
 * <p>Server: {@link io.github.wsline.handshake.WebSocketServerConfig} says which paths speak WebSocket and what each
 * installs; a {@link io.github.wsline.handshake.WebSocketUpgradeHandler} behind the HTTP codec answers handshakes for
 * those paths and lets every other request through to the page handlers behind it:
 * <pre>
 *   before:  HttpServerCodec | WebSocketUpgradeHandler | (page handlers)
 *   after:   wsline-decoder | wsline-encoder | wsline-protocol | wsline-aggregator | (route's handler)
 *            | (page handlers)
 *   with permessage-deflate ({@link io.github.wsline.handshake.PerMessageDeflateNegotiator}):
 *            wsline-decoder | wsline-inflater | wsline-encoder | wsline-deflater | wsline-protocol | ...
 * </pre>
 *
 * <p>A route may have no handler supplier, for pipelines whose handlers are in place already; and a handler that
 * reads the handshake request itself (behind an {@code HttpObjectAggregator}) asks
 * {@link io.github.wsline.handshake.WebSocketUpgrade} for the decision and the switch, as the drop-in handlers of the
 * {@code wsline-netty} module do.
 *
 * <p>Client: a {@link io.github.wsline.handshake.WebSocketClientUpgradeHandler} between an {@code HttpClientCodec} and the
 * application's handlers sends the request, checks the 101 and installs the codec in client mode:
 * <pre>
 *   before:  HttpClientCodec | WebSocketClientUpgradeHandler | (application)
 *   after:   wsline-decoder | wsline-encoder | wsline-protocol | wsline-aggregator | (application)
 * </pre>
 */
package io.github.wsline.handshake;
