package io.github.wsline.it.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's "done when": each ported application differs from its original (kept verbatim under
 * {@code src/test/resources/netty-originals/}) only in its {@code package} line, its imports, and lines whose only
 * change is the search-and-replace of the migration table ({@code WebSocketServerProtocolHandler} to
 * {@code WslineServerProtocolHandler} and the five others). Prints the number of changed lines per file and per
 * application.
 */
class PortedFixturesDiffTest {
    private static final Path ORIGINALS = Path.of("src/test/resources/netty-originals");
    /** Where each original's folder was ported to, relative to the module. */
    private static final Map<String, String> PORTED_TO = Map.of(
            "netty/example/src/main/java/io/netty/example/http/websocketx/",
            "src/test/java/io/github/wsline/it/netty/example/",
            "netty/example/src/main/java/io/netty/example/util/",
            "src/test/java/io/github/wsline/it/netty/example/util/",
            "netty-in-action/chapter12/src/main/java/nia/chapter12/",
            "src/test/java/io/github/wsline/it/netty/nia/",
            "netty-in-action/chapter12/src/main/resources/",
            "src/test/resources/");
    private static final Pattern WSLINE_NAME = Pattern.compile(
            "\\bWsline(ServerProtocolHandler|ClientProtocolHandler|ServerCompressionHandler|ClientCompressionHandler"
                    + "|ServerHandshakerFactory|ClientHandshakerFactory)\\b");

    private static final Pattern PACKAGE = Pattern.compile("package ");
    private static final Pattern IMPORT = Pattern.compile("import ");
    private static final Pattern CODE = Pattern.compile("(?!package |import )");

    /** An expression that makes one of Netty's own handlers, which the port replaces. */
    private static final Pattern NETTY_CONSTRUCTION = Pattern.compile(
            "new (\\w+\\.)*WebSocket(ServerProtocolHandler|ClientProtocolHandler|ServerCompressionHandler"
                    + "|ClientCompressionHandler|ServerHandshakerFactory)\\(|WebSocket(Server|Client)HandshakerFactory\\."
                    + "|WebSocketClientCompressionHandler\\.INSTANCE");

    /** Netty's events keep Netty's names: an application's event check must not be touched by the port. */
    private static final Pattern EVENT_NAME = Pattern.compile("HandshakeComplete|HandshakeStateEvent");

    @Test
    void everyChangedLineIsThePackageAnImportOrOneOfTheSixRenames() throws IOException {
        Map<String, int[]> perApplication = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (Path original : originals()) {
            String relative = ORIGINALS.relativize(original).toString();
            Path fixture = portedCopyOf(relative);
            assertTrue(Files.exists(fixture), () -> "No ported copy of " + relative + " at " + fixture);
            LineDiff diff = LineDiff.of(Files.readAllLines(original), Files.readAllLines(fixture));
            for (String added : diff.added()) {
                if (!isPackageOrImport(added) && !isRenameOfOneOf(added, diff.removed())) {
                    violations.add(fixture + ": + " + added);
                }
            }
            for (String removed : diff.removed()) {
                if (!isPackageOrImport(removed)
                        && diff.added().stream().noneMatch(added -> isRenameOfOneOf(added, List.of(removed)))) {
                    violations.add(fixture + ": - " + removed);
                }
            }
            int[] counts = {count(diff.added(), CODE), count(diff.added(), IMPORT), count(diff.removed(), IMPORT),
                count(diff.added(), PACKAGE)};
            print(fixture.toString(), counts);
            int[] total = perApplication.computeIfAbsent(application(relative), name -> new int[counts.length]);
            for (int i = 0; i < counts.length; i++) {
                total[i] += counts[i];
            }
        }
        perApplication.forEach(PortedFixturesDiffTest::print);
        assertEquals(List.of(), violations, "lines changed beyond the package, imports and the six renames");
    }

    @Test
    void noFixtureConstructsNettysOwnHandlersAnyMore() throws IOException {
        List<String> constructions = new ArrayList<>();
        for (String folder : PORTED_TO.values()) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).collect(Collectors.toList())) {
                    Files.readAllLines(file).stream()
                            .filter(line -> NETTY_CONSTRUCTION.matcher(line).find())
                            .forEach(line -> constructions.add(file + ": " + line.trim()));
                }
            }
        }
        assertEquals(List.of(), constructions);
    }

    /** Counts: code lines changed (each a rename), imports added, imports removed, package lines changed. */
    private static void print(String name, int[] counts) {
        System.out.printf("%s: %d code lines changed, imports +%d -%d, %d package lines changed%n",
                name, counts[0], counts[1], counts[2], counts[3]);
    }

    private static int count(List<String> lines, Pattern kind) {
        return (int) lines.stream().filter(line -> kind.matcher(line).lookingAt()).count();
    }

    private static List<Path> originals() throws IOException {
        try (Stream<Path> files = Files.walk(ORIGINALS)) {
            return files.filter(path -> path.toString().endsWith(".txt")).sorted().collect(Collectors.toList());
        }
    }

    private static Path portedCopyOf(String relativeOriginal) {
        String withoutTxt = relativeOriginal.substring(0, relativeOriginal.length() - ".txt".length());
        return PORTED_TO.entrySet().stream()
                .filter(folder -> withoutTxt.startsWith(folder.getKey()))
                .map(folder -> Path.of(folder.getValue() + withoutTxt.substring(folder.getKey().length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No porting folder for " + relativeOriginal));
    }

    /** The example a file belongs to: its original's folder. */
    private static String application(String relativeOriginal) {
        return relativeOriginal.substring(0, relativeOriginal.lastIndexOf('/'));
    }

    private static boolean isPackageOrImport(String line) {
        return PACKAGE.matcher(line).lookingAt() || IMPORT.matcher(line).lookingAt();
    }

    /** Whether {@code line} is one of {@code candidates} with only Netty's handler names replaced by wsline's. */
    private static boolean isRenameOfOneOf(String line, List<String> candidates) {
        String unrenamed = WSLINE_NAME.matcher(line).replaceAll("WebSocket$1");
        return !unrenamed.equals(line) && !EVENT_NAME.matcher(line).find() && candidates.contains(unrenamed);
    }

    /** The lines only one side has, after matching the longest common subsequence of lines. */
    private record LineDiff(List<String> removed, List<String> added) {
        static LineDiff of(List<String> before, List<String> after) {
            int[][] common = new int[before.size() + 1][after.size() + 1];
            for (int i = before.size() - 1; i >= 0; i--) {
                for (int j = after.size() - 1; j >= 0; j--) {
                    common[i][j] = before.get(i).equals(after.get(j))
                            ? common[i + 1][j + 1] + 1
                            : Math.max(common[i + 1][j], common[i][j + 1]);
                }
            }
            List<String> removed = new ArrayList<>();
            List<String> added = new ArrayList<>();
            int i = 0;
            int j = 0;
            while (i < before.size() || j < after.size()) {
                if (i < before.size() && j < after.size() && before.get(i).equals(after.get(j))) {
                    i++;
                    j++;
                } else if (j == after.size() || i < before.size() && common[i + 1][j] >= common[i][j + 1]) {
                    removed.add(before.get(i++));
                } else {
                    added.add(after.get(j++));
                }
            }
            return new LineDiff(removed, added);
        }
    }
}
