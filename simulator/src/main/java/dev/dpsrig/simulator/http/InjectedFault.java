package dev.dpsrig.simulator.http;

import dev.dpsrig.simulator.fault.Fault;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * A fault the filter decided on that the route itself must carry out (a damaged answer, or one that
 * decides how a registration ends), handed over in the request's context.
 */
record InjectedFault(Fault fault) {

    static Optional<Fault> of(ServerRequest request) {
        return request.context().get(InjectedFault.class).map(InjectedFault::fault);
    }

    static Optional<Fault.Malformation> malformation(ServerRequest request) {
        return of(request).filter(Fault.MalformedAnswer.class::isInstance).map(f -> ((Fault.MalformedAnswer) f).malformation());
    }
}
