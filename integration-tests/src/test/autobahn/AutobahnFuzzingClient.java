import java.util.HashMap;
import java.util.List;
import me.normanmaurer.maven.autobahntestsuite.AutobahnTestSuite;
import me.normanmaurer.maven.autobahntestsuite.FuzzingCaseResult;

/**
 * Runs the Autobahn|Testsuite fuzzing client (under Jython) against a URL and prints one line per case:
 * {@code CASE <id> <behavior> <closeBehavior> <remoteCloseCode>}. It runs in a JVM of its own whose class path holds
 * only the suite, Jython and json-simple: with Netty on the class path, Jython resolves Python's "io" module to the
 * Java package io.netty. Usage: java -cp JARS AutobahnFuzzingClient.java URL CASES EXCLUDED
 */
public class AutobahnFuzzingClient {
    public static void main(String[] args) {
        List<String> cases = List.of(args[1].split(","));
        List<String> excluded = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        List<FuzzingCaseResult> results =
                AutobahnTestSuite.runFuzzingClient("wsline", args[0], new HashMap<>(), cases, excluded);
        for (FuzzingCaseResult result : results) {
            // Behavior is a package-private enum: read it as an Object.
            System.out.println("CASE " + result.caseName() + " " + String.valueOf((Object) result.behavior()) + " "
                    + String.valueOf((Object) result.behaviorClose()) + " " + result.remoteCloseCode());
        }
    }
}
