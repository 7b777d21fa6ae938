package tenancy.internal.web;

import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/clients/{id}/credentials}; without scopes the credential gets every client scope. */
@Schema(name = "CreateCredentialRequest")
public record CreateCredentialRequest(
        @Size(min = 1, max = 200) String name,

        @Size(max = 16) @Schema(examples = "[\"orders:read\",\"orders:write\"]")
        List<String> scopes) {}
