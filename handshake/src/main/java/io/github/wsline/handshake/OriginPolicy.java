package io.github.wsline.handshake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which {@code Origin} a handshake may come from (RFC 6455 §4.2.2 item 4, §10.2). Browsers send the origin of the
 * page that opens a WebSocket and attach that user's cookies to the request whatever the page, so a server that
 * trusts cookies must refuse pages it does not know (cross-site WebSocket hijacking). Accepted are:
 * <ul>
 *   <li>requests without an origin: only browsers must send one (§4.1 item 8), and a non-browser client could send
 *       any value, so the header protects nothing there;</li>
 *   <li>same-origin requests: the origin's {@code host[:port]} equals the {@code Host} header, ignoring case;</li>
 *   <li>origins on the allow-list ({@code scheme://host[:port]}, ignoring case), or any origin when it holds
 *       {@value #ANY_ORIGIN}.</li>
 * </ul>
 */
final class OriginPolicy {
    static final String ANY_ORIGIN = "*";

    private final Set<String> allowed;
    private final boolean anyOrigin;

    OriginPolicy(Set<String> allowedOrigins) {
        this.allowed = allowedOrigins.stream()
                .map(origin -> origin.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.anyOrigin = allowed.contains(ANY_ORIGIN);
    }

    /** Whether to accept a request from {@code origin} (null when none was sent) that named {@code host}. */
    boolean allows(String origin, String host) {
        return origin == null
                || anyOrigin
                || allowed.contains(origin.toLowerCase(Locale.ROOT))
                || isSameOrigin(origin, host);
    }

    private static boolean isSameOrigin(String origin, String host) {
        try {
            String authority = new URI(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (URISyntaxException e) {
            return false; // "null" and other opaque origins are never the same origin
        }
    }
}
