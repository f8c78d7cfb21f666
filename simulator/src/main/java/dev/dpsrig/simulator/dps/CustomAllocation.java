package dev.dpsrig.simulator.dps;

import java.net.URI;

/** The webhook a {@code custom} allocation policy calls, and the api-version it is told. */
public record CustomAllocation(URI webhookUrl, String apiVersion) {
}
