@board @console
Feature: A board that provisions itself, watched over its console
  The rig switches the board's power over GPIO and reads its console over serial; the board's own
  firmware registers with DPS. Without a rig file each board is the virtual board on a real
  pseudo-terminal, its power relay a Pi4J mock output; with `dpsrig test --rig FILE`, the board of
  that name on the rig.

  Scenario: A power-cycled board boots, provisions itself and DPS assigns it
    Given board "bench-1" runs its own provisioning firmware
    And board "bench-1" is enrolled
    When board "bench-1" is power-cycled
    Then the console of board "bench-1" showed its boot banner 1 time
    And the console of board "bench-1" shows it was assigned
    And board "bench-1" is provisioned
    And DPS shows the registration of board "bench-1" assigned

  Scenario: A board nobody enrolled says so on its console and is latched broken
    Given board "bench-1" runs its own provisioning firmware
    When board "bench-1" is power-cycled
    Then board "bench-1" fails to provision, its console saying "dps: failed refused"
    And board "bench-1" is broken
    When board "bench-1" is enrolled
    And board "bench-1" is power-cycled
    Then the console of board "bench-1" shows it was assigned

  @robustness @virtual-board
  Scenario: A board that reboots in the middle of registering provisions after the reboot
    Given board "bench-1" runs its own provisioning firmware
    And board "bench-1" is enrolled
    And board "bench-1" reboots once right after it prints "dps: status assigning"
    When board "bench-1" is power-cycled
    Then the console of board "bench-1" shows it was assigned
    And the console of board "bench-1" showed its boot banner 2 times
    And DPS shows the registration of board "bench-1" assigned

  @simulator-only
  Scenario: A board and a thousand virtual devices against the same simulator
    Given board "bench-1" runs its own provisioning firmware
    And board "bench-1" is enrolled
    And an enrollment group "fleet" with symmetric keys
    When board "bench-1" is power-cycled
    And 1000 devices named "fleet-dev-%04d" register with keys derived from group "fleet"
    Then the console of board "bench-1" shows it was assigned
    And all 1000 devices named "fleet-dev-%04d" are assigned, each as its own device id
    And DPS shows the registration of board "bench-1" assigned

  @robustness @simulator-only @virtual-board
  Scenario: Power cut while the board polls, with a DPS fault at the same moment; the board recovers
    Given board "bench-1" runs its own provisioning firmware
    And board "bench-1" is enrolled
    And the fault rule
      | endpoint | register       |
      | device   | bench-1        |
      | kind     | keep-assigning |
      | polls    | 100            |
      | times    | 1              |
    When board "bench-1" is power-cycled
    And the console of board "bench-1" shows it is polling
    And the power of board "bench-1" is cut and DPS answers its next register with 503
    And board "bench-1" is power-cycled
    Then the console of board "bench-1" showed its boot banner 2 times
    And the console of board "bench-1" shows it was assigned
    And device "bench-1" met a "server-error" fault on "register"
    And DPS shows the registration of board "bench-1" assigned
