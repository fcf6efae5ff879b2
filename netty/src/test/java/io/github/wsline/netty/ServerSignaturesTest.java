package io.github.wsline.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A migration is a search-and-replace: every public constructor of Netty's server classes, and every public method
 * the factory declares, has a wsline counterpart with the same parameter types (and, for methods, the same return type
 * and staticness). Read from Netty's classes, so that a constructor Netty adds shows up here.
 */
class ServerSignaturesTest {
    static List<Arguments> counterparts() {
        return List.of(
                Arguments.of(WebSocketServerProtocolHandler.class, WslineServerProtocolHandler.class),
                Arguments.of(WebSocketServerCompressionHandler.class, WslineServerCompressionHandler.class),
                Arguments.of(WebSocketServerHandshakerFactory.class, WslineServerHandshakerFactory.class));
    }

    @ParameterizedTest
    @MethodSource("counterparts")
    void everyPublicConstructorHasOneWithTheSameParameterTypes(Class<?> netty, Class<?> wsline) {
        List<String> nettys = signatures(netty.getConstructors());
        List<String> wslines = signatures(wsline.getConstructors());

        assertTrue(wslines.containsAll(nettys), "missing: " + nettys.stream()
                .filter(signature -> !wslines.contains(signature)).toList());
        assertEquals(nettys.size(), wslines.size(), "no constructor of wsline's own: " + wslines);
    }

    @ParameterizedTest
    @MethodSource("counterparts")
    void everyPublicMethodDeclaredHasOneWithTheSameSignature(Class<?> netty, Class<?> wsline) throws Exception {
        for (Method method : netty.getDeclaredMethods()) {
            if (!Modifier.isPublic(method.getModifiers()) || method.isSynthetic()) {
                continue; // synthetic: the bridges javac adds for the public methods of a package-private superclass
            }
            Method counterpart = wsline.getMethod(method.getName(), method.getParameterTypes());
            assertEquals(method.getReturnType(), counterpart.getReturnType(), method.toString());
            assertEquals(Modifier.isStatic(method.getModifiers()), Modifier.isStatic(counterpart.getModifiers()),
                    method.toString());
        }
    }

    private static List<String> signatures(Constructor<?>[] constructors) {
        return Arrays.stream(constructors)
                .map(constructor -> Arrays.stream(constructor.getParameterTypes()).map(Class::getName)
                        .collect(Collectors.joining(", ", "(", ")")))
                .sorted()
                .toList();
    }
}
