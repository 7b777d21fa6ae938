package tenancy.internal.domain;

import apidoc.Vocabulary;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A credential of a client. {@code clientSecret} is present only in the answer that created it: the
 * server keeps only a keyed hash and cannot show it again.
 */
@Schema(
        name = "Credential",
        requiredProperties = {"id", "clientId", "scopes", "status", "createdAt"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialView(
        UUID id,

        @Schema(description = "the OAuth client_id to present at /oauth2/token")
        String clientId,

        @Schema(description = "shown once, at creation") String clientSecret,
        String name,

        @Schema(type = SchemaType.ARRAY, implementation = Vocabulary.Scope.class)
        List<String> scopes,

        @Schema(enumeration = {"active", "revoked"}) String status,
        Instant createdAt,
        Instant revokedAt) {}
