package io.github.wsline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The chat page in a real headless Chromium ({@link Chromium}): two people chatting, and what the page must not do. */
class BrowserChatTest extends ChromiumChatTest {
    @Test
    void twoUsersChatInTheSameRoom() throws IOException {
        ChatPage alice = ChatPage.join(chromium, server, "alice", "lobby", 1024, 640);
        ChatPage bob = ChatPage.join(chromium, server, "bob", "lobby", 1024, 640);

        alice.say("hello bob");
        for (ChatPage page : List.of(alice, bob)) {
            page.awaitMessage("alice", "hello bob");
        }
        bob.window.findElement(ChatPage.MESSAGE_INPUT).sendKeys("hi alice");
        bob.window.findElement(ChatPage.SEND_BUTTON).click();
        for (ChatPage page : List.of(alice, bob)) {
            page.awaitMessage("bob", "hi alice");
        }
        alice.awaitMembers("alice (you)\nbob");
        bob.awaitMembers("alice\nbob (you)");

        Chromium.screenshot(alice.window, "chat-alice-and-bob-1024px");
    }

    @Test
    void htmlInAMessageIsShownAsText() {
        ChatPage alice = ChatPage.join(chromium, server, "alice", "lobby", 1024, 640);
        alice.say("<b>html</b>");
        alice.awaitMessage("alice", "<b>html</b>"); // the tags are visible text...
        WebElement messages = alice.window.findElement(ChatPage.MESSAGE_LIST);
        assertEquals(0, messages.findElements(By.tagName("b")).size()); // ...not markup
    }

    @Test
    void joinFormConnectsWithTheNameTyped() {
        ChatPage carol = ChatPage.open(chromium, server, 1024, 640);
        carol.await().until(ExpectedConditions.visibilityOfElementLocated(ChatPage.NAME_INPUT)).sendKeys("carol");
        carol.window.findElement(ChatPage.JOIN_BUTTON).click();
        carol.awaitConnected();
        carol.awaitMembers("carol (you)");
    }

    @Test
    void chromiumNegotiatesPermessageDeflate() {
        ChatPage alice = ChatPage.join(chromium, server, "alice", "lobby", 1024, 640);
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                alice.window.findElement(ChatPage.STATUS).getDomAttribute("data-extensions"));
        alice.say("compressed both ways ".repeat(20));
        alice.awaitMessage("alice", "compressed both ways");
    }
}
