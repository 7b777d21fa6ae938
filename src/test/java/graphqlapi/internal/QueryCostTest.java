package graphqlapi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.parser.Parser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryCostTest {

    private static QueryCost.Measure measure(String query, Map<String, Object> variables) {
        return QueryCost.of(Parser.parse(query), null, variables);
    }

    @Test
    void multipliesChildrenByFirst() {
        QueryCost.Measure m = measure("{ products(first: 200) { edges { node { sku } } } }", Map.of());
        assertThat(m.cost()).isEqualTo(1 + 200 * 3);
        assertThat(m.depth()).isEqualTo(4);
    }

    @Test
    void readsFirstFromVariablesAndDefaultsListsWithoutIt() {
        assertThat(measure("query($f:Int){ orders(first:$f) { edges { node { id } } } }", Map.of("f", 10))
                        .cost())
                .isEqualTo(1 + 10 * 3);
        assertThat(measure("{ orders { edges { node { items { sku } } } } }", Map.of())
                        .cost())
                .isEqualTo(1 + 50 * (3 + 100));
    }

    @Test
    void pricesTwoHundredOrdersWithItemsAboveTheLimit() {
        String query = "{ products(first: 200) { edges { node { sku stock { onHand } } } }"
                + " orders(first: 200) { edges { node { id items { sku quantity unitPrice lineTotal } } } } }";
        assertThat(measure(query, Map.of()).cost()).isGreaterThan(20_000);
    }

    @Test
    void countsFragmentsWhereTheyAreSpreadAndRefusesCycles() {
        String spread = "{ products(first: 10) { edges { node { ...P } } } } fragment P on Product { sku name }";
        assertThat(measure(spread, Map.of()).cost()).isEqualTo(1 + 10 * 4);
        assertThatThrownBy(() -> measure(
                        "{ products { ...A } } fragment A on ProductConnection { ...B } fragment B on ProductConnection { ...A }",
                        Map.of()))
                .isInstanceOf(QueryCost.Unmeasurable.class);
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        String query = "{ a(first: 2000000000) { b(first: 2000000000) { c(first: 2000000000) { d } } } }";
        assertThat(measure(query, Map.of()).cost()).isEqualTo(Long.MAX_VALUE);
    }
}
