package platform.error;

/** The stable machine codes of the contract (SPEC §8), each with the HTTP status it is answered with. */
public enum ErrorCode {
    INVALID_REQUEST(400, "Invalid request"),
    UNAUTHORIZED(401, "Unauthorized"),
    INVALID_TOKEN(401, "Invalid token"),
    INSUFFICIENT_SCOPE(403, "Insufficient scope"),
    CLIENT_SUSPENDED(403, "Client suspended"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    DUPLICATE_SKU(409, "Duplicate SKU"),
    DUPLICATE_EXTERNAL_REF(409, "Duplicate external reference"),
    INSUFFICIENT_STOCK(409, "Insufficient stock"),
    INVALID_TRANSITION(409, "Invalid status transition"),
    IDEMPOTENCY_KEY_IN_FLIGHT(409, "Idempotency key in flight"),
    STOCK_BELOW_RESERVED(409, "Stock below reserved"),
    CONFLICT(409, "Conflict"),
    VERSION_CONFLICT(412, "Version conflict"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    UNKNOWN_SKU(422, "Unknown SKU"),
    CREDIT_LIMIT_EXCEEDED(422, "Credit limit exceeded"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused"),
    AMOUNT_TOO_LARGE(422, "Amount too large"),
    SHIPMENT_EXCEEDS_ORDER(422, "Shipment exceeds order"),
    PRECONDITION_REQUIRED(428, "Precondition required"),
    RATE_LIMITED(429, "Rate limited"),
    INTERNAL_ERROR(500, "Internal error"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The snake_case code written into problem bodies. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
