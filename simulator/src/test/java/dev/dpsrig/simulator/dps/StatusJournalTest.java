package dev.dpsrig.simulator.dps;

import static dev.dpsrig.protocol.RegistrationStatus.ASSIGNED;
import static dev.dpsrig.protocol.RegistrationStatus.ASSIGNING;
import static dev.dpsrig.protocol.RegistrationStatus.FAILED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusJournalTest {
    private final StatusJournal journal = new StatusJournal();

    @Test
    void repeatedAnswersAreKeptOnceInTheOrderServed() {
        journal.answered("dev-1", ASSIGNING);
        journal.answered("dev-1", ASSIGNING);
        journal.answered("dev-1", ASSIGNED);
        journal.answered("dev-1", ASSIGNING);
        journal.answered("dev-1", FAILED);

        assertThat(journal.served("dev-1")).containsExactly(ASSIGNING, ASSIGNED, ASSIGNING, FAILED);
        assertThat(journal.served("dev-2")).isEmpty();
    }

    @Test
    void registrationIdsCompareWithoutCaseAndAreForgottenWhenDeleted() {
        journal.answered("Sensor-7", ASSIGNING);

        assertThat(journal.served("sensor-7")).containsExactly(ASSIGNING);
        journal.forget("SENSOR-7");
        assertThat(journal.served("Sensor-7")).isEmpty();
    }

    @Test
    void aRegistrationThatFlipsForeverKeepsItsLatestChangesNotAllOfThem() {
        for (int i = 0; i < 1000; i++) {
            journal.answered("flapper", i % 2 == 0 ? ASSIGNING : ASSIGNED);
        }
        journal.answered("flapper", FAILED);

        assertThat(journal.served("flapper")).hasSize(StatusJournal.LIMIT).endsWith(ASSIGNED, FAILED);
    }
}
