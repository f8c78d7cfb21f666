package dev.dpsrig.simulator.archfixture;

import dev.dpsrig.simulator.fault.Fault;
import dev.dpsrig.simulator.quota.Quotas;

/**
 * Breaks the rule that the DPS domain knows no fault plan on purpose: it holds a fault from a plan
 * and the quotas, which the front doors enact before a call reaches the domain.
 */
public final class DomainThatKnowsFaults {
    Fault fault;
    Quotas quotas;
}
