@telemetry
Feature: Telemetry and cloud-to-device messages on the assigned hub

  Background:
    Given an individual enrollment "my-symkey-device" with symmetric keys
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned

  @simulator-only
  Scenario: A message with an application property arrives with it
    When device "my-symkey-device" sends "{\"temperature\": 30}" with property "alert" = "true"
    Then the hub acknowledged the telemetry of device "my-symkey-device"
    And the message from device "my-symkey-device" carries property "alert" = "true"

  @simulator-only
  Scenario: A batch arrives as separate messages
    When device "my-symkey-device" sends 5 messages in one batch
    Then the hub receives 5 messages from device "my-symkey-device"

  Scenario: An oversized message is refused
    When device "my-symkey-device" sends a message of 300 KB
    Then the telemetry of device "my-symkey-device" is refused with 413 "MessageTooLarge"

  @simulator-only
  Scenario: A cloud-to-device message is received and completed
    When the hub sends "reboot" to device "my-symkey-device"
    Then device "my-symkey-device" receives "reboot" and completes it
