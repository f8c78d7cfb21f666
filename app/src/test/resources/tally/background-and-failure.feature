Feature: A background and a failure, to count steps by

  Background:
    Given an individual enrollment "tally-device" with symmetric keys

  Scenario: Passes
    When device "tally-device" registers with its enrollment key
    Then device "tally-device" is assigned

  Scenario: Fails at its second step
    When device "tally-device" registers with a key of its own making
    Then device "tally-device" is assigned
    And device "tally-device" went through "assigning, assigned"
