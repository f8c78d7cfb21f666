@reprovisioning @symmetric-key @simulator-only
Feature: Reprovisioning after the enrollment moves hub
  An assigned device registers again after its enrollment was moved to another hub; the reprovision
  policy decides whether it moves, and the substatus says what became of its data.

  Background:
    Given the simulated hubs "hub-one, hub-two"
    And an individual enrollment "mover" with symmetric keys, allocated static to hub "hub-one"

  Scenario Outline: updateHubAssignment <update>, migrateDeviceData <migrate>
    Given the reprovision policy of "mover" is updateHubAssignment <update>, migrateDeviceData <migrate>
    When device "mover" registers with its enrollment key
    Then device "mover" is assigned to hub "hub-one" with substatus "initialAssignment"
    When the enrollment "mover" moves to hub "hub-two"
    And device "mover" registers again
    Then device "mover" is assigned to hub "<hub>" with substatus "<substatus>"
    And the simulator agrees that device "mover" went through "assigning, assigned, assigning, assigned"
    When device "mover" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "mover"

    Examples:
      | update | migrate | hub     | substatus          |
      | true   | true    | hub-two | deviceDataMigrated |
      | true   | false   | hub-two | deviceDataReset    |
      | false  | true    | hub-one | initialAssignment  |

  Scenario: Back to the first hub
    When device "mover" registers with its enrollment key
    And the enrollment "mover" moves to hub "hub-two"
    And device "mover" registers again
    Then device "mover" is assigned to hub "hub-two" with substatus "deviceDataMigrated"
    When the enrollment "mover" moves to hub "hub-one"
    And device "mover" registers again
    Then device "mover" is assigned to hub "hub-one" with substatus "reprovisionedToInitialAssignment"
