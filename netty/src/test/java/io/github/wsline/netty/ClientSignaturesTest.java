package io.github.wsline.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every public constructor and factory method of Netty's client classes has its wsline counterpart with the same
 * parameter types, so that a migration is a search-and-replace of the class name. Read from Netty's classes, so a
 * Netty upgrade that adds one fails here. Arguments Netty refuses are refused too.
 */
class ClientSignaturesTest {
    @Test
    void protocolHandlerHasEveryNettyConstructorThatTakesNoNettyHandshaker() {
        Set<String> netty = constructors(WebSocketClientProtocolHandler.class);
        netty.removeIf(signature -> signature.contains(WebSocketClientHandshaker.class.getName()));

        assertEquals(netty, constructors(WslineClientProtocolHandler.class));
    }

    @Test
    void compressionHandlerHasNettysConstructorsAndInstance() throws ReflectiveOperationException {
        assertEquals(constructors(WebSocketClientCompressionHandler.class),
                constructors(WslineClientCompressionHandler.class));
        assertSame(WslineClientCompressionHandler.class,
                WslineClientCompressionHandler.class.getField("INSTANCE").get(null).getClass());
    }

    @Test
    void handshakerFactoryHasEveryNettyOverloadReturningANettyHandshaker() {
        assertEquals(newHandshakerOverloads(WebSocketClientHandshakerFactory.class),
                newHandshakerOverloads(WslineClientHandshakerFactory.class));
    }

    @Test
    void versionsOtherThan13AreRefused() {
        WebSocketClientHandshakeException refusal = assertThrows(WebSocketClientHandshakeException.class,
                () -> WslineClientHandshakerFactory.newHandshaker(URI.create("ws://example.com/"),
                        WebSocketVersion.V08, null, true, null));

        assertEquals("Protocol version V08 not supported.", refusal.getMessage());
    }

    @Test
    void negativeMaxAllocationIsRefusedAsNettyDoes() {
        assertThrows(IllegalArgumentException.class, () -> new WslineClientCompressionHandler(-1));
    }

    private static Set<String> constructors(Class<?> type) {
        return Arrays.stream(type.getConstructors())
                .map(Constructor::getParameterTypes)
                .map(ClientSignaturesTest::signature)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> newHandshakerOverloads(Class<?> factory) {
        return Arrays.stream(factory.getMethods())
                .filter(method -> Modifier.isStatic(method.getModifiers()) && method.getName().equals("newHandshaker"))
                .map(method -> method.getReturnType().getName() + " " + signature(method.getParameterTypes()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String signature(Class<?>[] parameterTypes) {
        return List.of(parameterTypes).stream().map(Class::getName).collect(Collectors.joining(", ", "(", ")"));
    }
}
