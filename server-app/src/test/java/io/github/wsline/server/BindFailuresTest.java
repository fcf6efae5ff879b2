package io.github.wsline.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A server that cannot listen says which option to change, and leaves no thread behind to keep the JVM alive. */
class BindFailuresTest {
    /** TEST-NET-1 (RFC 5737): documentation only, so never one of this machine's addresses. */
    private static final String NOT_THIS_MACHINE = "192.0.2.1";
    private static final long THREAD_END_MILLIS = 60_000;

    private static String refusal(String host, int port) {
        return assertThrows(StartupException.class,
                () -> ChatServer.start("--host", host, "--port", String.valueOf(port)).close()).getMessage();
    }

    @Test
    void portInUseSaysChooseAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertEquals("Port " + port + " is already in use on 127.0.0.1; choose another with --port.",
                    refusal("127.0.0.1", port));
        }
    }

    @Test
    void addressNotOfThisMachineSaysChooseOneOfItsOwn() {
        assertEquals(NOT_THIS_MACHINE + " is not an address of this machine; choose one of its addresses with --host, "
                + "or 0.0.0.0 for all.", refusal(NOT_THIS_MACHINE, 0));
    }

    @Test
    void unknownHostSaysGiveOneOfThisMachine() {
        // .invalid is reserved never to resolve (RFC 6761 §6.4).
        assertEquals("Host nosuchhost.invalid is not known; give an address or a name of this machine with --host.",
                refusal("nosuchhost.invalid", 0));
    }

    @Test
    void failedStartStopsItsEventLoops() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        refusal(NOT_THIS_MACHINE, 0);
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && !thread.isDaemon()).toList();
        for (Thread thread : started) {
            thread.join(THREAD_END_MILLIS);
            assertFalse(thread.isAlive(), thread + " outlived the failed start");
        }
    }
}
