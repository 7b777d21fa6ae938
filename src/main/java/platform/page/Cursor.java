package platform.page;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;

/**
 * An opaque keyset position {@code (createdAt, id)}: the last row of the previous page. Pages built on it
 * stay stable while rows are inserted, unlike offsets.
 */
public record Cursor(Instant createdAt, UUID id) {

    public String encode() {
        long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
        String raw = "v1:" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            if (parts.length != 3 || !"v1".equals(parts[0])) {
                throw new IllegalArgumentException("unknown cursor version");
            }
            long micros = Long.parseLong(parts[1]);
            Instant at = Instant.ofEpochSecond(
                    Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new Cursor(at, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new DomainException(
                    ErrorCode.INVALID_REQUEST,
                    "The cursor is not one this API issued",
                    List.of(FieldError.of(
                            "cursor", "invalid_cursor", "pass nextCursor from the previous page unchanged")),
                    Map.of());
        }
    }
}
