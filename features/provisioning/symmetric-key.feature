@provisioning @symmetric-key
Feature: Symmetric-key provisioning
  A device proves who it is with a SAS token signed with its key: the key of an individual
  enrollment (walkthrough 002), or a key derived from a group key and its registration id.

  @simulator-only
  Scenario: An individually enrolled device is assigned and its telemetry arrives
    Given an individual enrollment "my-symkey-device" with symmetric keys
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned with substatus "initialAssignment"
    And device "my-symkey-device" went through "assigning, assigned"
    When device "my-symkey-device" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "my-symkey-device"

  Scenario: Devices of a group each derive their own key and get their own device id
    Given an enrollment group "sensors" with symmetric keys
    When 25 devices named "sensor-%03d" register with keys derived from group "sensors"
    Then all 25 devices named "sensor-%03d" are assigned, each as its own device id

  Scenario: A preset device id is the one the hub knows
    Given an individual enrollment "factory-serial-0042" with symmetric keys and device id "boiler-room-thermostat"
    When device "factory-serial-0042" registers with its enrollment key
    Then device "factory-serial-0042" is assigned as device id "boiler-room-thermostat"

  Scenario: A disabled enrollment ends disabled
    Given a disabled individual enrollment "retired-device" with symmetric keys
    When device "retired-device" registers with its enrollment key
    Then the registration of "retired-device" ends disabled
    And device "retired-device" went through "assigning, disabled"

  Scenario: A disabled group disables its devices
    Given a disabled enrollment group "old-fleet" with symmetric keys
    When device "old-fleet-1" registers with a key derived from group "old-fleet"
    Then the registration of "old-fleet-1" ends disabled
