package io.github.wsline.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The chat's JSON events, one Text frame each. Server to client: {@code welcome}, {@code join}, {@code leave},
 * {@code message}, {@code error}; client to server: {@code message}.
 */
final class ChatEvents {
    /** The longest chat message accepted, in characters. */
    static final int MAX_TEXT_LENGTH = 2000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatEvents() {
    }

    /** {@code history}: how many {@code message} events replayed from the room's history follow it. */
    static String welcome(String name, String room, Collection<String> members, int history) {
        ObjectNode event = event("welcome").put("name", name).put("room", room).put("history", history);
        ArrayNode list = event.putArray("members");
        members.forEach(list::add);
        return write(event);
    }

    static String join(String name, String room) {
        return write(event("join").put("name", name).put("room", room));
    }

    static String leave(String name, String room) {
        return write(event("leave").put("name", name).put("room", room));
    }

    static String message(String from, String room, String text, long epochMillis) {
        return write(event("message").put("from", from).put("room", room).put("text", text).put("ts", epochMillis));
    }

    static String error(String message) {
        return write(event("error").put("message", message));
    }

    /**
     * The text of a client's {@code {"type":"message","text":...}}.
     *
     * @throws IllegalArgumentException with a message fit to send back, when the event is anything else
     */
    static String parseMessageText(String json) {
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON.");
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("Expected a JSON object.");
        }
        if (!"message".equals(event.path("type").asText(null))) {
            throw new IllegalArgumentException("Unknown event type.");
        }
        JsonNode text = event.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new IllegalArgumentException("A message needs a non-empty \"text\".");
        }
        if (text.asText().length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("Text too long: at most " + MAX_TEXT_LENGTH + " characters.");
        }
        return text.asText();
    }

    private static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static String write(ObjectNode event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always serializes
        }
    }
}
