package platform.page;

import java.util.List;
import java.util.Map;
import platform.error.DomainException;
import platform.error.ErrorCode;
import platform.error.FieldError;

/** A validated {@code ?limit=&cursor=} pair: limit 1–200 (default 50) and a decoded keyset position. */
public record PageRequest(int limit, Cursor after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Parses the raw query values; anything out of range or unreadable is a 400, never a silent default. */
    public static PageRequest of(String limit, String cursor) {
        int parsedLimit = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                parsedLimit = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                parsedLimit = -1;
            }
            if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
                throw new DomainException(
                        ErrorCode.INVALID_REQUEST,
                        "limit must be an integer from 1 to " + MAX_LIMIT,
                        List.of(FieldError.of("limit", "out_of_range", "limit must be from 1 to " + MAX_LIMIT)),
                        Map.of());
            }
        }
        Cursor after = cursor == null || cursor.isEmpty() ? null : Cursor.decode(cursor);
        return new PageRequest(parsedLimit, after);
    }
}
