package dev.dpsrig.simulator.admin;

import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.fault.FaultPlan;
import dev.dpsrig.simulator.fault.FaultRule;
import dev.dpsrig.simulator.fault.FaultRules;
import dev.dpsrig.simulator.http.JsonResponses;
import dev.dpsrig.simulator.http.RequestBodies;
import dev.dpsrig.simulator.http.RouteTable;
import dev.dpsrig.simulator.http.ServiceAuthorization;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.quota.Quotas;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fault plan and quota profile at run time, on the DPS port, authorized like the service API:
 *
 * <pre>
 * GET    /dpsrig/faults              the armed rules, each with how many faults it served
 * POST   /dpsrig/faults              arm one rule (a JSON object) or a plan (an array); 201 with what was armed
 * DELETE /dpsrig/faults              disarm every rule
 * DELETE /dpsrig/faults/{id}         disarm one
 * GET    /dpsrig/faults/records      every fault served: rule, endpoint, device, call, time, kind
 * DELETE /dpsrig/faults/records      forget them
 * GET    /dpsrig/quotas              the quota profile in force
 * PUT    /dpsrig/quotas              {"profile": "azure-s1"} or explicit quotas; buckets start full
 * </pre>
 */
public final class FaultAdminRoutes {
    private final FaultPlan faults;
    private final AtomicReference<Quotas> quotas;
    private final Clock clock;
    private final JsonResponses responses;
    private final ServiceAuthorization authorization;

    public FaultAdminRoutes(FaultPlan faults, AtomicReference<Quotas> quotas, Clock clock, JsonResponses responses,
                            ServiceAuthorization authorization) {
        this.faults = faults;
        this.quotas = quotas;
        this.clock = clock;
        this.responses = responses;
        this.authorization = authorization;
    }

    /** Adds the fault and quota routes to {@code routes}. */
    public void routing(RouteTable routes) {
        routes.get("/dpsrig/faults", authorized(this::list))
                .post("/dpsrig/faults", authorized(this::add))
                .delete("/dpsrig/faults", authorized(this::clear))
                .get("/dpsrig/faults/records", authorized(this::records))
                .delete("/dpsrig/faults/records", authorized(this::clearRecords))
                .delete("/dpsrig/faults/{id}", authorized(this::remove))
                .get("/dpsrig/quotas", authorized(this::quotaProfile))
                .put("/dpsrig/quotas", authorized(this::setQuotaProfile));
    }

    private Handler authorized(Handler handler) {
        return (request, response) -> {
            authorization.check(request);
            try {
                handler.handle(request, response);
            } catch (IllegalArgumentException e) {
                throw DpsException.badRequest(e.getMessage());
            }
        };
    }

    private void list(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, rulesJson(faults.rules()));
    }

    private JsonArray rulesJson(List<FaultRule> rules) {
        Map<String, Long> served = faults.servedCounts();
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        rules.forEach(rule -> out.add(Jsonp.createObjectBuilder(FaultRules.toJson(rule)).add("served", served.getOrDefault(rule.id(), 0L))));
        return out.build();
    }

    private void add(ServerRequest request, ServerResponse response) {
        JsonValue body = body(request);
        List<FaultRule> rules = body.getValueType() == JsonValue.ValueType.OBJECT && !body.asJsonObject().containsKey("rules")
                ? List.of(FaultRules.parse(body.asJsonObject(), faults::nextRuleId))
                : FaultRules.parsePlan(body, faults::nextRuleId);
        faults.addAll(rules);
        responses.send(response, 201, rulesJson(rules));
    }

    private void clear(ServerRequest request, ServerResponse response) {
        faults.clear();
        responses.noContent(response);
    }

    private void remove(ServerRequest request, ServerResponse response) {
        String id = request.path().pathParameters().get("id");
        if (!faults.remove(id)) {
            throw DpsException.notFound("no armed fault rule '" + id + "'; armed: "
                    + faults.rules().stream().map(FaultRule::id).toList());
        }
        responses.noContent(response);
    }

    private void records(ServerRequest request, ServerResponse response) {
        JsonArrayBuilder out = Jsonp.createArrayBuilder();
        faults.records().forEach(record -> out.add(FaultRules.toJson(record)));
        responses.send(response, 200, out.build());
    }

    private void clearRecords(ServerRequest request, ServerResponse response) {
        faults.clearRecords();
        responses.noContent(response);
    }

    private void quotaProfile(ServerRequest request, ServerResponse response) {
        responses.send(response, 200, profileJson(quotas.get().profile()));
    }

    private void setQuotaProfile(ServerRequest request, ServerResponse response) {
        JsonObject body = RequestBodies.requiredJsonObject(request);
        if (!body.containsKey("profile") || body.get("profile").getValueType() != JsonValue.ValueType.STRING) {
            throw DpsException.badRequest("the body is {\"profile\": \"off\" | \"azure-s1[:UNITS]\" | \"azure-s3[:UNITS]\" | \"registrations=...,polls=...\"}");
        }
        QuotaProfile profile = QuotaProfile.parse(body.getString("profile"));
        quotas.set(new Quotas(profile, clock));
        responses.send(response, 200, profileJson(profile));
    }

    private static JsonObject profileJson(QuotaProfile profile) {
        var rates = Jsonp.createObjectBuilder();
        profile.rates().forEach((quota, rate) -> rates.add(quota.wireName(), rate.toString()));
        return Jsonp.createObjectBuilder().add("profile", profile.name()).add("quotas", rates).build();
    }

    private static JsonValue body(ServerRequest request) {
        byte[] bytes = RequestBodies.bytes(request);
        try {
            return RequestBodies.json(bytes).orElseThrow(() -> DpsException.badRequest("a JSON body is required"));
        } catch (DpsException e) {
            throw new DpsException(e.errorCode(), "a fault rule is a JSON object, a plan a JSON array: " + e.getMessage());
        }
    }
}
