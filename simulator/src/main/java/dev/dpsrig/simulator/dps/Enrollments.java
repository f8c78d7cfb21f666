package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.RegistrationIds;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service API over individual enrollments and enrollment groups: read, create or replace, delete,
 * each under an optional {@code If-Match}, and the bulk operation over up to ten of either. A write
 * checks its precondition and stores in one step, so two writers never both pass the same etag.
 */
final class Enrollments {
    private static final List<String> BULK_MODES = List.of("create", "update", "updateIfMatchETag", "delete");

    private final DpsState state;
    private final Clock clock;

    Enrollments(DpsState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    IndividualEnrollment enrollment(String registrationId) {
        return state.enrollment(registrationId).orElseThrow(() -> DpsException.notFound(
                "no individual enrollment '" + registrationId + "'"));
    }

    List<IndividualEnrollment> enrollments() {
        return state.enrollments();
    }

    synchronized IndividualEnrollment putEnrollment(String registrationId, JsonObject body, Optional<String> ifMatch) {
        RegistrationIds.problemWith(registrationId).ifPresent(problem -> {
            throw DpsException.badRequest(problem);
        });
        Optional<IndividualEnrollment> existing = state.enrollment(registrationId);
        IfMatch.check(existing.map(e -> e.revision().etag()), ifMatch, "individual enrollment '" + registrationId + "'");
        Instant now = clock.instant();
        IndividualEnrollment enrollment = ServiceJson.enrollment(registrationId, body,
                existing.map(e -> e.revision().next(now)).orElseGet(() -> Revision.first(now)));
        state.put(enrollment);
        return enrollment;
    }

    synchronized void deleteEnrollment(String registrationId, Optional<String> ifMatch) {
        IndividualEnrollment existing = enrollment(registrationId);
        IfMatch.check(Optional.of(existing.revision().etag()), ifMatch, "individual enrollment '" + registrationId + "'");
        state.deleteEnrollment(registrationId);
    }

    EnrollmentGroup group(String groupId) {
        return state.group(groupId).orElseThrow(() -> DpsException.notFound("no enrollment group '" + groupId + "'"));
    }

    List<EnrollmentGroup> groups() {
        return state.groups();
    }

    synchronized EnrollmentGroup putGroup(String groupId, JsonObject body, Optional<String> ifMatch) {
        RegistrationIds.problemWith(groupId).ifPresent(problem -> {
            throw DpsException.badRequest(problem.replace("registration id", "enrollment group id"));
        });
        Optional<EnrollmentGroup> existing = state.group(groupId);
        IfMatch.check(existing.map(g -> g.revision().etag()), ifMatch, "enrollment group '" + groupId + "'");
        Instant now = clock.instant();
        EnrollmentGroup group = ServiceJson.group(groupId, body,
                existing.map(g -> g.revision().next(now)).orElseGet(() -> Revision.first(now)));
        state.put(group);
        return group;
    }

    synchronized void deleteGroup(String groupId, Optional<String> ifMatch) {
        EnrollmentGroup existing = group(groupId);
        IfMatch.check(Optional.of(existing.revision().etag()), ifMatch, "enrollment group '" + groupId + "'");
        state.deleteGroup(groupId);
    }

    /**
     * The bulk operation over up to ten enrollments or groups: {@code create} (fails for an existing
     * one), {@code update}, {@code updateIfMatchETag} (each item's etag must match) or {@code delete}.
     * Items are applied independently; the failures are returned.
     *
     * @param items id and body of each item
     */
    synchronized List<BulkError> bulk(boolean groups, String mode, List<Map.Entry<String, JsonObject>> items) {
        if (items.isEmpty() || items.size() > 10) {
            throw DpsException.badRequest("a bulk operation takes 1 to 10 items, not " + items.size());
        }
        if (!BULK_MODES.contains(mode)) {
            throw DpsException.badRequest("bulk mode '" + mode + "' is not one of create, update, updateIfMatchETag, delete");
        }
        List<BulkError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonObject> item : items) {
            String id = item.getKey();
            try {
                apply(groups, mode, id, item.getValue());
            } catch (DpsException e) {
                errors.add(new BulkError(id, e.errorCode().code(), e.getMessage()));
            }
        }
        return errors;
    }

    private void apply(boolean groups, String mode, String id, JsonObject body) {
        switch (mode) {
            case "create" -> {
                if (groups ? state.group(id).isPresent() : state.enrollment(id).isPresent()) {
                    throw new DpsException(DpsErrorCode.CONFLICT, "'" + id + "' already exists");
                }
                put(groups, id, body, Optional.empty());
            }
            case "update" -> put(groups, id, body, Optional.empty());
            case "updateIfMatchETag" -> put(groups, id, body, Optional.of(etag(body).orElse("")));
            default -> {
                if (groups) {
                    deleteGroup(id, Optional.empty());
                } else {
                    deleteEnrollment(id, Optional.empty());
                }
            }
        }
    }

    private static Optional<String> etag(JsonObject body) {
        return Optional.ofNullable(body.get("etag")).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString());
    }

    private void put(boolean group, String id, JsonObject body, Optional<String> ifMatch) {
        if (group) {
            putGroup(id, body, ifMatch);
        } else {
            putEnrollment(id, body, ifMatch);
        }
    }
}
