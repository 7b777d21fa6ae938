package integration.internal.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;

/**
 * A position in the outbox, ordered by (writing transaction, row): rows are read only once their
 * transaction is older than every running one, so no row can ever appear before a position already
 * handed out. Opaque to clients.
 */
public record FeedPosition(long txid, long seq) {

    public static final FeedPosition START = new FeedPosition(0, 0);

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("f1:" + txid + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    public static FeedPosition decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return START;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3 || !parts[0].equals("f1")) {
                throw new IllegalArgumentException();
            }
            FeedPosition p = new FeedPosition(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            if (p.txid < 0 || p.seq < 0) {
                throw new IllegalArgumentException();
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw new DomainException(
                    ErrorCode.INVALID_REQUEST,
                    "The cursor is not one this API issued",
                    List.of(FieldError.of(
                            "after", "invalid_cursor", "pass nextCursor from the previous page unchanged")),
                    Map.of());
        }
    }
}
