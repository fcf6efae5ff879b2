package io.github.wsline.it;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat page in one Chromium window: what the browser tests do on it and wait for, by its data-testid names. */
final class ChatPage {
    static final By STATUS = testId("status");
    static final By MESSAGE = testId("message");
    static final By MESSAGE_LIST = testId("message-list");
    static final By MESSAGE_INPUT = testId("message-input");
    static final By SEND_BUTTON = testId("send-button");
    static final By MEMBERS = testId("members");
    static final By NAME_INPUT = testId("name-input");
    static final By JOIN_BUTTON = testId("join-button");
    static final By EMPTY_HINT = testId("empty-hint");
    static final By HISTORY_MARKER = testId("history-marker");
    static final By CONNECTION_LINE = testId("connection-line");

    final WebDriver window;

    private ChatPage(WebDriver window) {
        this.window = window;
    }

    /** Opens the server's page in a new {@code width} by {@code height} window, without joining. */
    static ChatPage open(Chromium chromium, ServerFixture server, int width, int height) {
        ChatPage page = new ChatPage(chromium.open(width, height));
        page.window.get(server.server().url());
        return page;
    }

    /** Opens {@code /?name=NAME&room=ROOM} in a new window, which joins directly, and waits until connected. */
    static ChatPage join(Chromium chromium, ServerFixture server, String name, String room, int width, int height) {
        ChatPage page = new ChatPage(chromium.open(width, height));
        page.window.get(server.server().url() + "?name=" + name + "&room=" + room);
        page.awaitConnected();
        return page;
    }

    void say(String text) {
        window.findElement(MESSAGE_INPUT).sendKeys(text, Keys.ENTER);
    }

    /** Exactly "connected": the status reads "connecting" before that. */
    void awaitConnected() {
        await().until(ExpectedConditions.textToBe(STATUS, "connected"));
    }

    /** Waits for a message line from {@code from} that contains {@code text}; returns it. */
    WebElement awaitMessage(String from, String text) {
        return await().until(page -> page.findElements(MESSAGE).stream()
                .filter(line -> {
                    String shown = line.getText();
                    return shown.contains(from + ":") && shown.contains(text);
                })
                .findFirst()
                .orElse(null));
    }

    void awaitMembers(String shown) {
        await().until(ExpectedConditions.textToBe(MEMBERS, shown));
    }

    Object script(String javaScript, Object... arguments) {
        return ((JavascriptExecutor) window).executeScript(javaScript, arguments);
    }

    WebDriverWait await() {
        return Chromium.waitFor(window);
    }

    private static By testId(String name) {
        return By.cssSelector("[data-testid=" + name + "]");
    }
}
