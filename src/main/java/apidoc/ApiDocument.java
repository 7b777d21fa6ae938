package apidoc;

/**
 * Names of the document's security schemes, declared with the document's header in {@code package-info};
 * the token URL becomes absolute in {@code apidoc.internal.ContractFilter}.
 */
public final class ApiDocument {

    /** The security scheme of every {@code /v1} operation. */
    public static final String OAUTH2 = "oauth2";

    /** Client authentication at the token endpoint. */
    public static final String CLIENT_BASIC = "clientBasic";

    public static final String TOKEN_PATH = "/oauth2/token";

    private ApiDocument() {}
}
