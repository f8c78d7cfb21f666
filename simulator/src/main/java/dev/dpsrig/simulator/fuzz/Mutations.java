package dev.dpsrig.simulator.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * What the fuzzer does to a well-formed request, by kind: the path, the credentials (SAS tokens,
 * policies, client certificates), the JSON body, the content type, the headers, the body's bytes, the
 * HTTP framing and the request line. Each mutation names what it did (the name goes in the report)
 * and says whether it broke the credentials for certain, maybe, or not at all.
 */
final class Mutations {
    /** The order mutations apply in, whatever order they were picked: the request line goes last. */
    enum Kind {
        PATH(3), CREDENTIALS(5), JSON(5), CONTENT_TYPE(2), HEADERS(4), BODY(1), FRAMING(4), REQUEST_LINE(2);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** One mutation: applies to some drafts, and changes one in place. */
    record Mutation(String name, Kind kind, Predicate<Draft> appliesTo, Mutator mutator) {
    }

    interface Mutator {
        /** Damages the draft; answers the detail for the report (e.g. which value). */
        String apply(Draft draft, SplittableRandom random, Fixture fixture);
    }

    private Mutations() {
    }

    /** The whole catalogue, family by family; its order is part of what a seed reproduces. */
    static List<Mutation> all() {
        List<Mutation> all = new ArrayList<>();
        PathMutations.addTo(all);
        CredentialMutations.addTo(all);
        JsonMutations.addTo(all);
        HeaderMutations.addContentTypes(all);
        HeaderMutations.addHeaders(all);
        FramingMutations.addBody(all);
        FramingMutations.addFraming(all);
        RequestLineMutations.addTo(all);
        return List.copyOf(all);
    }
}
