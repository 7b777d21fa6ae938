package platform.page;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {"items":[...],"nextCursor":"…"|null}}. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from up to {@code limit + 1} rows read in keyset order: the extra row only tells that
     * another page exists.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, Cursor> cursorOf, Function<R, T> view) {
        boolean more = rows.size() > limit;
        List<R> page = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorOf.apply(page.get(page.size() - 1)).encode() : null;
        return new Page<>(page.stream().map(view).toList(), next);
    }
}
