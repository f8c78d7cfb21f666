package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.simulator.http.InProcessDps;
import java.time.Duration;
import java.util.List;

/**
 * What an accepted request sets going after it is answered: the service's assignment timer, which
 * writes a registration and then its hub device on its own thread. A fuzz case waits for it before the
 * world is compared or put back.
 */
final class AfterEffects {
    private final InProcessDps dps;
    private List<Thread> assignmentTimers = List.of();

    AfterEffects(InProcessDps dps) {
        this.dps = dps;
    }

    /**
     * Waits until no registration is still being assigned: after an accepted register the service's
     * assignment timer writes the registration and then the hub device (each to disk), on its own
     * thread, after the device was answered.
     */
    void settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int idle = 0;
        while (System.nanoTime() < deadline && idle < 2) {
            boolean assigning = dps.registrations().stream().anyMatch(r -> r.status() == RegistrationStatus.ASSIGNING);
            idle = assigning || assignmentTimerBusy() ? 0 : idle + 1;
            if (idle < 2) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The service's assignment timer thread at work: anywhere in the simulator's code (running, or waiting
     * for a write to reach the disk), rather than waiting in its queue for the next task.
     */
    private boolean assignmentTimerBusy() {
        if (assignmentTimers.stream().noneMatch(Thread::isAlive)) {
            assignmentTimers = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("dps-assignment") && thread.isAlive()).toList();
        }
        for (Thread timer : assignmentTimers) {
            for (StackTraceElement frame : timer.getStackTrace()) {
                if (frame.getClassName().startsWith("dev.dpsrig.")) {
                    return true;
                }
            }
        }
        return false;
    }
}
