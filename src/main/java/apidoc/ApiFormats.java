package apidoc;

/** Patterns of the API's string formats, for {@code @Schema(pattern = …)} on request and response records. */
public final class ApiFormats {

    /** A money amount as the API writes it: always two fraction digits, never a binary float. */
    public static final String MONEY = "^-?(0|[1-9][0-9]*)\\.[0-9]{2}$";

    /** A money amount as the API accepts it: non-negative, up to two fraction digits. */
    public static final String MONEY_INPUT = "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,2})?$";

    /** A SKU. */
    public static final String SKU = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    /** An ISO 4217 currency code. */
    public static final String CURRENCY = "^[A-Z]{3}$";

    /** The media type of every error answer (RFC 9457); its schema is the component {@code Problem}. */
    public static final String PROBLEM = "application/problem+json";

    /** The media type of a JSON merge patch (RFC 7396), the body of every PATCH. */
    public static final String MERGE_PATCH = "application/merge-patch+json";

    private ApiFormats() {}
}
