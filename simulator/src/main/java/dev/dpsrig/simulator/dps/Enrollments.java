package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.DpsErrorCode;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.RegistrationIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

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

    /**
     * Creates or replaces an individual enrollment.
     *
     * @param body the enrollment as the caller writes it; read once the id and the precondition hold,
     *             so that a request with several faults is refused for the one DPS checks first
     */
    synchronized IndividualEnrollment putEnrollment(String registrationId, Supplier<IndividualEnrollment.Draft> body,
                                                   Optional<String> ifMatch) {
        RegistrationIds.problemWith(registrationId).ifPresent(problem -> {
            throw DpsException.badRequest(problem);
        });
        Optional<IndividualEnrollment> existing = state.enrollment(registrationId);
        IfMatch.check(existing.map(e -> e.revision().etag()), ifMatch, "individual enrollment '" + registrationId + "'");
        IndividualEnrollment.Draft draft = body.get();
        Instant now = clock.instant();
        IndividualEnrollment enrollment = draft.complete(registrationId,
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

    /** Creates or replaces an enrollment group; {@code body} is read as in {@link #putEnrollment}. */
    synchronized EnrollmentGroup putGroup(String groupId, Supplier<EnrollmentGroup.Draft> body, Optional<String> ifMatch) {
        RegistrationIds.problemWith(groupId).ifPresent(problem -> {
            throw DpsException.badRequest(problem.replace("registration id", "enrollment group id"));
        });
        Optional<EnrollmentGroup> existing = state.group(groupId);
        IfMatch.check(existing.map(g -> g.revision().etag()), ifMatch, "enrollment group '" + groupId + "'");
        EnrollmentGroup.Draft draft = body.get();
        Instant now = clock.instant();
        EnrollmentGroup group = draft.complete(groupId, existing.map(g -> g.revision().next(now)).orElseGet(() -> Revision.first(now)));
        state.put(group);
        return group;
    }

    synchronized void deleteGroup(String groupId, Optional<String> ifMatch) {
        EnrollmentGroup existing = group(groupId);
        IfMatch.check(Optional.of(existing.revision().etag()), ifMatch, "enrollment group '" + groupId + "'");
        state.deleteGroup(groupId);
    }

    /**
     * The bulk operation over up to ten enrollments: {@code create} (fails for an existing one),
     * {@code update}, {@code updateIfMatchETag} (each item's etag must match) or {@code delete}. Items
     * are applied independently; the failures are returned.
     */
    synchronized List<BulkError> bulkEnrollments(String mode, List<BulkItem<IndividualEnrollment.Draft>> items) {
        return bulk(mode, items, id -> state.enrollment(id).isPresent(), this::putEnrollment, this::deleteEnrollment);
    }

    /** The bulk operation over up to ten enrollment groups, as {@link #bulkEnrollments} over enrollments. */
    synchronized List<BulkError> bulkGroups(String mode, List<BulkItem<EnrollmentGroup.Draft>> items) {
        return bulk(mode, items, id -> state.group(id).isPresent(), this::putGroup, this::deleteGroup);
    }

    private interface Put<T> {
        void put(String id, Supplier<T> draft, Optional<String> ifMatch);
    }

    private <T> List<BulkError> bulk(String mode, List<BulkItem<T>> items, Predicate<String> exists, Put<T> put,
                                     BiConsumer<String, Optional<String>> delete) {
        if (items.isEmpty() || items.size() > 10) {
            throw DpsException.badRequest("a bulk operation takes 1 to 10 items, not " + items.size());
        }
        if (!BULK_MODES.contains(mode)) {
            throw DpsException.badRequest("bulk mode '" + mode + "' is not one of create, update, updateIfMatchETag, delete");
        }
        List<BulkError> errors = new ArrayList<>();
        for (BulkItem<T> item : items) {
            String id = item.id();
            try {
                switch (mode) {
                    case "create" -> {
                        if (exists.test(id)) {
                            throw new DpsException(DpsErrorCode.CONFLICT, "'" + id + "' already exists");
                        }
                        put.put(id, item.draft(), Optional.empty());
                    }
                    case "update" -> put.put(id, item.draft(), Optional.empty());
                    case "updateIfMatchETag" -> put.put(id, item.draft(), Optional.of(item.etag().orElse("")));
                    default -> delete.accept(id, Optional.empty());
                }
            } catch (DpsException e) {
                errors.add(new BulkError(id, e.errorCode().code(), e.getMessage()));
            }
        }
        return errors;
    }
}
