package io.github.wsline.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/*.md} compiles as a reader would copy it: each
 * block is one compilation unit (its imports included, a package optional), compiled by the JDK's compiler against
 * this test's class path, which holds what a user's project holds: wsline's codec, handshake and test kit, Netty and
 * JUnit. One test per block, named for its file and the Markdown line of its first line of code; a failure gives
 * the compiler's messages, each at the Markdown line it points at.
 */
class DocumentationExamplesTest {
    private static final String FENCE = "```";
    private static final String JAVA_INFO_STRING = "java";
    /** A top-level public type names the file it must be compiled from (JLS §7.6). */
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|interface|enum|record)\\s+(\\w+)",
            Pattern.MULTILINE);

    /** One {@code ```java} block: where it is, and its code. */
    record JavaBlock(String file, int firstLine, String code) {
        String name() {
            return file + ":" + firstLine;
        }

        /** The file name the compiler requires: the public type's, or any when the block has none. */
        String sourceFileName() {
            Matcher publicType = PUBLIC_TYPE.matcher(code);
            return (publicType.find() ? publicType.group(1) : "Example") + ".java";
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesAsCopied(@TempDir Path classes) throws IOException {
        Path root = repositoryRoot();
        List<JavaBlock> blocks = new ArrayList<>();
        for (Path markdown : documentation(root)) {
            blocks.addAll(javaBlocks(root.relativize(markdown).toString(), Files.readAllLines(markdown, UTF_8)));
        }
        assertFalse(blocks.isEmpty(), "No ```java block in README.md or docs/*.md under " + root + ".");
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.name(),
                () -> compile(block, classes.resolve(block.name().replaceAll("[^A-Za-z0-9.-]", "_")))));
    }

    /**
     * CI runs the README's test-kit example in a project that depends on the installed kit alone
     * ({@code testkit/src/it/consumer}), so the README must show that very file, less its package line.
     */
    @Test
    void readmeKitExampleIsTheTestTheConsumerProjectRuns() throws IOException {
        Path root = repositoryRoot();
        String consumerTest = Files.readString(
                root.resolve("testkit/src/it/consumer/src/test/java/example/UppercaseServerTest.java"), UTF_8)
                .replaceFirst("package example;\\R\\R", "");
        String readme = Files.readString(root.resolve("README.md"), UTF_8);
        assertTrue(readme.contains(FENCE + JAVA_INFO_STRING + "\n" + consumerTest + FENCE),
                "README's test-kit example differs from testkit/src/it/consumer/.../UppercaseServerTest.java.");
    }

    /** The folder holding README.md: the working directory (a module's, under Maven) or one above it. */
    private static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md"))) {
                return dir;
            }
        }
        throw new AssertionError("No README.md in " + start + " or any folder above it.");
    }

    /** README.md, then every Markdown file under docs/, in name order. */
    private static List<Path> documentation(Path root) throws IOException {
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> walk = Files.walk(docs)) {
                walk.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** The {@code ```java} blocks of one Markdown file; fences of other languages are skipped whole. */
    private static List<JavaBlock> javaBlocks(String file, List<String> lines) {
        List<JavaBlock> blocks = new ArrayList<>();
        int fenceLine = 0; // 1-based line of the open fence; 0 outside any fence
        boolean java = false;
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (fenceLine == 0 && line.startsWith(FENCE)) {
                fenceLine = i + 1;
                java = line.substring(FENCE.length()).trim().equals(JAVA_INFO_STRING);
                code.setLength(0);
            } else if (fenceLine != 0 && line.equals(FENCE)) {
                if (java) {
                    blocks.add(new JavaBlock(file, fenceLine + 1, code.toString()));
                }
                fenceLine = 0;
            } else if (fenceLine != 0 && java) {
                code.append(lines.get(i)).append('\n');
            }
        }
        if (fenceLine != 0) {
            throw new AssertionError(file + ":" + fenceLine + ": code block is never closed.");
        }
        return blocks;
    }

    private static void compile(JavaBlock block, Path output) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new AssertionError("No Java compiler in " + System.getProperty("java.home") + ": run the tests on a JDK.");
        }
        Files.createDirectories(output);
        List<String> options = List.of("--release", "17", "-proc:none",
                "-classpath", System.getProperty("java.class.path"), "-d", output.toString());
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled = javac.getTask(null, null, diagnostics, options, null, List.of(new BlockSource(block))).call();
        if (!compiled) {
            fail(block.name() + ": the example does not compile as copied:\n" + messages(block, diagnostics));
        }
    }

    /** The compiler's errors, each as {@code file:line: message} and the line of code, numbered as in the Markdown. */
    private static String messages(JavaBlock block, DiagnosticCollector<JavaFileObject> diagnostics) {
        List<String> code = block.code().lines().toList();
        return diagnostics.getDiagnostics().stream()
                .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                .map(diagnostic -> {
                    long line = diagnostic.getLineNumber();
                    String source = line >= 1 && line <= code.size() ? "\n    " + code.get((int) line - 1).trim() : "";
                    long markdownLine = line >= 1 ? block.firstLine() + line - 1 : block.firstLine();
                    return block.file() + ":" + markdownLine + ": " + diagnostic.getMessage(Locale.ROOT) + source;
                })
                .collect(Collectors.joining("\n"));
    }

    /** A block's code as the compiler reads a source file. */
    private static final class BlockSource extends SimpleJavaFileObject {
        private final String code;

        BlockSource(JavaBlock block) {
            super(URI.create("string:///" + block.sourceFileName()), Kind.SOURCE);
            this.code = block.code();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
