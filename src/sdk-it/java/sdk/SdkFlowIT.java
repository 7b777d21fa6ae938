package sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.sdk.ApiClient;
import io.quartermaster.sdk.ApiException;
import io.quartermaster.sdk.ApiResponse;
import io.quartermaster.sdk.api.ClientsApi;
import io.quartermaster.sdk.api.InventoryApi;
import io.quartermaster.sdk.api.OAuthApi;
import io.quartermaster.sdk.api.OrdersApi;
import io.quartermaster.sdk.api.ProductsApi;
import io.quartermaster.sdk.model.Client;
import io.quartermaster.sdk.model.CreateClientRequest;
import io.quartermaster.sdk.model.CreateCredentialRequest;
import io.quartermaster.sdk.model.CreateOrderRequest;
import io.quartermaster.sdk.model.Credential;
import io.quartermaster.sdk.model.Order;
import io.quartermaster.sdk.model.OrderBatch;
import io.quartermaster.sdk.model.OrderBatchAccepted;
import io.quartermaster.sdk.model.OrderBatchRequest;
import io.quartermaster.sdk.model.OrderBatchResult;
import io.quartermaster.sdk.model.OrderLineInput;
import io.quartermaster.sdk.model.OrderPage;
import io.quartermaster.sdk.model.Problem;
import io.quartermaster.sdk.model.ProductInput;
import io.quartermaster.sdk.model.Scope;
import io.quartermaster.sdk.model.SetStockRequest;
import io.quartermaster.sdk.model.ShipTo;
import io.quartermaster.sdk.model.StockLevel;
import io.quartermaster.sdk.model.TokenResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsupport.PackagedApp;
import testsupport.Ports;

/**
 * An integration engineer's program, written only against the Java SDK that the build generated from the
 * OpenAPI document (no hand-written HTTP), run against the packaged application: tokens by client
 * credentials, catalog and stock as operator, an idempotent order and its replay, ETag and a stale If-Match
 * decoded as a typed Problem, paging with nextCursor, and a batch's per-order results.
 */
class SdkFlowIT {

    private static final int PORT = Ports.free();
    private static final PackagedApp APP = new PackagedApp();
    private static Process app;

    @BeforeAll
    static void start() throws Exception {
        app = APP.start(PORT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroyForcibly().waitFor();
        }
        APP.dropDatabase();
    }

    @Test
    void anSdkUserPlacesPagesAndReadsOrdersWithoutWritingHttp() throws Exception {
        ApiClient operator = authorised(token("operator", APP.operatorSecret, null));

        Client client = new ClientsApi(operator)
                .createClient(new CreateClientRequest()
                        .name("SDK Industries " + UUID.randomUUID())
                        .currency("EUR")
                        .creditLimit("1000000.00"));
        Credential credential = new ClientsApi(operator)
                .createCredential(
                        client.getId(),
                        new CreateCredentialRequest()
                                .name("erp")
                                .scopes(List.of(Scope.ORDERS_READ, Scope.ORDERS_WRITE, Scope.INVENTORY_READ)));
        assertThat(credential.getClientSecret()).isNotBlank();

        String bolt = "SDK-BOLT-" + UUID.randomUUID().toString().substring(0, 8);
        String nut = "SDK-NUT-" + UUID.randomUUID().toString().substring(0, 8);
        ProductsApi products = new ProductsApi(operator);
        products.createProduct(new ProductInput().sku(bolt).name("Bolt M8").unitPrice("0.35"));
        products.createProduct(new ProductInput().sku(nut).name("Nut M8").unitPrice("0.10"));
        InventoryApi inventory = new InventoryApi(operator);
        for (String sku : List.of(bolt, nut)) {
            ApiResponse<StockLevel> level = inventory.getStockLevelWithHttpInfo(sku);
            StockLevel set = inventory.setStockLevel(sku, header(level, "ETag"), new SetStockRequest().onHand(10_000L));
            assertThat(set.getAvailable()).isEqualTo(10_000L);
        }

        TokenResponse clientToken =
                token(credential.getClientId(), credential.getClientSecret(), "orders:read orders:write");
        assertThat(clientToken.getTokenType()).isEqualTo(TokenResponse.TokenTypeEnum.BEARER);
        assertThat(clientToken.getScope()).isEqualTo("orders:read orders:write");
        ApiClient erp = authorised(clientToken);
        OrdersApi orders = new OrdersApi(erp);

        CreateOrderRequest po = order("PO-SDK-1", bolt, 1200)
                .shipTo(new ShipTo()
                        .name("Dock 4")
                        .line1("Hafenstrasse 1")
                        .city("Hamburg")
                        .postalCode("20457")
                        .country("DE"));
        String key = UUID.randomUUID().toString();
        ApiResponse<Order> placed = orders.createOrderWithHttpInfo(po, key);
        assertThat(placed.getStatusCode()).isEqualTo(201);
        Order order = placed.getData();
        assertThat(order.getStatus()).isEqualTo(Order.StatusEnum.PENDING);
        assertThat(order.getTotal()).isEqualTo("420.00");
        assertThat(order.getShipTo().getLine2()).isNull();
        assertThat(order.getNotes()).isNull();
        assertThat(header(placed, "Location")).endsWith("/v1/orders/" + order.getId());

        ApiResponse<Order> replay = orders.createOrderWithHttpInfo(po, key);
        assertThat(replay.getStatusCode()).isEqualTo(201);
        assertThat(header(replay, "Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.getData().getId()).isEqualTo(order.getId());

        ApiResponse<Order> read = orders.getOrderWithHttpInfo(order.getId());
        String etag = header(read, "ETag");
        assertThat(etag).isEqualTo("\"" + read.getData().getVersion() + "\"");

        String stale = "\"" + (read.getData().getVersion() + 7) + "\"";
        ApiException refused = catchApiException(() -> orders.cancelOrder(order.getId(), stale));
        assertThat(refused.getCode()).isEqualTo(412);
        Problem problem = erp.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getCode()).isEqualTo("version_conflict");
        assertThat(problem.getStatus()).isEqualTo(412);
        assertThat(problem.getTraceId()).isNotBlank();
        assertThat(orders.cancelOrder(order.getId(), etag).getStatus()).isEqualTo(Order.StatusEnum.CANCELLED);

        ApiException shortOfStock = catchApiException(() -> orders.createOrder(order("PO-SDK-BIG", nut, 50_000), null));
        Problem shortage = erp.getObjectMapper().readValue(shortOfStock.getResponseBody(), Problem.class);
        assertThat(shortage.getCode()).isEqualTo("insufficient_stock");
        assertThat(shortage.getShortages()).singleElement().satisfies(s -> {
            assertThat(s.getSku()).isEqualTo(nut);
            assertThat(s.getRequested()).isEqualTo(50_000L);
        });

        Set<UUID> placedIds = new HashSet<>(List.of(order.getId()));
        for (int i = 2; i <= 5; i++) {
            placedIds.add(
                    orders.createOrder(order("PO-SDK-" + i, nut, 10), null).getId());
        }
        List<UUID> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            OrderPage page = orders.listOrders(null, null, null, cursor, null, 2, null, null);
            page.getItems().forEach(o -> paged.add(o.getId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(placedIds);

        OrderBatchAccepted accepted = orders.submitOrderBatch(
                UUID.randomUUID().toString(),
                new OrderBatchRequest()
                        .orders(List.of(
                                order("PO-SDK-B1", bolt, 5),
                                order("PO-SDK-B2", "SDK-NO-SUCH-SKU", 5),
                                order("PO-SDK-B3", nut, 5))));
        assertThat(accepted.getStatus()).isEqualTo(OrderBatchAccepted.StatusEnum.QUEUED);
        OrderBatch batch = completed(orders, accepted.getBatchId());
        assertThat(batch.getAccepted()).isEqualTo(2);
        assertThat(batch.getRejected()).isEqualTo(1);
        Map<Integer, OrderBatchResult> results = new java.util.TreeMap<>();
        batch.getResults().forEach(r -> results.put(r.getIndex(), r));
        assertThat(results.get(0).getStatus()).isEqualTo(OrderBatchResult.StatusEnum.CREATED);
        assertThat(orders.getOrder(results.get(0).getOrderId()).getExternalRef())
                .isEqualTo("PO-SDK-B1");
        assertThat(results.get(1).getStatus()).isEqualTo(OrderBatchResult.StatusEnum.REJECTED);
        assertThat(results.get(1).getError().getCode()).isEqualTo("unknown_sku");
        assertThat(results.get(1).getError().getErrors())
                .singleElement()
                .satisfies(e -> assertThat(e.getPointer()).isEqualTo("/lines/0/sku"));
        assertThat(results.get(2).getOrderId()).isNotNull();
    }

    @Test
    void aWrongSecretIsRefusedTheOAuthWay() {
        ApiException refused = catchApiException(() -> token("operator", "not-the-secret", null));
        assertThat(refused.getCode()).isEqualTo(401);
        assertThat(refused.getResponseBody()).contains("\"error\":\"invalid_client\"");
    }

    private static CreateOrderRequest order(String externalRef, String sku, long quantity) {
        return new CreateOrderRequest()
                .externalRef(externalRef)
                .priority(CreateOrderRequest.PriorityEnum.NORMAL)
                .lines(List.of(new OrderLineInput().sku(sku).quantity(quantity)));
    }

    private static OrderBatch completed(OrdersApi orders, UUID batchId) {
        return Awaitility.await("batch " + batchId + " completed")
                .atMost(Duration.ofMinutes(3))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> orders.getOrderBatch(batchId), b -> b.getStatus() == OrderBatch.StatusEnum.COMPLETED);
    }

    private static TokenResponse token(String clientId, String secret, String scope) throws ApiException {
        return new OAuthApi(client()).requestToken("client_credentials", scope, clientId, secret);
    }

    private static ApiClient client() {
        ApiClient api = new ApiClient();
        api.updateBaseUri("http://localhost:" + PORT);
        return api;
    }

    private static ApiClient authorised(TokenResponse token) {
        return client().setRequestInterceptor(
                        request -> request.header("Authorization", "Bearer " + token.getAccessToken()));
    }

    private static String header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static ApiException catchApiException(Call call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an ApiException", e);
        }
        throw new AssertionError("expected the call to be refused");
    }
}
