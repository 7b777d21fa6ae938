package inventory.internal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import platform.id.Ids;
import platform.money.Money;
import platform.page.Cursor;
import platform.page.Page;
import platform.page.PageRequest;

/**
 * Set-based writes of the catalog: a product and its stock level are created together, and a batch of
 * up to 10,000 products is upserted by SKU in one statement (rows sorted by SKU, so that concurrent
 * batches lock in the same order).
 */
@ApplicationScoped
public class ProductRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private static final String UPSERT = """
            WITH input AS (
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::boolean[])
                         WITH ORDINALITY AS i(id, sku, name, description, unit_price, attributes, active, ord)
            ), up AS (
                INSERT INTO inventory.products AS p (id, sku, name, description, unit_price, attributes, active, version,
                                                     created_at, updated_at)
                SELECT id, sku, name, description, unit_price, attributes::jsonb, active, 0, now(), now()
                  FROM input ORDER BY ord
                %s
                RETURNING p.id, p.sku, p.name, p.description, p.unit_price, p.attributes::text, p.active, p.version,
                          p.created_at, p.updated_at, (p.xmax = 0) AS inserted
            ), stock AS (
                INSERT INTO inventory.stock_levels (sku, product_id, created_at, updated_at)
                SELECT sku, id, created_at, created_at FROM up WHERE inserted
                ON CONFLICT (sku) DO NOTHING
            )
            SELECT * FROM up ORDER BY sku""";

    private static final String ON_CONFLICT_UPDATE = """
            ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description,
                   unit_price = EXCLUDED.unit_price, attributes = EXCLUDED.attributes, active = EXCLUDED.active,
                   version = p.version + 1, updated_at = now()""";

    private static final String ON_CONFLICT_NOTHING = "ON CONFLICT (sku) DO NOTHING";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    ProductRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Creates one product with an empty stock level; empty when the SKU is taken. */
    public Optional<ProductView> insert(NewProduct product) {
        List<Row> rows = write(List.of(product), ON_CONFLICT_NOTHING);
        return rows.stream().findFirst().map(Row::view);
    }

    /** Upserts every product by SKU in one statement; new products get an empty stock level. */
    public BatchResult upsertAll(List<NewProduct> products) {
        List<NewProduct> sorted =
                products.stream().sorted(Comparator.comparing(NewProduct::sku)).toList();
        List<Row> rows = write(sorted, ON_CONFLICT_UPDATE);
        int created = (int) rows.stream().filter(Row::inserted).count();
        return new BatchResult(
                created, rows.size() - created, rows.stream().map(Row::view).toList());
    }

    private record Row(ProductView view, boolean inserted) {}

    private static final String COLUMNS =
            "id, sku, name, description, unit_price, attributes::text, active, version, created_at, updated_at";

    /**
     * One page of the catalog in creation order ({@code limit + 1} rows, see {@link Page#of}), filtered by
     * SKU prefix, active flag and attributes. Every attribute pair must match exactly ({@link AttributeFilter}):
     * a jsonb containment test per pair, AND-ed, in the same statement as the keyset page.
     */
    public Page<ProductView> page(
            PageRequest page, String skuPrefix, Boolean active, List<AttributeFilter> attributes) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (skuPrefix != null) {
            where.add("sku LIKE ? ESCAPE '\\'");
            params.add(escapeLike(skuPrefix) + "%");
        }
        if (active != null) {
            where.add("active = ?");
            params.add(active);
        }
        addAttributes(attributes, where, params);
        if (page.after() != null) {
            where.add("(created_at, id) > (?, ?)");
            params.add(page.after().createdAt().atOffset(ZoneOffset.UTC));
            params.add(page.after().id());
        }
        params.add(page.limit() + 1);
        String sql = "SELECT " + COLUMNS + " FROM inventory.products"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY created_at, id LIMIT ?";
        List<ProductView> rows = select(sql, params);
        return Page.of(rows, page.limit(), p -> new Cursor(p.createdAt(), p.id()), p -> p);
    }

    /** The products of these SKUs that match every attribute pair, in SKU order, in one statement. */
    public List<ProductView> bySkus(java.util.Collection<String> skus, List<AttributeFilter> attributes) {
        List<String> where = new ArrayList<>(List.of("sku = ANY (?)"));
        List<Object> params = new ArrayList<>();
        params.add(skus.toArray(String[]::new));
        addAttributes(attributes, where, params);
        return select(
                "SELECT " + COLUMNS + " FROM inventory.products WHERE " + String.join(" AND ", where) + " ORDER BY sku",
                params);
    }

    private void addAttributes(List<AttributeFilter> attributes, List<String> where, List<Object> params) {
        for (AttributeFilter filter : attributes) {
            List<String> alternatives = new ArrayList<>();
            for (Object value : filter.candidates()) {
                alternatives.add("attributes @> ?::jsonb");
                params.add(toJson(Map.of(filter.key(), value)));
            }
            where.add(alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" OR ", alternatives) + ")");
        }
    }

    private List<ProductView> select(String sql, List<Object> params) {
        List<ProductView> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                Object param = params.get(i);
                if (param instanceof String[] array) {
                    ps.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    ps.setObject(i + 1, param);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(view(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read products", e);
        }
        return rows;
    }

    private ProductView view(ResultSet rs) throws SQLException {
        return new ProductView(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Money.format(rs.getBigDecimal(5)),
                fromJson(rs.getString(6)),
                rs.getBoolean(7),
                rs.getLong(8),
                rs.getObject(9, OffsetDateTime.class).toInstant(),
                rs.getObject(10, OffsetDateTime.class).toInstant());
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private List<Row> write(List<NewProduct> products, String onConflict) {
        int n = products.size();
        UUID[] ids = new UUID[n];
        String[] skus = new String[n];
        String[] names = new String[n];
        String[] descriptions = new String[n];
        BigDecimal[] prices = new BigDecimal[n];
        String[] attributes = new String[n];
        Boolean[] active = new Boolean[n];
        for (int i = 0; i < n; i++) {
            NewProduct p = products.get(i);
            ids[i] = Ids.newId();
            skus[i] = p.sku();
            names[i] = p.name();
            descriptions[i] = p.description();
            prices[i] = p.unitPrice();
            attributes[i] = toJson(p.attributes() == null ? Map.of() : p.attributes());
            active[i] = p.active() == null ? Boolean.TRUE : p.active();
        }
        List<Row> rows = new ArrayList<>(n);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(UPSERT.formatted(onConflict))) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", skus));
            ps.setArray(3, c.createArrayOf("text", names));
            ps.setArray(4, c.createArrayOf("text", descriptions));
            ps.setArray(5, c.createArrayOf("numeric", prices));
            ps.setArray(6, c.createArrayOf("text", attributes));
            ps.setArray(7, c.createArrayOf("boolean", active));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(view(rs), rs.getBoolean(11)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write products", e);
        }
        return rows;
    }

    private String toJson(Map<String, Object> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attributes are not serialisable", e);
        }
    }

    private Map<String, Object> fromJson(String text) {
        try {
            return json.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attributes are not JSON", e);
        }
    }
}
