package io.github.wsline.handshake;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;

/**
 * The application's say on a handshake that passed every protocol check, before the 101 is written: authentication,
 * authorisation, rate limits. It runs on the channel's event loop and must not block.
 *
 * <pre>{@code
 * WebSocketRequestFilter sessionRequired = request -> request.cookies().containsKey("session")
 *         ? Optional.empty()
 *         : Optional.of(HttpResponseStatus.UNAUTHORIZED);
 * }</pre>
 */
@FunctionalInterface
public interface WebSocketRequestFilter {
    /** Accepts every request. */
    WebSocketRequestFilter ACCEPT_ALL = request -> Optional.empty();

    /**
     * Decides on one handshake request.
     *
     * @param request the request, which passed every check of RFC 6455 §4.2.1
     * @return empty to accept the request, or the status to refuse it with; the connection is then closed
     */
    Optional<HttpResponseStatus> refusal(WebSocketRequest request);
}
