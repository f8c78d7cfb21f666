# @https-only: every scenario sends a raw HTTP request to the hub; the hub's MQTT CONNECT refusals are in mqtt.feature.
@protocol @negative @telemetry @simulator-only @https-only
Feature: Telemetry the hub refuses
  A device sends telemetry to the hub DPS assigned it, with a token for that hub and device. The hub
  refuses anything else with an IoT Hub error body: 401 for a token it cannot accept or a device it
  does not hold, 404 for a device that is disabled.

  Background:
    Given the simulator runs the IoT hubs "hub-east" and "hub-west"
    And an individual enrollment "my-symkey-device" with symmetric keys
    When device "my-symkey-device" registers with its enrollment key
    Then device "my-symkey-device" is assigned

  Scenario: A valid token on the assigned hub is accepted
    When device "my-symkey-device" sends a raw request to its hub:
      | method        | POST                                                   |
      | path          | /devices/{deviceId}/messages/events?api-version=2020-03-13 |
      | content type  | application/json                                       |
      | body          | {"temperature": 30}                                    |
      | authorization | valid token                                            |
    Then the raw response has status 204

  Scenario: Telemetry sent to a hub the device is not assigned to
    When device "my-symkey-device" sends a raw request to a hub it is not assigned to:
      | method        | POST                                                   |
      | path          | /devices/{deviceId}/messages/events?api-version=2020-03-13 |
      | content type  | application/json                                       |
      | body          | {"temperature": 30}                                    |
      | authorization | valid token                                            |
    Then the raw response is an IoT Hub error 401003 "IotHubUnauthorized" saying "does not contain the specified device"

  Scenario: The DPS token used on the hub
    When device "my-symkey-device" sends a raw request to its hub:
      | method        | POST                                                   |
      | path          | /devices/{deviceId}/messages/events?api-version=2020-03-13 |
      | content type  | application/json                                       |
      | body          | {"temperature": 30}                                    |
      | authorization | DPS token                                              |
    Then the raw response is an IoT Hub error 401002 "IotHubUnauthorizedAccess" saying "registrations"

  Scenario: An expired hub token
    When device "my-symkey-device" sends a raw request to its hub:
      | method        | POST                                                   |
      | path          | /devices/{deviceId}/messages/events?api-version=2020-03-13 |
      | content type  | application/json                                       |
      | body          | {"temperature": 30}                                    |
      | authorization | expired token                                          |
    Then the raw response is an IoT Hub error 401002 "IotHubUnauthorizedAccess" saying "expired"

  Scenario: A device disabled on the hub
    Given device "my-symkey-device" is disabled on its hub
    When device "my-symkey-device" sends a raw request to its hub:
      | method        | POST                                                   |
      | path          | /devices/{deviceId}/messages/events?api-version=2020-03-13 |
      | content type  | application/json                                       |
      | body          | {"temperature": 30}                                    |
      | authorization | valid token                                            |
    Then the raw response is an IoT Hub error 404001 "DeviceNotFound" saying "disabled"
