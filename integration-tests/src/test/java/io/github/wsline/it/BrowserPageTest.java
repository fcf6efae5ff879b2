package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.wsline.server.ChatServer;
import io.netty.util.concurrent.Ticker;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The chat page as people see it, in a real headless Chromium at a phone's width (390 px) and a desktop's (1280 px):
 * long words wrap, messages carry their time, one's own are marked, history and reconnects are told. Each test leaves
 * screenshots in {@code target/screenshots/}.
 */
class BrowserPageTest extends ChromiumChatTest {
    private static final String LONG_WORD = "a".repeat(300);
    private static final String LONG_URL = "https://example.com/" + "path/".repeat(40) + "?q=" + "x".repeat(80);

    @Test
    void aLongWordAndURLWrapWithoutWideningThePageOnPhoneAndDesktop() throws IOException {
        ChatPage desktop = ChatPage.join(chromium, server, "alice", "lobby", 1280, 800);
        desktop.say(LONG_WORD);
        desktop.say(LONG_URL);
        desktop.awaitMessage("alice", LONG_URL);
        ChatPage phone = ChatPage.join(chromium, server, "bob", "lobby", 390, 844); // gets both as history

        phone.awaitMessage("alice", LONG_URL);
        desktop.awaitMembers("alice (you)\nbob");
        assertNoHorizontalScroll(desktop, 1280);
        assertNoHorizontalScroll(phone, 390);
        Chromium.screenshot(desktop.window, "long-word-1280px");
        Chromium.screenshot(phone.window, "long-word-as-history-390px");
    }

    @Test
    void messagesShowTheirTimeAndOwnMessagesAreMarked() throws IOException {
        ChatPage alice = ChatPage.join(chromium, server, "alice", "lobby", 1280, 800);
        ChatPage bob = ChatPage.join(chromium, server, "bob", "lobby", 390, 844);
        alice.say("hello from alice");
        bob.say("hello from bob");

        WebElement own = alice.awaitMessage("alice", "hello from alice");
        WebElement other = alice.awaitMessage("bob", "hello from bob");
        assertEquals("true", own.getDomAttribute("data-own"));
        assertNull(other.getDomAttribute("data-own"));
        assertTrue(own.getAttribute("class").contains("own"), own.getAttribute("class"));
        for (WebElement line : List.of(own, other)) {
            WebElement time = line.findElement(By.tagName("time"));
            assertTrue(time.getText().matches(".*\\d{1,2}\\D\\d{2}.*"), time.getText()); // the local time, e.g. 14:05
            assertNotNull(time.getDomAttribute("datetime"));
            String fullDate = time.getDomAttribute("title");
            assertTrue(fullDate.matches(".*\\d{4}.*"), fullDate); // with the year
        }
        alice.awaitMembers("alice (you)\nbob");
        bob.awaitMembers("alice\nbob (you)");
        Chromium.screenshot(alice.window, "own-message-and-timestamps-1280px");
        Chromium.screenshot(bob.window, "own-message-and-timestamps-390px");
    }

    @Test
    void historyIsMarkedAsEarlierMessages() throws IOException {
        ChatPage alice = ChatPage.join(chromium, server, "alice", "lobby", 1280, 800);
        alice.say("said before bob came");
        alice.awaitMessage("alice", "said before bob came");
        ChatPage bob = ChatPage.join(chromium, server, "bob", "lobby", 390, 844);
        bob.awaitMessage("alice", "said before bob came");
        alice.say("said after bob came");

        WebElement live = bob.awaitMessage("alice", "said after bob came");
        assertEquals("earlier messages", bob.window.findElement(ChatPage.HISTORY_MARKER).getText().toLowerCase());
        assertTrue(bob.awaitMessage("alice", "said before bob came").getAttribute("class").contains("history"));
        assertTrue(!live.getAttribute("class").contains("history"), live.getAttribute("class"));
        assertTrue(alice.window.findElements(ChatPage.HISTORY_MARKER).isEmpty()); // alice saw it live
        List<String> lines = bob.window.findElements(By.cssSelector("#message-list li")).stream()
                .map(BrowserPageTest::withoutTime)
                .toList();
        assertEquals(List.of("EARLIER MESSAGES", "alice: said before bob came", "NOW", "alice: said after bob came"),
                lines);
        Chromium.screenshot(bob.window, "history-marked-390px");
    }

    @Test
    void theHeaderBeforeJoiningAndAnEmptyRoomTellWhatToDo() throws IOException {
        ChatPage carol = ChatPage.open(chromium, server, 390, 844);
        carol.await().until(ExpectedConditions.visibilityOfElementLocated(ChatPage.NAME_INPUT));
        assertEquals("choose a name to join", carol.window.findElement(ChatPage.STATUS).getText());
        Chromium.screenshot(carol.window, "join-form-390px");

        carol.window.findElement(ChatPage.NAME_INPUT).sendKeys("carol");
        carol.window.findElement(ChatPage.JOIN_BUTTON).click();
        carol.awaitConnected();
        WebElement hint = carol.await().until(ExpectedConditions.visibilityOfElementLocated(ChatPage.EMPTY_HINT));
        assertTrue(hint.getText().contains("only one"), hint.getText());
        Chromium.screenshot(carol.window, "empty-room-390px");

        carol.say("first words");
        carol.awaitMessage("carol", "first words");
        carol.await().until(ExpectedConditions.invisibilityOfElementLocated(ChatPage.EMPTY_HINT));
    }

    @Test
    void aServerRestartShowsDisconnectedReconnectingAndReconnectedLines() throws Exception {
        ChatPage alice = ChatPage.join(chromium, server, "alice", "lobby", 390, 844);
        alice.say("before the restart");
        alice.awaitMessage("alice", "before the restart");
        int port = server.port();
        server.close(); // every WebSocket gets Close 1001, and the page starts reconnecting
        alice.await().until(page -> connectionLines(alice).size() >= 2);
        Chromium.screenshot(alice.window, "disconnected-reconnecting-390px");

        try (ChatServer restarted = ChatServer.start("--host", "127.0.0.1", "--port", String.valueOf(port))) {
            alice.awaitConnected();
            awaitReconnected(alice);
            List<String> lines = connectionLines(alice);
            assertTrue(lines.get(0).endsWith("Disconnected: Server shutting down. (1001)"), lines.toString());
            assertTrue(lines.get(1).matches(".*Reconnecting in \\d+ s…"), lines.toString());
            alice.say("after the restart");
            alice.awaitMessage("alice", "after the restart");
            Chromium.screenshot(alice.window, "reconnected-after-server-restart-390px");
        }
    }

    @Test
    void afterTheServerClosesTheConnectionTheHistoryReplayAddsNothingAlreadyShown() throws Exception {
        server.close(); // for one whose rate limit never refills: its third message gets it disconnected
        server = ServerFixture.start(Ticker.newMockTicker(), "--max-messages-per-second", "1", "--message-burst", "1");
        JdkClient bob = server.join("bob", "lobby"); // keeps the room, and its history, while alice is away
        ChatPage alice = ChatPage.join(chromium, server, "alice", "lobby", 1280, 800);
        alice.say("within the limit");
        alice.awaitMessage("alice", "within the limit");
        alice.say("over the limit");
        alice.say("far over the limit");

        awaitReconnected(alice);
        assertTrue(connectionLines(alice).get(0).endsWith("Disconnected: Message rate limit exceeded. (1008)"),
                connectionLines(alice).toString());
        bob.say("welcome back");
        alice.awaitMessage("bob", "welcome back");
        assertEquals(2, alice.window.findElements(ChatPage.MESSAGE).size()); // "within the limit" not twice
        assertTrue(alice.window.findElements(ChatPage.HISTORY_MARKER).isEmpty()); // nothing new was replayed
        Chromium.screenshot(alice.window, "rate-limit-close-and-reconnect-1280px");
    }

    @Test
    void everyInputHasALabelFocusFollowsTheWorkAndNewMessagesAreAnnounced() {
        ChatPage carol = ChatPage.open(chromium, server, 390, 844);
        carol.await().until(ExpectedConditions.visibilityOfElementLocated(ChatPage.NAME_INPUT));
        assertEquals("name-input", carol.script("return document.activeElement.dataset.testid"));
        carol.window.findElement(ChatPage.NAME_INPUT).sendKeys("carol", Keys.TAB, Keys.TAB, Keys.ENTER); // room, Join
        carol.awaitConnected();

        assertEquals("message-input", carol.script("return document.activeElement.dataset.testid"));
        assertEquals(true, carol.script("return [...document.querySelectorAll('input')].every(i => i.labels.length)"));
        assertEquals("polite", carol.window.findElement(ChatPage.MESSAGE_LIST).getDomAttribute("aria-live"));
        assertEquals("status", carol.window.findElement(ChatPage.STATUS).getDomAttribute("role"));
        carol.window.findElement(ChatPage.MESSAGE_INPUT).sendKeys("typed", Keys.TAB);
        assertEquals("send-button", carol.script("return document.activeElement.dataset.testid"));
    }

    @Test
    void theInlineFaviconLoadsUnderTheCspWithoutConsoleErrors() {
        ChatPage alice = ChatPage.join(chromium, server, "alice", "lobby", 1280, 800);
        alice.say("hello");
        alice.awaitMessage("alice", "hello");
        List<LogEntry> errors = alice.window.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
        assertEquals(List.of(), errors); // e.g. the favicon refused by a CSP without img-src data:
        assertTrue(alice.window.findElement(By.cssSelector("link[rel=icon]")).getDomAttribute("href")
                .startsWith("data:image/svg+xml,"));
    }

    private static String withoutTime(WebElement line) {
        List<WebElement> time = line.findElements(By.tagName("time"));
        return time.isEmpty() ? line.getText() : line.getText().substring(time.get(0).getText().length()).trim();
    }

    private static void awaitReconnected(ChatPage page) {
        page.await().until(window -> connectionLines(page).stream().anyMatch(line -> line.endsWith("Reconnected.")));
    }

    private static List<String> connectionLines(ChatPage page) {
        return page.window.findElements(ChatPage.CONNECTION_LINE).stream().map(WebElement::getText).toList();
    }

    /** The test of the issue: the document is no wider than the window, and what matters is inside it. */
    private static void assertNoHorizontalScroll(ChatPage page, int width) {
        Number scrollWidth = (Number) page.script("return document.documentElement.scrollWidth");
        Number innerWidth = (Number) page.script("return innerWidth");
        assertEquals(width, innerWidth.intValue());
        assertTrue(scrollWidth.intValue() <= innerWidth.intValue(), scrollWidth + " > " + innerWidth);
        for (By inside : List.of(ChatPage.SEND_BUTTON, ChatPage.MEMBERS)) {
            WebElement element = page.window.findElement(inside);
            Number right = (Number) page.script("return arguments[0].getBoundingClientRect().right", element);
            assertTrue(right.doubleValue() <= innerWidth.doubleValue(), inside + " ends at " + right);
        }
    }
}
