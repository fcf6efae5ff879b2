package io.github.wsline.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebSocketProtocolTest {
    /** RFC 6455 §7.4.1 and the IANA registry: the codes an endpoint may put in a Close frame, below 3000. */
    private static final Set<Integer> SENDABLE_DEFINED_CODES =
            Set.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014);

    @Test
    void closeCodesFrom0To70000FollowTheRfcRule() {
        List<Integer> wrong = new ArrayList<>();
        for (int code = -1; code <= 70_000; code++) {
            boolean expected = SENDABLE_DEFINED_CODES.contains(code) || (code >= 3000 && code <= 4999);
            if (WebSocketProtocol.isValidCloseCode(code) != expected) {
                wrong.add(code);
            }
        }
        assertEquals(List.of(), wrong);
    }
}
