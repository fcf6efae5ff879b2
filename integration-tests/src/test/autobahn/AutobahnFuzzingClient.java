import java.util.HashMap;
import java.util.List;
import java.util.Map;
import me.normanmaurer.maven.autobahntestsuite.AutobahnTestSuite;
import me.normanmaurer.maven.autobahntestsuite.FuzzingCaseResult;
import org.python.util.PythonInterpreter;

/**
 * Runs the Autobahn|Testsuite fuzzing client (under Jython) against a URL and prints one line per case:
 * {@code CASE <id> <behavior> <closeBehavior> <remoteCloseCode>}. It runs in a JVM of its own whose class path holds
 * only the suite, Jython and json-simple: with Netty on the class path, Jython resolves Python's "io" module to the
 * Java package io.netty. Usage: java -cp JARS AutobahnFuzzingClient.java URL CASES EXCLUDED
 *
 * <p>The suite runs in slow motion: every wait it makes is {@link #SLOW_MOTION} times its own. Its cases give the
 * server a wall-clock deadline (most of them 1 s, for the echo or the closing handshake), and on a machine whose
 * cores are busy the Jython client alone can miss one, which the suite reports as the server's failure. The server
 * answers in milliseconds, so a passing run waits longer only where a case pauses on purpose (5.19, 5.20 and 6.4.x:
 * about a minute in all).
 */
public class AutobahnFuzzingClient {
    private static final int SLOW_MOTION = 10;

    public static void main(String[] args) {
        List<String> cases = List.of(args[1].split(","));
        List<String> excluded = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        slowDownCaseTimers();
        // The client's own waits: for the 101 (default 5 s), for the closing handshake and for the server to close
        // TCP after it (1 s each).
        Map<String, Integer> options = Map.of("openHandshakeTimeout", 5 * SLOW_MOTION,
                "closeHandshakeTimeout", SLOW_MOTION, "serverConnectionDropTimeout", SLOW_MOTION);
        List<FuzzingCaseResult> results =
                AutobahnTestSuite.runFuzzingClient("wsline", args[0], new HashMap<>(options), cases, excluded);
        for (FuzzingCaseResult result : results) {
            // Behavior is a package-private enum: read it as an Object.
            System.out.println("CASE " + result.caseName() + " " + String.valueOf((Object) result.behavior()) + " "
                    + String.valueOf((Object) result.behaviorClose()) + " " + result.remoteCloseCode());
        }
    }

    /**
     * Scales the delay of the three timers the cases set ({@code killAfter}, {@code closeAfter},
     * {@code continueLater}). Jython's modules are shared by its interpreters, so the suite's own interpreter
     * imports the patched class; wstest goes first because it must install the reactor before anything else.
     */
    private static void slowDownCaseTimers() {
        // Not closed: closing an interpreter runs the shared system state's exit functions.
        new PythonInterpreter().exec(String.join("\n",
                "from autobahntestsuite import wstest",
                "from autobahntestsuite import fuzzing",
                "def slowed(wait):",
                "    return lambda self, delay, *args: wait(self, delay * " + SLOW_MOTION + ", *args)",
                "for name in ('killAfter', 'closeAfter', 'continueLater'):",
                "    setattr(fuzzing.FuzzingProtocol, name, slowed(getattr(fuzzing.FuzzingProtocol, name)))"));
    }
}
