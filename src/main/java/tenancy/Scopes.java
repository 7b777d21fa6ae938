package tenancy;

import java.util.List;
import java.util.Set;

/** The OAuth scopes of the API (SPEC §3.2); resources name them in {@code @RolesAllowed}. */
public final class Scopes {

    public static final String ORDERS_READ = "orders:read";
    public static final String ORDERS_WRITE = "orders:write";
    public static final String INVENTORY_READ = "inventory:read";
    public static final String WEBHOOKS_MANAGE = "webhooks:manage";
    public static final String CATALOG_WRITE = "catalog:write";
    public static final String INVENTORY_WRITE = "inventory:write";
    public static final String ORDERS_FULFIL = "orders:fulfil";
    public static final String CLIENTS_ADMIN = "clients:admin";
    public static final String AUDIT_READ = "audit:read";

    /** Scopes a client credential may hold. */
    public static final Set<String> CLIENT = Set.of(ORDERS_READ, ORDERS_WRITE, INVENTORY_READ, WEBHOOKS_MANAGE);

    /** Every scope; the operator holds them all. */
    public static final List<String> ALL = List.of(
            ORDERS_READ,
            ORDERS_WRITE,
            INVENTORY_READ,
            WEBHOOKS_MANAGE,
            CATALOG_WRITE,
            INVENTORY_WRITE,
            ORDERS_FULFIL,
            CLIENTS_ADMIN,
            AUDIT_READ);

    private Scopes() {}
}
