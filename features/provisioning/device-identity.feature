@provisioning @symmetric-key @simulator-only
Feature: The device identity DPS creates on the hub
  DPS creates (or updates) the device in the assigned hub's registry: under the enrollment's preset
  device id when it has one, else under the registration id, with the IoT Edge capability the
  enrollment sets.

  Scenario: Without a preset device id the hub knows the device by its registration id
    Given an individual enrollment "my-symkey-device" with symmetric keys
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned as device id "my-symkey-device"
    And the assigned hub knows device "my-symkey-device" as device id "my-symkey-device"
    And the assigned hub knows device "my-symkey-device" as a device without IoT Edge

  Scenario: A preset device id is the hub's device id, and telemetry goes under it
    Given an individual enrollment "factory-serial-0042" with symmetric keys and device id "boiler-room-thermostat"
    When device "factory-serial-0042" registers with its enrollment key
    Then device "factory-serial-0042" is assigned as device id "boiler-room-thermostat"
    And the assigned hub knows device "factory-serial-0042" as device id "boiler-room-thermostat"
    When device "factory-serial-0042" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "factory-serial-0042"

  Scenario: The IoT Edge capability is carried to the hub device
    Given an individual enrollment "edge-gateway-01" with symmetric keys for an IoT Edge device
    When device "edge-gateway-01" registers with its enrollment key
    Then device "edge-gateway-01" is assigned with substatus "initialAssignment"
    And the assigned hub knows device "edge-gateway-01" as an IoT Edge device
