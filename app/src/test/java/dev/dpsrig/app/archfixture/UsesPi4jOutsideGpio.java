package dev.dpsrig.app.archfixture;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;

/** Breaks the Pi4J rule on purpose: a Pi4J context started outside dev.dpsrig.hil.gpio. */
public final class UsesPi4jOutsideGpio {
    Context context() {
        return Pi4J.newAutoContext();
    }
}
