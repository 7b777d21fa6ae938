/**
 * The shared parts of the OpenAPI contract: the document's header, tags and security schemes, the
 * reusable headers, parameters and problem responses, and the filter that gives every operation the
 * errors and rate-limit headers it can answer. Per-operation facts stay on the resources and their
 * request/response records. Its root holds the constants the
 * modules' annotations use; apidoc.internal the machinery. Depends on nothing, not even the kernel. See docs/sdk.md for the rules an endpoint must follow.
 *
 * <p>The annotations below are the document's header: title, licence, one tag per API area (each becomes
 * one class of a generated SDK) and the two security schemes, OAuth 2.0 client credentials for the API and
 * HTTP Basic for client authentication at the token endpoint.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Quartermaster API",
                        version = "1",
                        description = "B2B bulk orders against live inventory. Errors are RFC 9457 problem documents"
                                + " (application/problem+json). Lists use cursor pagination (limit, cursor, nextCursor)."
                                + " Every authenticated answer carries RateLimit-Limit, RateLimit-Remaining and"
                                + " RateLimit-Reset.",
                        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        tags = {
            @Tag(
                    name = apidoc.ApiTags.OAUTH,
                    description = "Access tokens (OAuth 2.0 client credentials) and key discovery"),
            @Tag(
                    name = apidoc.ApiTags.CLIENTS,
                    description = "Business clients, their credentials and contract prices"),
            @Tag(name = apidoc.ApiTags.PRODUCTS, description = "The product catalog"),
            @Tag(name = apidoc.ApiTags.INVENTORY, description = "Stock levels, adjustments and the stock stream"),
            @Tag(name = apidoc.ApiTags.ORDERS, description = "Bulk orders, their lines, lifecycle and batches"),
            @Tag(name = apidoc.ApiTags.EVENTS, description = "The event feed (CloudEvents)"),
            @Tag(name = apidoc.ApiTags.WEBHOOKS, description = "Webhook subscriptions and their delivery log"),
            @Tag(name = apidoc.ApiTags.AUDIT, description = "The tamper-evident audit log")
        },
        components =
                @Components(
                        securitySchemes = {
                            @SecurityScheme(
                                    securitySchemeName = apidoc.ApiDocument.OAUTH2,
                                    type = SecuritySchemeType.OAUTH2,
                                    description = "Bearer JWT from POST /oauth2/token (client credentials grant)",
                                    flows =
                                            @OAuthFlows(
                                                    clientCredentials =
                                                            @OAuthFlow(
                                                                    tokenUrl = apidoc.ApiDocument.TOKEN_PATH,
                                                                    scopes = {
                                                                        @OAuthScope(
                                                                                name = "orders:read",
                                                                                description =
                                                                                        "read own orders, items, batches"),
                                                                        @OAuthScope(
                                                                                name = "orders:write",
                                                                                description =
                                                                                        "create, cancel own orders; submit batches"),
                                                                        @OAuthScope(
                                                                                name = "inventory:read",
                                                                                description =
                                                                                        "read products and stock, subscribe to stock pushes"),
                                                                        @OAuthScope(
                                                                                name = "webhooks:manage",
                                                                                description =
                                                                                        "manage own webhook subscriptions"),
                                                                        @OAuthScope(
                                                                                name = "catalog:write",
                                                                                description =
                                                                                        "create/update products and contract prices"),
                                                                        @OAuthScope(
                                                                                name = "inventory:write",
                                                                                description = "set/adjust stock"),
                                                                        @OAuthScope(
                                                                                name = "orders:fulfil",
                                                                                description =
                                                                                        "move orders through processing, shipped, delivered"),
                                                                        @OAuthScope(
                                                                                name = "clients:admin",
                                                                                description =
                                                                                        "manage clients and credentials"),
                                                                        @OAuthScope(
                                                                                name = "audit:read",
                                                                                description =
                                                                                        "read and verify the audit log")
                                                                    }))),
                            @SecurityScheme(
                                    securitySchemeName = apidoc.ApiDocument.CLIENT_BASIC,
                                    type = SecuritySchemeType.HTTP,
                                    scheme = "basic",
                                    description =
                                            "client_id and client_secret as HTTP Basic credentials (RFC 6749 §2.3.1), token endpoint only")
                        }))
package apidoc;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlow;
import org.eclipse.microprofile.openapi.annotations.security.OAuthFlows;
import org.eclipse.microprofile.openapi.annotations.security.OAuthScope;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
