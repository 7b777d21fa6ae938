package tenancy.internal.web;

import apidoc.Vocabulary;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/clients/{id}/credentials}; without scopes the credential gets every client scope. */
@Schema(name = "CreateCredentialRequest")
public record CreateCredentialRequest(
        @Size(min = 1, max = 200) String name,

        @Size(max = 16) @Schema(type = SchemaType.ARRAY, implementation = Vocabulary.Scope.class)
        List<String> scopes) {}
