/**
 * Drop-in replacements for Netty's {@code io.netty.handler.codec.http.websocketx} handlers: the same constructors,
 * factory methods, events, frames and defaults, running wsline's codec and handshake underneath. Porting an
 * application is a search-and-replace of six names:
 * {@code WebSocketServerProtocolHandler}, {@code WebSocketClientProtocolHandler},
 * {@code WebSocketServerCompressionHandler}, {@code WebSocketClientCompressionHandler},
 * {@code WebSocketServerHandshakerFactory} and {@code WebSocketClientHandshakerFactory} become
 * {@code WslineServerProtocolHandler}, {@code WslineClientProtocolHandler}, {@code WslineServerCompressionHandler},
 * {@code WslineClientCompressionHandler}, {@code WslineServerHandshakerFactory} and
 * {@code WslineClientHandshakerFactory}.
 */
package io.github.wsline.netty;
