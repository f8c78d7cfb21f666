package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.simulator.fuzz.Draft.Family;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Every endpoint of the simulator as a template for a well-formed request with good credentials:
 * the DPS device API, the service API, the hub device API and the admin API. The fuzzer starts each
 * case from one of these and damages it.
 */
final class Operations {
    static final String DPS_API = "2021-06-01";
    static final String SERVICE_API = "2021-10-01";
    static final String HUB_API = "2020-03-13";

    /** One endpoint: its name in reports, its API, how often it is picked, and its template. */
    record Operation(String name, Family family, int weight, BiFunction<Fixture, SplittableRandom, Draft> template) {
    }

    private Operations() {
    }

    static List<Operation> all() {
        List<Operation> all = new ArrayList<>();
        // DPS device API
        all.add(new Operation("register", Family.DPS_DEVICE, 12, (f, r) -> {
            Fixture.Device d = Json.pick(r, f.devices);
            return dpsDevice(f, d, "register", "PUT", "/register",
                    Json.Obj.of("registrationId", d.id(), "payload", Json.Obj.of("model", "fuzz", "firmware", 3)));
        }));
        all.add(new Operation("operation lookup", Family.DPS_DEVICE, 6, (f, r) -> {
            Fixture.Device d = Json.pick(r, f.devices);
            return dpsDevice(f, d, "operation lookup", "GET", "/operations/" + f.operationId(d), null);
        }));
        all.add(new Operation("status lookup", Family.DPS_DEVICE, 6, (f, r) -> {
            Fixture.Device d = Json.pick(r, f.devices);
            return dpsDevice(f, d, "status lookup", "POST", "", r.nextBoolean() ? Json.Obj.of("registrationId", d.id()) : null);
        }));
        // service API: individual enrollments
        all.add(service("enrollment get", 2, (f, r) -> new RawRequest("GET", "/enrollments/" + enrollmentId(f, r)), null));
        all.add(service("enrollment put", 5, (f, r) -> new RawRequest("PUT", "/enrollments/" + scratchOr(f, r, "fz-sym")), Operations::enrollmentBody));
        all.add(service("enrollment delete", 2, (f, r) -> new RawRequest("DELETE", "/enrollments/" + scratchOr(f, r, "fz-x509-expired")), null));
        all.add(service("enrollment attestation", 1, (f, r) -> new RawRequest("POST", "/enrollments/" + enrollmentId(f, r) + "/attestationmechanism"), null));
        all.add(service("enrollment query", 3, (f, r) -> paged(r, new RawRequest("POST", "/enrollments/query")), (f, r) -> Json.Obj.of("query", "*")));
        all.add(service("enrollment bulk", 3, (f, r) -> new RawRequest("POST", "/enrollments"), (f, r) -> bulkBody(f, r, false)));
        // service API: enrollment groups
        all.add(service("group get", 2, (f, r) -> new RawRequest("GET", "/enrollmentGroups/" + groupId(f, r)), null));
        all.add(service("group put", 4, (f, r) -> new RawRequest("PUT", "/enrollmentGroups/" + scratchOr(f, r, f.symmetricGroupId)), Operations::groupBody));
        all.add(service("group delete", 1, (f, r) -> new RawRequest("DELETE", "/enrollmentGroups/" + scratchOr(f, r, "fz-unverified-group")), null));
        all.add(service("group attestation", 1, (f, r) -> new RawRequest("POST", "/enrollmentGroups/" + groupId(f, r) + "/attestationmechanism"), null));
        all.add(service("group query", 2, (f, r) -> paged(r, new RawRequest("POST", "/enrollmentGroups/query")), (f, r) -> Json.Obj.of("query", "*")));
        all.add(service("group bulk", 2, (f, r) -> new RawRequest("POST", "/enrollmentGroups"), (f, r) -> bulkBody(f, r, true)));
        // service API: registration states
        all.add(service("registration get", 2, (f, r) -> new RawRequest("GET", "/registrations/" + Json.pick(r, f.devices).id()), null));
        all.add(service("registration delete", 1, (f, r) -> new RawRequest("DELETE", "/registrations/" + Json.pick(r, f.devices).id()), null));
        all.add(service("registration query", 2, (f, r) -> paged(r, new RawRequest("POST", "/registrations/" + groupId(f, r) + "/query")), null));
        // service API: CA certificates
        all.add(service("certificate list", 1, (f, r) -> new RawRequest("GET", "/certificates"), null));
        all.add(service("certificate get", 1, (f, r) -> new RawRequest("GET", "/certificates/" + caName(f, r)), null));
        all.add(service("certificate put", 4, (f, r) -> new RawRequest("PUT", "/certificates/fz-upload-" + r.nextInt(3)), (f, r) -> r.nextBoolean()
                ? Json.Obj.of("certificate", f.uploadCaPem, "isVerified", r.nextBoolean())
                : Json.Obj.of("properties", Json.Obj.of("certificate", f.uploadCaPem, "isVerified", false))));
        all.add(service("certificate delete", 1, (f, r) -> new RawRequest("DELETE", "/certificates/" + (r.nextInt(4) == 0 ? caName(f, r) : "fz-upload-" + r.nextInt(3))), null));
        all.add(service("certificate verification code", 2, (f, r) -> new RawRequest("POST", "/certificates/" + f.unverifiedCaName + "/generateVerificationCode"), null));
        all.add(service("certificate verify", 3, (f, r) -> new RawRequest("POST", "/certificates/" + f.unverifiedCaName + "/verify"),
                (f, r) -> Json.Obj.of("certificate", f.verificationProofPem())));
        // hub device API
        all.add(new Operation("hub send", Family.HUB, 10, (f, r) -> {
            Fixture.Device d = Json.pick(r, f.devices);
            Draft draft = hub(f, d, "hub send", "POST", "/messages/events", false);
            draft.request.json = Json.Obj.of("temperature", 21.5, "humidity", 40);
            draft.request.header("Content-Type", "application/json");
            draft.request.header("iothub-app-fuzz", "case");
            draft.request.header("iothub-messageid", "m-" + r.nextInt(1000));
            return draft;
        }));
        all.add(new Operation("hub send batch", Family.HUB, 6, (f, r) -> {
            Fixture.Device d = Json.pick(r, f.devices);
            Draft draft = hub(f, d, "hub send batch", "POST", "/messages/events", true);
            draft.request.json = Json.Arr.of(
                    Json.Obj.of("body", Base64.getEncoder().encodeToString("{\"t\":1}".getBytes(StandardCharsets.UTF_8)),
                            "properties", Json.Obj.of("iothub-app-kind", "batch", "iothub-messageid", "b-1")),
                    Json.Obj.of("body", "plain text", "base64Encoded", false));
            draft.request.header("Content-Type", "application/vnd.microsoft.iothub.json");
            return draft;
        }));
        all.add(new Operation("hub send module", Family.HUB, 1, (f, r) -> {
            Fixture.Device d = Json.pick(r, f.devices);
            Draft draft = hub(f, d, "hub send module", "POST", "/modules/m1/messages/events", false);
            draft.request.body("module telemetry".getBytes(StandardCharsets.UTF_8));
            return draft;
        }));
        all.add(new Operation("hub receive", Family.HUB, 5, (f, r) -> hub(f, Json.pick(r, f.devices), "hub receive", "GET",
                "/messages/deviceBound", false)));
        all.add(new Operation("hub complete", Family.HUB, 4, (f, r) -> {
            Fixture.Device d = Json.pick(r, f.devices);
            return hub(f, d, "hub complete", "DELETE", "/messages/deviceBound/" + lock(f, d, r), false);
        }));
        all.add(new Operation("hub reject", Family.HUB, 3, (f, r) -> {
            Fixture.Device d = Json.pick(r, f.devices);
            Draft draft = hub(f, d, "hub reject", "DELETE", "/messages/deviceBound/" + lock(f, d, r), false);
            draft.request.target = draft.request.target + "&reject";
            return draft;
        }));
        all.add(new Operation("hub abandon", Family.HUB, 3, (f, r) -> {
            Fixture.Device d = Json.pick(r, f.devices);
            return hub(f, d, "hub abandon", "POST", "/messages/deviceBound/" + lock(f, d, r) + "/abandon", false);
        }));
        // admin API
        all.add(admin("faults list", 1, (f, r) -> new RawRequest("GET", "/dpsrig/faults"), null));
        all.add(admin("faults add", 6, (f, r) -> new RawRequest("POST", "/dpsrig/faults"), Operations::faultBody));
        all.add(admin("faults clear", 1, (f, r) -> new RawRequest("DELETE", "/dpsrig/faults"), null));
        all.add(admin("fault remove", 1, (f, r) -> new RawRequest("DELETE", "/dpsrig/faults/rule-" + r.nextInt(3)), null));
        all.add(admin("fault records", 1, (f, r) -> new RawRequest(r.nextBoolean() ? "GET" : "DELETE", "/dpsrig/faults/records"), null));
        all.add(admin("quotas get", 1, (f, r) -> new RawRequest("GET", "/dpsrig/quotas"), null));
        all.add(admin("quotas put", 3, (f, r) -> new RawRequest("PUT", "/dpsrig/quotas"), (f, r) -> Json.Obj.of("profile",
                Json.pick(r, List.of("off", "azure-s1", "azure-s3:2", "registrations=10/min,polls=5/10s")))));
        all.add(admin("hubs list", 1, (f, r) -> new RawRequest("GET", "/dpsrig/hubs"), null));
        all.add(admin("hub devices", 1, (f, r) -> new RawRequest("GET", "/dpsrig/hubs/" + f.hubName + "/devices"), null));
        all.add(admin("hub device", 1, (f, r) -> new RawRequest("GET", "/dpsrig/hubs/" + f.hubName + "/devices/" + Json.pick(r, f.devices).id()), null));
        all.add(admin("hub device status", 2, (f, r) -> new RawRequest("PUT", "/dpsrig/hubs/" + f.hubName + "/devices/"
                + Json.pick(r, f.devices).id() + "/status"), (f, r) -> Json.Obj.of("status", r.nextBoolean() ? "enabled" : "disabled")));
        all.add(admin("hub messages", 2, (f, r) -> new RawRequest("GET", "/dpsrig/hubs/" + f.hubName + "/messages?deviceId="
                + Json.pick(r, f.devices).id() + "&after=" + r.nextInt(5) + "&waitSeconds=0"), null));
        all.add(admin("hub cloud-to-device send", 3, (f, r) -> new RawRequest("POST", "/dpsrig/hubs/" + f.hubName + "/devices/"
                + Json.pick(r, f.devices).id() + "/deviceBound"), (f, r) -> Json.Obj.of("body", "hello", "properties",
                Json.Obj.of("kind", "fuzz"), "messageId", "c2d-1", "ttlSeconds", 60)));
        all.add(admin("hub settlements", 1, (f, r) -> new RawRequest("GET", "/dpsrig/hubs/" + f.hubName + "/settlements"), null));
        return List.copyOf(all);
    }

    // ---- templates -------------------------------------------------------------------------------

    private static Draft dpsDevice(Fixture f, Fixture.Device d, String name, String method, String suffix, Json body) {
        RawRequest request = new RawRequest(method, "/" + f.idScope + "/registrations/" + d.id() + suffix + "?api-version=" + DPS_API);
        request.header("Host", f.dpsAuthority);
        if (d.usesSas()) {
            request.header("Authorization", f.dpsToken(d));
        }
        request.header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.header("Content-Encoding", "utf-8");
            request.json = body;
        }
        Draft draft = new Draft(name, Family.DPS_DEVICE, request, false, Optional.of(d), true);
        draft.identity = d.identity();
        return draft;
    }

    private static Draft hub(Fixture f, Fixture.Device d, String name, String method, String suffix, boolean json) {
        RawRequest request = new RawRequest(method, "/devices/" + d.id() + suffix + "?api-version=" + HUB_API);
        request.header("Host", f.hubAuthority);
        if (d.usesSas()) {
            request.header("Authorization", f.hubToken(d));
        }
        Draft draft = new Draft(name, Family.HUB, request, true, Optional.of(d), json);
        draft.identity = d.identity();
        return draft;
    }

    private static Operation service(String name, int weight, BiFunction<Fixture, SplittableRandom, RawRequest> request,
                                     BiFunction<Fixture, SplittableRandom, Json> body) {
        return keyed(name, Family.SERVICE, weight, request, body, "?api-version=" + SERVICE_API);
    }

    private static Operation admin(String name, int weight, BiFunction<Fixture, SplittableRandom, RawRequest> request,
                                   BiFunction<Fixture, SplittableRandom, Json> body) {
        return keyed(name, Family.ADMIN, weight, request, body, "");
    }

    /** A request authorized with the service policy's token, on the DPS port. */
    private static Operation keyed(String name, Family family, int weight, BiFunction<Fixture, SplittableRandom, RawRequest> request,
                                   BiFunction<Fixture, SplittableRandom, Json> body, String query) {
        return new Operation(name, family, weight, (f, r) -> {
            RawRequest raw = request.apply(f, r);
            if (!query.isEmpty()) {
                raw.target = raw.target + (raw.target.contains("?") ? "&" : "?") + query.substring(1);
            }
            List<RawRequest.Header> extra = List.copyOf(raw.headers);
            raw.headers.clear();
            raw.header("Host", f.dpsAuthority);
            raw.header("Authorization", family == Family.ADMIN ? f.adminToken() : f.serviceToken());
            raw.headers.addAll(extra);
            if (body != null) {
                raw.header("Content-Type", "application/json");
                raw.json = body.apply(f, r);
            }
            return new Draft(name, family, raw, false, Optional.empty(), true);
        });
    }

    private static RawRequest paged(SplittableRandom r, RawRequest request) {
        if (r.nextBoolean()) {
            request.header("x-ms-max-item-count", Integer.toString(1 + r.nextInt(3)));
        }
        if (r.nextInt(3) == 0) {
            request.header("x-ms-continuation", Integer.toString(r.nextInt(3)));
        }
        return request;
    }

    private static String scratchOr(Fixture f, SplittableRandom r, String fixtureId) {
        return r.nextInt(4) == 0 ? fixtureId : Json.pick(r, f.scratchIds);
    }

    private static String enrollmentId(Fixture f, SplittableRandom r) {
        return Json.pick(r, List.of("fz-sym", "fz-x509-self", "fz-x509-expired", f.scratchIds.getFirst()));
    }

    private static String groupId(Fixture f, SplittableRandom r) {
        return Json.pick(r, List.of(f.symmetricGroupId, f.caGroupId, "fz-unverified-group", f.scratchIds.getFirst()));
    }

    private static String caName(Fixture f, SplittableRandom r) {
        return r.nextBoolean() ? f.verifiedCaName : f.unverifiedCaName;
    }

    private static String lock(Fixture f, Fixture.Device d, SplittableRandom r) {
        return r.nextInt(4) == 0 ? "00000000-0000-0000-0000-00000000000" + r.nextInt(10) : f.lockToken(d);
    }

    private static String key(SplittableRandom r) {
        byte[] key = new byte[32];
        r.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static Json enrollmentBody(Fixture f, SplittableRandom r) {
        return enrollmentLike(f, r, "registrationId", Json.pick(r, f.scratchIds), false);
    }

    private static Json groupBody(Fixture f, SplittableRandom r) {
        return enrollmentLike(f, r, "enrollmentGroupId", Json.pick(r, f.scratchIds), true);
    }

    private static Json.Obj enrollmentLike(Fixture f, SplittableRandom r, String idName, String id, boolean group) {
        Json attestation = r.nextInt(3) > 0
                ? Json.Obj.of("type", "symmetricKey", "symmetricKey", Json.Obj.of("primaryKey", key(r), "secondaryKey", key(r)))
                : group ? Json.Obj.of("type", "x509", "x509", Json.Obj.of("caReferences", Json.Obj.of("primary", f.verifiedCaName)))
                : Json.Obj.of("type", "x509", "x509", Json.Obj.of("clientCertificates",
                        Json.Obj.of("primary", Json.Obj.of("certificate", f.enrollCertificatePem))));
        Json.Obj body = Json.Obj.of(idName, id, "attestation", attestation,
                "provisioningStatus", "enabled",
                "allocationPolicy", Json.pick(r, List.of("hashed", "geoLatency", "static", "custom")),
                "iotHubs", Json.Arr.of(f.hubAuthority),
                "initialTwin", Json.Obj.of("tags", Json.Obj.of("env", "fuzz"),
                        "properties", Json.Obj.of("desired", Json.Obj.of("interval", 30, "mode", "eco"))),
                "reprovisionPolicy", Json.Obj.of("updateHubAssignment", true, "migrateDeviceData", r.nextBoolean()),
                "capabilities", Json.Obj.of("iotEdge", false));
        if (!group) {
            body.fields().put("deviceId", new Json.Str(id));
        }
        return body;
    }

    private static Json bulkBody(Fixture f, SplittableRandom r, boolean groups) {
        List<Object> items = new ArrayList<>();
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count; i++) {
            items.add(groups ? groupBody(f, r) : enrollmentBody(f, r));
        }
        return Json.Obj.of("mode", Json.pick(r, List.of("create", "update", "updateIfMatchETag", "delete")),
                groups ? "enrollmentGroups" : "enrollments", Json.Arr.of(items.toArray()));
    }

    /** A rule for a device that never calls, so that an armed rule cannot strike before it is disarmed. */
    private static Json faultBody(Fixture f, SplittableRandom r) {
        Json.Obj rule = Json.pick(r, List.<java.util.function.Supplier<Json.Obj>>of(
                () -> Json.Obj.of("endpoint", "register", "kind", "throttle", "retryAfter", 2),
                () -> Json.Obj.of("endpoint", "hub-send", "kind", "server-error", "status", 503),
                () -> Json.Obj.of("endpoint", "operation-lookup", "kind", "delay", "delayMillis", 10),
                () -> Json.Obj.of("endpoint", "register", "kind", "keep-assigning", "polls", 2),
                () -> Json.Obj.of("endpoint", "register", "kind", "assignment-failed", "errorCode", 400209, "errorMessage", "no"),
                () -> Json.Obj.of("endpoint", "status-lookup", "kind", "malformed-answer", "malformation", "truncated-json"),
                () -> Json.Obj.of("endpoint", "hub-c2d", "kind", "drop-connection", "at", "after-request"))).get();
        rule.fields().put("device", new Json.Str("fz-nobody-" + r.nextInt(100)));
        switch (r.nextInt(4)) {
            case 0 -> rule.fields().put("calls", new Json.Str("1..3"));
            case 1 -> {
                rule.fields().put("probability", new Json.Literal("0.5"));
                rule.fields().put("seed", new Json.Literal("7"));
            }
            case 2 -> rule.fields().put("window", new Json.Str("10..30"));
            default -> {
            }
        }
        if (r.nextBoolean()) {
            rule.fields().put("times", new Json.Literal("1"));
        }
        return switch (r.nextInt(4)) {
            case 0 -> Json.Arr.of(rule);
            case 1 -> Json.Obj.of("rules", Json.Arr.of(rule));
            default -> rule;
        };
    }
}
