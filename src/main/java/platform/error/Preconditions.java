package platform.error;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic concurrency with {@code ETag: "<version>"} and {@code If-Match}: a missing header is 428, a
 * version that no longer matches is 412.
 */
public final class Preconditions {

    private static final Pattern ETAG = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*$");

    private Preconditions() {}

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version the caller expects, from a required If-Match header; empty for {@code *} (any version).
     * A value that cannot name a version can never match, so it is a 412.
     */
    public static OptionalLong expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new DomainException(
                    ErrorCode.PRECONDITION_REQUIRED,
                    "This update needs an If-Match header with the ETag of the version you read");
        }
        if (ifMatch.trim().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher m = ETAG.matcher(ifMatch);
        if (!m.matches()) {
            throw new DomainException(ErrorCode.VERSION_CONFLICT, "If-Match does not name a version of this resource");
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }

    public static DomainException stale(long current) {
        return new DomainException(
                ErrorCode.VERSION_CONFLICT,
                "The resource has changed since you read it; its version is now " + current);
    }
}
