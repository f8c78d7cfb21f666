# @mqtt-only: these scenarios speak MQTT packet by packet with their own client, whatever the run's transport; they run
# in the mqtt run only.
@protocol @mqtt @mqtt-only @symmetric-key
Feature: DPS and IoT Hub over MQTT, packet by packet
  Devices reach DPS and their hub over MQTT 3.1.1 on TLS (port 8883): the client id is the registration
  or device id, the user name names the ID scope or the hub, the password is a SAS token. DPS refuses
  the CONNECT only for what no register could get past (return code 4 for a password that is no SAS
  token); whether the token proves the enrollment is decided when the device registers, answered 401
  on the answer topic, and the device is never assigned. The hub checks the token at the CONNECT
  (return code 5), keeps one connection per device, and closes a connection that publishes where, or
  with a QoS, it does not serve. Both grant a QoS 2 subscription QoS 1.

  Background:
    Given an individual enrollment "mqtt-device" with symmetric keys

  Scenario: A register, then status requests until assigned, answered 202 and then 200
    When device "mqtt-device" connects to DPS over MQTT with a valid token
    Then the CONNECT of "mqtt-device" is accepted
    When device "mqtt-device" subscribes over MQTT to "$dps/registrations/res/#" at QoS 1
    Then the subscription of "mqtt-device" is granted QoS 1
    When device "mqtt-device" registers over MQTT
    Then the MQTT answer to "mqtt-device" has status 202 and a retry-after
    And the MQTT answer to "mqtt-device" says the registration is assigning
    When device "mqtt-device" polls over MQTT until its registration is no longer assigning
    Then the MQTT answer to "mqtt-device" has status 200
    And the MQTT answer to "mqtt-device" says the registration is assigned
    And the MQTT answers to "mqtt-device" went from status 202 to 200
    And the MQTT connection of "mqtt-device" is open

  Scenario: A token signed with a key nobody enrolled connects, but its register is answered 401
    When device "mqtt-device" connects to DPS over MQTT with a token signed with a key of its own making
    Then the CONNECT of "mqtt-device" is accepted
    When device "mqtt-device" subscribes over MQTT to "$dps/registrations/res/#" at QoS 1
    And device "mqtt-device" registers over MQTT
    Then the MQTT answer to "mqtt-device" is a DPS error of status 401
    And the target recorded no registration for "mqtt-device"

  Scenario: An expired token connects, but its register is answered 401
    When device "mqtt-device" connects to DPS over MQTT with an expired token
    Then the CONNECT of "mqtt-device" is accepted
    When device "mqtt-device" subscribes over MQTT to "$dps/registrations/res/#" at QoS 1
    And device "mqtt-device" registers over MQTT
    Then the MQTT answer to "mqtt-device" is a DPS error of status 401
    And the target recorded no registration for "mqtt-device"

  Scenario: A password that is no SAS token is refused at the CONNECT with return code 4
    When device "mqtt-device" connects to DPS over MQTT with the password "not a token"
    Then the CONNECT of "mqtt-device" is refused with return code 4
    And the target recorded no registration for "mqtt-device"

  Scenario: A valid token of one device, presented as another registration, is answered 401
    Given an individual enrollment "other-device" with symmetric keys
    When device "other-device" connects to DPS over MQTT as registration "mqtt-device" with a valid token
    Then the CONNECT of "other-device" is accepted
    When device "other-device" subscribes over MQTT to "$dps/registrations/res/#" at QoS 1
    And device "other-device" registers over MQTT
    Then the MQTT answer to "other-device" is a DPS error of status 401
    And the target recorded no registration for "mqtt-device"
    And the target recorded no registration for "other-device"

  Scenario: A QoS 2 subscription to DPS's answers is granted QoS 1, and the answers come on it
    When device "mqtt-device" connects to DPS over MQTT with a valid token
    And device "mqtt-device" subscribes over MQTT to "$dps/registrations/res/#" at QoS 2
    Then the subscription of "mqtt-device" is granted QoS 1
    When device "mqtt-device" registers over MQTT
    Then the MQTT answer to "mqtt-device" has status 202 and a retry-after

  Scenario: A PUBLISH to a topic DPS does not serve closes the connection
    When device "mqtt-device" connects to DPS over MQTT with a valid token
    And device "mqtt-device" subscribes over MQTT to "$dps/registrations/res/#" at QoS 1
    And device "mqtt-device" publishes "{}" over MQTT to "$dps/registrations/POST/iotdps-unknown/?$rid=1"
    Then the last MQTT publish of "mqtt-device" was not acknowledged
    And the MQTT connection of "mqtt-device" is closed
    And the target recorded no registration for "mqtt-device"

  Scenario: The hub refuses a token signed with a key nobody enrolled at the CONNECT with return code 5
    When device "mqtt-device" registers with its enrollment key
    Then device "mqtt-device" is assigned
    When device "mqtt-device" connects to its hub over MQTT with a token signed with a key of its own making
    Then the CONNECT of "mqtt-device" is refused with return code 5

  Scenario: The hub closes the connection of a QoS 2 telemetry PUBLISH, which it does not serve
    When device "mqtt-device" registers with its enrollment key
    Then device "mqtt-device" is assigned
    When device "mqtt-device" connects to its hub over MQTT with a valid token
    Then the CONNECT of "mqtt-device" is accepted
    When device "mqtt-device" sends "twenty-one degrees" to its hub over MQTT at QoS 2
    Then the last MQTT publish of "mqtt-device" was not acknowledged
    And the MQTT connection of "mqtt-device" is closed

  @simulator-only
  Scenario: A second hub connection of the same device drops the first, and the second sends telemetry
    When device "mqtt-device" registers with its enrollment key
    Then device "mqtt-device" is assigned
    When device "mqtt-device" connects to its hub over MQTT with a valid token
    And device "mqtt-device" connects to its hub over MQTT with a valid token
    Then the first MQTT connection of "mqtt-device" is closed
    And the MQTT connection of "mqtt-device" is open
    When device "mqtt-device" sends "still here" to its hub over MQTT at QoS 1
    Then the last MQTT publish of "mqtt-device" was acknowledged
    And the hub receives "still here" from device "mqtt-device"
    And the MQTT connection of "mqtt-device" is open

  @simulator-only
  Scenario: A throttle fault on the register over MQTT is answered 429 with retry-after in the topic
    Given the fault rule
      | endpoint   | register    |
      | device     | mqtt-device |
      | transport  | mqtt        |
      | kind       | throttle    |
      | retryAfter | 4           |
      | times      | 1           |
    When device "mqtt-device" connects to DPS over MQTT with a valid token
    And device "mqtt-device" subscribes over MQTT to "$dps/registrations/res/#" at QoS 1
    And device "mqtt-device" registers over MQTT
    Then the MQTT answer to "mqtt-device" has status 429 and retry-after 4
    And the MQTT answer to "mqtt-device" is a DPS error 429001
    And device "mqtt-device" met a "throttle" fault on "register"
    When device "mqtt-device" registers over MQTT
    Then the MQTT answer to "mqtt-device" has status 202 and a retry-after
