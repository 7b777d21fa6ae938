package platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import operations.internal.crypto.KeyRotation;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import platform.internal.crypto.CryptoConfig;
import testsupport.Api;
import testsupport.Catalog;
import testsupport.Orders;

/**
 * Rotation without downtime: values written under the previous key (test0) still read while the
 * active key is test1, and the rotation job moves them to test1.
 */
@QuarkusTest
class KeyRotationTest {

    @Inject
    KeyRotation rotation;

    @Inject
    AgroalDataSource dataSource;

    private static FieldCipher previousKey() {
        String old = ConfigProvider.getConfig().getValue("quartermaster.crypto.keys.test0", String.class);
        return new FieldCipher(new CryptoConfig() {
            @Override
            public java.util.Optional<String> activeKey() {
                return java.util.Optional.of("test0");
            }

            @Override
            public Map<String, String> keys() {
                return Map.of("test0", old);
            }
        });
    }

    @Test
    void valuesUnderThePreviousKeyStillReadAndAreMovedToTheActiveOne() throws Exception {
        UUID client = Api.createClient(Map.of(
                "name",
                "Rotated Co",
                "currency",
                "EUR",
                "creditLimit",
                "100.00",
                "contactEmail",
                "new@rotated.example"));
        var buyer = Api.newClient("Rotated Buyer", "orders:read", "orders:write");
        String sku = Catalog.stocked("ROT", "1.00", 5);
        String order = Api.as(buyer.token())
                .body(Orders.order(null, sku, 1))
                .post("/v1/orders")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        FieldCipher old = previousKey();
        String oldEmail = old.encrypt("old@rotated.example", "tenancy.clients.contact_email:" + client);
        String oldAddress = old.encrypt(
                "{\"name\":\"Old Dock\",\"line1\":\"1\",\"line2\":null,\"city\":\"Bremen\","
                        + "\"postalCode\":\"28195\",\"country\":\"DE\"}",
                "orders.orders.ship_to:" + order);
        execute("UPDATE tenancy.clients SET contact_email = ? WHERE id = ?", oldEmail, client);
        execute("UPDATE orders.orders SET ship_to = ? WHERE id = ?", oldAddress, UUID.fromString(order));

        // still readable during the rotation
        Api.asOperator()
                .get("/v1/clients/" + client)
                .then()
                .statusCode(200)
                .body("contactEmail", equalTo("old@rotated.example"));
        Api.as(buyer.token()).get("/v1/orders/" + order).then().statusCode(200).body("shipTo.city", equalTo("Bremen"));

        assertThat(rotation.reencryptAll()).isGreaterThanOrEqualTo(2);
        assertThat(value("SELECT contact_email FROM tenancy.clients WHERE id = ?", client))
                .startsWith("v1.test1.");
        assertThat(value("SELECT ship_to FROM orders.orders WHERE id = ?", UUID.fromString(order)))
                .startsWith("v1.test1.");
        assertThat(value("SELECT count(*)::text FROM tenancy.clients WHERE contact_email NOT LIKE 'v1.test1.%'", null))
                .isEqualTo("0");
        Api.asOperator().get("/v1/clients/" + client).then().body("contactEmail", equalTo("old@rotated.example"));
        Api.as(buyer.token()).get("/v1/orders/" + order).then().body("shipTo.city", equalTo("Bremen"));
        assertThat(rotation.reencryptAll()).isZero();
    }

    private void execute(String sql, String value, UUID id) throws Exception {
        try (Connection c = testsupport.Db.superuser();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setObject(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private String value(String sql, UUID id) throws Exception {
        try (Connection c = testsupport.Db.superuser();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setObject(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
