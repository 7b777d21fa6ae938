package inventory.internal.web;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

/** One attribute filter of {@code products}: the product's attribute {@code key} is exactly {@code value}. */
@Input("AttributeFilter")
@Description("An attribute the product must have: key equal to value, exactly (a value that spells a JSON number or"
        + " boolean also matches that number or boolean).")
public record AttributeInput(@NonNull String key, @NonNull String value) {}
