package tenancy.internal.web;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlow;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlows;
import org.eclipse.microprofile.openapi.annotations.security.OAuthScope;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header and the OAuth 2.0 client-credentials security scheme with every scope. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Quartermaster API",
                        version = "1",
                        description = "B2B bulk orders against live inventory. Errors are RFC 9457 problem documents.",
                        license = @License(name = "Apache-2.0")))
@SecurityScheme(
        securitySchemeName = "oauth2",
        type = SecuritySchemeType.OAUTH2,
        flows =
                @OAuthFlows(
                        clientCredentials =
                                @OAuthFlow(
                                        tokenUrl = "/oauth2/token",
                                        scopes = {
                                            @OAuthScope(
                                                    name = "orders:read",
                                                    description = "read own orders, items, batches"),
                                            @OAuthScope(
                                                    name = "orders:write",
                                                    description = "create, cancel own orders; submit batches"),
                                            @OAuthScope(
                                                    name = "inventory:read",
                                                    description = "read products and stock, subscribe to stock pushes"),
                                            @OAuthScope(
                                                    name = "webhooks:manage",
                                                    description = "manage own webhook subscriptions"),
                                            @OAuthScope(
                                                    name = "catalog:write",
                                                    description = "create/update products and contract prices"),
                                            @OAuthScope(name = "inventory:write", description = "set/adjust stock"),
                                            @OAuthScope(
                                                    name = "orders:fulfil",
                                                    description = "move orders through processing, shipped, delivered"),
                                            @OAuthScope(
                                                    name = "clients:admin",
                                                    description = "manage clients and credentials"),
                                            @OAuthScope(
                                                    name = "audit:read",
                                                    description = "read and verify the audit log")
                                        })))
public class ApiDefinition extends Application {}
