package dev.dpsrig.app.cli.test;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.StepDefinedEvent;
import io.cucumber.plugin.event.TestStepFinished;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Cucumber plugin that keeps, for {@code dpsrig test}, what a run learnt about its steps: every step definition of the
 * glue (its pattern and where it is defined), for each pattern the first scenario step it matched, and the steps no
 * definition matched or more than one did. Cucumber builds plugins itself, so this is kept in one static place and
 * reset before each run, as {@link StepTally} is.
 */
public final class StepCatalog implements ConcurrentEventListener {
    /** A step definition: its Cucumber expression or regular expression and the method that implements it. */
    record Definition(String pattern, String location) {
    }

    /** A parameter of a step as one use of it filled it in: the parameter type's name and the text it matched. */
    record Parameter(String type, String text) {
    }

    /** A scenario step (its keyword, such as {@code "Given "}, and its text) and where it is: the copy's file and the step's line there. */
    record Use(String keyword, String text, URI uri, int line, List<Parameter> parameters) {
        Use {
            parameters = List.copyOf(parameters);
        }
    }

    /** What a run learnt: the definitions in the order Cucumber reported them, a use of each that was used, the misfits. */
    record Snapshot(List<Definition> definitions, Map<String, Use> uses, List<Use> undefined, List<Use> ambiguous) {
    }

    private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();
    private static final Map<String, Use> USES = new LinkedHashMap<>();
    private static final List<Use> UNDEFINED = new ArrayList<>();
    private static final List<Use> AMBIGUOUS = new ArrayList<>();

    static synchronized void reset() {
        DEFINITIONS.clear();
        USES.clear();
        UNDEFINED.clear();
        AMBIGUOUS.clear();
    }

    static synchronized Snapshot snapshot() {
        return new Snapshot(List.copyOf(DEFINITIONS.values()), Map.copyOf(USES), List.copyOf(UNDEFINED), List.copyOf(AMBIGUOUS));
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(StepDefinedEvent.class, event -> defined(new Definition(
                event.getStepDefinition().getPattern(), event.getStepDefinition().getLocation())));
        publisher.registerHandlerFor(TestStepFinished.class, event -> {
            if (event.getTestStep() instanceof PickleStepTestStep step) {
                finished(step, event.getResult().getStatus());
            }
        });
    }

    private static synchronized void defined(Definition definition) {
        DEFINITIONS.putIfAbsent(definition.pattern(), definition);
    }

    private static synchronized void finished(PickleStepTestStep step, Status status) {
        List<Parameter> parameters = status == Status.UNDEFINED || status == Status.AMBIGUOUS ? List.of()
                : step.getDefinitionArgument().stream().filter(argument -> argument.getStart() >= 0)
                        .map(argument -> new Parameter(argument.getParameterTypeName(),
                                step.getStep().getText().substring(argument.getStart(), argument.getEnd()))).toList();
        Use use = new Use(step.getStep().getKeyword(), step.getStep().getText(), step.getUri(), step.getStepLine(), parameters);
        switch (status) {
            case UNDEFINED -> UNDEFINED.add(use);
            case AMBIGUOUS -> AMBIGUOUS.add(use);
            default -> USES.putIfAbsent(step.getPattern(), use);
        }
    }
}
