package dev.dpsrig.simulator.service.http;

import dev.dpsrig.simulator.protocol.DpsErrorCode;
import dev.dpsrig.simulator.protocol.DpsException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Wraps a handler so that every refusal, and every bug, reaches the client in the DPS error format. */
final class Guarded {
    private static final Logger LOG = System.getLogger(Guarded.class.getName());

    private Guarded() {
    }

    interface DpsHandler {
        void handle(ServerRequest request, ServerResponse response);
    }

    static Handler handler(JsonResponses responses, DpsHandler handler) {
        return (request, response) -> {
            try {
                handler.handle(request, response);
            } catch (DpsException e) {
                responses.error(response, e);
            } catch (CloseConnectionException e) {
                // The connection is gone or going (a client cut off mid-body): nothing to answer, no bug to log.
                throw e;
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "internal error on " + request.prologue().method() + " " + request.path().path(), e);
                responses.error(response, DpsErrorCode.INTERNAL_ERROR, "internal error: " + e);
            }
        };
    }
}
