package dev.dpsrig.simulator.dps;

import dev.dpsrig.protocol.DpsException;
import java.util.List;
import java.util.Optional;

/**
 * The service API over device registration states: read them, all or a group's, and delete one, which
 * lets its device register as if for the first time.
 */
final class RegistrationStates {
    private final DpsState state;
    private final Enrollments enrollments;
    private final StatusJournal journal;

    RegistrationStates(DpsState state, Enrollments enrollments, StatusJournal journal) {
        this.state = state;
        this.enrollments = enrollments;
        this.journal = journal;
    }

    Registration registration(String registrationId) {
        return state.registration(registrationId).orElseThrow(() -> DpsException.notFound(
                "no registration state for '" + registrationId + "'"));
    }

    List<Registration> registrations() {
        return state.registrations();
    }

    /** @throws DpsException not found when there is no such group */
    List<Registration> ofGroup(String groupId) {
        enrollments.group(groupId);
        return state.registrations().stream()
                .filter(r -> r.enrollmentGroupId().filter(groupId::equalsIgnoreCase).isPresent()).toList();
    }

    synchronized void delete(String registrationId, Optional<String> ifMatch) {
        Registration existing = registration(registrationId);
        // Registration states show their etag base64-encoded, as DPS does; either form is accepted back.
        Optional<String> given = ifMatch.map(etag -> etag.equals(existing.shownEtag()) ? existing.revision().etag() : etag);
        IfMatch.check(Optional.of(existing.revision().etag()), given, "registration state of '" + registrationId + "'");
        state.deleteRegistration(registrationId);
        journal.forget(registrationId);
    }
}
