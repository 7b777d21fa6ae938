package architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import testsupport.Db;

/**
 * The path past one database (docs/scaling.md) distributes the orders tables by tenant: every table of
 * the orders schema carries {@code client_id}, NOT NULL, and has it in its primary key, or is listed in
 * the exceptions table of docs/scaling.md with its reason. The test reads that table, so the document
 * and the schema cannot drift apart: a new table, or a key changed, fails here until one of them says so.
 */
@QuarkusTest
class TenantDistributionTest {

    private static final String TENANT = "client_id";
    private static final Pattern EXCEPTION = Pattern.compile("^\\| `orders\\.([a-z_]+)` \\| `\\(([a-z_, ]+)\\)` \\|");

    @Test
    void everyOrdersTableIsDistributableByTenantOrADocumentedException() throws Exception {
        Map<String, List<String>> keys = primaryKeys("orders");
        Map<String, Boolean> tenantColumn = tenantColumns("orders");
        Map<String, String> documented = documentedExceptions();

        assertThat(keys).as("tables of the orders schema").isNotEmpty();
        assertThat(tenantColumn)
                .as("every orders table carries client_id, NOT NULL (the distribution column)")
                .containsOnlyKeys(keys.keySet())
                .allSatisfy((table, notNull) -> assertThat(notNull).as(table).isTrue());
        keys.forEach((table, key) -> {
            if (!key.contains(TENANT)) {
                assertThat(documented)
                        .as("orders.%s has primary key %s without client_id and no row in docs/scaling.md", table, key)
                        .containsKey(table);
                assertThat(documented.get(table))
                        .as("docs/scaling.md states the current primary key of orders.%s", table)
                        .isEqualTo(String.join(", ", key));
            }
        });
        assertThat(documented.keySet())
                .as("documented exceptions that are no longer exceptions (remove them from docs/scaling.md)")
                .allSatisfy(table -> assertThat(keys.get(table)).doesNotContain(TENANT));
    }

    private static Map<String, List<String>> primaryKeys(String schema) throws Exception {
        Map<String, List<String>> keys = new TreeMap<>();
        try (Connection c = Db.superuser();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT tc.table_name, string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position)
                          FROM information_schema.table_constraints tc
                          JOIN information_schema.key_column_usage kcu
                            ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
                         WHERE tc.table_schema = ? AND tc.constraint_type = 'PRIMARY KEY'
                         GROUP BY tc.table_name""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.put(rs.getString(1), List.of(rs.getString(2).split(",")));
                }
            }
        }
        return keys;
    }

    private static Map<String, Boolean> tenantColumns(String schema) throws Exception {
        Map<String, Boolean> columns = new TreeMap<>();
        try (Connection c = Db.superuser();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT t.table_name, c.is_nullable = 'NO'
                          FROM information_schema.tables t
                          LEFT JOIN information_schema.columns c
                            ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = ?
                         WHERE t.table_schema = ? AND t.table_type = 'BASE TABLE'""")) {
            ps.setString(1, TENANT);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        return columns;
    }

    /** Rows {@code | `orders.table` | `(current, key)` | why | …} of docs/scaling.md. */
    static Map<String, String> documentedExceptions() throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("docs", "scaling.md"))) {
            Matcher m = EXCEPTION.matcher(line);
            if (m.find()) {
                found.put(m.group(1), m.group(2));
            }
        }
        return found;
    }
}
