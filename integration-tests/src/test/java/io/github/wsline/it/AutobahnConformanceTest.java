package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.server.ChatServer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Autobahn|Testsuite fuzzing client against the chat server's {@code /echo}: sections 1-7, 9 and 10 (301
 * cases; 12 and 13 test permessage-deflate). The bar is every case OK (or INFORMATIONAL, the suite's word for "no
 * right answer"), for the behaviour and for the closing alike: no FAILED, no NON-STRICT, no WRONG CODE.
 *
 * <p>The suite runs under Jython in a JVM of its own (see {@code src/test/autobahn/AutobahnFuzzingClient.java});
 * its reports land in {@code target/autobahn}. It takes minutes: every {@link #PROGRESS_EVERY}th case it starts is
 * told on the console, so that a CI log shows it alive.
 */
class AutobahnConformanceTest {
    private static final int EXPECTED_CASES = 301;
    private static final Set<String> PASSING = Set.of("OK", "INFORMATIONAL");
    private static final int PROGRESS_EVERY = 30;
    /** The fuzzing client's line as it starts a case: {@code Running test case ID 1.1.1 for agent wsline from ...}. */
    private static final String CASE_STARTS = "Running test case ID ";
    /** About 8 minutes on a busy 2-core machine: only a hung suite or server takes an hour. */
    private static final long SUITE_MINUTES = 60;

    @Test
    void echoEndpointPassesEveryCaseStrictly() throws Exception {
        try (ChatServer server = ChatServer.start("--host", "127.0.0.1", "--port", "0",
                "--max-frame-size", "16777216", "--max-message-size", "16777216")) { // 9.x sends up to 16 MiB
            List<String> results = runSuite("ws://127.0.0.1:" + server.address().getPort() + "/echo");
            Map<String, Integer> tally = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            for (String line : results) { // CASE <id> <behavior> <closeBehavior> <remoteCloseCode>
                String[] fields = line.split(" ");
                tally.merge(fields[2] + "/" + fields[3], 1, Integer::sum);
                if (!PASSING.contains(fields[2]) || !PASSING.contains(fields[3])) {
                    failures.add(line);
                }
            }
            String summary = results.size() + " cases, behavior/close: " + tally;
            System.out.println("Autobahn: " + summary);
            Files.writeString(workDir().resolve("summary.txt"), summary + "\n" + String.join("\n", results) + "\n");
            assertEquals(EXPECTED_CASES, results.size(), summary);
            assertTrue(failures.isEmpty(), failures.size() + " cases not strictly OK:\n" + String.join("\n", failures));
        }
    }

    private static List<String> runSuite(String url) throws IOException, InterruptedException {
        Path workDir = workDir();
        Files.createDirectories(workDir);
        Path log = workDir.resolve("fuzzingclient.log");
        Process suite = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("autobahn.classpath"), System.getProperty("autobahn.launcher"),
                url, "1.*,2.*,3.*,4.*,5.*,6.*,7.*,9.*,10.*")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<List<String>> output =
                CompletableFuture.supplyAsync(() -> follow(suite.getInputStream(), log));
        if (!suite.waitFor(SUITE_MINUTES, TimeUnit.MINUTES)) {
            suite.destroyForcibly();
            throw new AssertionError("The fuzzing client did not finish in " + SUITE_MINUTES + " minutes; see " + log);
        }
        List<String> results = JdkClient.await(output); // the output ends with the process
        if (suite.exitValue() != 0 || results.isEmpty()) {
            throw new AssertionError("The fuzzing client failed (exit " + suite.exitValue() + "); see " + log);
        }
        return results;
    }

    /**
     * Copies the fuzzing client's output to {@code log} as it comes, prints every {@link #PROGRESS_EVERY}th case it
     * starts, and returns its {@code CASE} lines.
     */
    private static List<String> follow(InputStream output, Path log) {
        List<String> results = new ArrayList<>();
        int started = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.write(line);
                out.newLine();
                if (line.startsWith(CASE_STARTS) && ++started % PROGRESS_EVERY == 1) {
                    String id = line.substring(CASE_STARTS.length()).split(" ")[0];
                    System.out.println("Autobahn: case " + started + " of " + EXPECTED_CASES + " (" + id + ")");
                } else if (line.startsWith("CASE ")) {
                    results.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }

    private static Path workDir() {
        return Path.of(System.getProperty("autobahn.workdir"));
    }
}
