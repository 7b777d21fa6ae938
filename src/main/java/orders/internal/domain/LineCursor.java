package orders.internal.domain;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import platform.error.DomainException;

/** The opaque cursor of an order's items: the last line number seen. */
public final class LineCursor {

    private LineCursor() {
    }

    public static String encode(int lineNo) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("l1:" + lineNo).getBytes(StandardCharsets.UTF_8));
    }

    /** 0 (from the start) for no cursor; a 400 for one this API did not issue. */
    public static int decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("l1:")) {
                throw new IllegalArgumentException();
            }
            int lineNo = Integer.parseInt(raw.substring(3));
            if (lineNo < 0) {
                throw new IllegalArgumentException();
            }
            return lineNo;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("cursor", "pass nextCursor from the previous page unchanged");
        }
    }
}
