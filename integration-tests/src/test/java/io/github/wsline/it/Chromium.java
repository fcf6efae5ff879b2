package io.github.wsline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium windows for the browser tests, each with its own profile, driven by Selenium. Uses the Debian
 * packages' browser and driver, so that Selenium Manager never downloads one. {@link #close()} quits them all.
 */
final class Chromium implements AutoCloseable {
    /** Where the tests leave screenshots for a person to look at. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profiles;
    private final List<WebDriver> windows = new ArrayList<>();

    Chromium(Path profiles) {
        this.profiles = profiles;
    }

    /** Skips the calling test when Chromium or its driver is missing; fails it instead under CI=true. */
    static void require() {
        boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
        RequiredTool.require(installed,
                "This test needs " + BINARY + " and " + DRIVER + ": apt-get install chromium chromium-driver");
    }

    /** A new window whose page is {@code width} by {@code height} CSS pixels, recording the console. */
    WebDriver open(int width, int height) {
        ChromeOptions options = new ChromeOptions()
                .setBinary(BINARY.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                        "--window-size=" + width + "," + height, "--user-data-dir=" + newProfile());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .withTimeout(JdkClient.TIMEOUT) // for the driver to start: Selenium's default, 20 s, is tight when busy
                .build();
        ChromeDriver window = new ChromeDriver(driver, options);
        windows.add(window);
        // The window alone cannot be narrower than 500 px, even headless: a phone's width needs the device emulation.
        window.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 500));
        return window;
    }

    static WebDriverWait waitFor(WebDriver window) {
        WebDriverWait wait = new WebDriverWait(window, JdkClient.TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Saves what {@code window} shows as {@code target/screenshots/NAME.png}, and prints where. */
    static void screenshot(WebDriver window, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) window).getScreenshotAs(OutputType.BYTES));
        System.out.println("Screenshot: " + file);
    }

    private Path newProfile() {
        try {
            return Files.createTempDirectory(profiles, "profile");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        windows.forEach(WebDriver::quit);
    }
}
