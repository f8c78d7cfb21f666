package dev.dpsrig.features.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.features.board.Bench;
import dev.dpsrig.features.board.BoardUnderTest;
import dev.dpsrig.hil.RigEvent;
import dev.dpsrig.hil.RigException;
import dev.dpsrig.hil.board.BoardState;
import dev.dpsrig.hil.virtual.VirtualBoard;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.simulator.fault.FaultRules;
import io.cucumber.java.After;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Boards on the rig, or virtual ones: power, console, and what DPS made of them. */
public final class BoardSteps {
    private static final Pattern POLLING = Pattern.compile("^dps: status assigning");

    private final ScenarioTarget target;
    private final BoardWorld boards;

    public BoardSteps(ScenarioTarget target, BoardWorld boards) {
        this.target = target;
        this.boards = boards;
    }

    @Given("board {string} runs its own provisioning firmware")
    public void consoleBoard(String name) {
        boards.consoleBoard(name);
    }

    @Given("board {string} is enrolled")
    public void enrolled(String name) {
        boards.enroll(name);
    }

    /** Power off, then on, until the board has booted: its boot banner (or, tethered, its HELLO) within the boot deadline. */
    @When("board {string} is power-cycled")
    public void powerCycled(String name) {
        BoardUnderTest board = boards.board(name);
        board.strategy().recover();
        board.strategy().moveTo(BoardState.BOOTED);
    }

    @When("the power of board {string} is cut")
    public void powerCut(String name) {
        boards.board(name).board().power().off();
    }

    @When("the power of board {string} is cut and DPS answers its next register with {int}")
    public void powerCutWithFault(String name, int status) {
        powerCut(name);
        JsonObject rule = Jsonp.createObjectBuilder().add("endpoint", "register")
                .add("device", boards.registrationId(name)).add("kind", "server-error").add("status", status).add("times", 1).build();
        target.simulator().faults().add(FaultRules.parse(rule, target.simulator().faults()::nextRuleId));
    }

    @Then("the console of board {string} shows it is polling")
    public void polling(String name) {
        BoardUnderTest board = boards.board(name);
        board.board().console().expect(POLLING, board.board().profile().deadlines().provision());
    }

    @Then("the console of board {string} shows it was assigned")
    public void assigned(String name) {
        boards.board(name).strategy().moveTo(BoardState.PROVISIONED);
    }

    @Then("DPS shows the registration of board {string} assigned")
    public void simulatorAssigned(String name) {
        String registrationId = boards.registrationId(name);
        JsonObject record = target.registrationRecord(registrationId).orElseThrow(() -> new AssertionError(
                "the simulator has no registration record for board '" + name + "' (registration id " + registrationId + ")"));
        assertThat(record.getString("status", "")).as("status of %s in %s", registrationId, record).isEqualTo("assigned");
        assertThat(boards.board(name).board().console().tail(200))
                .as("the board's console names the device id DPS assigned (%s)", record.getString("deviceId", ""))
                .anySatisfy(line -> assertThat(line).contains("deviceId=" + record.getString("deviceId", "")));
    }

    @Then("board {string} fails to provision, its console saying {string}")
    public void failsToProvision(String name, String text) {
        BoardUnderTest board = boards.board(name);
        RigException failure = catchThrowableOfType(RigException.class,
                () -> board.strategy().moveTo(BoardState.PROVISIONED));
        assertThat(failure).as("board '%s' provisioned although it should not; its log:%n%s", name, board.log().render()).isNotNull();
        assertThat(failure.getMessage()).contains(text);
        assertThat(board.strategy().state()).isEqualTo(BoardState.BROKEN);
    }

    @Given("board {string} holds {boardCredential} and answers the tethered protocol")
    public void tetheredBoard(String name, BoardCredential credential) {
        if (boards.virtual()) {
            boards.holds(name, credential.make(target.id(name)));
        }
        boards.tetheredBoard(name);
    }

    @When("the rig registers board {string} on its behalf")
    public void registerOnBehalf(String name) {
        boards.board(name).strategy().moveTo(BoardState.PROVISIONED);
    }

    @When("the rig sends {int} readings of board {string}")
    public void sendReadings(int count, String name) throws InterruptedException {
        for (int i = 1; i <= count; i++) {
            TelemetryOutcome outcome = boards.tethered(name).sendReadings();
            assertThat(outcome).as("reading %d of board '%s'", i, name).isInstanceOf(TelemetryOutcome.Acknowledged.class);
        }
    }

    @Then("board {string} signed for the rig over serial, its secret never on the line")
    public void signedOverSerial(String name) {
        BoardUnderTest board = boards.board(name);
        assertThat(board.log().events(RigEvent.Kind.TETHERED_REQUEST))
                .as("the rig asked board '%s' to sign; its log:%n%s", name, board.log().render())
                .anySatisfy(event -> assertThat(event.detail()).containsPattern(" SIGN(-SAS)? "));
        if (boards.virtual()) {
            String secret = BoardCredential.secretOf(boards.identity(name));
            List<String> line = new ArrayList<>(board.board().console().tail(200));
            board.log().events(RigEvent.Kind.CONSOLE_SENT).forEach(event -> line.add(event.detail()));
            assertThat(line).as("what crossed the serial line of board '%s'", name).noneSatisfy(text -> assertThat(text).contains(secret));
        }
    }

    @Given("board {string} reboots once right after it prints {string}")
    public void rebootsAfter(String name, String line) {
        virtual(name).faults().rebootAfter(Pattern.compile(Pattern.quote(line)));
    }

    @Then("the console of board {string} showed its boot banner {int} time(s)")
    public void bootedTimes(String name, int times) {
        BoardUnderTest board = boards.board(name);
        Pattern banner = board.board().profile().patterns().boot().orElseThrow();
        assertThat(board.board().console().tail(200).stream().filter(line -> banner.matcher(line).find()).count())
                .as("boot banners /%s/ on the console of board '%s'; its log:%n%s", banner, name, board.log().render())
                .isEqualTo(times);
    }

    /** Noise ahead of a reply either garbles it or hides it (the line no longer starts as a reply does). */
    @Then("the rig asked board {string} again after a reply it could not read")
    public void askedAgain(String name) {
        BoardUnderTest board = boards.board(name);
        assertThat(board.log().events(RigEvent.Kind.TETHERED_REPLY))
                .as("a reply of board '%s' the rig could not read; its log:%n%s", name, board.log().render())
                .anySatisfy(event -> assertThat(event.detail()).matches("(garbled|none to seq).*"));
        assertThat(board.log().events(RigEvent.Kind.TETHERED_REQUEST))
                .as("a request the rig sent board '%s' again", name)
                .anySatisfy(event -> assertThat(event.detail()).endsWith("(attempt 2)"));
    }

    @When("board {string} prints {int} bytes of line noise")
    public void lineNoise(String name, int count) {
        assertThat(virtual(name).faults().garbage(count)).as("board '%s' is powered", name).isTrue();
    }

    @Then("board {string} is {boardState}")
    public void state(String name, BoardState state) {
        assertThat(boards.board(name).strategy().state()).as(boards.board(name).log().render()).isEqualTo(state);
    }

    /** Every board's log goes into the report; a failed transition's evidence is in it. */
    @After
    public void attachLogs(Scenario scenario) {
        boards.boards().forEach((name, board) -> {
            scenario.attach("bench: " + boards.benchDescription() + "\n" + board.log().render(), "text/plain", "rig log of board " + name);
            scenario.attach(String.join("\n", board.board().console().tail(200)), "text/plain", "console of board " + name);
        });
    }

    /** Faults on demand exist only on a virtual board; such scenarios are tagged {@value Bench#VIRTUAL_BOARD_TAG}. */
    private VirtualBoard virtual(String name) {
        return boards.board(name).virtual().orElseThrow(() -> new AssertionError("board '" + name
                + "' is a real board on the rig; faults on demand need a virtual one (tag the scenario " + Bench.VIRTUAL_BOARD_TAG + ")"));
    }
}
