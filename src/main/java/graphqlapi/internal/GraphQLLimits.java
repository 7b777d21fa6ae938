package graphqlapi.internal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The limits every GraphQL document is held to before it runs. */
@ConfigMapping(prefix = "quartermaster.graphql")
public interface GraphQLLimits {

    /** The deepest nesting of fields a document may have. */
    @WithDefault("15")
    int maxDepth();

    /** The largest cost (fields times the list sizes above them) a document may have. */
    @WithDefault("20000")
    long maxCost();
}
