package inventory.internal.web;

import apidoc.ApiFormats;
import apidoc.ApiHeaders;
import apidoc.ApiTags;
import com.fasterxml.jackson.databind.JsonNode;
import inventory.internal.domain.BatchResult;
import inventory.internal.domain.ProductService;
import inventory.internal.domain.ProductView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import platform.error.DomainException;
import platform.error.Preconditions;
import platform.page.Page;
import platform.page.PageRequest;
import platform.web.Problem;
import tenancy.Scopes;

/** The product catalog: operators write it, clients read it. Products are retired, never deleted. */
@Path("/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.PRODUCTS)
public class ProductResource {

    private static final java.util.regex.Pattern SKU_PREFIX = java.util.regex.Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

    private final ProductService products;

    ProductResource(ProductService products) {
        this.products = products;
    }

    /** One page of products. */
    @Schema(name = "ProductPage")
    public record ProductPage(
            @Schema(required = true) List<ProductView> items,

            @Schema(
                    required = true,
                    nullable = true,
                    description = "pass as cursor for the next page; null on the last")
            String nextCursor) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.CATALOG_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CATALOG_WRITE)
    @Operation(
            operationId = "createProduct",
            summary = "Create a product",
            description = "Creates the product and its stock level (0 on hand).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ProductInput.class)))
    @APIResponse(
            responseCode = "201",
            description = "the product",
            headers = {
                @Header(name = ApiHeaders.LOCATION, ref = ApiHeaders.LOCATION),
                @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG)
            },
            content = @Content(schema = @Schema(implementation = ProductView.class)))
    @APIResponse(
            responseCode = "409",
            description = "duplicate_sku",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@Valid @NotNull ProductInput request) {
        if (request.active() != null) {
            throw DomainException.invalid("/active", "a new product is active; retire it with PATCH");
        }
        ProductView product = products.create(request.toNewProduct());
        return Response.created(URI.create("/v1/products/" + product.sku()))
                .header(HttpHeaders.ETAG, Preconditions.etag(product.version()))
                .entity(product)
                .build();
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Scopes.CATALOG_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CATALOG_WRITE)
    @Operation(
            operationId = "upsertProducts",
            summary = "Upsert up to 10,000 products by SKU",
            description =
                    "Atomic: every product is valid and written, or none is and every problem is reported. "
                            + "Each product is a full representation; an absent description clears it, an absent active means true.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ProductBatchRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "how many were created and updated, and every product as stored",
            content = @Content(schema = @Schema(implementation = BatchResult.class)))
    public BatchResult batch(@Valid @NotNull ProductBatchRequest request) {
        return products.upsert(request.toNewProducts());
    }

    @GET
    @RolesAllowed({Scopes.INVENTORY_READ, Scopes.CATALOG_WRITE})
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CATALOG_WRITE)
    @Operation(
            operationId = "listProducts",
            summary = "List products",
            description = "Keyset pagination on (createdAt, id); filters skuPrefix and active.")
    @APIResponse(
            responseCode = "200",
            description = "one page of products",
            content = @Content(schema = @Schema(implementation = ProductPage.class)))
    public Page<ProductView> list(
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("skuPrefix")
                    @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = "^[A-Za-z0-9._-]{1,64}$"))
                    String skuPrefix,
            @QueryParam("active") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String active) {
        if (skuPrefix != null && !SKU_PREFIX.matcher(skuPrefix).matches()) {
            throw DomainException.invalid("skuPrefix", "skuPrefix may hold only the characters of a SKU");
        }
        Boolean activeFilter = null;
        if (active != null) {
            if (!active.equals("true") && !active.equals("false")) {
                throw DomainException.invalid("active", "active must be true or false");
            }
            activeFilter = Boolean.valueOf(active);
        }
        return products.list(PageRequest.of(limit, cursor), skuPrefix, activeFilter);
    }

    @GET
    @Path("/{sku}")
    @RolesAllowed({Scopes.INVENTORY_READ, Scopes.CATALOG_WRITE})
    @SecurityRequirement(name = "oauth2", scopes = Scopes.INVENTORY_READ)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CATALOG_WRITE)
    @Operation(operationId = "getProduct", summary = "Get a product")
    @APIResponse(
            responseCode = "200",
            description = "the product",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = ProductView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("sku") String sku) {
        ProductView product = products.get(sku);
        return Response.ok(product)
                .header(HttpHeaders.ETAG, Preconditions.etag(product.version()))
                .build();
    }

    @PATCH
    @Path("/{sku}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Scopes.CATALOG_WRITE)
    @SecurityRequirement(name = "oauth2", scopes = Scopes.CATALOG_WRITE)
    @Operation(
            operationId = "updateProduct",
            summary = "Change or retire a product (JSON merge patch)",
            description = "RFC 7396: absent members stay, null clears description and attributes. Also accepted as"
                    + " application/json. If-Match is honoured when sent.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = ApiFormats.MERGE_PATCH,
                            schema = @Schema(implementation = ProductPatchRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "the changed product",
            headers = @Header(name = ApiHeaders.ETAG, ref = ApiHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = ProductView.class)))
    @APIResponse(
            responseCode = "404",
            description = "not_found",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "412",
            description = "version_conflict",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(
            @PathParam("sku") String sku, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, JsonNode body) {
        OptionalLong expected = ifMatch == null ? OptionalLong.empty() : Preconditions.expectedVersion(ifMatch);
        ProductView product = products.patch(sku, expected, ProductPatchReader.read(body));
        return Response.ok(product)
                .header(HttpHeaders.ETAG, Preconditions.etag(product.version()))
                .build();
    }
}
