@allocation @symmetric-key @simulator-only
Feature: Allocation across several hubs
  DPS picks a hub for each device by the enrollment's allocation policy: evenly weighted hashing,
  a static hub, the lowest latency, or a custom webhook that may also return an initial twin and a
  payload for the device.

  Scenario: Hashed allocation spreads a group's devices evenly over its hubs
    Given the simulated hubs "hub-north, hub-south, hub-west"
    And an enrollment group "spread" with symmetric keys, allocated hashed over hubs "hub-north, hub-south, hub-west"
    When 300 devices named "spread-%03d" register with keys derived from group "spread"
    Then of the 300 devices named "spread-%03d", the hubs hold
      | hub       | at least | at most |
      | hub-north | 75       | 125     |
      | hub-south | 75       | 125     |
      | hub-west  | 75       | 125     |

  Scenario: Hashed allocation honours hub weights
    Given the simulated hubs
      | hub       | weight |
      | hub-big   | 3      |
      | hub-small | 1      |
    And an enrollment group "weighted" with symmetric keys, allocated hashed over hubs "hub-big, hub-small"
    When 200 devices named "weighted-%03d" register with keys derived from group "weighted"
    Then of the 200 devices named "weighted-%03d", the hubs hold
      | hub       | at least | at most |
      | hub-big   | 130      | 170     |
      | hub-small | 30       | 70      |

  Scenario: Static allocation sends the device to the one hub its enrollment names
    Given the simulated hubs "hub-one, hub-two, hub-three"
    And an individual enrollment "pinned-device" with symmetric keys, allocated static to hub "hub-two"
    When device "pinned-device" registers with its enrollment key
    Then device "pinned-device" is assigned to hub "hub-two" with substatus "initialAssignment"
    When device "pinned-device" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "pinned-device"

  Scenario: Lowest-latency allocation picks the nearest hub
    Given the simulated hubs
      | hub        | latency |
      | hub-far    | 120ms   |
      | hub-near   | 5ms     |
      | hub-middle | 40ms    |
    And an individual enrollment "nearby-device" with symmetric keys, allocated lowest latency over hubs "hub-far, hub-near, hub-middle"
    When device "nearby-device" registers with its enrollment key
    Then device "nearby-device" is assigned to hub "hub-near" with substatus "initialAssignment"

  Scenario: A custom allocation webhook chooses the hub and returns a payload and an initial twin
    Given the simulated hubs "hub-one, hub-two"
    And a custom allocation webhook that sends devices to hub "hub-two" with
      | payload     | {"firmwareChannel": "beta", "telemetryIntervalSeconds": 10}          |
      | initialTwin | {"tags": {"site": "plant-7"}, "properties": {"desired": {"fan": 2}}} |
    And an individual enrollment "custom-device" with symmetric keys, allocated by that webhook
    When device "custom-device" registers with its enrollment key and payload "{\"modelId\": \"thermostat-v2\"}"
    Then device "custom-device" is assigned to hub "hub-two" with substatus "initialAssignment"
    And the webhook was asked to allocate "custom-device" with payload "{\"modelId\": \"thermostat-v2\"}"
    And device "custom-device" got back the payload "{\"firmwareChannel\": \"beta\", \"telemetryIntervalSeconds\": 10}"
    And the assigned hub holds the initial twin "{\"tags\": {\"site\": \"plant-7\"}, \"properties\": {\"desired\": {\"fan\": 2}}}" for device "custom-device"
    When device "custom-device" sends "{\"temperature\": 30}"
    Then the hub receives "{\"temperature\": 30}" from device "custom-device"
