@negative @symmetric-key
Feature: Which enrollment decides, and disabled enrollments
  DPS looks for an individual enrollment first: when one exists for the registration id it decides,
  whatever the groups say. A disabled enrollment or group ends the registration disabled.

  @simulator-only
  Scenario: A disabled group's device ends disabled
    Given a disabled enrollment group "old-fleet" with symmetric keys
    When device "old-fleet-1" registers with a key derived from group "old-fleet"
    Then the registration of "old-fleet-1" ends disabled
    And the simulator agrees that device "old-fleet-1" went through "assigning, disabled"

  @simulator-only
  Scenario: An individual enrollment wins over an enabled group
    Given an enrollment group "sensors" with symmetric keys
    And an individual enrollment "sensor-7" with symmetric keys
    When device "sensor-7" registers with its enrollment key
    Then device "sensor-7" is assigned with substatus "initialAssignment"
    And the simulator records "sensor-7" as enrolled individually

  Scenario: Once a device has its own enrollment, the group's derived key no longer admits it
    Given an enrollment group "sensors" with symmetric keys
    And an individual enrollment "sensor-7" with symmetric keys
    When device "sensor-7" registers with a key derived from group "sensors"
    Then the registration of "sensor-7" is refused with status 401

  @simulator-only
  Scenario: A disabled individual enrollment is not rescued by an enabled group
    Given an enrollment group "sensors" with symmetric keys
    And a disabled individual enrollment "sensor-7" with symmetric keys
    When device "sensor-7" registers with its enrollment key
    Then the registration of "sensor-7" ends disabled
    And the simulator agrees that device "sensor-7" went through "assigning, disabled"

  @simulator-only
  Scenario: An individual enrollment wins over a disabled group
    Given a disabled enrollment group "sensors" with symmetric keys
    And an individual enrollment "sensor-7" with symmetric keys
    When device "sensor-7" registers with its enrollment key
    Then device "sensor-7" is assigned
    And the simulator records "sensor-7" as enrolled individually
