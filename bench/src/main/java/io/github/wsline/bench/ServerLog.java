package io.github.wsline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a server process wrote to its standard error during a soak: its warnings and errors, counted by message. */
final class ServerLog {
    private ServerLog() {
    }

    /** Prints the log's warnings and errors, one line per distinct message; false if there was an error. */
    static boolean summarize(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        Map<String, Long> warnings = count(lines, " WARN ");
        Map<String, Long> errors = count(lines, " ERROR ");
        long uncaught = lines.stream().filter(line -> line.startsWith("Exception in thread")
                || line.contains("OutOfMemoryError")).count();
        System.out.printf("server log: %d lines, %d warnings, %d errors, %d uncaught exceptions%n", lines.size(),
                warnings.values().stream().mapToLong(Long::longValue).sum(),
                errors.values().stream().mapToLong(Long::longValue).sum(), uncaught);
        warnings.forEach((message, times) -> System.out.printf("  %,d x %s%n", times, message));
        errors.forEach((message, times) -> System.out.printf("  %,d x %s%n", times, message));
        return errors.isEmpty() && uncaught == 0;
    }

    /** Lines at {@code level}, by message (without the thread's name), each with the line that follows it. */
    private static Map<String, Long> count(List<String> lines, String level) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf(level);
            if (at >= 0) {
                String next = i + 1 < lines.size() ? " / " + lines.get(i + 1).trim() : "";
                counts.merge(line.substring(at + 1) + next, 1L, Long::sum);
            }
        }
        return counts;
    }
}
