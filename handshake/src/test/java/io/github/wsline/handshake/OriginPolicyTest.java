package io.github.wsline.handshake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which origins a handshake may come from (RFC 6455 §10.2). */
class OriginPolicyTest {
    private final OriginPolicy sameOriginOnly = new OriginPolicy(Set.of());
    private final OriginPolicy withAllowList = new OriginPolicy(Set.of("https://App.Example.com"));

    @Test
    void requestWithoutOriginIsAllowed() {
        assertTrue(sameOriginOnly.allows(null, "chat.example.com"));
    }

    @Test
    void sameOriginIsAllowedIgnoringCase() {
        assertTrue(sameOriginOnly.allows("https://Chat.Example.com", "chat.example.com"));
        assertTrue(sameOriginOnly.allows("http://localhost:8080", "localhost:8080"));
    }

    @Test
    void sameHostOnAnotherPortIsRefused() {
        assertFalse(sameOriginOnly.allows("http://localhost:3000", "localhost:8080"));
    }

    @Test
    void foreignOriginIsRefused() {
        assertFalse(sameOriginOnly.allows("https://evil.example.net", "chat.example.com"));
    }

    @Test
    void opaqueOriginIsRefused() {
        assertFalse(sameOriginOnly.allows("null", "chat.example.com"));
    }

    @Test
    void allowListedOriginIsAllowedIgnoringCase() {
        assertTrue(withAllowList.allows("https://app.example.com", "chat.example.com"));
        assertFalse(withAllowList.allows("http://app.example.com", "chat.example.com"), "the scheme is part of an origin");
    }

    @Test
    void wildcardAllowsAnyOrigin() {
        assertTrue(new OriginPolicy(Set.of("*")).allows("https://anywhere.example.org", "chat.example.com"));
    }
}
