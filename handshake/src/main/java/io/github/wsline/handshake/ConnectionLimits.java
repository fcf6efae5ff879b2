package io.github.wsline.handshake;

import io.github.wsline.codec.internal.Checks;

/**
 * How many connections a {@link ConnectionLimitHandler} lets be open at once: on the whole server, and from any one
 * remote address. Immutable. A per-address limit above the server-wide one is allowed; the server-wide one then
 * decides.
 *
 * @param maxConnections           connections open at once on the server; positive
 * @param maxConnectionsPerAddress connections open at once from one remote IP address; positive
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerAddress) {
    /** Default connections open at once on the server: 10,000. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Default connections open at once from one address: 100, room for many users behind one NAT or proxy. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 100;
    /** The defaults: {@value #DEFAULT_MAX_CONNECTIONS} and {@value #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}. */
    public static final ConnectionLimits DEFAULTS =
            new ConnectionLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);

    /**
     * Checks both limits.
     *
     * @param maxConnections           connections open at once on the server; positive
     * @param maxConnectionsPerAddress connections open at once from one remote IP address; positive
     * @throws IllegalArgumentException if a limit is zero or negative
     */
    public ConnectionLimits {
        Checks.positive("maxConnections", maxConnections);
        Checks.positive("maxConnectionsPerAddress", maxConnectionsPerAddress);
    }
}
