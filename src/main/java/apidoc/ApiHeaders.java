package apidoc;

/**
 * Names of the shared headers and parameters in {@code components}; resources refer to them with
 * {@code @Header(name = ETAG, ref = ETAG)} so that every operation describes a header the same way.
 */
public final class ApiHeaders {

    /** Response: the resource's version as a strong entity tag, {@code "<version>"}. */
    public static final String ETAG = "ETag";

    /** Response: where a created resource (201) or an accepted batch (202) is read. */
    public static final String LOCATION = "Location";

    /** Response: {@code true} when the answer is the stored one of an earlier request with the same key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    /** Request: the client's key that makes a creating POST safe to retry. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Request: the ETag the client last saw; a mismatch answers 412. */
    public static final String IF_MATCH = "If-Match";

    public static final String RATE_LIMIT_LIMIT = "RateLimit-Limit";
    public static final String RATE_LIMIT_REMAINING = "RateLimit-Remaining";
    public static final String RATE_LIMIT_RESET = "RateLimit-Reset";
    public static final String RETRY_AFTER = "Retry-After";

    private ApiHeaders() {}
}
