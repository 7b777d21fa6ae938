package platform.page;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import platform.error.DomainException;

/** An opaque cursor over a gap-free ordinal (line numbers, chain positions): the last one seen. */
public final class SequenceCursor {

    private static final String PREFIX = "s1:";

    private SequenceCursor() {}

    public static String encode(long position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    /** 0 (from the start) for no cursor; a 400 for one this API did not issue. */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                throw new IllegalArgumentException();
            }
            long position = Long.parseLong(raw.substring(PREFIX.length()));
            if (position < 0) {
                throw new IllegalArgumentException();
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw new DomainException(
                    platform.error.ErrorCode.INVALID_REQUEST,
                    "The cursor is not one this API issued",
                    java.util.List.of(platform.error.FieldError.of(
                            "cursor", "invalid_cursor", "pass nextCursor from the previous page unchanged")),
                    java.util.Map.of());
        }
    }
}
