package io.github.wsline.handshake;

import io.netty.channel.ChannelHandler;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A WebSocket path and the application handler to install behind the codec for each connection to it, if any (none
 * when the application's handlers are in the pipeline already). Paths are matched against the request's path as
 * sent, before percent-decoding, so that {@code %2F} cannot pose as a segment.
 */
record Route(String path, boolean prefix, Supplier<? extends ChannelHandler> application) {
    Route {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Route path must start with '/': " + path);
        }
    }

    /**
     * Exact, or for a prefix route the path itself or anything below it: {@code /rooms} takes {@code /rooms/1}, not
     * {@code /roomsx}.
     */
    boolean matches(String rawPath) {
        if (!prefix) {
            return rawPath.equals(path);
        }
        return rawPath.startsWith(path)
                && (rawPath.length() == path.length() || path.endsWith("/") || rawPath.charAt(path.length()) == '/');
    }

    /** A new handler from the route's supplier, or empty for a route without one. */
    Optional<ChannelHandler> newApplicationHandler() {
        if (application == null) {
            return Optional.empty();
        }
        return Optional.of(Objects.requireNonNull(application.get(), "The route's handler supplier returned null."));
    }
}
