package operations.internal.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Makes request parsing strict: unknown properties, a number where a string belongs (money is a
 * string), a string where a number belongs (except a decimal string for a {@code BigDecimal}), trailing
 * garbage and lone UTF-16 surrogates are all refused instead of guessed.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @SuppressWarnings("deprecation")
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, true);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        // a decimal may come as a string too ("10.5"), as money does everywhere else
        mapper.coercionConfigFor(java.math.BigDecimal.class)
                .setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        // no lone UTF-16 surrogate in any text read from a body (TextPolicy)
        mapper.setNodeFactory(new TextPolicy.Nodes());
        mapper.registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("text-policy")
                .addDeserializer(String.class, new TextPolicy.Strings()));
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
