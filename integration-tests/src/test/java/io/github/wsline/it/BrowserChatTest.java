package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page in a real headless Chromium, driven by Selenium: what a user does and sees. Uses the Debian
 * packages' browser and driver, so that Selenium Manager never downloads one.
 */
class BrowserChatTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOT = Path.of("target", "browser-chat.png").toAbsolutePath();

    private static final By STATUS = By.cssSelector("[data-testid=status]");
    private static final By MESSAGE = By.cssSelector("[data-testid=message]");
    private static final By MESSAGE_LIST = By.cssSelector("[data-testid=message-list]");
    private static final By MESSAGE_INPUT = By.cssSelector("[data-testid=message-input]");
    private static final By SEND_BUTTON = By.cssSelector("[data-testid=send-button]");
    private static final By MEMBERS = By.cssSelector("[data-testid=members]");
    private static final By NAME_INPUT = By.cssSelector("[data-testid=name-input]");
    private static final By JOIN_BUTTON = By.cssSelector("[data-testid=join-button]");

    private final List<WebDriver> browsers = new ArrayList<>();
    private ServerFixture server;

    @BeforeAll
    static void requireChromium() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String message = "This test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + ": apt-get install chromium chromium-driver";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(installed, message); // CI must run it, not skip it
        } else {
            assumeTrue(installed, message);
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        server = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        browsers.forEach(WebDriver::quit); // first, or the pages would reconnect to the closing server
        server.close();
    }

    @Test
    void twoUsersChatInTheSameRoom(@TempDir Path profiles) throws IOException {
        WebDriver alice = openChat(profiles, "alice", "lobby");
        WebDriver bob = openChat(profiles, "bob", "lobby");

        alice.findElement(MESSAGE_INPUT).sendKeys("hello bob", Keys.ENTER);
        for (WebDriver browser : List.of(alice, bob)) {
            awaitMessage(browser, "alice", "hello bob");
        }
        bob.findElement(MESSAGE_INPUT).sendKeys("hi alice");
        bob.findElement(SEND_BUTTON).click();
        for (WebDriver browser : List.of(alice, bob)) {
            awaitMessage(browser, "bob", "hi alice");
            waitFor(browser).until(ExpectedConditions.textToBe(MEMBERS, "alice\nbob"));
        }

        Files.write(SCREENSHOT, ((TakesScreenshot) alice).getScreenshotAs(OutputType.BYTES));
        System.out.println("Screenshot of alice's page: " + SCREENSHOT);
    }

    @Test
    void htmlInAMessageIsShownAsText(@TempDir Path profiles) {
        WebDriver alice = openChat(profiles, "alice", "lobby");
        alice.findElement(MESSAGE_INPUT).sendKeys("<b>html</b>", Keys.ENTER);
        awaitMessage(alice, "alice", "<b>html</b>"); // the tags are visible text...
        assertEquals(0, alice.findElement(MESSAGE_LIST).findElements(By.tagName("b")).size()); // ...not markup
    }

    @Test
    void joinFormConnectsWithTheNameTyped(@TempDir Path profiles) {
        WebDriver carol = openBrowser(profiles);
        carol.get(server.server().url());
        waitFor(carol).until(ExpectedConditions.visibilityOfElementLocated(NAME_INPUT)).sendKeys("carol");
        carol.findElement(JOIN_BUTTON).click();
        awaitConnected(carol);
        waitFor(carol).until(ExpectedConditions.textToBe(MEMBERS, "carol"));
    }

    @Test
    void chromiumNegotiatesPermessageDeflate(@TempDir Path profiles) {
        WebDriver alice = openChat(profiles, "alice", "lobby");
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                alice.findElement(STATUS).getDomAttribute("data-extensions"));
        alice.findElement(MESSAGE_INPUT).sendKeys("compressed both ways ".repeat(20), Keys.ENTER);
        awaitMessage(alice, "alice", "compressed both ways");
    }

    private WebDriver openChat(Path profiles, String name, String room) {
        WebDriver browser = openBrowser(profiles);
        browser.get(server.server().url() + "?name=" + name + "&room=" + room);
        awaitConnected(browser);
        return browser;
    }

    private WebDriver openBrowser(Path profiles) {
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=1024,640",
                        "--user-data-dir=" + newProfile(profiles));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .withTimeout(JdkClient.TIMEOUT) // for the driver to start: Selenium's default, 20 s, is tight when busy
                .build();
        WebDriver browser = new ChromeDriver(driver, options);
        browsers.add(browser);
        return browser;
    }

    private static Path newProfile(Path profiles) {
        try {
            return Files.createTempDirectory(profiles, "profile");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Exactly "connected": the status reads "disconnected" before that. */
    private static void awaitConnected(WebDriver browser) {
        waitFor(browser).until(ExpectedConditions.textToBe(STATUS, "connected"));
    }

    private static void awaitMessage(WebDriver browser, String from, String text) {
        waitFor(browser).until(page -> page.findElements(MESSAGE).stream()
                .map(WebElement::getText)
                .anyMatch(line -> line.contains(from) && line.contains(text)));
    }

    private static WebDriverWait waitFor(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, JdkClient.TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
