package graphqlapi.internal;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The depth and cost of a GraphQL document, computed from its text before anything runs. Every field costs
 * one per parent item; a list field multiplies its children by its {@code first} argument (a literal or a
 * variable), by the length of its {@code skus} list, or by a default for a list without either.
 */
public final class QueryCost {

    /** The multipliers of list fields that take no {@code first}: their usual worst case. */
    static final Map<String, Long> DEFAULT_SIZES = Map.of("products", 50L, "orders", 50L, "items", 100L);

    /** What a document asks for. */
    public record Measure(int depth, long cost) {}

    /** A document that cannot be measured (a cycle of fragments, an unknown fragment, no operation to run). */
    public static final class Unmeasurable extends RuntimeException {
        Unmeasurable(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, FragmentDefinition> fragments = new HashMap<>();
    private final Map<String, Object> variables;

    private QueryCost(Document document, Map<String, Object> variables) {
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        this.variables = variables == null ? Map.of() : variables;
    }

    /** The largest depth and cost among the document's operations (or of the named one). */
    public static Measure of(Document document, String operationName, Map<String, Object> variables) {
        QueryCost cost = new QueryCost(document, variables);
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (operations.isEmpty()) {
            throw new Unmeasurable("the document has no operation");
        }
        int depth = 0;
        long total = 0;
        for (OperationDefinition operation : operations) {
            if (operationName != null && !operationName.equals(operation.getName())) {
                continue;
            }
            Measure m = cost.walk(operation.getSelectionSet(), 1, 1, new HashSet<>());
            depth = Math.max(depth, m.depth());
            total = Math.max(total, m.cost());
        }
        return new Measure(depth, total);
    }

    private Measure walk(SelectionSet set, long multiplier, int depth, Set<String> fragmentsOnPath) {
        if (set == null) {
            return new Measure(depth - 1, 0);
        }
        int deepest = depth;
        long cost = 0;
        for (Selection<?> selection : set.getSelections()) {
            Measure m;
            if (selection instanceof Field field) {
                long children = saturatedMultiply(multiplier, size(field));
                Measure below = field.getSelectionSet() == null
                        ? new Measure(depth, 0)
                        : walk(field.getSelectionSet(), children, depth + 1, fragmentsOnPath);
                m = new Measure(below.depth(), saturatedAdd(multiplier, below.cost()));
            } else if (selection instanceof InlineFragment inline) {
                m = walk(inline.getSelectionSet(), multiplier, depth, fragmentsOnPath);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                if (fragment == null) {
                    throw new Unmeasurable("unknown fragment " + spread.getName());
                }
                if (!fragmentsOnPath.add(spread.getName())) {
                    throw new Unmeasurable("the fragment " + spread.getName() + " spreads itself");
                }
                m = walk(fragment.getSelectionSet(), multiplier, depth, fragmentsOnPath);
                fragmentsOnPath.remove(spread.getName());
            } else {
                continue;
            }
            deepest = Math.max(deepest, m.depth());
            cost = saturatedAdd(cost, m.cost());
        }
        return new Measure(deepest, cost);
    }

    private long size(Field field) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals("first")) {
                Object value = value(argument.getValue());
                if (value instanceof Number n) {
                    return Math.max(1, n.longValue());
                }
            }
            if (argument.getName().equals("skus")) {
                Object value = value(argument.getValue());
                if (value instanceof List<?> list) {
                    return Math.max(1, list.size());
                }
            }
        }
        return DEFAULT_SIZES.getOrDefault(field.getName(), 1L);
    }

    private Object value(Value<?> value) {
        if (value instanceof IntValue i) {
            return i.getValue()
                    .min(java.math.BigInteger.valueOf(Long.MAX_VALUE))
                    .longValue();
        }
        if (value instanceof ArrayValue array) {
            return array.getValues();
        }
        if (value instanceof VariableReference reference) {
            return variables.get(reference.getName());
        }
        return null;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
