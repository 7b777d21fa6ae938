package apidoc;

/** The tags of the document, one per API area; every operation carries exactly one of them. */
public final class ApiTags {

    public static final String OAUTH = "OAuth";
    public static final String CLIENTS = "Clients";
    public static final String PRODUCTS = "Products";
    public static final String INVENTORY = "Inventory";
    public static final String ORDERS = "Orders";
    public static final String EVENTS = "Events";
    public static final String WEBHOOKS = "Webhooks";
    public static final String AUDIT = "Audit";

    private ApiTags() {}
}
